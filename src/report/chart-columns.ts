/**
 * Fitting a timeline to a chart's columns. A timeline is a step function: the value recorded at `t[i]` holds
 * until `t[i + 1]` (the last one until the end of the replay). The chart's span is cut into columns of a whole
 * number of seconds and each column summarizes the step function over the seconds it covers:
 *
 * - `max`: the highest value in effect at any moment of the column (replicas, demand, unserved: peaks survive);
 * - `mean`: the time-weighted mean over the column (utilization and other metrics).
 */

/** How a column summarizes the seconds it covers. */
export type Aggregate = "max" | "mean";

/** A chart's time span cut into columns: column `c` covers `[start + c*step, min(start + (c+1)*step, end))`. */
export interface Columns {
  /** Seconds from the start of the replay. */
  readonly start: number;
  readonly end: number;
  /** Whole seconds per column (>= 1). */
  readonly step: number;
  /** Number of columns (>= 1, at most the `maxColumns` asked for). */
  readonly count: number;
}

/**
 * The fewest whole seconds per column that fit `[start, end)` into at most `maxColumns` columns:
 * `step = ceil(span / maxColumns)`, `count = ceil(span / step)` (a span under one second counts as one).
 * E.g. 86400 s in 90 columns -> step 960 s, 90 columns; 60 s in 90 columns -> step 1 s, 60 columns.
 */
export function chartColumns(start: number, end: number, maxColumns: number): Columns {
  const span = Math.max(1, end - start);
  const step = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(maxColumns))));
  return { start, end: start + span, step, count: Math.max(1, Math.ceil(span / step)) };
}

/**
 * Fills gaps: null, undefined, NaN and infinities take the last finite value before them; leading gaps take the
 * first finite value. Returns null when there is no finite value at all.
 */
export function carryForward(values: readonly (number | null | undefined)[]): number[] | null {
  const first = values.find((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (first === undefined) return null;
  let last = first;
  return values.map((v) => {
    if (typeof v === "number" && Number.isFinite(v)) last = v;
    return last;
  });
}

/**
 * Summarizes the step function (`times` ascending, `values[i]` holding from `times[i]`) over each column.
 * A column with no covered time (only possible before the first row) repeats the value in effect at its start.
 */
export function binSeries(
  times: readonly number[],
  values: readonly number[],
  columns: Columns,
  aggregate: Aggregate,
): number[] {
  const out: number[] = [];
  let i = 0;
  for (let c = 0; c < columns.count; c++) {
    const from = columns.start + c * columns.step;
    const to = Math.min(from + columns.step, columns.end);
    while (i + 1 < times.length && (times[i + 1] ?? Number.POSITIVE_INFINITY) <= from) i++;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    let covered = 0;
    for (let j = i; j < times.length && (times[j] ?? to) < to; j++) {
      const segFrom = Math.max(times[j] ?? from, from);
      const segTo = Math.min(times[j + 1] ?? columns.end, to);
      const v = values[j] ?? 0;
      if (segTo <= segFrom) continue;
      max = Math.max(max, v);
      sum += v * (segTo - segFrom);
      covered += segTo - segFrom;
    }
    if (covered === 0) out.push(values[i] ?? 0);
    else out.push(aggregate === "max" ? max : sum / covered);
  }
  return out;
}
