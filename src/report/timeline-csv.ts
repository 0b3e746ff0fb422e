/**
 * The timeline of a replay as CSV (RFC 4180), one row per recorded step; with a cluster model the nodes per
 * group, their total and the accumulated cost follow the fixed columns.
 */
import type { RunResult, TimelineRow } from "../results/types.js";
import { fmtNumber } from "./text-format.js";

export { fmtNumber } from "./text-format.js";

/** The fixed leading columns, in order; each is a numeric field of {@link TimelineRow}. */
export const TIMELINE_BASE_COLUMNS = [
  "t",
  "demand",
  "served",
  "unserved",
  "desiredReplicas",
  "replicas",
  "readyReplicas",
  "pendingPods",
  "startingPods",
  "terminatingPods",
] as const satisfies readonly (keyof TimelineRow)[];

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

/**
 * The header: {@link TIMELINE_BASE_COLUMNS}; with a cluster model `nodes.<group>` per node group (key-sorted),
 * `nodes.total` and `cost`; then `<key>.observed,<key>.actual,<key>.target` for each metric in `result.metrics`
 * order.
 */
export function timelineCsvHeader(result: RunResult): string[] {
  const groups = clusterGroups(result);
  const clusterCols = groups === null ? [] : [...groups.map((g) => `nodes.${g}`), "nodes.total", "cost"];
  const metricCols = result.metrics.flatMap((m) => [
    `${m.key}.observed`,
    `${m.key}.actual`,
    `${m.key}.target`,
  ]);
  return [...TIMELINE_BASE_COLUMNS, ...clusterCols, ...metricCols];
}

/**
 * The whole timeline as CSV: a header line, then one line per row. Cells are quoted as RFC 4180 says; lines end
 * with `\n` rather than RFC 4180's CRLF (spreadsheets and csv parsers accept both), the last one included.
 * Numbers via {@link fmtNumber}; null (and a metric or node group missing from a row) is an empty cell; header
 * cells are quoted when a metric key or group name needs it.
 */
export function renderTimelineCsv(result: RunResult): string {
  const lines = [timelineCsvHeader(result).map(csvCell).join(",")];
  const groups = clusterGroups(result);
  for (const row of result.timeline) {
    const cells = TIMELINE_BASE_COLUMNS.map((c) => numberCell(row[c]));
    if (groups !== null) {
      for (const g of groups) cells.push(numberCell(row.nodes?.perGroup[g]));
      cells.push(numberCell(row.nodes?.total), numberCell(row.cost));
    }
    for (const m of result.metrics) {
      const v = row.metrics[m.key];
      cells.push(numberCell(v?.observed), numberCell(v?.actual), numberCell(v?.target));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
