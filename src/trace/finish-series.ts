/**
 * The last rules every loader shares, applied to sorted, merged samples: fill gaps by holding the
 * last value, re-base so the first sample is t = 0, slice to `from`/`to`, and scale; then the bounds
 * (bounds.ts): the slice spans at most 10 years (checked before anything is filled), and no value exceeds
 * 1e15 once scaled. See README-rules.md.
 */

import { formatEpoch, parseDateTime } from "./civil-time.js";
import { formatDurationRange, formatNumber, plural } from "./format.js";
import type { SortedSamples } from "./samples.js";
import { checkSpan, checkValues } from "./series-bounds.js";
import { TraceError } from "./trace-error.js";
import type { TimeBound, TimeSeries } from "./types.js";

/** What {@link finishSeries} needs besides the samples. */
export interface FinishOptions {
  /** File name for errors. */
  readonly file: string;
  /** `TimeSeries.source`. */
  readonly source: string;
  /** Whether the sample times are Unix epoch seconds. */
  readonly absolute: boolean;
  readonly from?: TimeBound | undefined;
  readonly to?: TimeBound | undefined;
  readonly scale?: number | undefined;
  /** Where the samples came from, so that a bound's error can name the row (README-rules.md, "Bounds"). */
  readonly origins?: SampleOrigins | undefined;
}

/** How a loader names the rows behind its samples, for the errors of the bounds. */
export interface SampleOrigins {
  /**
   * The row a sample time came from (the time as read and rounded, before re-basing): its 1-based line when the
   * source has lines, and the time as written (`17000000120`, `1700000000 (2023-11-14T22:13:20Z)`). Undefined
   * when no row has it (then the time itself is shown).
   */
  readonly row?: (time: number) => { readonly line?: number; readonly text: string } | undefined;
  /** The time column (header name or 1-based position), named by a span error. */
  readonly timeColumn?: string | number;
  /** The value column, named by a value error. */
  readonly valueColumn?: string | number;
  /** The values are sums of several series: `2 series`, `columns "a", "b"`. */
  readonly summed?: string;
  /** What to check when a time is far off: `the time column` (default `the times`). */
  readonly times?: string;
}

/** A gap is a spacing larger than this many typical steps. */
export const GAP_FACTOR = 1.5;

/**
 * The typical spacing of samples in seconds: the most frequent difference between consecutive
 * times (the smallest one on a tie); null with fewer than two samples.
 */
