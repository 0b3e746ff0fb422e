/**
 * Compares a vector's `expect` with what the implementation produced: only fields present in `expect`,
 * quantities by value (`"20"` = `"20000m"` = 20000n milli), `error` as a substring of the actual error.
 */
import { isQuantity, parseMilli } from "../units/quantity.js";

/** One mismatch: the field path, what was expected and what was produced. */
export interface Mismatch {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

function quantityEqual(expected: unknown, actual: unknown): boolean | undefined {
  const asMilli = (v: unknown): bigint | undefined => {
    if (typeof v === "bigint") return v;
    if (typeof v === "string" && isQuantity(v)) return parseMilli(v);
    return undefined;
  };
  if (typeof expected !== "string" && typeof actual !== "bigint") return undefined;
  const e = asMilli(expected);
  const a = asMilli(actual);
  if (e === undefined || a === undefined) return undefined;
  return e === a;
}

function compareAt(path: string, expected: unknown, actual: unknown, out: Mismatch[]): void {
  const q = quantityEqual(expected, actual);
  if (q !== undefined) {
    if (!q) out.push({ path, expected, actual });
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push({ path, expected, actual });
      return;
    }
    expected.forEach((e, i) => {
      compareAt(`${path}[${i}]`, e, actual[i], out);
    });
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") {
      out.push({ path, expected, actual });
      return;
    }
    for (const [k, v] of Object.entries(expected))
      compareAt(path ? `${path}.${k}` : k, v, (actual as Record<string, unknown>)[k], out);
    return;
  }
  if (expected !== actual) out.push({ path, expected, actual });
}

/** All mismatches between `expect` and `actual` (empty = pass). */
export function compareExpectation(
  expect: Record<string, unknown>,
  actual: Record<string, unknown>,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [k, v] of Object.entries(expect)) {
    if (k === "error") {
      const a = actual.error;
      if (typeof a !== "string" || !a.includes(String(v)))
        out.push({ path: "error", expected: v, actual: a ?? actual });
      continue;
    }
    if (actual.error !== undefined && !("error" in expect)) {
      out.push({ path: k, expected: v, actual: { error: actual.error } });
      continue;
    }
    compareAt(k, v, actual[k], out);
  }
  return out;
}
