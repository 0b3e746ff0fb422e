/**
 * The lines a sweep's or comparison's table ends with (and its HTML page shows): the cheapest run where every
 * assertion holds, with a backtest the run closest to the recorded replicas, and the trade-off between cost and
 * risk (sweep-trade-offs.ts).
 */
import type { AssertionOutcome } from "../results/assertions.js";
import type { SweepReport } from "./sweep-report.js";
import { costFigure, type TradeOffFigure, tradeOff } from "./sweep-trade-offs.js";
import { fmtNumber } from "./timeline-csv.js";

/** A share (0..1) as a percentage with at most two decimals. */
export const percent = (x: number) => `${fmtNumber(Math.round(x * 10000) / 100)}%`;
/** Some run has assertions. */
export const hasAssertions = (r: SweepReport) => r.runs.some((x) => x.assertions.length > 0);
/** How many of the outcomes failed. */
export const failed = (a: readonly AssertionOutcome[]) => a.filter((o) => !o.holds).length;

/**
 * Short column names for the varied paths: the fewest trailing path segments that tell them apart
 * (`hpa.spec.behavior.scaleDown.stabilizationWindowSeconds` -> `stabilizationWindowSeconds`, but
 * `scaleUp.stabilizationWindowSeconds` and `scaleDown.stabilizationWindowSeconds` when both are varied).
 */
export function shortNames(names: readonly string[]): string[] {
  const parts = names.map((n) => n.split("."));
  return parts.map((p, i) => {
    for (let k = 1; k <= p.length; k++) {
      const tail = p.slice(-k).join(".");
      if (parts.every((q, j) => j === i || q.slice(-k).join(".") !== tail)) return tail;
    }
    return names[i] as string;
  });
}

/**
 * The cheapest run among those whose assertions all hold (every run without assertions): the lowest node cost with
 * a cluster model, else the fewest replica-hours; the first in order on a tie. Null for fewer than two runs or
 * when none holds.
 */
export function cheapestRun(
  report: SweepReport,
): { readonly index: number; readonly figure: "cost" | "replicaHours"; readonly value: number } | null {
  if (report.runs.length < 2) return null;
  const cost = costFigure(report.runs);
  const figure = cost.column;
  let best: { index: number; figure: "cost" | "replicaHours"; value: number } | null = null;
  report.runs.forEach((r, index) => {
    if (failed(r.assertions) > 0) return;
    const value = cost.of(r.summary);
    if (Number.isFinite(value) && (best === null || value < best.value)) best = { index, figure, value };
  });
  return best;
}

/** A run as the table's lines name it: `name=value, ...` by {@link shortNames}, or compare's configuration name. */
export function runName(report: SweepReport, run: SweepReport["runs"][number]): string {
  const names = shortNames(report.names);
  return run.values
    .map((v, i) =>
      names.length === 1 && names[0] === "configuration" ? String(v) : `${names[i]}=${String(v)}`,
    )
    .join(", ");
}

/** A figure of the trade-off as its lines show it: `956.3 replica-hours`, `cost 12.5`, `40.93% of the time above the cpu target`. */
export function figureText(f: TradeOffFigure, x: number): string {
  if (f.column === "replicaHours") return `${fmtNumber(Math.round(x * 100) / 100)} replica-hours`;
  if (f.column === "cost") return `cost ${fmtNumber(Math.round(x * 100) / 100)}`;
  if (f.column === "unservedShare") return `${percent(x)} of the demand unserved`;
  return `${percent(x)} of the ${f.label}`;
}

/**
 * The trade-off's lines (sweep-trade-offs.ts): a heading naming both figures, then one line per run of the front,
 * cheapest first; none without a front.
 */
export function tradeOffLines(report: SweepReport): string[] {
  const t = tradeOff(report.runs);
  if (t === null) return [];
  const noun = report.noun ?? "combinations";
  const where = hasAssertions(report) ? ", where every assertion holds" : "";
  const lines = [
    `Trade-off between ${t.cost.label} and ${t.risk.label}${where} (no other ${noun.replace(/s$/, "")} has less of both):`,
  ];
  for (const i of t.front) {
    const run = report.runs[i];
    if (run === undefined) continue;
    const s = run.summary;
    lines.push(
      `  ${runName(report, run)}: ${figureText(t.cost, t.cost.of(s))}, ${figureText(t.risk, t.risk.of(s))}`,
    );
  }
  return lines;
}

/**
 * With a backtest in two runs or more: the run with the lowest mean |error| against the recorded replicas (the
 * first on a tie), whatever its assertions, as `Closest to the recorded replicas: ... (mean |error| 0.42, bias
 * -0.1 replicas)`; else "".
 */
export function closestLine(report: SweepReport): string {
  let best: SweepReport["runs"][number] | undefined;
  let n = 0;
  for (const r of report.runs) {
    const e = r.summary.backtest?.meanAbsoluteError;
    if (e === undefined) continue;
    n++;
    if (best === undefined || e < (best.summary.backtest?.meanAbsoluteError ?? Number.POSITIVE_INFINITY))
      best = r;
  }
  const b = best?.summary.backtest;
  if (best === undefined || b === undefined || n < 2) return "";
  const two = (x: number) => fmtNumber(Math.round(x * 100) / 100);
  return `Closest to the recorded replicas: ${runName(report, best)} (mean |error| ${two(b.meanAbsoluteError)}, bias ${b.bias > 0 ? "+" : ""}${two(b.bias)} replicas)`;
}

/** {@link cheapestRun} as the table's line (`Fewest replica-hours where every assertion holds: ...`), or "". */
export function cheapestLine(report: SweepReport): string {
  const best = cheapestRun(report);
  const run = best === null ? undefined : report.runs[best.index];
  if (best === null || run === undefined) return "";
  const which = runName(report, run);
  const what = best.figure === "cost" ? "Lowest node cost" : "Fewest replica-hours";
  const where = hasAssertions(report) ? " where every assertion holds" : "";
  const amount =
    best.figure === "cost"
      ? `cost ${fmtNumber(Math.round(best.value * 100) / 100)}`
      : `${fmtNumber(Math.round(best.value * 100) / 100)} replica-hours`;
  return `${what}${where}: ${which} (${amount})`;
}
