/**
 * Estimators: small functions from an aggregate to an amount, composed into chains as upstream does
 * (mirrors logic/estimator.go). Every step truncates to integer millicores / bytes on its own.
 */
import type { AggregateContainerState } from "./aggregate-container-state.js";
import { decayingPercentile } from "./decaying-histogram.js";
import { goPow } from "./go-math.js";
import { durationMinutes, subNanos } from "./go-time.js";
import {
  cpuAmountFromCores,
  memoryAmountFromBytes,
  resourceAmountMax,
  scaleResource,
} from "./resource-amount.js";
import type { ResourceAmount } from "./types.js";

/** What an estimator reads from an aggregate. */
export type EstimatorInput = Pick<
  AggregateContainerState,
  "aggregateCPUUsage" | "aggregateMemoryPeaks" | "firstSampleStart" | "lastSampleStart" | "totalSamplesCount"
>;

/** Millicores for an aggregate (mirrors estimator.go CPUEstimator). */
export type CPUEstimator = (s: EstimatorInput) => ResourceAmount;
/** Bytes for an aggregate (mirrors estimator.go MemoryEstimator). */
export type MemoryEstimator = (s: EstimatorInput) => ResourceAmount;

/** The p-th percentile of the CPU histogram, truncated to millicores (mirrors NewPercentileCPUEstimator). */
export function newPercentileCPUEstimator(percentile: number): CPUEstimator {
  return (s) => cpuAmountFromCores(decayingPercentile(s.aggregateCPUUsage, percentile));
}

/** The p-th percentile of the memory-peak histogram, truncated to bytes (mirrors NewPercentileMemoryEstimator). */
export function newPercentileMemoryEstimator(percentile: number): MemoryEstimator {
  return (s) => memoryAmountFromBytes(decayingPercentile(s.aggregateMemoryPeaks, percentile));
}

/** Always `value` (mirrors NewConstCPUEstimator / NewConstMemoryEstimator). */
export function newConstEstimator(value: ResourceAmount): CPUEstimator & MemoryEstimator {
  return () => value;
}

/** base + trunc(base × fraction): the margin is truncated separately (mirrors WithCPUMargin / WithMemoryMargin). */
export function withMargin(marginFraction: number, base: CPUEstimator): CPUEstimator {
  return (s) => {
    const b = base(s);
    return b + scaleResource(b, marginFraction);
  };
}

/**
 * History confidence in "days of one sample per minute": min(lifespan / interval, count / interval in
 * minutes); CPU samples only (mirrors estimator.go getConfidence).
 */
export function getConfidence(s: EstimatorInput, confidenceIntervalSeconds: number): number {
  const lifespanInDays =
    subNanos(s.lastSampleStart, s.firstSampleStart) / subNanos(confidenceIntervalSeconds, 0);
  const samplesAmount = s.totalSamplesCount / durationMinutes(confidenceIntervalSeconds);
  return Math.min(lifespanInDays, samplesAmount);
}

/**
 * base × (1 + multiplier / confidence)^exponent, clamped and truncated: with no history +1 exponents
 * give 1e14 and negative ones 0 (mirrors WithCPUConfidenceMultiplier / WithMemoryConfidenceMultiplier).
 */
export function withConfidenceMultiplier(
  multiplier: number,
  exponent: number,
  base: CPUEstimator,
  confidenceIntervalSeconds: number,
): CPUEstimator {
  return (s) => {
    const confidence = getConfidence(s, confidenceIntervalSeconds);
    return scaleResource(base(s), goPow(1 + multiplier / confidence, exponent));
  };
}

/** max(base, minResource) (mirrors WithCPUMinResource / WithMemoryMinResource). */
export function withMinResource(minResource: ResourceAmount, base: CPUEstimator): CPUEstimator {
  return (s) => resourceAmountMax(base(s), minResource);
}
