/**
 * Scale-down: which nodes are unneeded (eligible by utilization and every pod movable elsewhere, simulated
 * on a fork), their since-timers, and which go now under the cooldown, minimum sizes and the deletion
 * budgets (mirrors core/scaledown/planner/planner.go UpdateClusterState, categorizeNodes, NodesToDelete;
 * simulator/cluster.go RemovalSimulator.SimulateNodeRemoval; budgets/budgets.go CropNodes;
 * actuation/actuator.go deleteAsyncEmpty / deleteAsyncDrain events).
 */

import type { ClusterSnapshot } from "./cluster-snapshot.js";
import type { CaEvent, CaState, NodeDeletion, ObservedNode } from "./cluster-state.js";
import type { CaConfig } from "./config.js";
import { defaultDrainRules, getPodsToMove, type PodDisruptionBudget } from "./drainability.js";
import { type Candidate, filterOutUnremovable } from "./eligibility.js";
import { clusterResourceLimits, QuotaTracker } from "./resource-quotas.js";
import { scaleDownInCooldown } from "./scale-down-cooldown.js";
import type { Node, NodeGroup, Pod } from "./types.js";
import { removableAt, type UnneededEntry, updateUnneededSince } from "./unneeded-nodes.js";
import type { UnremovableNode } from "./unremovable-reason.js";
import type { UtilizationInfo } from "./utilization.js";

/** A node the engine should taint and delete. */
export interface ScaleDownDecision {
  readonly node: string;
  readonly group: string;
  /** `empty` (no pod to move) or `underutilized` (drained, pods rescheduled). */
  readonly reason: "empty" | "underutilized";
  /** Pods to evict (drain), `namespace/name`. */
  readonly podsToReschedule: readonly string[];
}

export interface ScaleDownInput {
  /** Registered, started nodes (destinations and candidates). */
  readonly nodes: readonly ObservedNode[];
  readonly groups: ReadonlyMap<string, NodeGroup>;
  /** Snapshot of those nodes with their bound pods; forked, never mutated. */
  readonly snapshot: ClusterSnapshot;
  readonly pdbs?: readonly PodDisruptionBudget[];
  /** This loop skipped scale-up for very new pods (scaleDownForbidden in RunOnce). */
  readonly forbiddenThisLoop: boolean;
  readonly cfg: CaConfig;
  readonly now: number;
}

export interface ScaleDownResult {
  readonly unneededSince: Map<string, number>;
  readonly deletingNodes: Map<string, NodeDeletion>;
  readonly lastScaleDownDeleteTime: number | undefined;
  readonly scaleDowns: readonly ScaleDownDecision[];
  readonly unremovable: readonly UnremovableNode[];
  readonly events: readonly CaEvent[];
}

/** Go %v of utilization.Info: `{cpu mem gpu resource utilization}`. */
function formatUtil(u: UtilizationInfo | undefined): string {
  if (u === undefined) return "{0 0 0  0}";
  return `{${u.cpuUtil} ${u.memUtil} ${u.gpuUtil} ${u.resourceName} ${u.utilization}}`;
}

const podRef = (p: Pod) => `${p.namespace}/${p.name}`;

