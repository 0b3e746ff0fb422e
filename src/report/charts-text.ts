/**
 * Terminal charts of a replay (asciichart), fitted to the terminal width: demand vs served load, desired vs
 * ready replicas, with a cluster model Pending pods and nodes per group, and one chart per HPA metric
 * (observed vs target). Each chart is drawn by line-chart.ts (downsampling rule: chart-columns.ts).
 */
import asciichart from "asciichart";
import type { MetricInfo, RunResult } from "../results/types.js";
import {
  type ChartOptions,
  type ChartSeries,
  type ChartSpec,
  type ChartTime,
  renderLineChart,
} from "./line-chart.js";
import { formatValue } from "./text-format.js";

function metricChart(result: RunResult, m: MetricInfo): ChartSpec {
  const observed = result.timeline.map((r) => {
    const v = r.metrics[m.key];
    return v?.observed ?? v?.actual ?? null;
  });
  return {
    title: `Metric ${m.key}: observed vs target ${formatValue(m.target, m.unit)}`,
    unit: m.unit,
    aggregate: "mean",
    anchor: m.target,
    series: [
      { name: `observed (actual before the HPA's first sample)`, values: observed, color: asciichart.cyan },
      { name: `target ${formatValue(m.target, m.unit)}`, values: m.target, color: asciichart.red },
    ],
  };
}

/** Colors of the node groups' series, in group order (cycled); the total is drawn in {@link TOTAL_COLOR}. */
const GROUP_COLORS = [
  asciichart.blue,
  asciichart.green,
  asciichart.yellow,
  asciichart.magenta,
  asciichart.cyan,
  asciichart.lightblue,
  asciichart.lightgreen,
  asciichart.lightyellow,
];
const TOTAL_COLOR = asciichart.red;

/** The node groups of a cluster timeline, key-sorted (the union over rows; every row lists every group). */
function timelineGroups(result: RunResult): string[] {
  const groups = new Set<string>();
  for (const r of result.timeline) for (const g of Object.keys(r.nodes?.perGroup ?? {})) groups.add(g);
  return [...groups].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * With a cluster model (rows carry `nodes`): Pending pods over time, then registered nodes per group (one
 * series per group, plus the total when there are several groups). Without one: none.
 */
function clusterCharts(result: RunResult): ChartSpec[] {
  const rows = result.timeline;
  if (!rows.some((r) => r.nodes !== undefined)) return [];
  const groups = timelineGroups(result);
  const groupSeries: ChartSeries[] = groups.map((g, i) => ({
    name: g,
    values: rows.map((r) => r.nodes?.perGroup[g]),
    color: GROUP_COLORS[i % GROUP_COLORS.length] as string,
  }));
  const nodeSeries =
    groups.length > 1
      ? [...groupSeries, { name: "total", values: rows.map((r) => r.nodes?.total), color: TOTAL_COLOR }]
      : groupSeries;
  return [
    {
      title: "Pending pods waiting for a node",
      unit: "pods",
      aggregate: "max",
      integer: true,
      series: [{ name: "pending", values: rows.map((r) => r.pendingPods), color: asciichart.magenta }],
    },
    {
      title: groups.length > 1 ? "Nodes per group and in total" : "Nodes per group",
      unit: "nodes",
      aggregate: "max",
      integer: true,
      series: nodeSeries,
    },
  ];
}

/**
 * The charts {@link renderCharts} draws, in order: demand vs served, desired vs ready, with a cluster model
 * Pending pods and nodes per group, then one per metric.
 */
export function chartSpecs(result: RunResult, demandUnit = ""): ChartSpec[] {
  const rows = result.timeline;
  return [
    {
      title: "Demand vs served load",
      unit: demandUnit,
      aggregate: "max",
      series: [
        { name: "demand", values: rows.map((r) => r.demand), color: asciichart.blue },
        { name: "served (never above demand)", values: rows.map((r) => r.served), color: asciichart.green },
      ],
    },
    {
      title: "Desired vs ready replicas",
      unit: "pods",
      aggregate: "max",
      series: [
        { name: "desired", values: rows.map((r) => r.desiredReplicas), color: asciichart.yellow },
        { name: "ready", values: rows.map((r) => r.readyReplicas), color: asciichart.green },
      ],
    },
    ...backtestCharts(result),
    ...clusterCharts(result),
    ...result.metrics.map((m) => metricChart(result, m)),
    ...vpaCharts(result),
  ];
}

/** With a backtest: the replay's compared column (spec.replicas by default) against the recorded counts. */
function backtestCharts(result: RunResult): ChartSpec[] {
  const rows = result.timeline;
  const b = result.summary.backtest;
  if (b === undefined) return [];
  const column = b.compared;
  return [
    {
      title:
        column === "replicas" ? "Replicas: replay vs recorded" : `Replicas: replay's ${column} vs recorded`,
      unit: "pods",
      aggregate: "max",
      series: [
        { name: "replay", values: rows.map((r) => r[column]), color: asciichart.yellow },
        { name: "recorded", values: rows.map((r) => r.recordedReplicas ?? null), color: asciichart.magenta },
      ],
    },
  ];
}

/** With a VPA: per container, the pods' mean CPU request against the VPA's target (millicores). */
function vpaCharts(result: RunResult): ChartSpec[] {
  const rows = result.timeline;
  const containers = new Set<string>();
  for (const r of rows) for (const c of Object.keys(r.vpa?.requests ?? {})) containers.add(c);
  return [...containers].sort().map((c) => ({
    title: `CPU request of ${c} (mean over the pods) vs the VPA target`,
    unit: "m",
    aggregate: "max" as const,
    series: [
      { name: "request", values: rows.map((r) => r.vpa?.requests[c]?.cpu ?? 0), color: asciichart.yellow },
      { name: "VPA target", values: rows.map((r) => r.vpa?.target[c]?.cpu ?? 0), color: asciichart.magenta },
    ],
  }));
}

/** The span a run's charts cover: from its first row to the end of the replay (`max(duration, last row + 1 s)`). */
export function chartTime(result: Pick<RunResult, "timeline" | "summary">): ChartTime {
  const rows = result.timeline;
  const last = rows[rows.length - 1];
  return {
    times: rows.map((r) => r.t),
    end: Math.max(result.summary.durationSeconds, last === undefined ? 0 : last.t + 1),
  };
}

/**
 * All charts of a run ({@link chartTime}), separated by blank lines and ending with a newline; `No timeline rows
 * to chart.` for an empty timeline.
 */
export function renderCharts(result: RunResult, options: ChartOptions = {}): string {
  if (result.timeline.length === 0) return "No timeline rows to chart.\n";
  const time = chartTime(result);
  const specs = chartSpecs(result, options.demandUnit ?? "");
  return `${specs.map((s) => renderLineChart(s, time, options)).join("\n\n")}\n`;
}
