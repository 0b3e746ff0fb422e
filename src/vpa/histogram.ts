/**
 * A bucketed histogram of weighted samples (mirrors util/histogram.go). Values are immutable: every
 * operation returns a new histogram (the *InPlace variants update a {@link MutableHistogram} the caller
 * owns, with the same arithmetic). Percentile() answers with the END of the bucket where the
 * cumulative weight first reaches p × total, so recommendations are always bucket boundaries.
 */
import { MAX_CHECKPOINT_WEIGHT } from "./config.js";
import { goRound } from "./go-math.js";
import { findBucket, getBucketStart, type HistogramOptions, sameOptions } from "./histogram-options.js";

export interface Histogram {
  readonly options: HistogramOptions;
  /** Cumulative weight of the samples in each bucket. */
  readonly bucketWeight: readonly number[];
  /** Cumulative weight of all samples. */
  readonly totalWeight: number;
  /** First non-empty bucket, or the last bucket when there is none. */
  readonly minBucket: number;
  /** Last non-empty bucket, or 0 when there is none. */
  readonly maxBucket: number;
}

/** A saved histogram: integer bucket weights (largest = 10000) and the total weight (mirrors vpa_types.HistogramCheckpoint). */
export interface HistogramCheckpoint {
  readonly totalWeight: number;
  /** Bucket index -> weight scaled so the heaviest bucket is {@link MAX_CHECKPOINT_WEIGHT}; zeros omitted. */
  readonly bucketWeights: ReadonlyMap<number, number>;
}

/** The empty histogram of each layout: histograms are immutable values, so one serves every caller. */
const emptyHistograms = new WeakMap<HistogramOptions, Histogram>();

/** An empty histogram (mirrors histogram.go NewHistogram). */
export function newHistogram(options: HistogramOptions): Histogram {
  let h = emptyHistograms.get(options);
  if (h === undefined) {
    h = {
      options,
      bucketWeight: new Array<number>(options.numBuckets).fill(0),
      totalWeight: 0,
      minBucket: options.numBuckets - 1,
      maxBucket: 0,
    };
    emptyHistograms.set(options, h);
  }
  return h;
}

function weightAt(h: Histogram, bucket: number): number {
  return h.bucketWeight[bucket] ?? 0;
}

/**
 * A histogram its holder owns: the bucket array and the markers may be updated in place (the replay's
 * recommender thaws each aggregate's histograms once per loop instead of copying them per sample). It is
 * a Histogram, so once the holder stops mutating it, it can be handed out as an immutable value.
 */
export interface MutableHistogram {
  readonly options: HistogramOptions;
  readonly bucketWeight: number[];
  totalWeight: number;
  minBucket: number;
  maxBucket: number;
}

/** A copy of `h` the caller owns (the bucket array is copied). */
export function thawHistogram(h: Histogram): MutableHistogram {
  return {
    options: h.options,
    bucketWeight: h.bucketWeight.slice(),
    totalWeight: h.totalWeight,
    minBucket: h.minBucket,
    maxBucket: h.maxBucket,
  };
}

/** {@link addSample} on an owned histogram. */
export function addSampleInPlace(h: MutableHistogram, value: number, weight: number): void {
  if (weight < 0.0) throw new RangeError("sample weight must be non-negative");
  const bucket = findBucket(h.options, value);
  const w = weightAt(h, bucket) + weight;
  h.bucketWeight[bucket] = w;
  const eps = h.options.epsilon;
  h.totalWeight = h.totalWeight + weight;
  if (bucket < h.minBucket && w >= eps) h.minBucket = bucket;
  if (bucket > h.maxBucket && w >= eps) h.maxBucket = bucket;
}

/** Adds a sample; min/max markers move only if the bucket reaches epsilon (mirrors histogram.go AddSample). */
export function addSample(h: Histogram, value: number, weight: number): Histogram {
  if (weight < 0.0) throw new RangeError("sample weight must be non-negative");
  const out = thawHistogram(h);
  addSampleInPlace(out, value, weight);
  return out;
}

