/**
 * The VPA updater as a pure step for the replay (mirrors updater/logic/updater.go RunOnce for one VPA
 * whose target is one Deployment). Call it every `config.updaterIntervalSeconds` with the target's pods,
 * its configured replica count and the latest recommendation; it returns the evictions (Recreate /
 * Auto, and InPlaceOrRecreate's fallback) and in-place resizes (InPlaceOrRecreate) to apply now.
 *
 * Modes Off and Initial do nothing; InPlace (alpha, feature gate InPlace off by default) does nothing
 * either, as upstream with the gate off. The admission controller's status lease is taken as valid,
 * the eviction rate limiter is off (--eviction-rate-limit -1) and the API server accepts every eviction
 * but those the observation's `admit` refuses (PodDisruptionBudgets, src/engine/disruption-budgets.ts).
 */
import type { ContainerRecommendation } from "../types.js";
import type { VpaReplayInput } from "./config.js";
import { getContainersResourcesForPod } from "./container-resources.js";
import {
  afterEviction,
  afterInPlaceUpdate,
  canEvictPod,
  canInPlaceUpdate,
  type GroupStats,
  getReplayGroupStats,
} from "./restriction.js";
import type {
  ContainerResourcesUpdate,
  EvictionRecord,
  ResizeRecord,
  VpaPod,
  VpaRecommendationSnapshot,
} from "./types.js";
import { getPodsUpdateOrder, type QueuedPod } from "./update-order.js";

/** Event messages the updater records (updater/restriction). */
export const EVICTED_BY_VPA_MESSAGE = "Pod was evicted by VPA Updater to apply resource recommendation.";
export const IN_PLACE_RESIZED_BY_VPA_MESSAGE = "Pod was resized in place by VPA Updater.";

/** What the updater remembers between loops. */
export interface VpaUpdaterState {
  /**
   * Pod name -> Unix seconds the updater first saw the pod resizing in place (lastInPlaceAttemptTimeMap;
   * entries of pods that no longer exist are dropped, which changes nothing while pod names are unique).
   */
  readonly lastInPlaceAttemptTime: ReadonlyMap<string, number>;
}

export function newVpaUpdaterState(): VpaUpdaterState {
  return { lastInPlaceAttemptTime: new Map() };
}

/** What one updater loop reads. */
export interface UpdaterObservation {
  /** Every pod of the target that exists now (the updater drops unscheduled and deleting ones). */
  readonly pods: readonly VpaPod[];
  /** The ReplicaSet's spec.replicas (the eviction tolerance is a fraction of it). */
  readonly configuredReplicas: number;
  /** The VPA status recommendation; undefined before the recommender's first loop. */
  readonly recommendation: VpaRecommendationSnapshot | undefined;
  /**
   * The eviction subresource's answer to evicting a pod now (a PodDisruptionBudget may refuse it); absent:
   * every eviction is accepted. A refused eviction fails: not counted against the updater's own budget.
   */
  readonly admit?: (pod: string) => boolean;
}

export interface UpdaterStepResult {
  readonly state: VpaUpdaterState;
  /** Pods to evict now, in the order the updater evicted them. */
  readonly evictions: readonly EvictionRecord[];
  /** In-place resizes requested now, in order. */
  readonly resizes: readonly ResizeRecord[];
}

const EVICTING_MODES: ReadonlySet<string> = new Set(["Recreate", "Auto"]);

/** One loop's working state: the shared budget and the attempt times. */
interface Loop {
  stats: GroupStats | undefined;
  readonly attemptTimes: Map<string, number>;
  readonly evictions: EvictionRecord[];
  readonly resizes: ResizeRecord[];
  readonly admit: ((pod: string) => boolean) | undefined;
}

/** The resize patch's containers: those the provider sets values for (mirrors inplace/resource_updates.go CalculatePatches). */
function resizePatch(
  pod: VpaPod,
  recommendation: readonly ContainerRecommendation[] | undefined,
  input: VpaReplayInput,
): ContainerResourcesUpdate[] {
  const { containers } = getContainersResourcesForPod(pod.containers, recommendation, input);
  return containers.filter(
    (u): u is ContainerResourcesUpdate =>
      u !== undefined && (Object.keys(u.requests).length > 0 || Object.keys(u.limits).length > 0),
  );
}

