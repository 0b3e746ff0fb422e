/**
 * How many pods of one controller the updater may evict in a loop (mirrors
 * pkg/updater/restriction/pods_restriction_factory.go GetCreatorMaps and pods_eviction_restriction.go).
 */

/** The pod phases that matter here. */
export type PodPhase = "Pending" | "Running";

/** A replica group: the pods of one owning controller. */
export interface ReplicaGroup {
  /** The controller's spec.replicas (DaemonSet: number ready); a Job uses its live pod count. */
  readonly configuredReplicas: number;
  /** Phases of the live pods (not deleting, scheduled, not Succeeded/Failed). */
  readonly podPhases: readonly PodPhase[];
  readonly kind?: "Job" | "ReplicaSet" | "ReplicationController" | "StatefulSet" | "DaemonSet";
}

/** Per-group counters of one updater loop (mirrors pods_restriction_factory.go singleGroupStats). */
export interface SingleGroupStats {
  readonly configured: number;
  readonly pending: number;
  readonly running: number;
  /** floor(configured × --eviction-tolerance). */
  readonly evictionTolerance: number;
  /** Pods evicted in this loop (Pending ones are not counted). */
  readonly evicted: number;
}

/**
 * The group's stats, or undefined when its pods are never evictable: fewer live pods than minReplicas
 * (global --min-replicas, or the VPA's updatePolicy.minReplicas), or no replica count (mirrors
 * GetCreatorMaps; the in-place skip-disruption-budget and CPU-boost exceptions are not modelled).
 */
export function getGroupStats(
  group: ReplicaGroup,
  minReplicas: number,
  evictionToleranceFraction: number,
): SingleGroupStats | undefined {
  const actual = group.podPhases.length;
  if (actual < minReplicas) return undefined;
  const configured = group.kind === "Job" ? actual : group.configuredReplicas;
  if (configured <= 0) return undefined;
  const pending = group.podPhases.filter((p) => p === "Pending").length;
  return {
    configured,
    pending,
    running: actual - pending,
    evictionTolerance: Math.trunc(configured * evictionToleranceFraction),
    evicted: 0,
  };
}

/**
 * More running pods than configured - tolerance remain after this loop's evictions, or, with a zero
 * tolerance, exactly one pod when all are running (mirrors singleGroupStats.isPodDisruptable).
 */
export function isPodDisruptable(s: SingleGroupStats): boolean {
  const shouldBeAlive = s.configured - s.evictionTolerance;
  const actuallyAlive = s.running - s.evicted;
  return (
    actuallyAlive > shouldBeAlive ||
    (s.configured === s.running && s.evictionTolerance === 0 && s.evicted === 0)
  );
}

/** A Pending pod of a tracked group is always evictable (mirrors PodsEvictionRestrictionImpl.CanEvict). */
export function canEvict(stats: SingleGroupStats | undefined, phase: PodPhase): boolean {
  if (stats === undefined) return false;
  if (phase === "Pending") return true;
  return isPodDisruptable(stats);
}

/** The result of an eviction attempt and the counters after it. */
export interface EvictionOutcome {
  readonly evicted: boolean;
  readonly error?: string;
  readonly stats: SingleGroupStats | undefined;
}

/**
 * Evicts if allowed; only non-Pending evictions consume the budget (mirrors
 * PodsEvictionRestrictionImpl.Evict; an API-side refusal, e.g. by a PDB, is not modelled).
 */
export function evict(stats: SingleGroupStats | undefined, phase: PodPhase): EvictionOutcome {
  if (stats === undefined) {
    return { evicted: false, error: "pod not suitable for eviction: not in replicated pods map", stats };
  }
  if (!canEvict(stats, phase))
    return { evicted: false, error: "cannot evict pod: eviction budget exceeded", stats };
  return { evicted: true, stats: phase === "Pending" ? stats : { ...stats, evicted: stats.evicted + 1 } };
}
