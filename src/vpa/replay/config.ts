/**
 * What the replayed VPA is configured with: the VPA object's fields the controllers read, the target's
 * pod template, and the recommender / updater flags with their upstream defaults (every one overridable).
 * `buildVpaReplayInput` turns a validated VpaManifest and the template into a VpaReplayInput.
 */
import type { EvictionRequirement, UpdateMode, VpaManifest } from "../../scenario/vpa-manifest-types.js";
import { type AggregationsConfig, DEFAULT_AGGREGATIONS_CONFIG } from "../aggregate-container-state.js";
import {
  AGGREGATE_CONTAINER_STATE_GC_INTERVAL_SECONDS,
  DEFAULT_EVICTION_TOLERANCE_FRACTION,
  DEFAULT_MIN_REPLICAS,
  DEFAULT_RECOMMENDATION_CONFIG,
  DEFAULT_UPDATE_CONFIG,
  IN_PLACE_DEFERRED_TIMEOUT_SECONDS,
  IN_PLACE_IN_PROGRESS_TIMEOUT_SECONDS,
  RECOMMENDER_INTERVAL_SECONDS,
  type RecommendationConfig,
  UPDATER_INTERVAL_SECONDS,
  type UpdateConfig,
} from "../config.js";
import type { PodResourcePolicy, Resources } from "../types.js";
import type { TemplateContainer } from "./types.js";

/** Flags of the three VPA components, seconds for durations. */
export interface VpaReplayConfig {
  /** recommender --recommender-interval (1 min, recommender/config/config.go). */
  readonly recommenderIntervalSeconds: number;
  /** updater --updater-interval (1 min, updater/config/config.go). */
  readonly updaterIntervalSeconds: number;
  /** updater --min-replicas (2); a VPA's updatePolicy.minReplicas wins. */
  readonly minReplicas: number;
  /** updater --eviction-tolerance (0.5). */
  readonly evictionToleranceFraction: number;
  /**
   * updater --pod-update-threshold (0.1), --in-recommendation-bounds-eviction-lifetime-threshold (12 h),
   * --evict-after-oom-threshold (10 min).
   */
  readonly update: UpdateConfig;
  /** pods_inplace_restriction.go DeferredResizeUpdateTimeout (5 min): a Deferred resize then falls back to eviction. */
  readonly inPlaceDeferredTimeoutSeconds: number;
  /** pods_inplace_restriction.go InProgressResizeUpdateTimeout (1 h): an InProgress resize then falls back to eviction. */
  readonly inPlaceInProgressTimeoutSeconds: number;
  /** recommender percentiles, margin, confidence intervals, pod minimum (DefaultRecommenderConfig). */
  readonly recommendation: RecommendationConfig;
  /** recommender histogram decay, memory aggregation window, OOM bump (aggregations_config.go). */
  readonly aggregations: AggregationsConfig;
  /** recommender --container-recommendation-max-allowed-cpu / -memory (unset). */
  readonly globalMaxAllowed?: Resources;
  /** routines aggregateContainerStateGCInterval (1 h). */
  readonly aggregateGCIntervalSeconds: number;
}

/** Every upstream default (recommender, updater and admission controller of VPA 1.7.1 / master 55c37cd5eb55). */
export const DEFAULT_VPA_REPLAY_CONFIG: VpaReplayConfig = {
  recommenderIntervalSeconds: RECOMMENDER_INTERVAL_SECONDS,
  updaterIntervalSeconds: UPDATER_INTERVAL_SECONDS,
  minReplicas: DEFAULT_MIN_REPLICAS,
  evictionToleranceFraction: DEFAULT_EVICTION_TOLERANCE_FRACTION,
  update: DEFAULT_UPDATE_CONFIG,
  inPlaceDeferredTimeoutSeconds: IN_PLACE_DEFERRED_TIMEOUT_SECONDS,
  inPlaceInProgressTimeoutSeconds: IN_PLACE_IN_PROGRESS_TIMEOUT_SECONDS,
  recommendation: DEFAULT_RECOMMENDATION_CONFIG,
  aggregations: DEFAULT_AGGREGATIONS_CONFIG,
  aggregateGCIntervalSeconds: AGGREGATE_CONTAINER_STATE_GC_INTERVAL_SECONDS,
};

/** Everything the three steps read; build it with {@link buildVpaReplayInput}. */
export interface VpaReplayInput {
  /** metadata.name, used in event messages. */
  readonly name: string;
  /** updatePolicy.updateMode, Recreate when unset (api.go GetUpdateMode). */
  readonly updateMode: UpdateMode;
  readonly resourcePolicy: PodResourcePolicy | undefined;
  /** updatePolicy.minReplicas, else --min-replicas. */
  readonly minReplicas: number;
  /** updatePolicy.evictionRequirements (empty = no scaling-direction veto). */
  readonly evictionRequirements: readonly EvictionRequirement[];
  /** The target's pod template, regular containers only, in spec order. */
  readonly template: readonly TemplateContainer[];
  readonly config: VpaReplayConfig;
}

/** Overrides of {@link DEFAULT_VPA_REPLAY_CONFIG}; nested configs replace the defaults field by field. */
export interface VpaReplayConfigOverrides
  extends Partial<Omit<VpaReplayConfig, "update" | "recommendation" | "aggregations">> {
  readonly update?: Partial<UpdateConfig>;
  readonly recommendation?: Partial<RecommendationConfig>;
  readonly aggregations?: Partial<AggregationsConfig>;
}

/** The defaults with `overrides` applied. */
export function vpaReplayConfig(overrides: VpaReplayConfigOverrides = {}): VpaReplayConfig {
  const d = DEFAULT_VPA_REPLAY_CONFIG;
  return {
    ...d,
    ...overrides,
    update: { ...d.update, ...overrides.update },
    recommendation: { ...d.recommendation, ...overrides.recommendation },
    aggregations: { ...d.aggregations, ...overrides.aggregations },
  };
}

/** The VPA fields this package reads (a VpaManifest has them all). */
export type VpaObject = Pick<
  VpaManifest,
  "name" | "effectiveUpdateMode" | "minReplicas" | "evictionRequirements" | "resourcePolicy"
>;

/**
 * The replay input for a VPA and its target's pod template (init containers dropped: VPA neither
 * samples nor resizes them).
 */
export function buildVpaReplayInput(
  vpa: VpaObject,
  template: readonly TemplateContainer[],
  overrides: VpaReplayConfigOverrides = {},
): VpaReplayInput {
  const config = vpaReplayConfig(overrides);
  return {
    name: vpa.name,
    updateMode: vpa.effectiveUpdateMode,
    resourcePolicy: vpa.resourcePolicy,
    minReplicas: vpa.minReplicas ?? config.minReplicas,
    evictionRequirements: vpa.evictionRequirements,
    template: template.filter((c) => c.init !== true),
    config,
  };
}
