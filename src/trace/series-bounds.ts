/**
 * The bounds finish-series.ts applies (bounds.ts, README-rules.md "Bounds"), with errors that name the row: the
 * samples a replay keeps span at most {@link MAX_REPLAY_SECONDS}, and no value exceeds {@link MAX_TRACE_VALUE} once
 * merged, summed and scaled.
 */
import {
  describeLongDuration,
  MAX_REPLAY_SECONDS,
  MAX_REPLAY_TEXT,
  MAX_TRACE_VALUE,
  MAX_TRACE_VALUE_TEXT,
} from "./bounds.js";
import { formatEpoch } from "./civil-time.js";
import type { FinishOptions, SliceWindow } from "./finish-series.js";
import { formatCount, formatNumber } from "./format.js";
import type { SortedSamples } from "./samples.js";
import { TraceError } from "./trace-error.js";
import type { TimeSeries } from "./types.js";

const SLICE_HINT = "replay a slice (--from/--to, spec.trace.from/to)";

/** A sample time as a message shows it: the row's text, else the time (with its date-time when absolute). */
function timeText(time: number, opts: FinishOptions): { line?: number; text: string } {
  const row = opts.origins?.row?.(time);
  if (row !== undefined) return row;
  return {
    text: opts.absolute ? `${formatNumber(time)} (${formatEpoch(time)})` : `t = ${formatNumber(time)} s`,
  };
}

/**
 * The span bound: the samples a replay keeps (the slice's, or all) span at most {@link MAX_REPLAY_SECONDS}. The
 * error names the row after the largest gap between consecutive times (in time order, as the rows were sorted)
 * when that gap alone is longer than the bound and leaving it out would fit (a typo such as a digit too many, a
 * time in milliseconds among seconds), else the whole span, in seconds too.
 */
export function checkSpan(samples: SortedSamples, window: SliceWindow | null, opts: FinishOptions): void {
  const { times } = samples;
  const n = times.length;
  const first = times[0] ?? 0;
  const from = first + (window?.from ?? 0);
  const to = window === null ? Number.POSITIVE_INFINITY : first + window.to;
  let i = 0;
  while (i + 1 < n && (times[i + 1] ?? 0) <= from) i++;
  let end = i + 1;
  while (end < n && (times[end] ?? 0) < to) end++;
  const span = (times[end - 1] ?? 0) - from;
  if (span <= MAX_REPLAY_SECONDS) return;
  let gap = 0;
  let after = i + 1;
  for (let k = i + 1; k < end; k++) {
    const d = (times[k] ?? 0) - Math.max(times[k - 1] ?? 0, from);
    if (d > gap) {
      gap = d;
      after = k;
    }
  }
  const origins = opts.origins;
  const check = `check ${origins?.times ?? "the times"}`;
  const limit = `a replay spans at most ${MAX_REPLAY_TEXT}`;
  const where = (at: { line?: number }) =>
    at.line === undefined
      ? { file: opts.file }
      : origins?.timeColumn === undefined
        ? { file: opts.file, line: at.line }
        : { file: opts.file, line: at.line, column: origins.timeColumn };
  if (gap > MAX_REPLAY_SECONDS && span - gap <= MAX_REPLAY_SECONDS) {
    const here = timeText(times[after] ?? 0, opts);
    const before = timeText(Math.max(times[after - 1] ?? 0, from), opts);
    const prev =
      here.line !== undefined && before.line === here.line - 1
        ? `the previous row (${before.text})`
        : before.line !== undefined
          ? `${before.text} on line ${before.line}, the time before it (rows are taken in time order)`
          : `${before.text}, the time before it`;
    throw new TraceError(
      where(here),
      `${here.text} is ${describeLongDuration(gap)} after ${prev}; ${limit}: ${check}, or ${SLICE_HINT}`,
    );
  }
  const a = timeText(Math.max(times[i] ?? 0, from), opts);
  const b = timeText(times[end - 1] ?? 0, opts);
  const on = (x: { line?: number; text: string }) =>
    x.line === undefined ? x.text : `${x.text} on line ${x.line}`;
  throw new TraceError(
    where(b),
    `the trace spans ${describeLongDuration(span)} (${formatCount(span)} s), from ${on(a)} to ${on(b)}; ${limit} (${formatCount(MAX_REPLAY_SECONDS)} s): ${SLICE_HINT}`,
  );
}

/**
 * The value bound: every value, once merged, summed and scaled, is at most {@link MAX_TRACE_VALUE} (and so finite).
 * `unscaled` holds the values before `scale`; `rawStart` is the time as read of the series' t = 0.
 */
export function checkValues(
  series: TimeSeries,
  unscaled: Float64Array,
  factor: number,
  rawStart: number,
  opts: FinishOptions,
): void {
  const { v } = series;
  let i = 0;
  while (i < v.length && (v[i] ?? 0) <= MAX_TRACE_VALUE) i++;
  if (i === v.length) return;
  const value = v[i] ?? 0;
  const raw = unscaled[i] ?? 0;
  const origins = opts.origins;
  const at = timeText(rawStart + (series.t[i] ?? 0), opts);
  const show = (x: number): string => (Number.isFinite(x) ? formatNumber(x) : "infinite");
  const largest = `${MAX_TRACE_VALUE_TEXT}, the largest value a trace may hold`;
  const sum = origins?.summed === undefined ? null : `the sum of ${origins.summed} at ${at.text}`;
  let detail: string;
  if (factor !== 1 && raw <= MAX_TRACE_VALUE) {
    const base =
      sum !== null
        ? `${sum} (${show(raw)})`
        : at.line !== undefined
          ? show(raw)
          : `the value ${show(raw)} at ${at.text}`;
    const result = Number.isFinite(value) ? `= ${formatNumber(value)} is above` : "is infinite, above";
    detail = `${base} × scale ${formatNumber(factor)} ${result} ${largest}: check the scale (--scale, spec.trace.scale)`;
  } else if (sum !== null) detail = `${sum} is ${show(raw)}, above ${largest}`;
  else if (at.line !== undefined) detail = `${show(raw)} is above ${largest}`;
  else detail = `the value ${show(raw)} at ${at.text} is above ${largest}`;
  const loc =
    at.line === undefined
      ? { file: opts.file }
      : origins?.valueColumn === undefined
        ? { file: opts.file, line: at.line }
        : { file: opts.file, line: at.line, column: origins.valueColumn };
  throw new TraceError(loc, detail);
}
