/**
 * Reading a CSV time column. The first non-empty cell decides how the whole column is read
 * (README-rules.md, "Time column"):
 *
 * - a date-time (`2024-01-01T10:00:00Z`, `2024-01-01T10:00:00+02:00`, `1998-04-30 21:30:00`,
 *   `2024-01-01`): absolute; text without a zone is read as UTC;
 * - a number >= 1e11: epoch milliseconds (1e11 ms is 1973-03-03; as seconds it would be year 5138);
 * - a number >= 1e8: epoch seconds (1e8 s is 1973-03-03; as seconds from start it would be 3.2 years);
 * - a smaller number: seconds from the start of the trace (relative times).
 *
 * Every other cell must be of the same family (date-time or number); an empty or unreadable time
 * cell is an error, since the row cannot be placed in time. An absolute time must fall in the years 0000 to
 * 9999 (bounds.ts), whichever way it is written.
 */

import { epochRangeProblem, inEpochRange } from "./bounds.js";
import { parseDateTime } from "./civil-time.js";
import { isDecimal } from "./number-cell.js";

/** Numbers at or above this are epoch milliseconds. */
export const EPOCH_MS_THRESHOLD = 1e11;
/** Numbers at or above this (and below {@link EPOCH_MS_THRESHOLD}) are epoch seconds. */
export const EPOCH_S_THRESHOLD = 1e8;

/** How a time column was read. */
export type TimeKind = "date-time" | "epoch seconds" | "epoch milliseconds" | "seconds from start";

/** A time column converted to seconds. */
export interface TimeColumn {
  /** Seconds: Unix epoch when `absolute`, else from the trace's own origin. Fractional allowed. */
  readonly times: Float64Array;
  readonly absolute: boolean;
  readonly kind: TimeKind;
  /** How many date-time cells had no zone (read as UTC). */
  readonly zoneless: number;
}

/** The kind a single cell would give the column, or null if it is not a time. */
export function classifyTimeCell(text: string): TimeKind | null {
  if (isDecimal(text)) {
    const x = Number(text);
    if (!Number.isFinite(x)) return null;
    if (Math.abs(x) >= EPOCH_MS_THRESHOLD) return "epoch milliseconds";
    return Math.abs(x) >= EPOCH_S_THRESHOLD ? "epoch seconds" : "seconds from start";
  }
  return parseDateTime(text) === null ? null : "date-time";
}

const EXPECTED =
  "expected a time (ISO-8601, YYYY-MM-DD HH:MM:SS, epoch seconds, epoch milliseconds or seconds from start)";

/**
 * Converts the cells of a time column (one per data row) to seconds. `fail(row, detail)` must throw
 * an error located at that row.
 */
export function readTimeColumn(
  cells: readonly string[],
  fail: (row: number, detail: string) => never,
): TimeColumn {
  const n = cells.length;
  const times = new Float64Array(n);
  const firstText = cells.find((c) => c !== "");
  const kind = firstText === undefined ? null : classifyTimeCell(firstText);
  if (kind === null) {
    const row = firstText === undefined ? 0 : cells.indexOf(firstText);
    return fail(row, yearProblem(firstText ?? "") ?? `${EXPECTED}, got "${firstText ?? ""}"`);
  }
  let zoneless = 0;
  if (kind === "date-time") {
    for (let i = 0; i < n; i++) {
      const text = cells[i] ?? "";
      const parsed = parseDateTime(text);
      if (parsed === null)
        return fail(i, yearProblem(text) ?? `${EXPECTED} like the first row's "${firstText}", got "${text}"`);
      if (!inEpochRange(Math.round(parsed.epochSeconds)))
        return fail(i, outOfRange(text, parsed.epochSeconds, kind));
      times[i] = parsed.epochSeconds;
      if (!parsed.hasZone) zoneless++;
    }
    return { times, absolute: true, kind, zoneless };
  }
  const divisor = kind === "epoch milliseconds" ? 1000 : 1;
  for (let i = 0; i < n; i++) {
    const text = cells[i] ?? "";
    const x = isDecimal(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(x)) return fail(i, `${EXPECTED} like the first row's "${firstText}", got "${text}"`);
    times[i] = x / divisor;
    if (kind !== "seconds from start" && !inEpochRange(Math.round(x / divisor))) {
      const ms =
        kind === "epoch seconds" && Math.abs(x) >= EPOCH_MS_THRESHOLD
          ? ` (epoch milliseconds? the column holds epoch seconds, as its first time "${firstText}" does)`
          : "";
      return fail(i, outOfRange(text, x / divisor, kind) + ms);
    }
  }
  return { times, absolute: kind !== "seconds from start", kind, zoneless };
}

/** For a date whose year is past 9999 or negative (`10000-01-01`, `-0001-01-01`): why it is refused; else null. */
function yearProblem(text: string): string | null {
  const m = /^([+-]?)(\d+)-\d\d-\d\d/.exec(text);
  if (m === null) return null;
  const year = Number(m[2]);
  const where =
    m[1] === "-" && year > 0
      ? "before 0000-01-01T00:00:00Z"
      : year > 9999
        ? "after 9999-12-31T23:59:59Z"
        : null;
  return where === null ? null : `"${text}" is ${where}: times must fall in the years 0000 to 9999`;
}

/** `"1e20" as epoch milliseconds is after 9999-12-31T23:59:59Z: times must fall in the years 0000 to 9999`. */
function outOfRange(text: string, epochSeconds: number, kind: TimeKind): string {
  return `"${text}" as ${kind} is ${epochRangeProblem(Math.round(epochSeconds))}: times must fall in the years 0000 to 9999`;
}
