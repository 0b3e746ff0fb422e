/**
 * Which autoscaler loops can be skipped without changing anything (a simulator optimisation, no upstream
 * counterpart).
 *
 * Claim. Let a loop at `t0` run as `runOnce(S0, O, cfg, t0) = (S1, D0)` where
 *   (a) `sameCaState(S0, S1)` (equal content, maps in the same iteration order),
 *   (b) D0 has no scale-up, no scale-up timeout and no scale-down, and the loop drew nothing from `rng`,
 * and let T = `nextLoopThatCanAct(S1, O, cfg, t0)`. Then for every t with t0 <= t < T,
 * `runOnce(S1, O, cfg, t)` returns a state equal to S1 and the same decision as D0 (same events, same
 * not-triggered pods, no action), without drawing from `rng`.
 *
 * Proof sketch. runOnce is a pure function of (state, observation, cfg, now, rng draws). Because S1 equals
 * S0 (same content and iteration order) and the observation is the same, the loop at t computes exactly what
 * the loop at t0 computed, except where a value depends on `now`. Every such dependence is a comparison of
 * `now` with a threshold built from the state or the observation; they are listed below, each with the
 * threshold it contributes. T is the smallest threshold at or after t0 (minus a margin), so none of these
 * comparisons has a different outcome at t than at t0, every branch is the same, no rng is drawn (none was
 * at t0), and the result is the same. By induction the loops t0 < t1 < ... < T all return S1 (so keeping S1
 * is exact, and no "last loop time" field exists in CaState that would need advancing) and decisions
 * whose events equal D0's (which the engine checks are suppressed as repeats).
 *
 * Uses of `now` in runOnce and what they contribute:
 *  1. updateClusterState / registeredCounts / upcomingNodes / the `started` list / readyCount:
 *     isNotStarted (`ready === false && now - createdAt < maxNodeStartupTime`) -> createdAt + maxNodeStartupTime
 *     for every unready observed node with a creation time.
 *  2. updateClusterState: a request times out when `expectedAddTime < now` -> expectedAddTime of every request.
 *     (A timeout is an action, so it never happens in D0; the threshold keeps it from happening later.)
 *  3. removeStaleBackoffData: `lastFailedExecution + reset < now` -> lastFailedExecution + reset.
 *  4. backoffStatus (upcoming nodes, scale-up group filter): backed off while `now <= backoffUntil`
 *     -> backoffUntil of every entry.
 *  5. filterOutYoungPods: `age > delay` (nanoseconds, per-pod annotation) -> createdAt + delay of every
 *     unschedulable pod (a superset of the pods that reach the filter).
 *  6. all-pods-new: `createdAt + buffer > now` (2 s, 30 s for GPU pods) -> createdAt + buffer of every
 *     unschedulable pod.
 *  7. scaleUp: the estimation limiter compares `now` with its own start (= now: constant); the price expander
 *     prices `[now, now + 3600]`, exact only for integral `now`; for a fractional `now` with the price
 *     expander and unschedulable pods we give no skip at all (T = t0). Backoff is item 4. Expanders draw
 *     from rng only when there are options; a draw excludes skipping by (b).
 *  8. Scale-down eligibility: isNodeBeingDeleted (`now - taint < 300 s` or `< 180 s`) -> taint + 180, + 300;
 *     utilization and drain rules skip long-terminating pods (`deletedAt + grace + 30 < now`) ->
 *     deletedAt + grace + 30 of every deleted pod; the kube-system rule (`now > createdAt + timeout`) ->
 *     createdAt + blocking-system-pod-disruption-timeout for kube-system pods. Candidates carry no
 *     recheckUntil (the planner keeps no unremovable map), so that rule is constant.
 *  9. updateUnneededSince gives new entries `since = now`: by (a) every unneeded node is already in the map.
 * 10. removableAt: `since + threshold < now` -> since + unneeded time and since + unready time of every
 *     unneeded node (the threshold of an entry is one of them, or 0 which is constant).
 * 11. scaleDownInCooldown: `last + delay > now` -> lastScaleUpTime + delay-after-add,
 *     lastScaleDownDeleteTime + delay-after-delete, lastScaleDownFailTime + delay-after-failure.
 *     forbiddenThisLoop only depends on items 5-6.
 * 12. Messages: the only messages with a duration are the timeout ones (item 2).
 *
 * A threshold c at which a comparison flips (at `now > c` or `now >= c`) counts when c >= t0 - EPS and
 * contributes c - EPS, so T never exceeds the first moment a comparison can flip; EPS also absorbs the
 * rounding of the nanosecond arithmetic in item 5.
 */
import type { BackoffEntry } from "./backoff.js";
import type { CaObservation, CaState, NodeDeletion, ScaleUpRequest } from "./cluster-state.js";
import type { CaConfig } from "./config.js";
import { KUBE_SYSTEM_NAMESPACE } from "./drainability.js";
import {
  MAX_CLOUD_PROVIDER_NODE_DELETION_SECONDS,
  MAX_KUBERNETES_EMPTY_NODE_DELETION_SECONDS,
} from "./eligibility.js";
import { podScaleUpDelaySeconds } from "./filter-young-pods.js";
import {
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  POD_LONG_TERMINATING_EXTRA_SECONDS,
  podRequestsGpu,
} from "./pod-requests.js";

/** Margin (seconds) kept before every threshold. */
const EPS = 1e-3;

/**
 * The earliest time at or after which a loop, given the state and observation of a loop at `now` that
 * changed nothing (see the claim above), could decide differently. Loops at t with now <= t < result can be
 * skipped. Returns `now` when nothing can be skipped.
 */