/** value - sub, or exactly 0 when the result is below epsilon (mirrors histogram.go safeSubtract). */
function safeSubtract(value: number, sub: number, epsilon: number): number {
  const v = value - sub;
  return v < epsilon ? 0.0 : v;
}

/** Moves the min/max markers past buckets lighter than epsilon (mirrors histogram.go updateMinAndMaxBucket). */
function updateMinAndMaxBucketInPlace(h: MutableHistogram): void {
  const eps = h.options.epsilon;
  const lastBucket = h.options.numBuckets - 1;
  let { minBucket, maxBucket } = h;
  while (weightAt(h, minBucket) < eps && minBucket < lastBucket) minBucket++;
  while (weightAt(h, maxBucket) < eps && maxBucket > 0) maxBucket--;
  h.minBucket = minBucket;
  h.maxBucket = maxBucket;
}

/** See {@link updateMinAndMaxBucketInPlace}; returns `h` itself when the markers stay. */
function updateMinAndMaxBucket(h: Histogram): Histogram {
  const out = { ...h };
  updateMinAndMaxBucketInPlace(out as MutableHistogram);
  return out.minBucket === h.minBucket && out.maxBucket === h.maxBucket ? h : out;
}

/** {@link subtractSample} on an owned histogram. */
export function subtractSampleInPlace(h: MutableHistogram, value: number, weight: number): void {
  if (weight < 0.0) throw new RangeError("sample weight must be non-negative");
  const bucket = findBucket(h.options, value);
  const eps = h.options.epsilon;
  h.bucketWeight[bucket] = safeSubtract(weightAt(h, bucket), weight, eps);
  h.totalWeight = safeSubtract(h.totalWeight, weight, eps);
  updateMinAndMaxBucketInPlace(h);
}

/** Removes a sample; weights below epsilon become exactly 0 (mirrors histogram.go SubtractSample). */
export function subtractSample(h: Histogram, value: number, weight: number): Histogram {
  if (weight < 0.0) throw new RangeError("sample weight must be non-negative");
  const out = thawHistogram(h);
  subtractSampleInPlace(out, value, weight);
  return out;
}

/** Adds all samples of `o` (same layout required) (mirrors histogram.go Merge). */
export function mergeHistograms(h: Histogram, o: Histogram): Histogram {
  if (!sameOptions(h.options, o.options)) throw new Error("can't merge histograms with different options");
  const bucketWeight = h.bucketWeight.slice();
  for (let b = o.minBucket; b <= o.maxBucket; b++) bucketWeight[b] = weightAt(h, b) + weightAt(o, b);
  return {
    options: h.options,
    bucketWeight,
    totalWeight: h.totalWeight + o.totalWeight,
    minBucket: Math.min(h.minBucket, o.minBucket),
    maxBucket: Math.max(h.maxBucket, o.maxBucket),
  };
}

/** True when the min-marker bucket is lighter than epsilon (mirrors histogram.go IsEmpty). */
export function isEmptyHistogram(h: Histogram): boolean {
  return weightAt(h, h.minBucket) < h.options.epsilon;
}

/**
 * The end of the first bucket whose cumulative weight reaches p × total (the start of the last bucket
 * if that is the one); 0 for an empty histogram (mirrors histogram.go Percentile). p < 0 gives the end of
 * the min bucket, p > 1 the end of the max bucket.
 */
export function percentile(h: Histogram, p: number): number {
  if (isEmptyHistogram(h)) return 0.0;
  let partialSum = 0.0;
  const threshold = p * h.totalWeight;
  let bucket = h.minBucket;
  for (; bucket < h.maxBucket; bucket++) {
    partialSum += weightAt(h, bucket);
    if (partialSum >= threshold) break;
  }
  if (bucket < h.options.numBuckets - 1) return getBucketStart(h.options, bucket + 1);
  return getBucketStart(h.options, bucket);
}

/** Same layout, same markers, weights within 1e-15 of each other (mirrors histogram.go Equals). */
export function histogramsEqual(a: Histogram, b: Histogram): boolean {
  if (!sameOptions(a.options, b.options) || a.minBucket !== b.minBucket || a.maxBucket !== b.maxBucket) {
    return false;
  }
  for (let bucket = a.minBucket; bucket <= a.maxBucket; bucket++) {
    const diff = weightAt(a, bucket) - weightAt(b, bucket);
    if (diff > 1e-15 || diff < -1e-15) return false;
  }
  return true;
}

