/**
 * Reading a {@link TimeSeries} at a time: hold-last, the value at t is the last sample at or before
 * t. Before t = 0 the first value applies; after the last sample the last value holds.
 */

import type { TimeSeries } from "./types.js";

const NO_MORE_SAMPLES = Number.POSITIVE_INFINITY;

/** Index of the last sample at or before `t` (seconds), or -1 when t is before the first sample. O(log n). */
export function sampleIndexAt(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || t < (times[0] ?? 0)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((times[mid] ?? 0) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The value of `series` at `t` seconds from its start (hold-last). O(log n); for many increasing
 * times use {@link createCursor}.
 *
 * @example valueAt({ t: [0, 60], v: [2, 11], ... }, 59) // 2
 */
export function valueAt(series: Pick<TimeSeries, "t" | "v">, t: number): number {
  return series.v[Math.max(0, sampleIndexAt(series.t, t))] ?? Number.NaN;
}

/**
 * A reader for a series queried at (mostly) increasing times, as the engine walks forward. Each query
 * moves forward from the previous position by galloping (1, 2, 4, ... samples, then a binary
 * search), so a walk over the whole series costs O(n) in all: O(1) amortised per sample, and
 * O(log distance) for a long jump. A query earlier than the previous one falls back to a binary
 * search (correct, just not amortised).
 */
export class SeriesCursor {
  readonly series: Pick<TimeSeries, "t" | "v">;
  private index = -1;
  private nextDiff: Int32Array | null = null;

  constructor(series: Pick<TimeSeries, "t" | "v">) {
    this.series = series;
  }

  /** The value at `t` seconds from the start (hold-last; the first value before t = 0). */
  valueAt(t: number): number {
    return this.series.v[Math.max(0, this.seek(t))] ?? Number.NaN;
  }

  /** The time (s) of the first sample after `t`, or null when none follows. */
  nextSampleAfter(t: number): number | null {
    const next = this.seek(t) + 1;
    return next < this.series.t.length ? (this.series.t[next] ?? null) : null;
  }

  /** The time (s) of the sample after the cursor's position (the last one asked about), or +Infinity. */
  nextSample(): number {
    // (the index checked first, and a constant for the end: a typed-array read past the end, or a property read
    // first made there, would deoptimize the engine's loop at the end of every run)
    const next = this.index + 1;
    return next < this.series.t.length ? (this.series.t[next] as number) : NO_MORE_SAMPLES;
  }

  /**
   * The time (s) of the first sample after `t` whose value differs from the value at `t`, or null:
   * the next moment the trace can change anything (held gap samples and repeats are skipped).
   */
  nextChangeAfter(t: number): number | null {
    const i = Math.max(0, this.seek(t));
    this.nextDiff ??= buildNextDiff(this.series.v);
    const j = this.nextDiff[i] ?? -1;
    return j < 0 ? null : (this.series.t[j] ?? null);
  }

  /** Index of the last sample at or before t (-1 before the first), moving the cursor there. */
  private seek(t: number): number {
    const times = this.series.t;
    const n = times.length;
    let i = this.index;
    if (i >= 0 && t < (times[i] ?? 0)) {
      i = sampleIndexAt(times, t);
    } else if (i + 1 < n && (times[i + 1] ?? 0) <= t) {
      let stride = 1;
      while (i + stride * 2 < n && (times[i + stride * 2] ?? 0) <= t) stride *= 2;
      let lo = i + stride;
      let hi = Math.min(n - 1, i + stride * 2);
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((times[mid] ?? 0) <= t) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    this.index = i;
    return i;
  }
}

/** A cursor over `series`; see {@link SeriesCursor}. */
export function createCursor(series: TimeSeries): SeriesCursor {
  return new SeriesCursor(series);
}

function buildNextDiff(v: Float64Array): Int32Array {
  const n = v.length;
  const out = new Int32Array(n).fill(-1);
  for (let i = n - 2; i >= 0; i--) out[i] = v[i + 1] !== v[i] ? i + 1 : (out[i + 1] ?? -1);
  return out;
}
