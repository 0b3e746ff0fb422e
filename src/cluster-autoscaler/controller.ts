/**
 * The cluster autoscaler's main loop as one pure step (mirrors core/static_autoscaler.go RunOnce):
 * refresh the cluster-state registry (request completion, timeouts, backoff), build the snapshot with
 * upcoming nodes, filter the unschedulable pods (expendable, fit somewhere, too young), run one scale-up,
 * then scale-down. State in, state out; randomness only through `rng` (random expander ties).
 */

import { backoffStatus, removeBackoff, removeStaleBackoffData } from "./backoff.js";
import { ClusterSnapshot } from "./cluster-snapshot.js";
import {
  type CaEvent,
  type CaObservation,
  type CaState,
  isNotStarted,
  type ObservedNode,
  registerScaleUp,
  type ScaleUpTimeout,
  upcomingNodes,
  updateClusterState,
} from "./cluster-state.js";
import type { CaConfig } from "./config.js";
import type { PodDisruptionBudget } from "./drainability.js";
import { filterOutYoungPods } from "./filter-young-pods.js";
import { isDaemonSetPod, podRequestsGpu } from "./pod-requests.js";
import { planScaleDown, type ScaleDownDecision } from "./scale-down-planner.js";
import { type NotTriggered, type ScaleUpDecision, scaleUp } from "./scale-up-orchestrator.js";
import { NO_SOFT_TAINT_CHANGES, type SoftTaintChanges, updateSoftDeletionTaints } from "./soft-taints.js";
import type { Node, NodeGroup, Pod } from "./types.js";
import type { UnremovableNode } from "./unremovable-reason.js";

export type { CaEvent, CaObservation, CaState } from "./cluster-state.js";
export { INITIAL_CA_STATE } from "./cluster-state.js";

/** What one loop decided; the engine applies it (target sizes, taints, deletions) and records events. */
export interface CaDecision {
  readonly scaleUps: readonly ScaleUpDecision[];
  /** Timed-out scale-ups: lower the group's target by `delta` (1.36). */
  readonly scaleUpTimeouts: readonly ScaleUpTimeout[];
  readonly scaleDowns: readonly ScaleDownDecision[];
  readonly events: readonly CaEvent[];
  readonly notTriggered: readonly NotTriggered[];
  readonly unremovable: readonly UnremovableNode[];
  /** Soft taints to add to / remove from nodes now (soft-taints.ts). */
  readonly softTaints: SoftTaintChanges;
}

/** Optional extras of the observation that upstream reads from listers. */
export interface CaExtras {
  readonly pdbs?: readonly PodDisruptionBudget[];
}

/** Unschedulable pods: unbound, marked by the scheduler, not deleted (listers.go ArrangePodsBySchedulability). */
function unschedulablePods(obs: CaObservation): Pod[] {
  return obs.pods
    .filter(
      (p) =>
        p.pod.nodeName === undefined && p.unschedulableSince !== undefined && p.pod.deletedAt === undefined,
    )
    .map((p) => p.pod);
}