/** Plans this loop's scale-down on top of the state's timers and deletions in progress. */
export function planScaleDown(state: CaState, input: ScaleDownInput): ScaleDownResult {
  const { cfg, now } = input;
  const unchanged = {
    unneededSince: new Map<string, number>(),
    deletingNodes: new Map(state.deletingNodes),
    lastScaleDownDeleteTime: state.lastScaleDownDeleteTime,
    scaleDowns: [],
    unremovable: [],
    events: [],
  };
  if (!cfg.scaleDownEnabled) return unchanged;
  // pre_filtering_processor.go: nodes of autoscaled groups above their min size, not already deleting.
  const candidates: Candidate[] = [];
  for (const n of input.nodes) {
    if (state.deletingNodes.has(n.node.name)) continue;
    const group = n.groupId === undefined ? undefined : input.groups.get(n.groupId);
    if (group !== undefined && group.targetSize <= group.minSize) continue;
    const info = input.snapshot.getNodeInfo(n.node.name);
    candidates.push({ node: n.node, pods: info?.pods ?? [], nodeGroup: group });
  }
  const eligible = filterOutUnremovable(candidates, cfg, now);
  const unremovable: UnremovableNode[] = [...eligible.unremovable];
  // categorizeNodes: simulate removals cumulatively on one fork, destinations exclude deleting nodes.
  const sim = input.snapshot.fork();
  const removed = new Set<string>(state.deletingNodes.keys());
  const rules = defaultDrainRules(cfg);
  const entries: UnneededEntry[] = [];
  const toMove = new Map<string, readonly Pod[]>();
  for (const name of eligible.unneeded) {
    const c = candidates.find((x) => x.node.name === name) as Candidate;
    const moves = getPodsToMove(c.pods, rules, {
      now,
      ...(input.pdbs === undefined ? {} : { pdbs: input.pdbs }),
    });
    if (moves.blockingPod !== undefined) {
      unremovable.push({ node: name, reason: "BlockedByPod" });
      continue;
    }
    if (moves.onCompletionPods.length > 0) {
      unremovable.push({ node: name, reason: "BlockedByOnCompletionPod" });
      continue;
    }
    const trial = sim.fork();
    const exclude = new Set([...removed, name]);
    let ok = true;
    for (const p of moves.pods) {
      trial.removePod(p, name);
      const r = trial.schedulePodOnAnyNodeMatching(p, (i) => !exclude.has(i.node.name));
      if (!("nodeName" in r)) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      unremovable.push({ node: name, reason: "NoPlaceToMovePods" });
      continue;
    }
    // Commit the simulated moves so later candidates see them.
    for (const p of moves.pods) {
      sim.removePod(p, name);
      sim.schedulePodOnAnyNodeMatching(p, (i) => !exclude.has(i.node.name));
    }
    removed.add(name);
    toMove.set(name, moves.pods);
    entries.push({ node: c.node, since: 0, empty: moves.pods.length === 0, nodeGroup: c.nodeGroup });
  }
  const unneededSince = updateUnneededSince(
    state.unneededSince,
    entries.map((e) => e.node.name),
    now,
  );
  const timed = entries.map((e) => ({ ...e, since: unneededSince.get(e.node.name) as number }));
  const inCooldown = scaleDownInCooldown(state, cfg, now, input.forbiddenThisLoop);
  if (inCooldown) return { ...unchanged, unneededSince, unremovable };
  const deletionsInProgress = new Map<string, number>();
  for (const d of state.deletingNodes.values())
    deletionsInProgress.set(d.groupId, (deletionsInProgress.get(d.groupId) ?? 0) + 1);
  const minQuota = QuotaTracker.forMinima(
    [clusterResourceLimits(cfg).min],
    input.nodes.filter((n) => !state.deletingNodes.has(n.node.name)).map((n) => n.node),
  );
  const r = removableAt({ entries: timed, times: cfg, deletionsInProgress, minQuota }, now);
  unremovable.push(...r.unremovable);
  // budgets.go CropNodes: in-flight deletions count against both budgets.
  const inFlight = state.deletingNodes.size;
  const drainsInFlight = [...state.deletingNodes.values()].filter((d) => d.drain).length;
  let budget = Math.max(0, cfg.maxScaleDownParallelism - inFlight);
  const empty: Node[] = r.empty.slice(0, budget);
  budget -= empty.length;
  const drainBudget = Math.min(budget, Math.max(0, cfg.maxDrainParallelism - drainsInFlight));
  const drain: Node[] = r.needDrain.slice(0, drainBudget);
  const deletingNodes = new Map(state.deletingNodes);
  const scaleDowns: ScaleDownDecision[] = [];
  const events: CaEvent[] = [];
  const groupOf = (n: Node) => timed.find((e) => e.node.name === n.name)?.nodeGroup?.id ?? "";
  for (const n of empty) {
    const group = groupOf(n);
    deletingNodes.set(n.name, { groupId: group, since: now, drain: false });
    scaleDowns.push({ node: n.name, group, reason: "empty", podsToReschedule: [] });
    events.push({
      type: "Normal",
      reason: "ScaleDownEmpty",
      message: `Scale-down: removing empty node ${JSON.stringify(n.name)}`,
      object: "configmap/kube-system/cluster-autoscaler-status",
    });
  }
  for (const n of drain) {
    const group = groupOf(n);
    const pods = toMove.get(n.name) ?? [];
    deletingNodes.set(n.name, { groupId: group, since: now, drain: true });
    scaleDowns.push({ node: n.name, group, reason: "underutilized", podsToReschedule: pods.map(podRef) });
    events.push({
      type: "Normal",
      reason: "ScaleDown",
      message: `Scale-down: removing node ${n.name}, utilization: ${formatUtil(eligible.utilization.get(n.name))}, pods to reschedule: ${pods.map((p) => p.name).join(",")}`,
      object: "configmap/kube-system/cluster-autoscaler-status",
    });
  }
  // A removed node leaves the unneeded map (it is being deleted now).
  for (const d of scaleDowns) unneededSince.delete(d.node);
  return {
    unneededSince,
    deletingNodes,
    lastScaleDownDeleteTime: scaleDowns.length > 0 ? now : state.lastScaleDownDeleteTime,
    scaleDowns,
    unremovable,
    events,
  };
}
