/**
 * The updater's per-loop disruption budget for the target's replica group, shared by evictions and
 * in-place resizes (mirrors updater/restriction: pods_restriction_factory.go GetCreatorMaps /
 * singleGroupStats, pods_eviction_restriction.go CanEvict / Evict, pods_inplace_restriction.go
 * CanInPlaceUpdate / CanEvictInPlacingPod for InPlaceOrRecreate). The eviction arithmetic is
 * eviction-restriction.ts; upstream's extra in-place counter is folded in: a group is disruptable while
 * running - (evicted + inPlaceUpdateInitiated) > configured - tolerance, which is isPodDisruptable with
 * `evicted` standing for the sum (the zero-tolerance clause needs both counters at zero, i.e. the sum).
 * --in-place-skip-disruption-budget (off by default) and CPU startup boost are not modelled.
 */
import { canEvict, getGroupStats, isPodDisruptable, type SingleGroupStats } from "../eviction-restriction.js";
import type { VpaReplayConfig } from "./config.js";
import type { VpaPod } from "./types.js";

/** singleGroupStats of one loop: the eviction counters plus the in-place resizes started in this loop. */
export interface GroupStats {
  readonly base: SingleGroupStats;
  readonly inPlaceUpdateInitiated: number;
}

/** InPlaceDecision (updater/utils/types.go) for InPlaceOrRecreate. */
export type InPlaceDecision = "InPlaceApproved" | "InPlaceDeferred" | "InPlaceEvict";

/**
 * The group's stats, or undefined when no pod of it may be disrupted: fewer live pods than minReplicas,
 * or a zero replica count (mirrors pods_restriction_factory.go GetCreatorMaps; the Deployment's
 * ReplicaSet is the only creator).
 */
export function getReplayGroupStats(
  livePods: readonly VpaPod[],
  configuredReplicas: number,
  minReplicas: number,
  evictionToleranceFraction: number,
): GroupStats | undefined {
  const base = getGroupStats(
    { configuredReplicas, podPhases: livePods.map((p) => p.phase), kind: "ReplicaSet" },
    minReplicas,
    evictionToleranceFraction,
  );
  return base === undefined ? undefined : { base, inPlaceUpdateInitiated: 0 };
}

/** The eviction counters as eviction-restriction.ts sees them, in-place starts counted as evictions. */
function combined(s: GroupStats): SingleGroupStats {
  return { ...s.base, evicted: s.base.evicted + s.inPlaceUpdateInitiated };
}

/** singleGroupStats.isPodDisruptable with the in-place counter. */
export function isGroupDisruptable(s: GroupStats): boolean {
  return isPodDisruptable(combined(s));
}

/** isInPlaceUpdating: a PodResizePending or PodResizeInProgress condition is true. */
export function isInPlaceUpdating(pod: VpaPod): boolean {
  return pod.resize !== undefined;
}

/**
 * Whether a pod stuck in an in-place resize may be evicted instead: the group must be disruptable and
 * the resize Infeasible, errored, Deferred for more than 5 min or InProgress for more than 1 h since the
 * updater first saw it resizing (recorded in `attemptTimes` at first sight, as upstream does)
 * (mirrors pods_inplace_restriction.go CanEvictInPlacingPod).
 */
export function canEvictInPlacingPod(
  pod: VpaPod,
  stats: GroupStats,
  attemptTimes: Map<string, number>,
  config: VpaReplayConfig,
  now: number,
): boolean {
  if (pod.resize === undefined) return false;
  let lastUpdate = attemptTimes.get(pod.name);
  if (lastUpdate === undefined) {
    lastUpdate = now;
    attemptTimes.set(pod.name, lastUpdate);
  }
  if (!isGroupDisruptable(stats)) return false;
  switch (pod.resize) {
    case "Deferred":
      return now - lastUpdate > config.inPlaceDeferredTimeoutSeconds;
    case "InProgress":
      return now - lastUpdate > config.inPlaceInProgressTimeoutSeconds;
    case "Infeasible":
    case "Error":
      return true;
  }
}

/**
 * Pending pods always; resizing pods per {@link canEvictInPlacingPod}; others while the group is
 * disruptable (mirrors pods_eviction_restriction.go PodsEvictionRestrictionImpl.CanEvict).
 */
export function canEvictPod(
  pod: VpaPod,
  stats: GroupStats | undefined,
  attemptTimes: Map<string, number>,
  config: VpaReplayConfig,
  now: number,
): boolean {
  if (stats === undefined) return false;
  if (pod.phase === "Pending") return true;
  if (isInPlaceUpdating(pod)) return canEvictInPlacingPod(pod, stats, attemptTimes, config, now);
  return canEvict(combined(stats), pod.phase);
}

/** The stats after evicting `pod`: only non-Pending evictions use the budget (mirrors PodsEvictionRestrictionImpl.Evict). */
export function afterEviction(stats: GroupStats, pod: VpaPod): GroupStats {
  if (pod.phase === "Pending") return stats;
  return { ...stats, base: { ...stats.base, evicted: stats.base.evicted + 1 } };
}

/** The stats after starting an in-place resize (mirrors PodsInPlaceRestrictionImpl.InPlaceUpdate). */
export function afterInPlaceUpdate(stats: GroupStats): GroupStats {
  return { ...stats, inPlaceUpdateInitiated: stats.inPlaceUpdateInitiated + 1 };
}

/**
 * Approved while the group is disruptable; deferred for pods without a group, Pending pods, no
 * recommendation yet, or a full budget; a pod already resizing may fall back to eviction
 * (mirrors pods_inplace_restriction.go CanInPlaceUpdate for InPlaceOrRecreate).
 */
export function canInPlaceUpdate(
  pod: VpaPod,
  stats: GroupStats | undefined,
  hasRecommendation: boolean,
  attemptTimes: Map<string, number>,
  config: VpaReplayConfig,
  now: number,
): InPlaceDecision {
  if (stats === undefined) return "InPlaceDeferred";
  if (pod.phase === "Pending") return "InPlaceDeferred";
  if (!hasRecommendation) return "InPlaceDeferred";
  if (isInPlaceUpdating(pod)) {
    return canEvictInPlacingPod(pod, stats, attemptTimes, config, now) ? "InPlaceEvict" : "InPlaceDeferred";
  }
  return isGroupDisruptable(stats) ? "InPlaceApproved" : "InPlaceDeferred";
}