/** One loop at `now` (static_autoscaler.go RunOnce). */
export function runOnce(
  state0: CaState,
  obs: CaObservation,
  cfg: CaConfig,
  now: number,
  rng: () => number,
  extras: CaExtras = {},
): { state: CaState; decision: CaDecision } {
  const events: CaEvent[] = [];
  // UpdateClusterStateRegistry: complete / time out scale-up requests, forget stale backoff.
  const cs = updateClusterState(state0, obs, cfg, now);
  events.push(...cs.events);
  let state: CaState = {
    ...cs.state,
    backoff: removeStaleBackoffData(cs.state.backoff, now, {
      initialSeconds: cfg.initialNodeGroupBackoffSeconds,
      maxSeconds: cfg.maxNodeGroupBackoffSeconds,
      resetSeconds: cfg.nodeGroupBackoffResetSeconds,
    }),
  };
  // The engine lowers these targets; the rest of this loop already sees the lowered sizes.
  const lowered = new Map(cs.timeouts.map((t) => [t.group, t.delta]));
  const groups = obs.nodeGroups.map((g) => {
    const d = lowered.get(g.group.id) ?? 0;
    return d === 0 ? g : { ...g, group: { ...g.group, targetSize: g.group.targetSize - d } };
  });
  const view: CaObservation = { ...obs, nodeGroups: groups };

  // Registered-but-not-started nodes are upcoming, neither destinations nor candidates.
  const started: ObservedNode[] = obs.nodes.filter((n) => !isNotStarted(n, cfg, now));
  const bound = obs.pods
    .map((p) => p.pod)
    .filter((p) => p.nodeName !== undefined && (p.priority ?? 0) >= cfg.expendablePodsPriorityCutoff);
  // Nodes being deleted by us are tainted: no new pods land there.
  const asSeen = (n: ObservedNode): Node =>
    state.deletingNodes.has(n.node.name) ? { ...n.node, unschedulable: true } : n.node;
  const snapshot = ClusterSnapshot.of(started.map(asSeen), bound);

  // Upcoming nodes as template copies (static_autoscaler.go addUpcomingNodesToClusterSnapshot).
  const upcoming = upcomingNodes(state, view, cfg, now);
  const withUpcoming = snapshot.fork();
  let upcomingTotal = 0;
  for (const g of groups) {
    const n = upcoming.get(g.group.id) ?? 0;
    for (let i = 0; i < n; i++) {
      const name = `template-${g.group.id}-upcoming-${i}`;
      const pods = (g.template.pods ?? []).map((p) => ({
        ...p,
        name: `${p.name}-upcoming-${i}`,
        nodeName: name,
      }));
      withUpcoming.addNode(
        { ...g.template.node, name, labels: { ...g.template.node.labels, "kubernetes.io/hostname": name } },
        pods,
      );
    }
    upcomingTotal += n;
  }

  // Pod list processing: drop expendable and DaemonSet pods, then those that fit somewhere
  // (filter_out_schedulable.go, highest priority first), then young ones (filterOutYoungPods).
  const fits = withUpcoming.fork();
  const candidates = unschedulablePods(obs)
    .filter((p) => (p.priority ?? 0) >= cfg.expendablePodsPriorityCutoff && !isDaemonSetPod(p))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (b.p.priority ?? 0) - (a.p.priority ?? 0) || a.i - b.i)
    .map(({ p }) => p)
    .filter((p) => !("nodeName" in fits.schedulePodOnAnyNodeMatching(p)));
  const pending = filterOutYoungPods(candidates, cfg.newPodScaleUpDelaySeconds, now).kept;

  let scaleUps: readonly ScaleUpDecision[] = [];
  let notTriggered: readonly NotTriggered[] = [];
  let forbidden = false;
  const readyCount = started.filter((n) => n.node.ready !== false).length;
  const buffer = (p: Pod) =>
    podRequestsGpu(p) ? cfg.allPodsNewBufferGpuSeconds : cfg.allPodsNewBufferSeconds;
  if (pending.length === 0) {
    // nothing to do
  } else if (cfg.maxNodesTotal > 0 && readyCount >= cfg.maxNodesTotal) {
    // RunOnce: MaxNodesTotalReached warning, pods remain unschedulable (ScaleUpLimitedByMaxNodesTotal).
    events.push({
      type: "Warning",
      reason: "MaxNodesTotalReached",
      message: `Max total nodes in cluster reached: ${cfg.maxNodesTotal}`,
      object: "configmap/kube-system/cluster-autoscaler-status",
    });
    notTriggered = pending.map((p) => ({
      pod: `pod/${p.namespace}/${p.name}`,
      reasons: ["max total nodes in cluster reached"],
    }));
    for (const n of notTriggered)
      events.push({
        type: "Normal",
        reason: "NotTriggerScaleUp",
        message: "pod didn't trigger scale-up: max total nodes in cluster reached",
        object: n.pod,
      });
  } else if (pending.every((p) => p.createdAt !== undefined && p.createdAt + buffer(p) > now)) {
    // allPodsAreNew: skip scale-up and keep scale-down in cooldown this loop.
    forbidden = true;
  } else {
    const r = scaleUp({
      pending,
      groups,
      snapshot: withUpcoming,
      currentNodeCount: obs.nodes.length + upcomingTotal,
      nodesForQuota: obs.nodes.map((n) => n.node),
      isBackedOff: (id) => backoffStatus(state.backoff, id, now).isBackedOff,
      cfg,
      now,
      rng,
    });
    scaleUps = r.scaleUps;
    notTriggered = r.notTriggered;
    events.push(...r.events);
    let requests = state.scaleUpRequests;
    let backoff = state.backoff;
    for (const s of scaleUps) {
      requests = registerScaleUp(requests, s.group, s.delta, cfg, now);
      backoff = removeBackoff(backoff, s.group);
    }
    if (scaleUps.length > 0) state = { ...state, scaleUpRequests: requests, backoff, lastScaleUpTime: now };
  }

  // Scale-down: timers always run; actuation only outside the cooldown.
  const groupMap = new Map<string, NodeGroup>(groups.map((g) => [g.group.id, g.group]));
  const sd = planScaleDown(state, {
    nodes: started,
    groups: groupMap,
    snapshot,
    ...(extras.pdbs === undefined ? {} : { pdbs: extras.pdbs }),
    forbiddenThisLoop: forbidden || scaleUps.length > 0,
    cfg,
    now,
  });
  events.push(...sd.events);
  const { lastScaleDownDeleteTime: _ignored, ...rest } = state;
  state = {
    ...rest,
    unneededSince: sd.unneededSince,
    deletingNodes: sd.deletingNodes,
    ...(sd.lastScaleDownDeleteTime === undefined
      ? {}
      : { lastScaleDownDeleteTime: sd.lastScaleDownDeleteTime }),
  };
  return {
    state,
    decision: {
      scaleUps,
      scaleUpTimeouts: cs.timeouts,
      scaleDowns: sd.scaleDowns,
      events,
      notTriggered,
      unremovable: sd.unremovable,
      // static_autoscaler.go updateSoftDeletionTaints: whenever scale-down runs, in cooldown too
      softTaints: cfg.scaleDownEnabled
        ? updateSoftDeletionTaints(obs.nodes, [...sd.unneededSince.keys()], cfg.maxBulkSoftTaintCount)
        : NO_SOFT_TAINT_CHANGES,
    },
  };
}

/** Records a failed node deletion reported by the engine (sets lastScaleDownFailTime, actuator.go). */
export function recordScaleDownFailure(state: CaState, node: string, now: number): CaState {
  const deletingNodes = new Map(state.deletingNodes);
  deletingNodes.delete(node);
  return { ...state, deletingNodes, lastScaleDownFailTime: now };
}
