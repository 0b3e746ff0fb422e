/**
 * Which pods a ReplicaSet deletes first when scaled down (mirrors pkg/controller/controller_utils.go
 * ActivePodsWithRanks.Less with LogarithmicScaleDown on, and replica_set.go getPodsToDelete).
 * Without a node model every pod has the same co-location rank and no deletion cost, so rules 4 and 5 tie.
 */
import { podState, type SimPod } from "./sim-pod.js";

const NS = 1e9;

// mirrors controller_utils.go logarithmicRankDiff: floor(log2(age in ns)), -1 for age <= 0
function logRank(t: number, now: number): number {
  const d = (now - t) * NS;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** Negative if `a` should be deleted before `b`. `uid` breaks log-bucket ties as upstream's UID order does. */
export function compareForDeletion(a: SimPod, b: SimPod, now: number, uid: (p: SimPod) => string): number {
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
  // 6. both ready: ready for less time first (logarithmic buckets)
  if (readyA && readyB && a.readyAt !== b.readyAt) {
    const diff = logRank(a.readyAt as number, now) - logRank(b.readyAt as number, now);
    if (diff !== 0) return diff;
    return uid(a) < uid(b) ? -1 : 1;
  }
  // 8. newer pods first (logarithmic buckets)
  if (a.createdAt !== b.createdAt) {
    const diff = logRank(a.createdAt, now) - logRank(b.createdAt, now);
    if (diff !== 0) return diff;
    return uid(a) < uid(b) ? -1 : 1;
  }
  return 0;
}

/** The `count` active pods to delete, in upstream's preference order (mirrors replica_set.go getPodsToDelete). */
export function getPodsToDelete(
  active: readonly SimPod[],
  count: number,
  now: number,
  uid: (p: SimPod) => string,
): SimPod[] {
  if (count >= active.length) return active.slice();
  // a stable sort with a total order (the uid decides full ties) keeps runs deterministic
  return active
    .slice()
    .sort((a, b) => compareForDeletion(a, b, now, uid) || (uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0))
    .slice(0, count);
}