/** Evicts the queued pods the budget allows (mirrors the podsForEviction loop of RunOnce). */
function evictPods(
  queue: readonly (QueuedPod & { fallbackFrom?: EvictionRecord["fallbackFrom"] })[],
  loop: Loop,
  input: VpaReplayInput,
  now: number,
): void {
  for (const q of queue) {
    if (!canEvictPod(q.pod, loop.stats, loop.attemptTimes, input.config, now)) continue;
    // PodsEvictionRestrictionImpl.Evict: the API call first; only an accepted eviction counts
    if (loop.admit !== undefined && !loop.admit(q.pod.name)) continue;
    loop.evictions.push({
      pod: q.pod.name,
      reason: q.reason,
      ...(q.fallbackFrom !== undefined ? { fallbackFrom: q.fallbackFrom } : {}),
      message: EVICTED_BY_VPA_MESSAGE,
    });
    if (loop.stats !== undefined) loop.stats = afterEviction(loop.stats, q.pod);
  }
}

/** InPlaceOrRecreate: resize what the budget allows, evict what fell back (mirrors the podsForInPlace loop of RunOnce). */
function updateInPlace(
  livePods: readonly VpaPod[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  loop: Loop,
  input: VpaReplayInput,
  now: number,
): void {
  const decide = (pod: VpaPod) =>
    canInPlaceUpdate(pod, loop.stats, recommendation !== undefined, loop.attemptTimes, input.config, now);
  // filterNonInPlaceUpdatablePods: approved pods, and (InPlaceOrRecreate) pods to redirect to eviction.
  const updatable = livePods.filter((pod) => decide(pod) !== "InPlaceDeferred");
  const fallback: (QueuedPod & { fallbackFrom: EvictionRecord["fallbackFrom"] })[] = [];
  for (const q of getPodsUpdateOrder(updatable, recommendation, input, now)) {
    const decision = decide(q.pod);
    if (decision === "InPlaceDeferred") continue;
    if (decision === "InPlaceEvict") {
      fallback.push({ ...q, fallbackFrom: "InPlaceDecision" });
      continue;
    }
    const containers = resizePatch(q.pod, recommendation, input);
    if (containers.length === 0) {
      // "no resource patches were calculated to apply": an InPlaceUpdate error falls back to eviction.
      fallback.push({ ...q, fallbackFrom: "InPlaceUpdateError" });
      continue;
    }
    loop.resizes.push({
      pod: q.pod.name,
      reason: q.reason,
      containers,
      message: IN_PLACE_RESIZED_BY_VPA_MESSAGE,
    });
    if (loop.stats !== undefined) loop.stats = afterInPlaceUpdate(loop.stats);
  }
  evictPods(fallback, loop, input, now);
}

/** One updater loop at `now` (mirrors updater.go RunOnce). */
export function updaterStep(
  input: VpaReplayInput,
  state: VpaUpdaterState,
  observation: UpdaterObservation,
  now: number,
): UpdaterStepResult {
  const mode = input.updateMode;
  const inPlace = mode === "InPlaceOrRecreate";
  if (!EVICTING_MODES.has(mode) && !inPlace) return { state, evictions: [], resizes: [] };
  const attemptTimes = new Map<string, number>();
  if (state.lastInPlaceAttemptTime.size > 0) {
    const existing = new Set(observation.pods.map((p) => p.name));
    for (const [pod, time] of state.lastInPlaceAttemptTime)
      if (existing.has(pod)) attemptTimes.set(pod, time);
  }
  // NewPodLister (spec.nodeName != "", not Succeeded/Failed) + filterDeletedPods.
  const livePods = observation.pods.filter((p) => p.scheduled && !p.deleting);
  const loop: Loop = {
    stats: getReplayGroupStats(
      livePods,
      observation.configuredReplicas,
      input.minReplicas,
      input.config.evictionToleranceFraction,
    ),
    attemptTimes,
    evictions: [],
    resizes: [],
    admit: observation.admit,
  };
  const recommendation = observation.recommendation?.containers;
  if (livePods.length > 0) {
    if (inPlace) {
      updateInPlace(livePods, recommendation, loop, input, now);
    } else {
      const evictable = livePods.filter((p) =>
        canEvictPod(p, loop.stats, loop.attemptTimes, input.config, now),
      );
      evictPods(getPodsUpdateOrder(evictable, recommendation, input, now), loop, input, now);
    }
  }
  return {
    state: { lastInPlaceAttemptTime: attemptTimes },
    evictions: loop.evictions,
    resizes: loop.resizes,
  };
}
