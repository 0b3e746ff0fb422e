/**
 * Which pods a ReplicaSet deletes first when scaled down (mirrors pkg/controller/controller_utils.go
 * ActivePodsWithRanks.Less with LogarithmicScaleDown on, and replica_set.go getPodsToDelete).
 * Without a node model every pod has the same co-location rank; pod-deletion-cost (rule 4) is not modelled, so
 * it always ties.
 */
import { podState, type SimPod } from "./sim-pod.js";

const NS = 1e9;

// mirrors controller_utils.go logarithmicRankDiff: floor(log2(age in ns)), -1 for age <= 0
function logRank(t: number, now: number): number {
  const d = (now - t) * NS;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * Negative if `a` should be deleted before `b`. `uid` breaks log-bucket ties as upstream's UID order does;
 * `rank` is the number of the workload's active pods on the pod's node (absent: all equal).
 */
export function compareForDeletion(
  a: SimPod,
  b: SimPod,
  now: number,
  uid: (p: SimPod) => string,
  rank?: ReadonlyMap<SimPod, number>,
): number {
  const sa = podState(a, now);
  const sb = podState(b, now);
  // 1. unassigned < assigned
  const boundA = sa !== "pending";
  const boundB = sb !== "pending";
  if (boundA !== boundB) return boundA ? 1 : -1;
  // 2. PodPending < PodRunning (phase Pending until containers run)
  const runA = sa === "running" || sa === "ready";
  const runB = sb === "running" || sb === "ready";
  if (runA !== runB) return runA ? 1 : -1;
  // 3. not ready < ready
  const readyA = sa === "ready";
  const readyB = sb === "ready";
  if (readyA !== readyB) return readyA ? 1 : -1;
  // 5. doubled up (more of the workload's pods on the same node) first
  const rankA = rank?.get(a) ?? 0;
  const rankB = rank?.get(b) ?? 0;
  if (rankA !== rankB) return rankB - rankA;
  // 6. both ready: ready for less time first (logarithmic buckets)
  if (readyA && readyB && a.readyAt !== b.readyAt) {
    const diff = logRank(a.readyAt as number, now) - logRank(b.readyAt as number, now);
    if (diff !== 0) return diff;
    return uid(a) < uid(b) ? -1 : 1;
  }
  // 7. more container restarts first
  const restartsA = a.restarts ?? 0;
  const restartsB = b.restarts ?? 0;
  if (restartsA !== restartsB) return restartsB - restartsA;
  // 8. newer pods first (logarithmic buckets)
  if (a.createdAt !== b.createdAt) {
    const diff = logRank(a.createdAt, now) - logRank(b.createdAt, now);
    if (diff !== 0) return diff;
    return uid(a) < uid(b) ? -1 : 1;
  }
  return 0;
}

/**
 * The `count` active pods to delete, in upstream's preference order (mirrors replica_set.go getPodsToDelete
 * with getPodsRankedByRelatedPodsOnSameNode: a pod's rank is the number of active pods of the workload on
 * its node; unbound pods share the node "").
 */
export function getPodsToDelete(
  active: readonly SimPod[],
  count: number,
  now: number,
  uid: (p: SimPod) => string,
  nodeOf?: (p: SimPod) => string | undefined,
): SimPod[] {
  if (count >= active.length) return active.slice();
  let rank: Map<SimPod, number> | undefined;
  if (nodeOf !== undefined) {
    const onNode = new Map<string, number>();
    for (const p of active) {
      const n = nodeOf(p) ?? "";
      onNode.set(n, (onNode.get(n) ?? 0) + 1);
    }
    rank = new Map(active.map((p) => [p, onNode.get(nodeOf(p) ?? "") ?? 0]));
  }
  // a stable sort with a total order (the uid decides full ties) keeps runs deterministic
  return active
    .slice()
    .sort(
      (a, b) => compareForDeletion(a, b, now, uid, rank) || (uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0),
    )
    .slice(0, count);
}
