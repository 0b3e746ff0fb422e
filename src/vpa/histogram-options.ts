/** Bucket layouts of VPA histograms (mirrors util/histogram_options.go). */
import {
  CPU_HISTOGRAM_FIRST_BUCKET_CORES,
  CPU_HISTOGRAM_MAX_CORES,
  DEFAULT_HISTOGRAM_BUCKET_SIZE_GROWTH,
  HISTOGRAM_EPSILON,
  MEMORY_HISTOGRAM_FIRST_BUCKET_BYTES,
  MEMORY_HISTOGRAM_MAX_BYTES,
} from "./config.js";
import { float64ToInt64, goLog, goPow } from "./go-math.js";

/** Fixed-size buckets starting at 0; the last bucket start is >= maxValue. */
export interface LinearHistogramOptions {
  readonly type: "linear";
  readonly numBuckets: number;
  readonly bucketSize: number;
  /** Minimum weight of a non-empty bucket. */
  readonly epsilon: number;
}

/** Bucket 0 is [0, first); bucket n >= 1 starts at first × (ratio^n - 1) / (ratio - 1). */
export interface ExponentialHistogramOptions {
  readonly type: "exponential";
  readonly numBuckets: number;
  readonly firstBucketSize: number;
  readonly ratio: number;
  readonly epsilon: number;
}

/** A histogram's bucketing scheme (mirrors histogram_options.go HistogramOptions). */
export type HistogramOptions = LinearHistogramOptions | ExponentialHistogramOptions;

/** An options value, or the upstream error for invalid parameters. */
export type OptionsResult = { readonly options: HistogramOptions } | { readonly error: string };

/** The last base logBase saw and its logarithm (every histogram uses the same ratio, 1.05). */
let cachedBase = Number.NaN;
let cachedLogOfBase = Number.NaN;

/** log_base(x) = ln x / ln base with Go's math.Log (mirrors histogram_options.go log). */
function logBase(base: number, x: number): number {
  if (base !== cachedBase) {
    cachedLogOfBase = goLog(base);
    cachedBase = base;
  }
  return goLog(x) / cachedLogOfBase;
}

/** Linear buckets; numBuckets = ceil(maxValue / bucketSize) + 1 (mirrors NewLinearHistogramOptions). */
export function newLinearHistogramOptions(
  maxValue: number,
  bucketSize: number,
  epsilon: number,
): OptionsResult {
  if (maxValue <= 0.0 || bucketSize <= 0.0 || epsilon <= 0.0) {
    return { error: "maxValue and bucketSize must both be positive" };
  }
  const numBuckets = float64ToInt64(Math.ceil(maxValue / bucketSize)) + 1;
  return { options: { type: "linear", numBuckets, bucketSize, epsilon } };
}

/**
 * Exponential buckets; numBuckets = ceil(log_ratio(maxValue × (ratio - 1) / first + 1)) + 1
 * (mirrors NewExponentialHistogramOptions).
 */
export function newExponentialHistogramOptions(
  maxValue: number,
  firstBucketSize: number,
  ratio: number,
  epsilon: number,
): OptionsResult {
  if (maxValue <= 0.0 || firstBucketSize <= 0.0 || ratio <= 1.0 || epsilon <= 0.0) {
    return { error: "maxValue, firstBucketSize and epsilon must be > 0.0, ratio must be > 1.0" };
  }
  const numBuckets =
    float64ToInt64(Math.ceil(logBase(ratio, (maxValue * (ratio - 1)) / firstBucketSize + 1))) + 1;
  return { options: { type: "exponential", numBuckets, firstBucketSize, ratio, epsilon } };
}

function mustOptions(r: OptionsResult): HistogramOptions {
  if ("error" in r) throw new Error(r.error);
  return r.options;
}

/** CPU histograms: cores, first bucket 0.01, growth 5%, max 1000 (mirrors aggregations_config.go cpuHistogramOptions). */
export const CPU_HISTOGRAM_OPTIONS: HistogramOptions = mustOptions(
  newExponentialHistogramOptions(
    CPU_HISTOGRAM_MAX_CORES,
    CPU_HISTOGRAM_FIRST_BUCKET_CORES,
    1 + DEFAULT_HISTOGRAM_BUCKET_SIZE_GROWTH,
    HISTOGRAM_EPSILON,
  ),
);

/** Memory histograms: bytes, first bucket 1e7, growth 5%, max 1e12 (mirrors aggregations_config.go memoryHistogramOptions). */
export const MEMORY_HISTOGRAM_OPTIONS: HistogramOptions = mustOptions(
  newExponentialHistogramOptions(
    MEMORY_HISTOGRAM_MAX_BYTES,
    MEMORY_HISTOGRAM_FIRST_BUCKET_BYTES,
    1 + DEFAULT_HISTOGRAM_BUCKET_SIZE_GROWTH,
    HISTOGRAM_EPSILON,
  ),
);

/** The bucket a value falls in, clamped to the first / last bucket (mirrors FindBucket). */
export function findBucket(o: HistogramOptions, value: number): number {
  if (o.type === "linear") {
    // Go int(value / bucketSize): truncation; NaN and out-of-range give -2^63 (bucket 0) on amd64.
    const bucket = float64ToInt64(value / o.bucketSize);
    if (bucket < 0) return 0;
    if (bucket >= o.numBuckets) return o.numBuckets - 1;
    return bucket;
  }
  if (value < o.firstBucketSize) return 0;
  const bucket = float64ToInt64(logBase(o.ratio, (value * (o.ratio - 1)) / o.firstBucketSize + 1));
  if (bucket >= o.numBuckets) return o.numBuckets - 1;
  return bucket;
}

/** Bucket starts already computed, per options object (options are immutable values). */
const bucketStarts = new WeakMap<HistogramOptions, number[]>();

/** Start of a bucket; throws for an index outside [0, numBuckets) as upstream panics (mirrors GetBucketStart). */
export function getBucketStart(o: HistogramOptions, bucket: number): number {
  if (bucket < 0 || bucket >= o.numBuckets) {
    throw new RangeError(`index ${bucket} out of range [0..${o.numBuckets - 1}]`);
  }
  if (o.type === "linear") return bucket * o.bucketSize;
  if (bucket === 0) return 0.0;
  let starts = bucketStarts.get(o);
  if (starts === undefined) {
    starts = [];
    bucketStarts.set(o, starts);
  }
  const known = starts[bucket];
  if (known !== undefined) return known;
  const start = (o.firstBucketSize * (goPow(o.ratio, bucket) - 1)) / (o.ratio - 1);
  starts[bucket] = start;
  return start;
}

/** Upstream requires the same options object; equal parameters are treated as the same layout here. */
export function sameOptions(a: HistogramOptions, b: HistogramOptions): boolean {
  if (a === b) return true;
  if (a.type === "linear" && b.type === "linear") {
    return a.numBuckets === b.numBuckets && a.bucketSize === b.bucketSize && a.epsilon === b.epsilon;
  }
  if (a.type === "exponential" && b.type === "exponential") {
    return (
      a.numBuckets === b.numBuckets &&
      a.firstBucketSize === b.firstBucketSize &&
      a.ratio === b.ratio &&
      a.epsilon === b.epsilon
    );
  }
  return false;
}
