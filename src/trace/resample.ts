/**
 * Resampling a series onto the engine's step. The grid is t = 0, step, 2*step, ... up to the last
 * sample time; each grid value is derived from the source by one rule (README-rules.md, "Resampling"):
 *
 * - `hold` (default): the last source sample at or before the grid time;
 * - `linear`: linear interpolation between the source samples around the grid time (the last value
 *   after the last sample);
 * - `mean`: the time-weighted mean of the hold-last source over [g, g + step), i.e. the average
 *   demand during the step (after the last sample its value holds).
 */

import { SeriesCursor } from "./cursor.js";
import { TraceError } from "./trace-error.js";
import type { ResampleRule, TimeSeries } from "./types.js";

/**
 * Resamples `series` to a grid of `stepSeconds` (a positive integer).
 *
 * @example resample({ t: [0, 60], v: [2, 11], ... }, 30, "hold").v // [2, 2, 11]
 */
export function resample(series: TimeSeries, stepSeconds: number, rule: ResampleRule = "hold"): TimeSeries {
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0) {
    throw new TraceError(
      { file: series.source },
      `resample step must be a whole number of seconds > 0, got ${stepSeconds}`,
    );
  }
  const { t: src } = series;
  const last = src[src.length - 1] ?? 0;
  const m = Math.floor(last / stepSeconds) + 1;
  const t = new Float64Array(m);
  for (let k = 0; k < m; k++) t[k] = k * stepSeconds;
  let v: Float64Array;
  if (rule === "hold") v = resampleHold(series, t);
  else if (rule === "linear") v = resampleLinear(series, t);
  else if (rule === "mean") v = resampleMean(series, t, stepSeconds);
  else throw new TraceError({ file: series.source }, `unknown resample rule ${JSON.stringify(rule)}`);
  const how =
    rule === "hold"
      ? "holding the last value"
      : rule === "linear"
        ? "linear interpolation"
        : "time-weighted mean";
  return {
    ...series,
    t,
    v,
    notes: [...series.notes, `resampled to a ${stepSeconds} s step by ${how} (${rule})`],
  };
}

function resampleHold(series: TimeSeries, grid: Float64Array): Float64Array {
  const cursor = new SeriesCursor(series);
  const v = new Float64Array(grid.length);
  for (let k = 0; k < grid.length; k++) v[k] = cursor.valueAt(grid[k] ?? 0);
  return v;
}

function resampleLinear(series: TimeSeries, grid: Float64Array): Float64Array {
  const { t, v: sv } = series;
  const n = t.length;
  const v = new Float64Array(grid.length);
  let i = 0;
  for (let k = 0; k < grid.length; k++) {
    const g = grid[k] ?? 0;
    while (i + 1 < n && (t[i + 1] ?? 0) <= g) i++;
    const t0 = t[i] ?? 0;
    const v0 = sv[i] ?? 0;
    if (i + 1 >= n || g === t0) {
      v[k] = v0;
      continue;
    }
    const t1 = t[i + 1] ?? 0;
    const v1 = sv[i + 1] ?? 0;
    v[k] = v0 + ((v1 - v0) * (g - t0)) / (t1 - t0);
  }
  return v;
}

/** Sweeps source segments once: each bucket sums value × overlap, so integers stay exact. */
function resampleMean(series: TimeSeries, grid: Float64Array, step: number): Float64Array {
  const { t, v: sv } = series;
  const n = t.length;
  const v = new Float64Array(grid.length);
  let i = 0;
  for (let k = 0; k < grid.length; k++) {
    const a = grid[k] ?? 0;
    const b = a + step;
    while (i + 1 < n && (t[i + 1] ?? 0) <= a) i++;
    let x = a;
    let acc = 0;
    let j = i;
    while (j + 1 < n && (t[j + 1] ?? 0) < b) {
      const next = t[j + 1] ?? 0;
      acc += (sv[j] ?? 0) * (next - x);
      x = next;
      j++;
    }
    acc += (sv[j] ?? 0) * (b - x);
    v[k] = acc / step;
  }
  return v;
}
