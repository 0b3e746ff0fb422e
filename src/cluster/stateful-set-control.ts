/**
 * The StatefulSet controller's scaling step (mirrors stateful_set_control.go updateStatefulSet with
 * processReplica and processCondemned, for a set with one revision and no PersistentVolumeClaims to wait for):
 * given the set's pods at t, which ordinals it creates and which pods it deletes now.
 *
 * - OrderedReady (`monotonic`): pods are created one at a time in ordinal order, each only once every pod before
 *   it is Running, Ready and Available (minReadySeconds); a missing or terminating pod blocks everything after
 *   it. Scale-down deletes one pod at a time, the highest ordinal first, once every pod in range is Available and
 *   no condemned pod is still terminating.
 * - Parallel (burst): every missing ordinal in range is created and every condemned pod deleted at once.
 * - Either way a pod is replaced only after it is gone (names are identities): an ordinal whose pod is
 *   terminating is not created again until the old pod has left the API.
 *
 * The controller reacts to every pod event, so the engine runs this step whenever a pod transition or a scale
 * happens (tick phase 7), and again at once while a step changes something (zero-delay transitions).
 */

import type { WorkloadTarget } from "../engine/run-inputs.js";
import { podState, type SimPod } from "./sim-pod.js";

/** What the StatefulSet's spec says about scaling. */
export interface StatefulSetScaling {
  /** spec.replicas. */
  readonly replicas: number;
  /** spec.podManagementPolicy. */
  readonly podManagementPolicy: "OrderedReady" | "Parallel";
  /** spec.minReadySeconds (a Ready pod counts as Available this long after it became Ready). */
  readonly minReadySeconds: number;
  /** spec.ordinals.start (the first ordinal; 0 by default). */
  readonly startOrdinal: number;
}

/** The scaling part of a StatefulSet target's spec at `replicas`, defaults filled in. */
export function statefulSetScaling(target: WorkloadTarget, replicas: number): StatefulSetScaling {
  return {
    replicas,
    podManagementPolicy: target.podManagementPolicy ?? "OrderedReady",
    minReadySeconds: target.minReadySeconds ?? 0,
    startOrdinal: target.startOrdinal ?? 0,
  };
}

/**
 * The set's status.replicas: every pod that exists, terminating ones included (mirrors stateful_set_control.go
 * computeReplicaStatus, which counts isCreated pods).
 */
export function statefulSetReplicas(pods: readonly SimPod[], t: number): number {
  let n = 0;
  for (const p of pods) if (p.goneAt === null || p.goneAt > t) n++;
  return n;
}

/** One step of the controller at t. */
export interface StatefulSetStep {
  /** Ordinals to create now, in order. */
  readonly create: number[];
  /** Pods to delete now, in order. */
  readonly delete: SimPod[];
  /**
   * When a Ready pod that is not yet Available becomes Available (the controller requeues the set after
   * minReadySeconds: stateful_set.go sync, enqueueSSAfter); null when none is waiting.
   */
  readonly recheckAt: number | null;
}

/** isRunningAndReady: phase Running with the Ready condition True (a terminating pod is checked apart). */
function runningAndReady(p: SimPod, t: number): boolean {
  return podState(p, t) === "ready";
}

/**
 * isRunningAndAvailable (podutil.IsPodAvailable): Ready for minReadySeconds. Upstream compares strictly
 * (`LastTransitionTime + minReadySeconds` before now) at a resync requeued minReadySeconds after it saw the pod
 * Ready; on the replay's integer clock that resync lands on the second `readyAt + minReadySeconds`.
 */
function available(p: SimPod, t: number, minReadySeconds: number): boolean {
  if (!runningAndReady(p, t)) return false;
  return minReadySeconds === 0 || (p.readyAt as number) + minReadySeconds <= t;
}

/** isUnavailable: not healthy (Running, Ready, not terminating) or not Available; a pod not created counts too. */
function unavailable(p: SimPod | null, t: number, minReadySeconds: number): boolean {
  return p === null || !available(p, t, minReadySeconds);
}

