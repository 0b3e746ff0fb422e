/**
 * Upstream VPA constants and flag defaults, each with its upstream name
 * (kubernetes/autoscaler vertical-pod-autoscaler, master 55c37cd5eb55 = release 1.7.1 for these values).
 * Durations are seconds.
 */

// --- model/aggregations_config.go ---

/** minSampleWeight: weight of every CPU sample before decay. */
export const MIN_SAMPLE_WEIGHT = 0.1;
/** epsilon = 0.001 * minSampleWeight: a histogram bucket lighter than this is empty. */
export const HISTOGRAM_EPSILON = 0.001 * MIN_SAMPLE_WEIGHT;
/** Weight of a memory peak (aggregate_container_state.go AddSample uses 1.0). */
export const MEMORY_PEAK_WEIGHT = 1.0;
/** DefaultHistogramBucketSizeGrowth: each bucket is 5% wider than the previous one. */
export const DEFAULT_HISTOGRAM_BUCKET_SIZE_GROWTH = 0.05;
/** cpuHistogramOptions: exponential buckets, first 0.01 core, last bucket start >= 1000 cores (176 buckets). */
export const CPU_HISTOGRAM_MAX_CORES = 1000.0;
export const CPU_HISTOGRAM_FIRST_BUCKET_CORES = 0.01;
/** memoryHistogramOptions: exponential buckets, first 1e7 bytes (10 MB), last bucket start >= 1e12 bytes. */
export const MEMORY_HISTOGRAM_MAX_BYTES = 1e12;
export const MEMORY_HISTOGRAM_FIRST_BUCKET_BYTES = 1e7;
/** DefaultMemoryAggregationInterval: one memory peak per container per 24 h window. */
export const DEFAULT_MEMORY_AGGREGATION_INTERVAL_SECONDS = 24 * 3600;
/** DefaultMemoryAggregationIntervalCount: history window (and aggregate expiry) = 8 intervals. */
export const DEFAULT_MEMORY_AGGREGATION_INTERVAL_COUNT = 8;
/** DefaultMemoryHistogramDecayHalfLife. */
export const DEFAULT_MEMORY_HISTOGRAM_DECAY_HALF_LIFE_SECONDS = 24 * 3600;
/** DefaultCPUHistogramDecayHalfLife. */
export const DEFAULT_CPU_HISTOGRAM_DECAY_HALF_LIFE_SECONDS = 24 * 3600;
/** DefaultOOMBumpUpRatio (--oom-bump-up-ratio): memory after an OOM is at least 1.2 × what was used. */
export const DEFAULT_OOM_BUMP_UP_RATIO = 1.2;
/** DefaultOOMMinBumpUp (--oom-min-bump-up-bytes): ... and at least 100 MiB more. */
export const DEFAULT_OOM_MIN_BUMP_UP_BYTES = 100 * 1024 * 1024;

// --- util/histogram.go, util/decaying_histogram.go, model/aggregate_container_state.go ---

/** MaxCheckpointWeight: the heaviest bucket of a saved histogram is scaled to this. */
export const MAX_CHECKPOINT_WEIGHT = 10000;
/** maxDecayExponent: the reference timestamp moves forward once a weight would exceed 2^100. */
export const MAX_DECAY_EXPONENT = 100;
/** SupportedCheckpointVersion. */
export const SUPPORTED_CHECKPOINT_VERSION = "v3";

// --- model/types.go ---

/** MaxResourceAmount: amounts are clamped to [0, 1e14] millicores / bytes. */
export const MAX_RESOURCE_AMOUNT = 1e14;

// --- recommender/config/config.go DefaultRecommenderConfig, logic/recommender.go ---

/** The estimator parameters of the recommender (mirrors logic/recommender.go RecommendationConfig). */
export interface RecommendationConfig {
  /** --recommendation-margin-fraction. */
  readonly safetyMarginFraction: number;
  /** --pod-recommendation-min-cpu-millicores. */
  readonly podMinCPUMillicores: number;
  /** --pod-recommendation-min-memory-mb (MiB: multiplied by 1024 * 1024). */
  readonly podMinMemoryMb: number;
  readonly targetCPUPercentile: number;
  readonly lowerBoundCPUPercentile: number;
  readonly upperBoundCPUPercentile: number;
  /** --confidence-interval-cpu, seconds. */
  readonly confidenceIntervalCPUSeconds: number;
  readonly targetMemoryPercentile: number;
  readonly lowerBoundMemoryPercentile: number;
  readonly upperBoundMemoryPercentile: number;
  /** --confidence-interval-memory, seconds. */
  readonly confidenceIntervalMemorySeconds: number;
}

