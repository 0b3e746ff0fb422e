/**
 * The timeline of a replay as CSV (RFC 4180), one row per recorded step; with a cluster model the nodes per
 * group, their total and the accumulated cost follow the fixed columns; with a VPA its requests and target per
 * container close the row. With several workloads, every workload's rows, each led by a `workload` column.
 */

import { TIMELINE_BASE_COLUMNS } from "../results/field-order.js";
import type { MetricInfo, RunResult, TimelineRow } from "../results/types.js";
import type { SimulationResult } from "../results/workload-result.js";
import { isoTime, RELATIVE_CLOCK, type ReportClock } from "./report-clock.js";
import { fmtNumber } from "./text-format.js";

export { TIMELINE_BASE_COLUMNS } from "../results/field-order.js";
export { fmtNumber } from "./text-format.js";

/** Quotes a cell per RFC 4180 when it holds a comma, a double quote, CR or LF (quotes doubled). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A numeric cell: {@link fmtNumber}, or empty for null / missing. */
function numberCell(x: number | null | undefined): string {
  return x === null || x === undefined ? "" : fmtNumber(x);
}

/** With a cluster model (some row carries `nodes`): its node groups, key-sorted; otherwise null. */
function clusterGroups(result: RunResult): string[] | null {
  if (!result.timeline.some((r) => r.nodes !== undefined)) return null;
  const groups = new Set<string>();
  for (const r of result.timeline) for (const g of Object.keys(r.nodes?.perGroup ?? {})) groups.add(g);
  return [...groups].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Containers with VPA figures in any row, key-sorted. */
function vpaContainers(timelines: readonly (readonly TimelineRow[])[]): string[] {
  const names = new Set<string>();
  for (const rows of timelines)
    for (const r of rows) {
      for (const c of Object.keys(r.vpa?.requests ?? {})) names.add(c);
      for (const c of Object.keys(r.vpa?.target ?? {})) names.add(c);
    }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Some row carries a backtest's recorded replicas. */
const hasRecorded = (timelines: readonly (readonly TimelineRow[])[]) =>
  timelines.some((rows) => rows.some((r) => r.recordedReplicas !== undefined));

const VPA_FIELDS = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["target", "cpu"],
  ["target", "memory"],
] as const;

interface Layout {
  /** The trace's clock: a `time` column (ISO-8601 UTC) after `t` when absolute. */
  readonly clock: ReportClock;
  readonly groups: string[] | null;
  readonly metrics: readonly MetricInfo[];
  readonly vpa: string[];
  /** A backtest's `recordedReplicas` column after the fixed ones (some row has the field). */
  readonly recorded: boolean;
}

function header(l: Layout): string[] {
  const clusterCols = l.groups === null ? [] : [...l.groups.map((g) => `nodes.${g}`), "nodes.total", "cost"];
  const metricCols = l.metrics.flatMap((m) => [`${m.key}.observed`, `${m.key}.actual`, `${m.key}.target`]);
  const vpaCols = l.vpa.flatMap((c) => VPA_FIELDS.map(([part, r]) => `vpa.${c}.${part}.${r}`));
  const base: string[] = [...TIMELINE_BASE_COLUMNS];
  if (l.clock.startEpochSeconds !== null) base.splice(1, 0, "time");
  if (l.recorded) base.push("recordedReplicas");
  return [...base, ...clusterCols, ...metricCols, ...vpaCols];
}

function cells(row: TimelineRow, l: Layout): string[] {
  const out = TIMELINE_BASE_COLUMNS.map((c) => numberCell(row[c]));
  const time = isoTime(l.clock, row.t);
  if (time !== null) out.splice(1, 0, time);
  if (l.recorded) out.push(numberCell(row.recordedReplicas));
  if (l.groups !== null) {
    for (const g of l.groups) out.push(numberCell(row.nodes?.perGroup[g]));
    out.push(numberCell(row.nodes?.total), numberCell(row.cost));
  }
  for (const m of l.metrics) {
    const v = row.metrics[m.key];
    out.push(numberCell(v?.observed), numberCell(v?.actual), numberCell(v?.target));
  }
  for (const c of l.vpa) for (const [part, r] of VPA_FIELDS) out.push(numberCell(row.vpa?.[part][c]?.[r]));
  return out;
}

/**
 * The header: {@link TIMELINE_BASE_COLUMNS} (on an absolute clock with `time`, the ISO-8601 UTC time of `t`, after
 * `t`), with a backtest `recordedReplicas`; with a cluster model `nodes.<group>` per node group (key-sorted),
 * `nodes.total` and `cost`; then `<key>.observed,<key>.actual,<key>.target` for each metric in `result.metrics`
 * order; with a VPA `vpa.<container>.requests.cpu` (millicores), `.requests.memory` (bytes), `.target.cpu`,
 * `.target.memory` per container.
 */
export function timelineCsvHeader(result: RunResult, clock: ReportClock = RELATIVE_CLOCK): string[] {
  return header({
    clock,
    groups: clusterGroups(result),
    metrics: result.metrics,
    vpa: vpaContainers([result.timeline]),
    recorded: hasRecorded([result.timeline]),
  });
}

/**
 * The whole timeline as CSV: a header line, then one line per row. Cells are quoted as RFC 4180 says; lines end
 * with `\n` rather than RFC 4180's CRLF (spreadsheets and csv parsers accept both), the last one included.
 * Numbers via {@link fmtNumber}; null (and a metric or node group missing from a row) is an empty cell; header
 * cells are quoted when a metric key or group name needs it. With several workloads: a leading `workload`
 * column, every workload's rows in turn, and the metric columns of all workloads (by key, first seen first).
 */
export function renderTimelineCsv(result: SimulationResult, clock: ReportClock = RELATIVE_CLOCK): string {
  const workloads = result.workloads;
  if (workloads === undefined) {
    const l: Layout = {
      clock,
      groups: clusterGroups(result),
      metrics: result.metrics,
      vpa: vpaContainers([result.timeline]),
      recorded: hasRecorded([result.timeline]),
    };
    const lines = [header(l).map(csvCell).join(",")];
    for (const row of result.timeline) lines.push(cells(row, l).join(","));
    return `${lines.join("\n")}\n`;
  }
  const metrics: MetricInfo[] = [];
  for (const w of workloads)
    for (const m of w.metrics) if (!metrics.some((x) => x.key === m.key)) metrics.push(m);
  const l: Layout = {
    clock,
    groups: clusterGroups(result),
    metrics,
    vpa: vpaContainers(workloads.map((w) => w.timeline)),
    recorded: hasRecorded(workloads.map((w) => w.timeline)),
  };
  const lines = [["workload", ...header(l)].map(csvCell).join(",")];
  for (const w of workloads)
    for (const row of w.timeline) lines.push([csvCell(w.workload), ...cells(row, l)].join(","));
  return `${lines.join("\n")}\n`;
}
