/** The timeline of a replay as CSV (RFC 4180), one row per recorded step. */
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

/**
 * The header: {@link TIMELINE_BASE_COLUMNS}, then `<key>.observed,<key>.actual,<key>.target` for each metric in
 * `result.metrics` order.
 */
export function timelineCsvHeader(result: RunResult): string[] {
  const metricCols = result.metrics.flatMap((m) => [
    `${m.key}.observed`,
    `${m.key}.actual`,
    `${m.key}.target`,
  ]);
  return [...TIMELINE_BASE_COLUMNS, ...metricCols];
}

/**
 * The whole timeline as CSV: a header line, then one line per row. Cells are quoted as RFC 4180 says; lines end
 * with `\n` rather than RFC 4180's CRLF (spreadsheets and csv parsers accept both), the last one included.
 * Numbers via {@link fmtNumber}; null (and a metric missing from a row) is an empty cell; header cells are quoted
 * when a metric key needs it.
 */
export function renderTimelineCsv(result: RunResult): string {
  const lines = [timelineCsvHeader(result).map(csvCell).join(",")];
  for (const row of result.timeline) {
    const cells = TIMELINE_BASE_COLUMNS.map((c) => numberCell(row[c]));
    for (const m of result.metrics) {
      const v = row.metrics[m.key];
      cells.push(numberCell(v?.observed), numberCell(v?.actual), numberCell(v?.target));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
