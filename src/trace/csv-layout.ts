/**
 * Which row is a header and which columns hold time and value in a plain CSV trace
 * (README-rules.md, "CSV layout"):
 *
 * - header: present when a column is chosen by name, else when the first row's cell in the value
 *   column (default: the second column, or the first if there is only one) is not a number;
 * - time column: `timeColumn` if given (`null` = none); else a column named time, timestamp,
 *   period, date or ts (any case); else the first column when it is not the value column and its
 *   first cell is a date-time, or all its cells are numbers in non-decreasing order; else none;
 * - value column: `valueColumn` if given, else the first column that is not the time column.
 */

import { isDecimal, readNumberCell } from "./number-cell.js";
import { classifyTimeCell } from "./time-column.js";
import { TraceError } from "./trace-error.js";
import type { ColumnRef, CsvTraceOptions } from "./types.js";

/** Header names (lower case) that mark a time column. */
export const TIME_COLUMN_NAMES: readonly string[] = [
  "time",
  "timestamp",
  "datetime",
  "period",
  "date",
  "ts",
  "t",
];

/** The resolved layout of a CSV trace. */
export interface CsvLayout {
  /** The header row, or null when the first row is data. */
  readonly header: readonly string[] | null;
  /** 0-based index of the time column, or null when rows are `step` apart. */
  readonly timeIndex: number | null;
  /** 0-based index of the value column. */
  readonly valueIndex: number;
  /** How the time column was chosen, for the notes. */
  readonly timeReason: string;
}

/** The name of a column for messages: its header cell, or its 1-based position. */
export function columnLabel(header: readonly string[] | null, index: number): string | number {
  return header?.[index] ?? index + 1;
}

/** Resolves header, time column and value column; see the module rules. */
export function resolveCsvLayout(
  rows: readonly (readonly string[])[],
  options: CsvTraceOptions,
  file: string,
): CsvLayout {
  const first = rows[0] ?? [];
  const width = first.length;
  const { valueColumn, timeColumn } = options;
  let hasHeader: boolean;
  if (typeof valueColumn === "string" || typeof timeColumn === "string") hasHeader = true;
  else {
    const probe = typeof valueColumn === "number" ? valueColumn : width >= 2 ? 1 : 0;
    const cell = first[probe] ?? "";
    hasHeader = cell !== "" && readNumberCell(cell).kind === "invalid";
  }
  const header = hasHeader ? first : null;
  const data = rows.slice(hasHeader ? 1 : 0);
  const explicitValue =
    valueColumn === undefined ? null : findColumn(valueColumn, header, width, "valueColumn", file);

  let timeIndex: number | null = null;
  let timeReason = "";
  if (timeColumn === null) timeReason = "no time column (timeColumn: null)";
  else if (timeColumn !== undefined) {
    timeIndex = findColumn(timeColumn, header, width, "timeColumn", file);
    timeReason = "chosen by timeColumn";
  } else {
    const byName =
      header?.findIndex((h, i) => i !== explicitValue && TIME_COLUMN_NAMES.includes(h.toLowerCase())) ?? -1;
    if (byName >= 0) {
      timeIndex = byName;
      timeReason = "found by its name";
    } else if (width >= 2 && explicitValue !== 0) {
      const found = firstColumnIsTime(data);
      if (found.time) timeIndex = 0;
      timeReason = found.reason;
    }
    if (timeIndex === null && timeReason === "") timeReason = "no column looks like time";
  }
  let valueIndex = explicitValue ?? (timeIndex === 0 ? 1 : 0);
  if (valueIndex >= width) valueIndex = 0;
  if (timeIndex !== null && valueIndex === timeIndex) {
    throw new TraceError(
      { file },
      `the value column and the time column are the same column (${valueIndex})`,
    );
  }
  return { header, timeIndex, valueIndex, timeReason };
}

function findColumn(
  ref: ColumnRef,
  header: readonly string[] | null,
  width: number,
  option: string,
  file: string,
): number {
  if (typeof ref === "number") {
    if (!Number.isInteger(ref) || ref < 0 || ref >= width) {
      throw new TraceError(
        { file },
        `${option} ${ref} is not a column index: the file has ${width} columns (0-based)`,
      );
    }
    return ref;
  }
  const names = header ?? [];
  let index = names.indexOf(ref);
  if (index < 0) index = names.findIndex((h) => h.toLowerCase() === ref.toLowerCase());
  if (index < 0) {
    const known = names.map((h) => `"${h}"`).join(", ");
    throw new TraceError({ file }, `${option}: no column named "${ref}" (the header has ${known})`);
  }
  return index;
}

/** Whether the first column is a time column, and why (or why not, when that may surprise: "" otherwise). */
function firstColumnIsTime(data: readonly (readonly string[])[]): { time: boolean; reason: string } {
  const no = { time: false, reason: "" };
  const firstCell = data.find((r) => (r[0] ?? "") !== "")?.[0];
  if (firstCell === undefined) return no;
  const kind = classifyTimeCell(firstCell);
  if (kind === "date-time") return { time: true, reason: "the first column holds date-times" };
  if (kind === null) return no;
  let prev = Number.NEGATIVE_INFINITY;
  let unsorted = false;
  for (const row of data) {
    const cell = row[0] ?? "";
    if (!isDecimal(cell)) return no;
    const x = Number(cell);
    if (x < prev) unsorted = true;
    prev = x;
  }
  if (!unsorted) return { time: true, reason: "the first column holds numbers in increasing order" };
  // whole numbers out of order look like unsorted times: say why they were not taken
  const whole = data.every((r) => Number.isInteger(Number(r[0])));
  return whole
    ? {
        time: false,
        reason:
          "the first column holds whole numbers out of order, which are not taken for times unless named",
      }
    : no;
}