/** The step of updateStatefulSet at t over the set's pods (gone pods are skipped). */
export function updateStatefulSet(
  pods: readonly SimPod[],
  spec: StatefulSetScaling,
  t: number,
): StatefulSetStep {
  const { replicas, startOrdinal: start, minReadySeconds: minReady } = spec;
  const monotonic = spec.podManagementPolicy === "OrderedReady";
  const slots: (SimPod | null)[] = new Array<SimPod | null>(replicas).fill(null);
  const condemned: SimPod[] = [];
  let recheckAt: number | null = null;
  for (const p of pods) {
    if (podState(p, t) === "gone" || p.ordinal < 0) continue;
    if (p.ordinal >= start && p.ordinal < start + replicas) slots[p.ordinal - start] = p;
    else condemned.push(p);
    if (minReady > 0 && runningAndReady(p, t)) {
      const at = (p.readyAt as number) + minReady;
      if (at > t && (recheckAt === null || at < recheckAt)) recheckAt = at;
    }
  }
  condemned.sort((a, b) => b.ordinal - a.ordinal); // descendingOrdinal
  // the first unavailable pod: in range in ordinal order, else among the condemned from the lowest ordinal
  let firstUnavailable: SimPod | null | undefined;
  for (const p of slots) {
    if (unavailable(p, t, minReady)) {
      firstUnavailable = p;
      break;
    }
  }
  if (firstUnavailable === undefined) {
    for (let i = condemned.length - 1; i >= 0; i--) {
      const p = condemned[i] as SimPod;
      if (unavailable(p, t, minReady)) {
        firstUnavailable = p;
        break;
      }
    }
  }
  const step: StatefulSetStep = { create: [], delete: [], recheckAt };

  // processReplica over [start, start + replicas): monotonic stops at the first pod that blocks
  for (let i = 0; i < replicas; i++) {
    const p = slots[i] as SimPod | null;
    if (p === null) {
      step.create.push(start + i);
      if (monotonic) return step; // the set does not allow bursting
      continue;
    }
    if (!monotonic) continue;
    if (podState(p, t) === "terminating") return step; // waiting for the Pod to terminate
    if (!available(p, t, minReady)) return step; // waiting for the Pod to be Running, Ready and Available
  }

  // processCondemned, highest ordinal first: monotonic deletes one and waits for it to terminate
  for (const p of condemned) {
    if (podState(p, t) === "terminating") {
      if (monotonic) return step;
      continue;
    }
    if (monotonic && p !== firstUnavailable && !available(p, t, minReady)) return step;
    step.delete.push(p);
    if (monotonic) return step;
  }
  return step;
}

/** What the controller does to the pods (the workload's own bookkeeping of creation, deletion and wake-ups). */
export interface StatefulSetActions {
  readonly create: (ordinal: number) => SimPod;
  readonly delete: (pod: SimPod) => void;
  /** Wake the controller at this time (a pod becomes Available). */
  readonly recheckAt: (t: number) => void;
}

/**
 * The controller's steps at t, repeated while one changes something: each pod it creates or deletes is an event
 * it reacts to at once (with zero delays the new pod may already be Ready, a deleted one already gone). `pods`
 * is the live list the actions add to.
 */
export function reconcileStatefulSet(
  pods: readonly SimPod[],
  spec: StatefulSetScaling,
  t: number,
  act: StatefulSetActions,
): { created: SimPod[]; deleted: SimPod[] } {
  const created: SimPod[] = [];
  const deleted: SimPod[] = [];
  for (;;) {
    const step = updateStatefulSet(pods, spec, t);
    if (step.recheckAt !== null) act.recheckAt(step.recheckAt);
    for (const o of step.create) created.push(act.create(o));
    for (const p of step.delete) {
      act.delete(p);
      deleted.push(p);
    }
    if (step.create.length === 0 && step.delete.length === 0) return { created, deleted };
  }
}
