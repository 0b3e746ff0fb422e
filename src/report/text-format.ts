/**
 * Number and duration formatting shared by the `simulate` reporters. Every function is pure and locale-free, so
 * the same input gives the same text everywhere. Durations are in seconds.
 */

const UNITS: readonly (readonly [number, string])[] = [
  [86400, "d"],
  [3600, "h"],
  [60, "m"],
  [1, "s"],
];

function split(seconds: number): number[] {
  let rest = Math.max(0, Math.round(seconds));
  return UNITS.map(([size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return n;
  });
}

/**
 * A duration for people: every non-zero unit from days to seconds.
 * `7985` -> `"2h 13m 5s"`, `7200` -> `"2h"`, `90061` -> `"1d 1h 1m 1s"`, `0` -> `"0s"`. Rounds to whole seconds.
 */
export function formatDuration(seconds: number): string {
  const parts = split(seconds)
    .map((n, i) => (n > 0 ? `${n}${UNITS[i]?.[1]}` : ""))
    .filter((p) => p !== "");
  return parts.length > 0 ? parts.join(" ") : "0s";
}

/**
 * A time-axis tick: the largest non-zero unit and the next one if it is non-zero (lower units truncated).
 * `0` -> `"0s"`, `21600` -> `"6h"`, `93784` -> `"1d 2h"`, `5400` -> `"1h 30m"`.
 */
export function formatTick(seconds: number): string {
  const n = split(seconds);
  const first = n.findIndex((x) => x > 0);
  if (first < 0) return "0s";
  const parts = [`${n[first]}${UNITS[first]?.[1]}`];
  const next = n[first + 1];
  if (next !== undefined && next > 0) parts.push(`${next}${UNITS[first + 1]?.[1]}`);
  return parts.join(" ");
}

/**
 * An offset from the start of the replay as an event time: `t=15s`, `t=2m05s`, `t=1h02m15s`, `t=1d03h00m00s`
 * (units below the largest are zero-padded to two digits).
 */
export function formatOffset(seconds: number): string {
  const n = split(seconds);
  const first = Math.min(
    n.findIndex((x) => x > 0),
    3,
  );
  if (first < 0) return "t=0s";
  return `t=${n
    .slice(first)
    .map((x, i) => `${i === 0 ? String(x) : String(x).padStart(2, "0")}${UNITS[first + i]?.[1]}`)
    .join("")}`;
}

// mirrors k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration (what kubectl prints as an age)
/** A short duration as kubectl prints ages and `(x4 over 5m)`: `90s`, `5m`, `3m20s`, `2h15m`, `3d4h`. */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) return s % 60 === 0 ? `${minutes}m` : `${minutes}m${s % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(s / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  if (hours < 24 * 365 * 8)
    return days % 365 === 0 ? `${days / 365}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

/** A share (0..1) as a percentage with one decimal: `0.1234` -> `"12.3%"`. */
export function formatShare(share: number): string {
  return `${fixedTrim(share * 100, 1, false)}%`;
}

/**
 * `x` with `decimals` digits after the point; trailing zeros (and a bare point) dropped when `trim`, and never
 * `-0`. `fixedTrim(12.50, 2)` -> `"12.5"`.
 */
export function fixedTrim(x: number, decimals: number, trim = true): string {
  if (!Number.isFinite(x)) return String(x);
  let s = x.toFixed(decimals);
  if (trim && s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A number for CSV cells: integers as integers (no exponent even above 1e21), others with at most 6 digits after
 * the point and trailing zeros trimmed (`0.1 + 0.2` -> `"0.3"`, `1/3` -> `"0.333333"`); `-0` -> `"0"`;
 * `NaN` and infinities as `NaN`, `Infinity`, `-Infinity`. Deterministic: `toFixed` rounds the exact binary value.
 */
export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return Math.abs(x) < 1e21 ? String(x === 0 ? 0 : x) : BigInt(x).toString();
  return fixedTrim(x, 6);
}

/**
 * A short number with an SI suffix for progress counters and axis labels: `950`, `12.3k`, `4.5M`, `1.2G`
 * (`decimals` used below 1000, default 0).
 */
export function formatCompact(x: number, decimals = 0): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${fixedTrim(x / 1e9, 1, false)}G`;
  if (a >= 1e6) return `${fixedTrim(x / 1e6, 1, false)}M`;
  if (a >= 1e3) return `${fixedTrim(x / 1e3, 1, false)}k`;
  return fixedTrim(x, decimals, false);
}

/**
 * A value in a metric's unit: `%` attached (`50%`), unit `1` or empty omitted (`12.5`), else after a space
 * (`0.25 cores`). At most two decimals, trailing zeros trimmed.
 */
export function formatValue(x: number, unit: string): string {
  const n = fixedTrim(x, 2);
  if (unit === "%") return `${n}%`;
  return unit === "" || unit === "1" ? n : `${n} ${unit}`;
}
