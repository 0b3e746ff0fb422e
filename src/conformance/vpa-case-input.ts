/**
 * Reads the JSON of ../shared/conformance/vpa (FORMAT-vpa-ca.md) into the VPA model's inputs and
 * writes model values back in the vectors' units. Malformed input throws a descriptive error.
 */
import { formatEpoch, parseDateTime } from "../trace/civil-time.js";
import type { DecayingHistogram } from "../vpa/decaying-histogram.js";
import { GO_ZERO_TIME } from "../vpa/go-time.js";
import type { Histogram } from "../vpa/histogram.js";
import {
  CPU_HISTOGRAM_OPTIONS,
  type HistogramOptions,
  MEMORY_HISTOGRAM_OPTIONS,
  newExponentialHistogramOptions,
  newLinearHistogramOptions,
} from "../vpa/histogram-options.js";
import type { ResourceName, Resources } from "../vpa/types.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
export type Json = any;

/** A finite number, or an error naming the field. */
export function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new TypeError(`${what}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/** A number, or `fallback` when absent / null. */
export function numOr(v: unknown, fallback: number, what: string): number {
  return v === undefined || v === null ? fallback : num(v, what);
}

/** An array, or an error naming the field. */
export function arr(v: unknown, what: string): Json[] {
  if (!Array.isArray(v)) throw new TypeError(`${what}: expected an array, got ${JSON.stringify(v)}`);
  return v;
}

/** A vector resource list `{cpuMilli?, memBytes?}` as model resources (millicores, bytes). */
export function toResources(v: Json, what: string): Resources {
  if (v === undefined || v === null) return {};
  const out: { [R in ResourceName]?: number } = {};
  if (v.cpuMilli !== undefined) out.cpu = num(v.cpuMilli, `${what}.cpuMilli`);
  if (v.memBytes !== undefined) out.memory = num(v.memBytes, `${what}.memBytes`);
  return out;
}

/** Model resources back to `{cpuMilli?, memBytes?}`. */
export function fromResources(r: Resources): { cpuMilli?: number; memBytes?: number } {
  const out: { cpuMilli?: number; memBytes?: number } = {};
  if (r.cpu !== undefined) out.cpuMilli = r.cpu;
  if (r.memory !== undefined) out.memBytes = r.memory;
  return out;
}

/** A histogram layout: `{type: linear|exponential, ...}` or `{layout: defaultCPU|defaultMemory}`. */
export function toHistogramOptions(v: Json, what: string): HistogramOptions {
  if (v?.layout === "defaultCPU") return CPU_HISTOGRAM_OPTIONS;
  if (v?.layout === "defaultMemory") return MEMORY_HISTOGRAM_OPTIONS;
  const r =
    v?.type === "linear"
      ? newLinearHistogramOptions(
          num(v.maxValue, `${what}.maxValue`),
          num(v.bucketSize, `${what}.bucketSize`),
          num(v.epsilon, `${what}.epsilon`),
        )
      : v?.type === "exponential"
        ? newExponentialHistogramOptions(
            num(v.maxValue, `${what}.maxValue`),
            num(v.firstBucketSize, `${what}.firstBucketSize`),
            num(v.ratio, `${what}.ratio`),
            num(v.epsilon, `${what}.epsilon`),
          )
        : undefined;
  if (r === undefined) throw new TypeError(`${what}: unknown histogram layout ${JSON.stringify(v)}`);
  if ("error" in r) throw new RangeError(`${what}: ${r.error}`);
  return r.options;
}

/** An RFC 3339 time as Unix seconds. */
export function toUnixSeconds(v: unknown, what: string): number {
  const parsed = typeof v === "string" ? parseDateTime(v) : null;
  if (parsed === null || !parsed.hasZone)
    throw new TypeError(`${what}: expected an RFC 3339 time, got ${JSON.stringify(v)}`);
  return parsed.epochSeconds;
}

/** Unix seconds as RFC 3339 (Go's zero time prints as 0001-01-01T00:00:00Z). */
export function toRfc3339(t: number): string {
  return t === GO_ZERO_TIME ? "0001-01-01T00:00:00Z" : formatEpoch(t);
}

/** A bucket-weight map `{"<index>": weight}` as a Map with integer keys. */
export function toBucketWeights(v: Json, what: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, w] of Object.entries(v ?? {})) {
    const bucket = Number(k);
    if (!Number.isInteger(bucket))
      throw new TypeError(`${what}: bucket index ${JSON.stringify(k)} is not an integer`);
    out.set(bucket, num(w, `${what}.${k}`));
  }
  return out;
}

/** A Map of bucket weights as the vectors write it. */
export function fromBucketWeights(m: ReadonlyMap<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, w] of [...m].sort((a, b) => a[0] - b[0])) out[String(k)] = w;
  return out;
}

/** A bigint amount as the vectors write it: a number when it is a safe integer, else a decimal string. */
export function fromBigAmount(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v.toString();
}

/**
 * A histogram as a runner reports it: enough to rebuild it for upstream's Equals (layout, markers,
 * non-zero weights, and for a decaying histogram its half-life and reference time).
 */
export interface HistogramSummary {
  readonly options: HistogramOptions;
  readonly minBucket: number;
  readonly maxBucket: number;
  readonly totalWeight: number;
  readonly weights: Record<string, number>;
  readonly halfLifeSeconds?: number;
  readonly referenceTimestamp?: string;
}

/** Summarises a plain or decaying histogram. */
export function summarizeHistogram(h: Histogram | DecayingHistogram): HistogramSummary {
  const plain = "histogram" in h ? h.histogram : h;
  const weights: Record<string, number> = {};
  plain.bucketWeight.forEach((w, b) => {
    if (w !== 0) weights[String(b)] = w;
  });
  const base = {
    options: plain.options,
    minBucket: plain.minBucket,
    maxBucket: plain.maxBucket,
    totalWeight: plain.totalWeight,
    weights,
  };
  return "histogram" in h
    ? { ...base, halfLifeSeconds: h.halfLifeSeconds, referenceTimestamp: toRfc3339(h.referenceTimestamp) }
    : base;
}

/** The plain histogram a summary describes. */
export function plainFromSummary(s: HistogramSummary): Histogram {
  const bucketWeight = new Array<number>(s.options.numBuckets).fill(0);
  for (const [b, w] of Object.entries(s.weights)) bucketWeight[Number(b)] = w;
  return {
    options: s.options,
    bucketWeight,
    totalWeight: s.totalWeight,
    minBucket: s.minBucket,
    maxBucket: s.maxBucket,
  };
}

/** The decaying histogram a summary describes. */
export function decayingFromSummary(s: HistogramSummary): DecayingHistogram {
  return {
    histogram: plainFromSummary(s),
    halfLifeSeconds: s.halfLifeSeconds ?? 0,
    referenceTimestamp:
      s.referenceTimestamp === undefined || s.referenceTimestamp === "0001-01-01T00:00:00Z"
        ? GO_ZERO_TIME
        : toUnixSeconds(s.referenceTimestamp, "referenceTimestamp"),
  };
}