export function nextLoopThatCanAct(state: CaState, obs: CaObservation, cfg: CaConfig, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  const at = (c: number) => {
    if (c >= now - EPS && c - EPS < next) next = c - EPS;
  };
  // 1. Registered but not started.
  for (const n of obs.nodes) {
    if (n.node.ready === false && n.createdAt !== undefined) at(n.createdAt + cfg.maxNodeStartupTimeSeconds);
    // 8. Being deleted (ToBeDeleted taint age).
    const taint = n.node.toBeDeletedTaintAt;
    if (taint !== undefined) {
      at(taint + MAX_KUBERNETES_EMPTY_NODE_DELETION_SECONDS);
      at(taint + MAX_CLOUD_PROVIDER_NODE_DELETION_SECONDS);
    }
  }
  // 2. Scale-up request timeouts.
  for (const r of state.scaleUpRequests.values()) at(r.expectedAddTime);
  // 3-4. Backoff expiry and reset.
  for (const e of state.backoff.values()) {
    at(e.backoffUntil);
    at(e.lastFailedExecution + cfg.nodeGroupBackoffResetSeconds);
  }
  let unschedulable = false;
  for (const { pod, unschedulableSince } of obs.pods) {
    // 5-6. Unschedulable pods: scale-up delay and the all-pods-new buffer.
    if (pod.nodeName === undefined && unschedulableSince !== undefined && pod.deletedAt === undefined) {
      unschedulable = true;
      if (pod.createdAt !== undefined) {
        at(pod.createdAt + podScaleUpDelaySeconds(pod, cfg.newPodScaleUpDelaySeconds));
        at(
          pod.createdAt +
            (podRequestsGpu(pod) ? cfg.allPodsNewBufferGpuSeconds : cfg.allPodsNewBufferSeconds),
        );
      }
    }
    // 8. Long-terminating pods, young kube-system pods.
    if (pod.deletedAt !== undefined)
      at(
        pod.deletedAt +
          (pod.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS) +
          POD_LONG_TERMINATING_EXTRA_SECONDS,
      );
    if (pod.namespace === KUBE_SYSTEM_NAMESPACE && pod.createdAt !== undefined)
      at(pod.createdAt + cfg.blockingSystemPodDisruptionTimeoutSeconds);
  }
  // 7. The price expander's window is exact only for integral times.
  if (unschedulable && cfg.expanders.includes("price") && !Number.isInteger(now)) return now;
  // 10. Unneeded long enough.
  for (const since of state.unneededSince.values()) {
    at(since + cfg.scaleDownUnneededTimeSeconds);
    at(since + cfg.scaleDownUnreadyTimeSeconds);
  }
  // 11. Scale-down cooldown.
  if (state.lastScaleUpTime !== undefined) at(state.lastScaleUpTime + cfg.scaleDownDelayAfterAddSeconds);
  if (state.lastScaleDownDeleteTime !== undefined)
    at(state.lastScaleDownDeleteTime + cfg.scaleDownDelayAfterDeleteSeconds);
  if (state.lastScaleDownFailTime !== undefined)
    at(state.lastScaleDownFailTime + cfg.scaleDownDelayAfterFailureSeconds);
  return Math.max(now, next);
}

function sameMap<V>(
  a: ReadonlyMap<string, V>,
  b: ReadonlyMap<string, V>,
  same: (x: V, y: V) => boolean,
): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const ib = b.entries();
  for (const [ka, va] of a) {
    const nb = ib.next();
    if (nb.done === true) return false;
    const [kb, vb] = nb.value;
    if (ka !== kb || !same(va, vb)) return false;
  }
  return true;
}

const sameRequest = (x: ScaleUpRequest, y: ScaleUpRequest) =>
  x.groupId === y.groupId &&
  x.increase === y.increase &&
  x.time === y.time &&
  x.expectedAddTime === y.expectedAddTime;

const sameBackoff = (x: BackoffEntry, y: BackoffEntry) =>
  x.duration === y.duration &&
  x.backoffUntil === y.backoffUntil &&
  x.lastFailedExecution === y.lastFailedExecution &&
  (x.errorInfo === y.errorInfo ||
    (x.errorInfo !== undefined &&
      y.errorInfo !== undefined &&
      x.errorInfo.errorClass === y.errorInfo.errorClass &&
      x.errorInfo.errorCode === y.errorInfo.errorCode &&
      x.errorInfo.errorMessage === y.errorInfo.errorMessage));

const sameDeletion = (x: NodeDeletion, y: NodeDeletion) =>
  x.groupId === y.groupId && x.since === y.since && x.drain === y.drain;

/** The CaState fields compared below; a state with any other field is never equal (no skipping). */
const KNOWN_FIELDS = new Set([
  "scaleUpRequests",
  "backoff",
  "unneededSince",
  "lastScaleUpTime",
  "lastScaleDownDeleteTime",
  "lastScaleDownFailTime",
  "deletingNodes",
]);

/** Equal content, with every map in the same iteration order (the loop's results may depend on it). */
export function sameCaState(a: CaState, b: CaState): boolean {
  return (
    a.lastScaleUpTime === b.lastScaleUpTime &&
    a.lastScaleDownDeleteTime === b.lastScaleDownDeleteTime &&
    a.lastScaleDownFailTime === b.lastScaleDownFailTime &&
    sameMap(a.scaleUpRequests, b.scaleUpRequests, sameRequest) &&
    sameMap(a.backoff, b.backoff, sameBackoff) &&
    sameMap(a.unneededSince, b.unneededSince, (x, y) => x === y) &&
    sameMap(a.deletingNodes, b.deletingNodes, sameDeletion) &&
    Object.keys(a).every((k) => KNOWN_FIELDS.has(k)) &&
    Object.keys(b).every((k) => KNOWN_FIELDS.has(k))
  );
}
