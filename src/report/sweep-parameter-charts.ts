/**
 * The sweep HTML report's sensitivity charts: each figure a capacity planner weighs (cost, unserved load, time above
 * the first metric's target, flaps, peak replicas) against the first varied field, one line per combination of the
 * other fields. Drawn only when the first field's values are numbers, at least two of them distinct.
 */
import { SERIES_COLORS } from "./compare-charts.js";
import { renderLinesSvg, type XySeries } from "./svg-xy-lines.js";
import { figureText, runName, type SweepReport, shortNames } from "./sweep-report.js";
import { costFigure, type TradeOffFigure } from "./sweep-trade-offs.js";

/** A figure of the charts: a trade-off figure (sweep-trade-offs.ts) and whether it is a share. */
interface Figure extends TradeOffFigure {
  readonly share: boolean;
}

/** The figures charted for this sweep: cost; unserved load when any; the first metric's time above target; flaps; peak replicas. */
function figures(report: SweepReport): Figure[] {
  const out: Figure[] = [{ ...costFigure(report.runs), share: false }];
  if (report.runs.some((r) => r.summary.unservedShare > 0))
    out.push({ column: "unservedShare", label: "unserved load", of: (s) => s.unservedShare, share: true });
  const key = report.runs[0]?.summary.metrics[0]?.key;
  if (key !== undefined) {
    out.push({
      column: `${key}.shareAboveTarget`,
      label: `time above the ${key} target`,
      of: (s) => s.metrics.find((m) => m.key === key)?.shareAboveTarget ?? Number.NaN,
      share: true,
    });
  }
  out.push(
    { column: "flaps", label: "flaps", of: (s) => s.flaps, share: false },
    { column: "peakReplicas", label: "peak replicas", of: (s) => s.peakReplicas, share: false },
  );
  return out;
}

/** One `<figure>` per figure (markup), or "" when the first field is not numeric or takes one value. */
export function parameterCharts(report: SweepReport): string {
  const xs = report.runs.map((r) => r.values[0]);
  if (!xs.every((v): v is number => typeof v === "number") || new Set(xs).size < 2) return "";
  const names = shortNames(report.names);
  const groups = new Map<string, number[]>();
  report.runs.forEach((r, i) => {
    const key = r.values
      .slice(1)
      .map((v, k) => `${names[k + 1]}=${String(v)}`)
      .join(", ");
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return figures(report)
    .map((f) => {
      const series: XySeries[] = [...groups].map(([key, runs], k) => ({
        name: key === "" ? f.label : key,
        color: SERIES_COLORS[k % SERIES_COLORS.length] as string,
        points: runs.map((i) => {
          const run = report.runs[i] as SweepReport["runs"][number];
          const y = f.of(run.summary);
          const text =
            f.share || f.column === "replicaHours" || f.column === "cost"
              ? figureText(f, y)
              : `${f.label} ${y}`;
          return { x: xs[i] as number, y, title: `#${i + 1} ${runName(report, run)}: ${text}` };
        }),
      }));
      const title = `${f.label} against ${names[0]}`;
      return `<figure>${renderLinesSvg(series, { title, xLabel: names[0] ?? "", yLabel: f.label, yShare: f.share }, { height: 280 })}</figure>`;
    })
    .join("\n");
}
