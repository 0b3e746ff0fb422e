/**
 * Judges a cluster-autoscaler vector: the rules of FORMAT-vpa-ca.md that the generic comparator
 * (compare-expectation.ts) does not know, then the generic comparison for everything else.
 *
 * - `tolerance`: `{relative}` / `{absolute}` for every numeric field, or per field `<f>Relative`,
 *   `<f>Absolute`, `<f>Exact` (exact float equality); without one, compare exactly.
 * - `error: true` / `false`: an error was / was not reported (a string is a substring, as generic).
 * - `notEqual`: the result (`best`) must differ from this value (upstream asserts only inequality).
 * - `eachNewSizeIn`: every new group size must be one of these (upstream allows either order).
 * - `logContains`: some logged line contains it (`null` = not checked).
 * - `ca.backoff` results: a bare `true` / `false` is the `backedOff` of the status.
 */
import { compareExpectation, type Mismatch } from "./compare-expectation.js";

type Tolerance = Readonly<Record<string, unknown>>;

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How to compare a numeric field: [kind, bound] or undefined = exactly. */
function toleranceFor(
  field: string,
  tol: Tolerance | undefined,
): ["relative" | "absolute", number] | undefined {
  if (tol === undefined || tol[`${field}Exact`] === true) return undefined;
  const rel = tol[`${field}Relative`] ?? tol.relative;
  if (typeof rel === "number") return ["relative", rel];
  const abs = tol[`${field}Absolute`] ?? tol.absolute;
  if (typeof abs === "number") return ["absolute", abs];
  return undefined;
}

function withinTolerance(expected: number, actual: number, t: ["relative" | "absolute", number]): boolean {
  const bound = t[0] === "relative" ? t[1] * Math.abs(expected) : t[1];
  return Math.abs(actual - expected) <= bound;
}

/** Normalizes the backoff results: a bare boolean stands for `{backedOff}`. */
function backoffResults(expected: unknown, actual: unknown): unknown {
  if (!Array.isArray(expected) || !Array.isArray(actual)) return actual;
  return actual.map((a, i) =>
    typeof expected[i] === "boolean" && a !== null && typeof a === "object"
      ? (a as { backedOff: unknown }).backedOff
      : a,
  );
}

/** All mismatches between the vector's `expect` and the runner's result (empty = pass). */
export function compareCaExpectation(
  kind: string,
  expect: Record<string, unknown>,
  actual: Record<string, unknown>,
  tolerance?: unknown,
): Mismatch[] {
  const tol = tolerance !== null && typeof tolerance === "object" ? (tolerance as Tolerance) : undefined;
  const out: Mismatch[] = [];
  const rest: Record<string, unknown> = {};
  const adjusted: Record<string, unknown> = { ...actual };
  for (const [k, v] of Object.entries(expect)) {
    if (k === "error" && typeof v === "boolean") {
      if ((typeof actual.error === "string") !== v) out.push({ path: k, expected: v, actual: actual.error });
    } else if (k === "notEqual") {
      if (deepEqual(actual.best, v))
        out.push({ path: "best (must differ)", expected: v, actual: actual.best });
    } else if (k === "eachNewSizeIn") {
      const sizes = Object.values((actual.newSizes ?? {}) as Record<string, unknown>);
      if (!Array.isArray(v) || !sizes.every((s) => v.includes(s)))
        out.push({ path: "newSizes (each in)", expected: v, actual: actual.newSizes });
    } else if (k === "logContains") {
      const log = Array.isArray(actual.log) ? (actual.log as unknown[]).map(String) : [];
      if (v !== null && !log.some((l) => l.includes(String(v))))
        out.push({ path: "log", expected: v, actual: log });
    } else if (typeof v === "number" && typeof actual[k] === "number" && toleranceFor(k, tol) !== undefined) {
      if (!withinTolerance(v, actual[k] as number, toleranceFor(k, tol) as ["relative" | "absolute", number]))
        out.push({ path: k, expected: v, actual: actual[k] });
    } else {
      rest[k] = v;
    }
  }
  if (kind === "ca.backoff") adjusted.results = backoffResults(expect.results, actual.results);
  return [...out, ...compareExpectation(rest, adjusted)];
}