export function typicalStep(times: Float64Array): number | null {
  const counts = new Map<number, number>();
  let best: number | null = null;
  let bestCount = 0;
  for (let i = 1; i < times.length; i++) {
    const d = (times[i] ?? 0) - (times[i - 1] ?? 0);
    const c = (counts.get(d) ?? 0) + 1;
    counts.set(d, c);
    if (c > bestCount || (c === bestCount && best !== null && d < best)) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Gap rule: where two consecutive samples are more than 1.5 typical steps apart, one sample holding
 * the earlier value is inserted one typical step before the later sample, so that every resample
 * rule (hold, linear, mean) holds the last value across the gap.
 */
export function fillGaps(samples: SortedSamples, notes: string[]): SortedSamples {
  const { times, values } = samples;
  const step = typicalStep(times);
  if (step === null) return samples;
  let gaps = 0;
  let minMissing = Number.POSITIVE_INFINITY;
  let maxMissing = 0;
  for (let i = 1; i < times.length; i++) {
    const d = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (d > GAP_FACTOR * step) {
      gaps++;
      minMissing = Math.min(minMissing, d - step);
      maxMissing = Math.max(maxMissing, d - step);
    }
  }
  if (gaps === 0) return samples;
  const t = new Float64Array(times.length + gaps);
  const v = new Float64Array(times.length + gaps);
  let k = 0;
  for (let i = 0; i < times.length; i++) {
    const x = times[i] ?? 0;
    if (i > 0 && x - (times[i - 1] ?? 0) > GAP_FACTOR * step) {
      t[k] = x - step;
      v[k] = values[i - 1] ?? 0;
      k++;
    }
    t[k] = x;
    v[k] = values[i] ?? 0;
    k++;
  }
  notes.push(
    `filled ${plural(gaps, "gap")} of ${formatDurationRange(minMissing, maxMissing)} by holding the last value ` +
      `(typical step ${step} s; one held sample added before the sample that ends each gap)`,
  );
  return { times: t, values: v };
}

/** Applies gap filling, re-basing, slicing and scaling, and builds the {@link TimeSeries}. */
export function finishSeries(samples: SortedSamples, opts: FinishOptions, notes: string[]): TimeSeries {
  if (samples.times.length === 0) throw new TraceError({ file: opts.file }, "the trace has no samples");
  const first = samples.times[0] ?? 0;
  const last = (samples.times[samples.times.length - 1] ?? 0) - first;
  const window =
    opts.from !== undefined || opts.to !== undefined
      ? sliceWindow(opts, opts.absolute ? first : null, last)
      : null;
  // before anything is allocated for the trace's length (the replay's duration defaults to it)
  checkSpan(samples, window, opts);
  const filled = fillGaps(samples, notes);
  const start = filled.times[0] ?? 0;
  const t = new Float64Array(filled.times.length);
  for (let i = 0; i < t.length; i++) t[i] = (filled.times[i] ?? 0) - start;
  if (!opts.absolute && start !== 0) {
    notes.push(`shifted times by ${formatNumber(-start)} s so that the first sample is at t = 0`);
  }
  let series: TimeSeries = {
    t,
    v: filled.values,
    startEpochSeconds: opts.absolute ? start : null,
    source: opts.source,
    notes,
  };
  if (window !== null) series = slice(series, window, notes);
  const unscaled = series.v;
  const factor = opts.scale ?? 1;
  if (factor !== 1) series = scale(series, factor, opts.file, notes);
  checkValues(series, unscaled, factor, start + (window?.from ?? 0), opts);
  return series;
}

/** A slice's bounds in seconds from the first sample: [from, to), `to` infinite when open. */
export interface SliceWindow {
  readonly from: number;
  readonly to: number;
  /** Seconds from the start as messages say them, with the date-time of an absolute trace. */
  readonly describe: (x: number) => string;
}

/** Resolves and checks `from` and `to` against a trace whose last sample is `last` seconds after its first. */
function sliceWindow(opts: FinishOptions, startEpochSeconds: number | null, last: number): SliceWindow {
  const from = opts.from === undefined ? 0 : resolveBound(opts.from, "from", startEpochSeconds, opts.file);
  const to =
    opts.to === undefined
      ? Number.POSITIVE_INFINITY
      : resolveBound(opts.to, "to", startEpochSeconds, opts.file);
  const describe = (x: number): string =>
    startEpochSeconds === null ? `${x} s` : `${x} s (${formatEpoch(startEpochSeconds + x)})`;
  if (from < 0)
    throw new TraceError({ file: opts.file }, `from ${describe(from)} is before the trace starts`);
  if (from > last) {
    throw new TraceError({ file: opts.file }, `from ${describe(from)} is after the last sample at ${last} s`);
  }
  if (to <= from)
    throw new TraceError({ file: opts.file }, `to ${describe(to)} is not after from ${describe(from)}`);
  return { from, to, describe };
}

/**
 * Keeps [from, to) and re-bases it so `from` is t = 0. The first sample of the slice is the value
 * holding at `from` (hold-last), so a slice starting between samples starts with the right value.
 */
function slice(series: TimeSeries, window: SliceWindow, notes: string[]): TimeSeries {
  const { t, v } = series;
  const { from, to, describe } = window;
  let i = 0;
  while (i + 1 < t.length && (t[i + 1] ?? 0) <= from) i++;
  let end = i + 1;
  while (end < t.length && (t[end] ?? 0) < to) end++;
  const n = end - i;
  const nt = new Float64Array(n);
  const nv = v.slice(i, end);
  for (let k = 1; k < n; k++) nt[k] = (t[i + k] ?? 0) - from;
  const toText = to === Number.POSITIVE_INFINITY ? "the end" : describe(to);
  notes.push(`kept the slice from ${describe(from)} to ${toText} (to excluded) and re-based it to t = 0`);
  return {
    ...series,
    t: nt,
    v: nv,
    startEpochSeconds: series.startEpochSeconds === null ? null : series.startEpochSeconds + from,
  };
}

function resolveBound(
  bound: TimeBound,
  name: string,
  startEpochSeconds: number | null,
  file: string,
): number {
  if (typeof bound === "number" || /^\s*[+-]?\d+(\.\d+)?\s*$/.test(bound)) {
    const x = Number(bound);
    if (!Number.isFinite(x)) throw new TraceError({ file }, `${name} must be a finite number of seconds`);
    return Math.round(x);
  }
  const parsed = parseDateTime(bound.trim());
  if (parsed === null) {
    throw new TraceError(
      { file },
      `${name} "${bound}" is neither seconds from the start nor an ISO-8601 / YYYY-MM-DD HH:MM:SS time`,
    );
  }
  if (startEpochSeconds === null) {
    throw new TraceError({ file }, `${name} "${bound}" is an absolute time but the trace has relative times`);
  }
  return Math.round(parsed.epochSeconds) - startEpochSeconds;
}

function scale(series: TimeSeries, factor: number, file: string, notes: string[]): TimeSeries {
  if (!Number.isFinite(factor) || factor < 0) {
    throw new TraceError({ file }, `scale must be a finite number >= 0, got ${factor}`);
  }
  const v = new Float64Array(series.v.length);
  for (let i = 0; i < v.length; i++) v[i] = (series.v[i] ?? 0) * factor;
  notes.push(`multiplied every value by ${formatNumber(factor)} (scale)`);
  return { ...series, v };
}