/** {@link scaleHistogram} on an owned histogram. */
export function scaleHistogramInPlace(h: MutableHistogram, factor: number): void {
  if (factor < 0.0) throw new RangeError("scale factor must be non-negative");
  for (let b = h.minBucket; b <= h.maxBucket; b++) h.bucketWeight[b] = weightAt(h, b) * factor;
  h.totalWeight = h.totalWeight * factor;
  updateMinAndMaxBucketInPlace(h);
}

/** Multiplies every weight by a non-negative factor, then drops sub-epsilon edges (mirrors histogram.go scale). */
export function scaleHistogram(h: Histogram, factor: number): Histogram {
  if (factor < 0.0) throw new RangeError("scale factor must be non-negative");
  // With the empty markers (min = last bucket > max = 0) no weight is scaled and the markers stay; then
  // an unchanged total means an unchanged histogram.
  const emptyMarkers = h.minBucket === h.options.numBuckets - 1 && h.maxBucket === 0 && h.minBucket > 0;
  if (emptyMarkers && Object.is(h.totalWeight * factor, h.totalWeight)) return h;
  const out = thawHistogram(h);
  scaleHistogramInPlace(out, factor);
  return out;
}

/**
 * Scales weights so the heaviest bucket is 10000, rounds, and drops zeros; buckets lighter than
 * 1/20000 of the heaviest are lost (mirrors histogram.go SaveToChekpoint).
 */
export function saveToCheckpoint(h: Histogram): HistogramCheckpoint {
  let maxWeight = 0;
  for (let b = h.minBucket; b <= h.maxBucket; b++) maxWeight = Math.max(maxWeight, weightAt(h, b));
  const ratio = MAX_CHECKPOINT_WEIGHT / maxWeight;
  const bucketWeights = new Map<number, number>();
  for (let b = h.minBucket; b <= h.maxBucket; b++) {
    // Go uint32(round(w × ratio)): the rounded value is in [0, 10000].
    const newWeight = goRound(weightAt(h, b) * ratio);
    if (newWeight > 0) bucketWeights.set(b, newWeight);
  }
  return { totalWeight: h.totalWeight, bucketWeights };
}

/** A histogram, or why a checkpoint could not be loaded. */
export type LoadResult = { readonly histogram: Histogram } | { readonly error: string };

/**
 * Adds a checkpoint's samples: integer weights rescaled to the stored total, then sub-epsilon edges
 * dropped (issue 7726) (mirrors histogram.go LoadFromCheckpoint).
 */
export function loadFromCheckpoint(h: Histogram, checkpoint: HistogramCheckpoint | null): LoadResult {
  if (checkpoint === null) return { error: "cannot load from empty checkpoint" };
  if (checkpoint.totalWeight < 0.0) {
    return { error: `cannot load checkpoint with negative weight ${checkpoint.totalWeight}` };
  }
  let sum = 0;
  for (const [bucket, weight] of checkpoint.bucketWeights) {
    sum += weight;
    if (bucket >= h.options.numBuckets) {
      return {
        error: `checkpoint has bucket ${bucket} that is exceeding histogram buckets ${h.options.numBuckets}`,
      };
    }
    if (bucket < 0) return { error: `checkpoint has a negative bucket ${bucket}` };
  }
  if (sum === 0) return { histogram: h };
  const ratio = checkpoint.totalWeight / sum;
  const bucketWeight = h.bucketWeight.slice();
  let { minBucket, maxBucket } = h;
  for (const [bucket, weight] of checkpoint.bucketWeights) {
    minBucket = Math.min(minBucket, bucket);
    maxBucket = Math.max(maxBucket, bucket);
    bucketWeight[bucket] = weightAt(h, bucket) + weight * ratio;
  }
  return {
    histogram: updateMinAndMaxBucket({
      options: h.options,
      bucketWeight,
      totalWeight: h.totalWeight + checkpoint.totalWeight,
      minBucket,
      maxBucket,
    }),
  };
}