/** DefaultRecommenderConfig's recommendation settings. */
export const DEFAULT_RECOMMENDATION_CONFIG: RecommendationConfig = {
  safetyMarginFraction: 0.15,
  podMinCPUMillicores: 25,
  podMinMemoryMb: 250,
  targetCPUPercentile: 0.9,
  lowerBoundCPUPercentile: 0.5,
  upperBoundCPUPercentile: 0.95,
  confidenceIntervalCPUSeconds: 24 * 3600,
  targetMemoryPercentile: 0.9,
  lowerBoundMemoryPercentile: 0.5,
  upperBoundMemoryPercentile: 0.95,
  confidenceIntervalMemorySeconds: 24 * 3600,
};

/** A confidence multiplier (1 + multiplier/confidence)^exponent (logic/estimator.go). */
export interface ConfidenceMultiplierParams {
  readonly multiplier: number;
  readonly exponent: number;
}

/** CreatePodResourceRecommender: upper bound × (1 + 1/confidence). */
export const UPPER_BOUND_CONFIDENCE: ConfidenceMultiplierParams = { multiplier: 1.0, exponent: 1.0 };
/** CreatePodResourceRecommender: lower bound × (1 + 0.001/confidence)^-2. */
export const LOWER_BOUND_CONFIDENCE: ConfidenceMultiplierParams = { multiplier: 0.001, exponent: -2.0 };

/** --recommender-interval: one recommender loop per minute. */
export const RECOMMENDER_INTERVAL_SECONDS = 60;
/** --checkpoints-gc-interval: orphaned checkpoints are deleted every 10 min. */
export const CHECKPOINTS_GC_INTERVAL_SECONDS = 600;
/** --checkpoints-timeout: checkpoint writes stop 1 min after the loop started. */
export const CHECKPOINTS_WRITE_TIMEOUT_SECONDS = 60;
/** --update-worker-count: concurrent VPA status / checkpoint writers. */
export const DEFAULT_UPDATE_WORKER_COUNT = 10;
/** routines: aggregateContainerStateGCInterval, aggregates are garbage-collected at most hourly. */
export const AGGREGATE_CONTAINER_STATE_GC_INTERVAL_SECONDS = 3600;
/** --round-cpu-millicores / --round-memory-bytes: 1 = no rounding. */
export const DEFAULT_ROUND_CPU_MILLICORES = 1;
export const DEFAULT_ROUND_MEMORY_BYTES = 1;

// --- updater/config/config.go, updater/restriction ---

/** The updater's admission rules (mirrors updater/priority UpdateConfig). */
export interface UpdateConfig {
  /** --pod-update-threshold: minimum resourceDiff for an in-bounds update. */
  readonly minChangePriority: number;
  /** --in-recommendation-bounds-eviction-lifetime-threshold, seconds. */
  readonly podLifetimeUpdateThresholdSeconds: number;
  /** --evict-after-oom-threshold, seconds. */
  readonly evictAfterOOMThresholdSeconds: number;
}

export const DEFAULT_UPDATE_CONFIG: UpdateConfig = {
  minChangePriority: 0.1,
  podLifetimeUpdateThresholdSeconds: 12 * 3600,
  evictAfterOOMThresholdSeconds: 10 * 60,
};

/** --updater-interval. */
export const UPDATER_INTERVAL_SECONDS = 60;
/** --min-replicas: groups with fewer live pods are never evicted. */
export const DEFAULT_MIN_REPLICAS = 2;
/** --eviction-tolerance: fraction of configured replicas that may be down for updates at once. */
export const DEFAULT_EVICTION_TOLERANCE_FRACTION = 0.5;
/** --eviction-rate-limit (-1 = off) and --eviction-rate-burst. */
export const DEFAULT_EVICTION_RATE_LIMIT = -1;
export const DEFAULT_EVICTION_RATE_BURST = 1;
/** pods_inplace_restriction.go: an in-place resize falls back to eviction after these. */
export const IN_PLACE_DEFERRED_TIMEOUT_SECONDS = 5 * 60;
export const IN_PLACE_IN_PROGRESS_TIMEOUT_SECONDS = 3600;
