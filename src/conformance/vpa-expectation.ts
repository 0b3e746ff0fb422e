/**
 * Judges a VPA vector: the comparison rules of FORMAT-vpa-ca.md that the generic comparator
 * (compare-expectation.ts) does not know, then the generic comparison for everything else.
 *
 * - `tolerance` `{relative}` / `{absolute}`: every number within it of the expected value.
 * - `error: true` / `false`: an error was / was not reported (a string is a substring, as generic).
 * - `histogramCalls`: set semantics (upstream uses unordered mock expectations).
 * - `annotationContains`: an element of the container's annotation list (`null` = no annotations);
 *   `annotationsContain`: every element is in it.
 * - `bucketWeights`: the exact map (no extra buckets).
 * - `equalsHistogramWithSamples` / `equalsHistogramWithSamplesInOrder` / `memoryPeaksOfAppA`: the
 *   reported histogram Equals (upstream's predicate) one built from these samples.
 */
import {
  addDecayingSample,
  decayingHistogramsEqual,
  newDecayingHistogram,
} from "../vpa/decaying-histogram.js";
import { addSample, histogramsEqual, newHistogram } from "../vpa/histogram.js";
import { compareExpectation, type Mismatch } from "./compare-expectation.js";
import { decayingFromSummary, type HistogramSummary, plainFromSummary } from "./vpa-case-input.js";

type Tolerance = { readonly relative?: number; readonly absolute?: number } | undefined;

function toTolerance(t: unknown): Tolerance {
  if (t === null || typeof t !== "object") return undefined;
  const o = t as Record<string, unknown>;
  return {
    ...(typeof o.relative === "number" ? { relative: o.relative } : {}),
    ...(typeof o.absolute === "number" ? { absolute: o.absolute } : {}),
  };
}

function within(expected: number, actual: number, t: Tolerance): boolean {
  if (expected === actual) return true;
  if (t?.relative !== undefined && Math.abs(actual - expected) <= t.relative * Math.abs(expected))
    return true;
  return t?.absolute !== undefined && Math.abs(actual - expected) <= t.absolute;
}

/** `actual` with every number that is within tolerance of its expected counterpart replaced by it. */
function snap(expected: unknown, actual: unknown, t: Tolerance): unknown {
  if (typeof expected === "number" && typeof actual === "number")
    return within(expected, actual, t) ? expected : actual;
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((a, i) => snap(expected[i], a, t));
  if (expected !== null && typeof expected === "object" && actual !== null && typeof actual === "object") {
    const out: Record<string, unknown> = { ...(actual as Record<string, unknown>) };
    for (const [k, e] of Object.entries(expected)) out[k] = snap(e, out[k], t);
    return out;
  }
  return actual;
}

function matches(expected: unknown, actual: unknown, t: Tolerance): boolean {
  return compareExpectation({ v: expected }, { v: snap(expected, actual, t) }).length === 0;
}

function asStrings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
}

function isSummary(v: unknown): v is HistogramSummary {
  return v !== null && typeof v === "object" && "options" in v && "weights" in v;
}

/** Upstream's Equals against a histogram built from `[value, weight(, time or "windowEnd of <key>")]` samples. */
function equalsHistogramBuiltFrom(expected: unknown, actual: unknown): boolean {
  const report = actual as { histogram?: unknown; windowEnds?: Record<string, number> } | HistogramSummary;
  const summary = isSummary(report) ? report : report?.histogram;
  if (!isSummary(summary) || !Array.isArray(expected)) return false;
  const windowEnds = isSummary(report) ? {} : (report.windowEnds ?? {});
  if (summary.halfLifeSeconds === undefined) {
    const built = expected.reduce(
      (h, s) => addSample(h, Number(s[0]), Number(s[1])),
      newHistogram(summary.options),
    );
    return histogramsEqual(plainFromSummary(summary), built);
  }
  const time = (t: unknown): number =>
    typeof t === "string" && t.startsWith("windowEnd of ")
      ? Number(windowEnds[t.slice("windowEnd of ".length)])
      : Number(t);
  const built = expected.reduce(
    (h, s) => addDecayingSample(h, Number(s[0]), Number(s[1]), time(s[2])),
    newDecayingHistogram(summary.options, summary.halfLifeSeconds),
  );
  return decayingHistogramsEqual(decayingFromSummary(summary), built);
}

const HISTOGRAM_EQUALITY_KEYS = new Set([
  "equalsHistogramWithSamples",
  "equalsHistogramWithSamplesInOrder",
  "memoryPeaksOfAppA",
]);

/** Applies one FORMAT rule to a top-level field; undefined when the field has no special rule. */
function specialRule(
  key: string,
  expected: unknown,
  actual: Record<string, unknown>,
  t: Tolerance,
): boolean | undefined {
  const a = actual[key];
  if (key === "error" && typeof expected === "boolean") return (actual.error !== undefined) === expected;
  if (HISTOGRAM_EQUALITY_KEYS.has(key)) return equalsHistogramBuiltFrom(expected, a);
  if (key === "histogramCalls") {
    if (!Array.isArray(expected) || !Array.isArray(a)) return false;
    return (
      expected.every((e) => a.some((x) => matches(e, x, t))) &&
      a.every((x) => expected.some((e) => matches(e, x, t)))
    );
  }
  if (key === "annotationContains" || key === "annotationsContain") {
    const list = asStrings(a ?? []);
    if (list === undefined) return false;
    if (expected === null) return list.length === 0;
    const wanted = typeof expected === "string" ? [expected] : asStrings(expected);
    return wanted?.every((w) => list.includes(w)) ?? false;
  }
  if (key === "bucketWeights") {
    if (expected === null || typeof expected !== "object" || a === null || typeof a !== "object")
      return false;
    const e = Object.keys(expected).sort();
    const k = Object.keys(a).sort();
    return JSON.stringify(e) === JSON.stringify(k) && matches(expected, a, t);
  }
  return undefined;
}

/** All mismatches between a VPA vector's `expect` and the runner's result (empty = pass). */
export function compareVpaExpectation(
  expect: Record<string, unknown>,
  actual: Record<string, unknown>,
  tolerance?: unknown,
): Mismatch[] {
  const t = toTolerance(tolerance);
  const out: Mismatch[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, expected] of Object.entries(expect)) {
    const verdict = specialRule(key, expected, actual, t);
    if (verdict === undefined) rest[key] = expected;
    else if (!verdict)
      out.push({ path: key, expected, actual: key === "error" ? actual.error : actual[key] });
  }
  // With `error: true/false` judged above, the remaining fields are compared without the error.
  const { error: _error, ...withoutError } = actual;
  const generic = typeof expect.error === "boolean" ? withoutError : actual;
  out.push(...compareExpectation(rest, snap(rest, generic, t) as Record<string, unknown>));
  return out;
}
