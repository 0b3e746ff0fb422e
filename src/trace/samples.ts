/**
 * The ordering rules every loader shares, applied to rows as read: round times to whole seconds,
 * sort (or reject when strict), merge duplicate timestamps by mean, drop missing cells, and sum
 * several series by timestamp. Each rule that changes anything adds a note. See README-rules.md.
 */

import { formatEpoch } from "./civil-time.js";
import { plural } from "./format.js";
import { TraceError } from "./trace-error.js";

/** Rows as read: one time and one value per column each; NaN = missing cell. */
export interface RawTable {
  /** Seconds (Unix epoch when `absolute`, else from an arbitrary origin), fractional allowed, any order. */
  readonly times: Float64Array;
  /** One array per value column, each as long as `times`. */
  readonly columns: readonly Float64Array[];
  /** Unix epoch times (true) or seconds from an origin (false). */
  readonly absolute: boolean;
  /** The 1-based source line of row i, when the source has lines. */
  readonly lineOf?: (row: number) => number;
}

/** Samples after the ordering rules: integer-second times, strictly increasing; values finite. */
export interface SortedSamples {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** Where rules report to. */
export interface RuleContext {
  /** File name for errors. */
  readonly file: string;
  /** Reject unsorted / duplicate timestamps instead of repairing them. */
  readonly strict: boolean;
  /** Notes collected so far; rules append to it. */
  readonly notes: string[];
}

/**
 * Rounds times to the nearest whole second, sorts rows by time (stable) and merges rows that share a
 * timestamp: each column becomes the mean of its non-missing cells (NaN when all are missing).
 * With `strict`, an out-of-order or duplicate timestamp is a {@link TraceError} naming both lines.
 */
export function sortAndMerge(
  table: RawTable,
  ctx: RuleContext,
  label?: string,
): { times: Float64Array; columns: Float64Array[] } {
  const prefix = label === undefined ? "" : `${label}: `;
  const n = table.times.length;
  const rounded = new Float64Array(n);
  let fractional = 0;
  let outOfOrder = 0;
  for (let i = 0; i < n; i++) {
    const x = table.times[i] ?? 0;
    const r = Math.round(x);
    if (r !== x) fractional++;
    rounded[i] = r;
    if (i > 0 && r <= (rounded[i - 1] ?? 0)) {
      if (ctx.strict) throw orderError(table, ctx, rounded, i);
      if (r < (rounded[i - 1] ?? 0)) outOfOrder++;
    }
  }
  if (fractional > 0)
    ctx.notes.push(`${prefix}rounded ${plural(fractional, "timestamp")} to the nearest whole second`);
  let order: Uint32Array | null = null;
  if (outOfOrder > 0) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (rounded[a] ?? 0) - (rounded[b] ?? 0) || a - b);
    ctx.notes.push(
      `${prefix}sorted rows into time order (${plural(outOfOrder, "row")} came earlier than the row before)`,
    );
  }
  return mergeDuplicates(rounded, table.columns, order, ctx, prefix);
}

function mergeDuplicates(
  rounded: Float64Array,
  columns: readonly Float64Array[],
  order: Uint32Array | null,
  ctx: RuleContext,
  prefix: string,
): { times: Float64Array; columns: Float64Array[] } {
  const n = rounded.length;
  const times = new Float64Array(n);
  const out = columns.map(() => new Float64Array(n));
  const sums = new Float64Array(columns.length);
  const counts = new Float64Array(columns.length);
  let m = 0;
  let duplicated = 0;
  let extraRows = 0;
  let i = 0;
  while (i < n) {
    const first = order === null ? i : (order[i] ?? 0);
    const time = rounded[first] ?? 0;
    sums.fill(0);
    counts.fill(0);
    let j = i;
    for (; j < n; j++) {
      const row = order === null ? j : (order[j] ?? 0);
      if (rounded[row] !== time) break;
      for (let c = 0; c < columns.length; c++) {
        const x = columns[c]?.[row] ?? Number.NaN;
        if (!Number.isNaN(x)) {
          sums[c] = (sums[c] ?? 0) + x;
          counts[c] = (counts[c] ?? 0) + 1;
        }
      }
    }
    if (j - i > 1) {
      duplicated++;
      extraRows += j - i - 1;
    }
    times[m] = time;
    for (let c = 0; c < columns.length; c++) {
      const count = counts[c] ?? 0;
      const col = out[c];
      if (col === undefined) continue;
      const sum = sums[c] ?? 0;
      col[m] =
        count === 0
          ? Number.NaN
          : Number.isFinite(sum)
            ? sum / count
            : meanOf(columns[c], order, i, j, count);
    }
    m++;
    i = j;
  }
  if (duplicated > 0) {
    ctx.notes.push(
      `${prefix}merged ${plural(duplicated, "duplicate timestamp")} by mean (${plural(extraRows, "extra row")})`,
    );
  }
  return { times: times.slice(0, m), columns: out.map((c) => c.slice(0, m)) };
}

