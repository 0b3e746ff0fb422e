/**
 * Go time.Time / time.Duration semantics the VPA model relies on, on Unix seconds. Upstream keeps
 * "no timestamp yet" as Go's zero time (January 1, year 1 UTC) and rounds decay reference times to
 * multiples of the half-life counted from that zero time, so both are reproduced here.
 */

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds: `time.Time{}`. */
export const GO_ZERO_TIME = -62135596800;

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const EXACT_SECONDS = 9_007_199; // |s| below this: s × 1e9 is an exact double

/** Go Time.IsZero. */
export function isZeroTime(t: number): boolean {
  return t === GO_ZERO_TIME;
}

/**
 * float64(a.Sub(b)): the difference in nanoseconds as Go computes it, saturated to the int64 range
 * (about ±292 years), as a double.
 */
export function subNanos(a: number, b: number): number {
  const diff = a - b;
  if (Math.abs(diff) < EXACT_SECONDS) return Math.round(diff * 1e9);
  let ns = Number.isInteger(diff) ? BigInt(diff) * 1_000_000_000n : BigInt(Math.round(diff * 1e9));
  if (ns > INT64_MAX) ns = INT64_MAX;
  if (ns < INT64_MIN) ns = INT64_MIN;
  return Number(ns);
}

/** Go Duration.Minutes() for a duration of whole seconds. */
export function durationMinutes(seconds: number): number {
  const whole = Math.trunc(seconds / 60);
  return whole + (seconds - whole * 60) / 60;
}

/**
 * Go Time.Round(d): the nearest multiple of `d` seconds counted from the zero time; halfway values
 * round up. `d <= 0` returns `t` unchanged.
 */
export function roundTime(t: number, d: number): number {
  if (d <= 0) return t;
  const sinceZero = t - GO_ZERO_TIME;
  const r = ((sinceZero % d) + d) % d;
  return r + r < d ? t - r : t + (d - r);
}
