/**
 * From aggregates to target / lower / upper bound per container (mirrors logic/recommender.go):
 * percentile -> + 15% margin -> confidence multiplier (bounds only) -> pod minimum split over containers
 * -> only controlled resources kept.
 */
import { type AggregateContainerState, getControlledResources } from "./aggregate-container-state.js";
import {
  DEFAULT_RECOMMENDATION_CONFIG,
  LOWER_BOUND_CONFIDENCE,
  type RecommendationConfig,
  UPPER_BOUND_CONFIDENCE,
} from "./config.js";
import {
  type CPUEstimator,
  type MemoryEstimator,
  newPercentileCPUEstimator,
  newPercentileMemoryEstimator,
  withConfidenceMultiplier,
  withMargin,
  withMinResource,
} from "./estimators.js";
import {
  cpuAmountFromCores,
  memoryAmountFromBytes,
  roundUpToScale,
  scaleResource,
} from "./resource-amount.js";
import type {
  ContainerRecommendation,
  RecommendedContainerResources,
  ResourceName,
  Resources,
} from "./types.js";

/** The six estimator chains and the pod minimums (mirrors recommender.go podResourceRecommender). */
export interface PodResourceRecommender {
  readonly targetCPU: CPUEstimator;
  readonly targetMemory: MemoryEstimator;
  readonly lowerBoundCPU: CPUEstimator;
  readonly lowerBoundMemory: MemoryEstimator;
  readonly upperBoundCPU: CPUEstimator;
  readonly upperBoundMemory: MemoryEstimator;
  readonly minCPUMillicores: number;
  readonly minMemoryMb: number;
}

/**
 * The production recommender: p90 / p50 / p95 with a 15% margin; the upper bound × (1 + 1/confidence),
 * the lower bound × (1 + 0.001/confidence)^-2 (mirrors recommender.go CreatePodResourceRecommender).
 */
export function createPodResourceRecommender(
  config: RecommendationConfig = DEFAULT_RECOMMENDATION_CONFIG,
): PodResourceRecommender {
  const margin = (e: CPUEstimator) => withMargin(config.safetyMarginFraction, e);
  const upper = (e: CPUEstimator, interval: number) =>
    withConfidenceMultiplier(UPPER_BOUND_CONFIDENCE.multiplier, UPPER_BOUND_CONFIDENCE.exponent, e, interval);
  const lower = (e: CPUEstimator, interval: number) =>
    withConfidenceMultiplier(LOWER_BOUND_CONFIDENCE.multiplier, LOWER_BOUND_CONFIDENCE.exponent, e, interval);
  return {
    targetCPU: margin(newPercentileCPUEstimator(config.targetCPUPercentile)),
    targetMemory: margin(newPercentileMemoryEstimator(config.targetMemoryPercentile)),
    lowerBoundCPU: lower(
      margin(newPercentileCPUEstimator(config.lowerBoundCPUPercentile)),
      config.confidenceIntervalCPUSeconds,
    ),
    lowerBoundMemory: lower(
      margin(newPercentileMemoryEstimator(config.lowerBoundMemoryPercentile)),
      config.confidenceIntervalMemorySeconds,
    ),
    upperBoundCPU: upper(
      margin(newPercentileCPUEstimator(config.upperBoundCPUPercentile)),
      config.confidenceIntervalCPUSeconds,
    ),
    upperBoundMemory: upper(
      margin(newPercentileMemoryEstimator(config.upperBoundMemoryPercentile)),
      config.confidenceIntervalMemorySeconds,
    ),
    minCPUMillicores: config.podMinCPUMillicores,
    minMemoryMb: config.podMinMemoryMb,
  };
}

/** Keeps only the controlled resources (mirrors recommender.go FilterControlledResources). */
export function filterControlledResources(
  estimation: Resources,
  controlledResources: readonly ResourceName[],
): Resources {
  const result: { [R in ResourceName]?: number } = {};
  for (const r of controlledResources) {
    const v = estimation[r];
    if (v !== undefined) result[r] = v;
  }
  return result;
}

/**
 * A recommendation per container name. The pod minimum (25m, 250 MiB) is split evenly over the
 * containers of the map and applied to all three bounds (mirrors recommender.go GetRecommendedPodResources).
 */
export function getRecommendedPodResources(
  r: PodResourceRecommender,
  containerNameToAggregateStateMap: ReadonlyMap<string, AggregateContainerState>,
): Map<string, RecommendedContainerResources> {
  const recommendation = new Map<string, RecommendedContainerResources>();
  if (containerNameToAggregateStateMap.size === 0) return recommendation;
  const fraction = 1.0 / containerNameToAggregateStateMap.size;
  const minCPU = scaleResource(cpuAmountFromCores(r.minCPUMillicores * 0.001), fraction);
  const minMemory = scaleResource(memoryAmountFromBytes(r.minMemoryMb * 1024 * 1024), fraction);
  const cpu = (e: CPUEstimator) => withMinResource(minCPU, e);
  const mem = (e: MemoryEstimator) => withMinResource(minMemory, e);
  for (const [containerName, s] of containerNameToAggregateStateMap) {
    const resources = getControlledResources(s);
    const estimate = (c: CPUEstimator, m: MemoryEstimator): Resources =>
      filterControlledResources({ cpu: cpu(c)(s), memory: mem(m)(s) }, resources);
    recommendation.set(containerName, {
      target: estimate(r.targetCPU, r.targetMemory),
      lowerBound: estimate(r.lowerBoundCPU, r.lowerBoundMemory),
      upperBound: estimate(r.upperBoundCPU, r.upperBoundMemory),
    });
  }
  return recommendation;
}

/** --round-cpu-millicores / --round-memory-bytes (1 = off). */
export interface RecommendationFormat {
  readonly roundCPUMillicores: number;
  readonly roundMemoryBytes: number;
}

/** Non-zero amounts rounded up to the format's multiples; a bad scale leaves the value (mirrors types.go ResourcesAsResourceList). */
export function roundResources(resources: Resources, format: RecommendationFormat): Resources {
  const round = (v: number | undefined, scale: number) =>
    v === undefined || scale === 1 || v === 0 ? v : roundUpToScale(v, scale).value;
  const out: { [R in ResourceName]?: number } = {};
  const cpu = round(resources.cpu, format.roundCPUMillicores);
  const memory = round(resources.memory, format.roundMemoryBytes);
  if (cpu !== undefined) out.cpu = cpu;
  if (memory !== undefined) out.memory = memory;
  return out;
}

/**
 * The status list: containers sorted by name, each bound rounded, uncappedTarget = target
 * (mirrors recommender.go MapToListOfRecommendedContainerResources; the deprecated --humanize-memory is not modelled).
 */
export function mapToListOfRecommendedContainerResources(
  resources: ReadonlyMap<string, RecommendedContainerResources>,
  format: RecommendationFormat = { roundCPUMillicores: 1, roundMemoryBytes: 1 },
): ContainerRecommendation[] {
  return [...resources.keys()].sort().map((name) => {
    const rec = resources.get(name) as RecommendedContainerResources;
    const target = roundResources(rec.target, format);
    return {
      containerName: name,
      target,
      lowerBound: roundResources(rec.lowerBound, format),
      upperBound: roundResources(rec.upperBound, format),
      uncappedTarget: target,
    };
  });
}
