/**
 * A histogram that favours recent samples (mirrors util/decaying_histogram.go). A sample taken at t is
 * stored with weight w × 2^((t - ref) / halfLife): old samples are never rescaled, new ones simply weigh
 * more. When a sample lies more than 100 half-lives after `ref`, the reference moves forward (rounded to
 * a half-life multiple counted from Go's zero time) and all weights are scaled down to match.
 */
import { MAX_DECAY_EXPONENT } from "./config.js";
import { goExp2, goRound, ldexp } from "./go-math.js";
import { GO_ZERO_TIME, roundTime, subNanos } from "./go-time.js";
import {
  addSampleInPlace,
  type Histogram,
  type HistogramCheckpoint,
  histogramsEqual,
  isEmptyHistogram,
  loadFromCheckpoint,
  type MutableHistogram,
  mergeHistograms,
  newHistogram,
  percentile,
  saveToCheckpoint,
  scaleHistogram,
  scaleHistogramInPlace,
  subtractSampleInPlace,
  thawHistogram,
} from "./histogram.js";
import type { HistogramOptions } from "./histogram-options.js";

export interface DecayingHistogram {
  readonly histogram: Histogram;
  /** Decay half-life, seconds. */
  readonly halfLifeSeconds: number;
  /** Reference time of the stored weights, Unix seconds; Go's zero time until the first sample. */
  readonly referenceTimestamp: number;
}

/** A saved decaying histogram: the plain checkpoint plus the reference time (Unix seconds). */
export interface DecayingHistogramCheckpoint extends HistogramCheckpoint {
  readonly referenceTimestamp: number;
}

/** An empty decaying histogram with the zero reference time (mirrors NewDecayingHistogram). */
export function newDecayingHistogram(options: HistogramOptions, halfLifeSeconds: number): DecayingHistogram {
  return { histogram: newHistogram(options), halfLifeSeconds, referenceTimestamp: GO_ZERO_TIME };
}

/**
 * Moves the reference to `newReference` rounded to a half-life multiple and scales all weights by
 * 2^round((oldRef - newRef) / halfLife) (mirrors decaying_histogram.go shiftReferenceTimestamp).
 */
export function shiftReferenceTimestamp(h: DecayingHistogram, newReference: number): DecayingHistogram {
  const rounded = roundTime(newReference, h.halfLifeSeconds);
  const exponent = goRound(subNanos(h.referenceTimestamp, rounded) / (h.halfLifeSeconds * 1e9));
  return {
    histogram: scaleHistogram(h.histogram, ldexp(1, exponent)),
    halfLifeSeconds: h.halfLifeSeconds,
    referenceTimestamp: rounded,
  };
}

/**
 * The weight multiplier of a sample at `timestamp`, renormalising first when the exponent would pass
 * 100 (mirrors decaying_histogram.go decayFactor).
 */
export function decayFactor(
  h: DecayingHistogram,
  timestamp: number,
): { readonly factor: number; readonly histogram: DecayingHistogram } {
  const maxAllowedTimestamp = h.referenceTimestamp + h.halfLifeSeconds * MAX_DECAY_EXPONENT;
  const shifted = timestamp > maxAllowedTimestamp ? shiftReferenceTimestamp(h, timestamp) : h;
  const factor = goExp2(subNanos(timestamp, shifted.referenceTimestamp) / (h.halfLifeSeconds * 1e9));
  return { factor, histogram: shifted };
}

/** A decaying histogram its holder owns and updates in place (see {@link MutableHistogram}). */
export interface MutableDecayingHistogram {
  readonly histogram: MutableHistogram;
  readonly halfLifeSeconds: number;
  referenceTimestamp: number;
}

/** A copy of `h` the caller owns (the bucket array is copied). */
export function thawDecayingHistogram(h: DecayingHistogram): MutableDecayingHistogram {
  return {
    histogram: thawHistogram(h.histogram),
    halfLifeSeconds: h.halfLifeSeconds,
    referenceTimestamp: h.referenceTimestamp,
  };
}

/** {@link decayFactor} on an owned histogram: shifts it in place when needed and returns the factor. */
function decayFactorInPlace(h: MutableDecayingHistogram, timestamp: number): number {
  const maxAllowedTimestamp = h.referenceTimestamp + h.halfLifeSeconds * MAX_DECAY_EXPONENT;
  if (timestamp > maxAllowedTimestamp) {
    // shiftReferenceTimestamp
    const rounded = roundTime(timestamp, h.halfLifeSeconds);
    const exponent = goRound(subNanos(h.referenceTimestamp, rounded) / (h.halfLifeSeconds * 1e9));
    scaleHistogramInPlace(h.histogram, ldexp(1, exponent));
    h.referenceTimestamp = rounded;
  }
  return goExp2(subNanos(timestamp, h.referenceTimestamp) / (h.halfLifeSeconds * 1e9));
}

