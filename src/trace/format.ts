/** Small text helpers for notes and error messages. */

/** `125300` -> `"125,300"` (no locale: the same text everywhere). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `1 row` / `3 rows`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : pluralWord}`;
}

/**
 * A duration range in the largest unit that divides every duration exactly:
 * `[60, 180]` -> `"1-3 minutes"`, `[120, 120]` -> `"2 minutes"`, `[45, 90]` -> `"45-90 seconds"`.
 */
export function formatDurationRange(minSeconds: number, maxSeconds: number): string {
  const units: readonly [number, string][] = [
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  for (const [size, name] of units) {
    if (minSeconds % size === 0 && maxSeconds % size === 0) {
      const a = minSeconds / size;
      const b = maxSeconds / size;
      return a === b ? plural(a, name) : `${formatCount(a)}-${formatCount(b)} ${name}s`;
    }
  }
  return `${minSeconds}-${maxSeconds} seconds`;
}

/** A number as short, exact-enough text for messages (`0.1`, `1500`, `1.2e-7`). */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(12)));
}
