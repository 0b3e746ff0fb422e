/**
 * The bounds every trace keeps (README-rules.md, "Bounds"), so that a typo in a trace (one digit too many in a
 * time, epoch milliseconds in a column of epoch seconds, a value of 1e308) is an error naming its line instead of
 * a replay that runs out of memory or reports NaN:
 *
 * - times are in the years 0000 to 9999 (UTC): what ISO-8601 dates, and every report, print;
 * - a trace spans at most {@link MAX_REPLAY_SECONDS} (10 years) from its first sample to its last, and a replay
 *   lasts at most as long;
 * - a value (after merging duplicates, summing series and `scale`) is at most {@link MAX_TRACE_VALUE}.
 */

import { formatCount } from "./format.js";

/**
 * The longest replay, and the longest span of a trace (first to last sample): 10 years of 365 days. Generous for
 * real traces (months, a year or two of history); a 10-year replay of a flat trace at the default settings takes
 * about 6 s and 150 MB (at a 1 s sync period, about 2.5 minutes), while an absurd span (a time with one digit too
 * many: centuries) would run for hours.
 */
export const MAX_REPLAY_SECONDS = 315_360_000;
/** {@link MAX_REPLAY_SECONDS} as messages say it. */
export const MAX_REPLAY_TEXT = "10 years";

/** The earliest time a trace may hold: 0000-01-01T00:00:00Z, in Unix epoch seconds. */
export const MIN_EPOCH_SECONDS = -62_167_219_200;
/**
 * The end of the times a trace may hold: 10000-01-01T00:00:00Z in Unix epoch seconds, excluded. ISO-8601 dates
 * (and so the date-time cells this layer reads, and the reports' time axes) have four-digit years.
 */
export const END_EPOCH_SECONDS = 253_402_300_800;

/**
 * The largest value a trace may hold once read (after merging duplicate timestamps, summing series and `scale`):
 * 1e15 — a quadrillion requests per second, a petabyte per second. No real demand comes near it, and the
 * replay's totals (demand × seconds over at most 10 years, about 3e23) stay far inside double precision; a value
 * of 1e308 would make them infinite and the reports NaN. It is also the largest load the capacity search of a
 * usage model considers (scenario/max-load.ts).
 */
export const MAX_TRACE_VALUE = 1e15;
/** {@link MAX_TRACE_VALUE} as messages say it. */
export const MAX_TRACE_VALUE_TEXT = "1e15";

/** True for a time (Unix epoch seconds, whole) in the years 0000 to 9999. */
export function inEpochRange(epochSeconds: number): boolean {
  return epochSeconds >= MIN_EPOCH_SECONDS && epochSeconds < END_EPOCH_SECONDS;
}

/** Why a time (epoch seconds) is out of range: `after 9999-12-31T23:59:59Z` or `before 0000-01-01T00:00:00Z`. */
export function epochRangeProblem(epochSeconds: number): string {
  return epochSeconds < MIN_EPOCH_SECONDS ? "before 0000-01-01T00:00:00Z" : "after 9999-12-31T23:59:59Z";
}

const YEAR_SECONDS = 365 * 86_400;

/**
 * A long duration as a message says it: `485 years`, `10.5 years`, `200 days`, `5 hours`, `90 s`. Years are 365
 * days, as in {@link MAX_REPLAY_TEXT}.
 */
export function describeLongDuration(seconds: number): string {
  const years = seconds / YEAR_SECONDS;
  if (years >= 1e6) return `${Number(years.toPrecision(3))} years`;
  if (years >= 100) return `${formatCount(Math.round(years))} years`;
  if (years >= 2) return `${Number(years.toFixed(1))} years`;
  if (seconds >= 2 * 86_400) return `${formatCount(Math.round(seconds / 86_400))} days`;
  if (seconds >= 2 * 3600) return `${Math.round(seconds / 3600)} hours`;
  return `${seconds} s`;
}