/** {@link addDecayingSample} on an owned histogram. */
export function addDecayingSampleInPlace(
  h: MutableDecayingHistogram,
  value: number,
  weight: number,
  timestamp: number,
): void {
  const factor = decayFactorInPlace(h, timestamp);
  addSampleInPlace(h.histogram, value, weight * factor);
}

/** {@link subtractDecayingSample} on an owned histogram. */
export function subtractDecayingSampleInPlace(
  h: MutableDecayingHistogram,
  value: number,
  weight: number,
  timestamp: number,
): void {
  const factor = decayFactorInPlace(h, timestamp);
  subtractSampleInPlace(h.histogram, value, weight * factor);
}

/** Adds a sample with weight × decay factor (mirrors decaying_histogram.go AddSample). */
export function addDecayingSample(
  h: DecayingHistogram,
  value: number,
  weight: number,
  timestamp: number,
): DecayingHistogram {
  const out = thawDecayingHistogram(h);
  addDecayingSampleInPlace(out, value, weight, timestamp);
  return out;
}

/** Removes a sample added with the same value, weight and timestamp (mirrors decaying_histogram.go SubtractSample). */
export function subtractDecayingSample(
  h: DecayingHistogram,
  value: number,
  weight: number,
  timestamp: number,
): DecayingHistogram {
  const out = thawDecayingHistogram(h);
  subtractDecayingSampleInPlace(out, value, weight, timestamp);
  return out;
}

/** The merge result and the other histogram, which upstream also re-references in place. */
export interface DecayingMergeResult {
  readonly merged: DecayingHistogram;
  /** `o` as upstream leaves it: shifted to the younger reference if it was older. */
  readonly other: DecayingHistogram;
}

/**
 * Aligns the older reference with the younger one, then adds bucket-wise (mirrors decaying_histogram.go
 * Merge, which shifts whichever of the two histograms is older, including the argument).
 */
export function mergeDecaying(h: DecayingHistogram, o: DecayingHistogram): DecayingMergeResult {
  if (h.halfLifeSeconds !== o.halfLifeSeconds) {
    throw new Error("can't merge decaying histograms with different half life periods");
  }
  let into = h;
  let other = o;
  if (h.referenceTimestamp < o.referenceTimestamp) into = shiftReferenceTimestamp(h, o.referenceTimestamp);
  else if (o.referenceTimestamp < h.referenceTimestamp) {
    other = shiftReferenceTimestamp(o, h.referenceTimestamp);
  }
  const merged: DecayingHistogram = {
    histogram: mergeHistograms(into.histogram, other.histogram),
    halfLifeSeconds: into.halfLifeSeconds,
    referenceTimestamp: into.referenceTimestamp,
  };
  return { merged, other };
}

/** Same half-life, same reference time, equal histograms (mirrors decaying_histogram.go Equals). */
export function decayingHistogramsEqual(a: DecayingHistogram, b: DecayingHistogram): boolean {
  return (
    a.halfLifeSeconds === b.halfLifeSeconds &&
    a.referenceTimestamp === b.referenceTimestamp &&
    histogramsEqual(a.histogram, b.histogram)
  );
}

/** See {@link percentile}. */
export function decayingPercentile(h: DecayingHistogram, p: number): number {
  return percentile(h.histogram, p);
}

/** See {@link isEmptyHistogram}. */
export function isEmptyDecaying(h: DecayingHistogram): boolean {
  return isEmptyHistogram(h.histogram);
}

/** The plain checkpoint plus the reference time (mirrors decaying_histogram.go SaveToChekpoint). */
export function saveDecayingToCheckpoint(h: DecayingHistogram): DecayingHistogramCheckpoint {
  return { ...saveToCheckpoint(h.histogram), referenceTimestamp: h.referenceTimestamp };
}

/** Loads the weights and takes the checkpoint's reference time (mirrors decaying_histogram.go LoadFromCheckpoint). */
export function loadDecayingFromCheckpoint(
  h: DecayingHistogram,
  checkpoint: DecayingHistogramCheckpoint | null,
): { readonly histogram: DecayingHistogram } | { readonly error: string } {
  const loaded = loadFromCheckpoint(h.histogram, checkpoint);
  if ("error" in loaded) return loaded;
  return {
    histogram: {
      histogram: loaded.histogram,
      halfLifeSeconds: h.halfLifeSeconds,
      referenceTimestamp: checkpoint?.referenceTimestamp ?? h.referenceTimestamp,
    },
  };
}