/**
 * The mean of the `count` non-missing cells of rows i..j-1 (in `order`) of a column whose plain sum overflowed (values near 1.8e308): each value
 * divided first, so the mean of finite values is finite. (The plain sum stays the rule otherwise: it is exact for
 * whole numbers.)
 */
function meanOf(
  column: Float64Array | undefined,
  order: Uint32Array | null,
  i: number,
  j: number,
  count: number,
): number {
  let mean = 0;
  for (let k = i; k < j; k++) {
    const x = column?.[order === null ? k : (order[k] ?? 0)] ?? Number.NaN;
    if (!Number.isNaN(x)) mean += x / count;
  }
  return mean;
}

function orderError(table: RawTable, ctx: RuleContext, rounded: Float64Array, i: number): TraceError {
  const at = (row: number): string => {
    const x = rounded[row] ?? 0;
    return table.absolute ? formatEpoch(x) : `${x} s`;
  };
  const lineOf = table.lineOf;
  const here = lineOf === undefined ? undefined : lineOf(i);
  const prev = lineOf === undefined ? `row ${i}` : `line ${lineOf(i - 1)}`;
  const what =
    rounded[i] === rounded[i - 1]
      ? `duplicate timestamp ${at(i)} (also on ${prev})`
      : `timestamp ${at(i)} is earlier than ${at(i - 1)} on ${prev}`;
  const loc = here === undefined ? { file: ctx.file } : { file: ctx.file, line: here };
  return new TraceError(loc, `${what}; strict mode requires strictly increasing timestamps`);
}

/**
 * Drops the missing (NaN) samples of one merged column. A note counts them under `label`; the gap
 * rule later holds the last value across them.
 */
export function dropMissing(
  times: Float64Array,
  column: Float64Array,
  label: string,
  ctx: RuleContext,
): SortedSamples {
  let kept = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i] ?? Number.NaN)) kept++;
  if (kept === column.length) return { times, values: column };
  const t = new Float64Array(kept);
  const v = new Float64Array(kept);
  let k = 0;
  for (let i = 0; i < column.length; i++) {
    const x = column[i] ?? Number.NaN;
    if (Number.isNaN(x)) continue;
    t[k] = times[i] ?? 0;
    v[k] = x;
    k++;
  }
  const missing = column.length - kept;
  ctx.notes.push(
    `${label}: treated ${plural(missing, "empty or NaN sample")} as missing (the gap rule holds the last value)`,
  );
  return { times: t, values: v };
}

/**
 * Sums series by timestamp over the union of their times. Within its own span (first to last
 * sample) a series contributes its last value at or before each time; outside its span it
 * contributes 0 (it did not exist yet, or any more).
 */
export function sumSeries(list: readonly SortedSamples[]): SortedSamples {
  let total = 0;
  for (const s of list) total += s.times.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const s of list) {
    all.set(s.times, k);
    k += s.times.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i] ?? 0;
  const times = all.slice(0, m);
  const values = new Float64Array(m);
  for (const s of list) {
    const n = s.times.length;
    if (n === 0) continue;
    const first = s.times[0] ?? 0;
    const last = s.times[n - 1] ?? 0;
    let j = 0;
    for (let i = 0; i < m; i++) {
      const x = times[i] ?? 0;
      if (x < first || x > last) continue;
      while (j + 1 < n && (s.times[j + 1] ?? 0) <= x) j++;
      values[i] = (values[i] ?? 0) + (s.values[j] ?? 0);
    }
  }
  return { times, values };
}
