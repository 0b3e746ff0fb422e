/**
 * `compare`'s charts: the configurations' timelines drawn on one chart per figure, one series per configuration
 * (ready replicas; unserved load when a configuration left some; with a cluster model nodes; each HPA metric
 * every configuration has, with its target), so
 * where two HPA configurations part is seen at a glance. Each chart is drawn by line-chart.ts on the first
 * configuration's row times; another configuration's rows are read as the step function they are (the value
 * recorded at or before each time), so configurations recorded at other times still line up.
 */
import asciichart from "asciichart";
import type { RunResult, TimelineRow } from "../results/types.js";
import { chartTime } from "./charts-text.js";
import {
  type ChartOptions,
  type ChartSeries,
  type ChartSpec,
  type ChartTime,
  renderLineChart,
} from "./line-chart.js";
import { formatValue } from "./text-format.js";

/** One configuration: its name in the legends (`as given`, a file) and its replay. */
export interface ComparedRun {
  readonly name: string;
  readonly result: Pick<RunResult, "timeline" | "metrics" | "summary">;
}

/** Series colors, one per configuration in order (cycled). */
export const SERIES_COLORS = [
  asciichart.blue,
  asciichart.red,
  asciichart.green,
  asciichart.yellow,
  asciichart.magenta,
  asciichart.cyan,
  asciichart.lightblue,
  asciichart.lightred,
];
/** The recorded replicas' series (a backtest): gray, apart from the configurations' colors. */
const RECORDED = asciichart.darkgray;

/** `rows`' value of `pick` in effect at each of `times` (the last row at or before; the first before it). */
export function alignedValues(
  rows: readonly TimelineRow[],
  times: readonly number[],
  pick: (r: TimelineRow) => number | null | undefined,
): (number | null | undefined)[] {
  const out: (number | null | undefined)[] = [];
  let i = 0;
  for (const t of times) {
    while (i + 1 < rows.length && (rows[i + 1] as TimelineRow).t <= t) i++;
    const row = rows[i];
    out.push(row === undefined ? null : pick(row));
  }
  return out;
}

/** The charts {@link renderCompareCharts} draws, on the row times `times`. */
export function compareChartSpecs(
  runs: readonly ComparedRun[],
  times: readonly number[],
  demandUnit = "",
): ChartSpec[] {
  const series = (pick: (r: TimelineRow) => number | null | undefined): ChartSeries[] =>
    runs.map((run, k) => ({
      name: run.name,
      values: alignedValues(run.result.timeline, times, pick),
      color: SERIES_COLORS[k % SERIES_COLORS.length] as string,
    }));
  const specs: ChartSpec[] = [
    {
      title: "Ready replicas per configuration",
      unit: "pods",
      aggregate: "max",
      integer: true,
      series: series((r) => r.readyReplicas),
    },
  ];
  // with a backtest: each configuration's compared column (spec.replicas by default) against the recorded counts
  const recorded = runs[0]?.result.timeline;
  const column = runs[0]?.result.summary.backtest?.compared ?? "replicas";
  if (recorded?.some((r) => r.recordedReplicas !== undefined) === true) {
    specs.push({
      title: `${column === "replicas" ? "Replicas" : column} per configuration vs recorded`,
      unit: "pods",
      aggregate: "max",
      integer: true,
      series: [
        ...series((r) => r[column]),
        {
          name: "recorded",
          values: alignedValues(recorded, times, (r) => r.recordedReplicas),
          color: RECORDED,
        },
      ],
    });
  }
  if (anyUnserved(runs)) {
    specs.push({
      title: "Unserved load per configuration",
      unit: demandUnit,
      aggregate: "max",
      series: series((r) => r.unserved),
    });
  }
  if (runs.some((run) => run.result.timeline.some((r) => r.nodes !== undefined))) {
    specs.push({
      title: "Nodes per configuration",
      unit: "nodes",
      aggregate: "max",
      integer: true,
      series: series((r) => r.nodes?.total),
    });
  }
  const first = runs[0]?.result.metrics ?? [];
  for (const m of first) {
    const each = runs.map((run) => run.result.metrics.find((x) => x.key === m.key));
    if (each.some((x) => x === undefined || x.unit !== m.unit)) continue;
    const sameTarget = new Set(each.map((x) => x?.target)).size === 1;
    const targets = sameTarget
      ? `vs target ${formatValue(m.target, m.unit)}`
      : `(targets ${each.map((x, k) => `${runs[k]?.name} ${formatValue(x?.target ?? 0, m.unit)}`).join(", ")})`;
    specs.push({
      title: `Metric ${m.key} per configuration ${targets}`,
      unit: m.unit,
      aggregate: "mean",
      ...(sameTarget ? { anchor: m.target } : {}),
      series: series((r) => {
        const v = r.metrics[m.key];
        return v?.observed ?? v?.actual ?? null;
      }),
    });
  }
  return specs;
}

/** The span of the charts: the first configuration's rows, to the end of the longest replay (null: no rows). */
export function compareChartTime(runs: readonly ComparedRun[]): ChartTime | null {
  const first = runs[0];
  if (first === undefined || first.result.timeline.length === 0) return null;
  const own = chartTime(first.result);
  return { times: own.times, end: Math.max(own.end, ...runs.map((r) => r.result.summary.durationSeconds)) };
}

/** Whether any configuration left load unserved (else its chart is left out, and the reports say so). */
export const anyUnserved = (runs: readonly ComparedRun[]): boolean =>
  runs.some((run) => run.result.summary.peakUnserved > 0);

/**
 * All charts, separated by blank lines and ending with a newline, over {@link compareChartTime}; the legend
 * names the configurations. `No timeline rows to chart.` when the first has no rows.
 */
export function renderCompareCharts(runs: readonly ComparedRun[], options: ChartOptions = {}): string {
  const time = compareChartTime(runs);
  if (time === null) return "No timeline rows to chart.\n";
  const specs = compareChartSpecs(runs, time.times, options.demandUnit ?? "");
  const none = anyUnserved(runs) ? "" : "\nNo configuration left load unserved.\n";
  return `${specs.map((s) => renderLineChart(s, time, options)).join("\n\n")}\n${none}`;
}
