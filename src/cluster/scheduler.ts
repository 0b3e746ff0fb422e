/**
 * The kube-scheduler model: an ordered filter chain, the score plugins (scheduler-scoring.ts), and the FitError
 * message for a pod that fits nowhere (mirrors kubernetes pkg/scheduler/schedule_one.go schedulePod / findNodesThatFitPod
 * / prioritizeNodes / selectHost with the default profile's filters).
 *
 * Why not src/cluster-autoscaler/predicates.ts: that chain runs the autoscaler's plugin set over its own
 * NodeInfo (pods as objects, pod count from the pod list) and has neither TaintToleration nor required node
 * affinity nor readiness; its plugin closures are private. The resource-fit arithmetic here is the same
 * fitsRequest rule, applied to a SimNode's totals (allocatable - DaemonSet overhead - bound).
 *
 * PodTopologySpread (scheduler-spread.ts over pod-topology-spread.ts) filters on DoNotSchedule constraints and
 * scores (weight 2) ScheduleAnyway ones, or the system default constraints (hostname maxSkew 3, zone maxSkew 5)
 * with the owner's selector for a pod without constraints, counting the bound pods of `podsOn`.
 *
 * Deviations from upstream, all deliberate:
 * - every registered node is evaluated (no percentageOfNodesToScore sampling);
 * - ties between top-scoring nodes go to the smallest node name (upstream selectHost picks at random);
 * - only NodeResourcesFit, NodeResourcesBalancedAllocation, TaintToleration (PreferNoSchedule taints, such
 *   as the cluster autoscaler's soft taint on unneeded nodes) and PodTopologySpread score, with their default
 *   weights (not ImageLocality, InterPodAffinity or preferred node affinity);
 * - the default spreading selector is the owning ReplicaSet's / StatefulSet's only: Services (whose selectors
 *   upstream's helper.DefaultSelector adds) are not modelled;
 * - a node that is not Ready is never chosen, even by a pod tolerating the not-ready taint;
 * - no preemption: the message reports "No preemption victims found" for nodes rejected by a resolvable filter
 *   (NodeResourcesFit, PodTopologySpread's skew).
 */
import type { Requests } from "../cluster-autoscaler/pod-requests.js";
import { nodeLabel } from "../cluster-autoscaler/types.js";
import {
  DRA_NO_CLAIMS_TO_DEALLOCATE,
  ERR_NO_NODES_AVAILABLE,
  fitErrorMessage,
  preemptionMessage,
} from "./fit-error.js";
import { type Affinity, requiredNodeAffinityMatches } from "./node-affinity.js";
import { freeResources, isNodeReady, isNodeRegistered, type SimNode } from "./node-groups.js";
import {
  filterTopologySpread,
  type SpreadSelector,
  type SpreadState,
  type TopologySpreadConstraint,
} from "./pod-topology-spread.js";
import { prioritizeNodes } from "./scheduler-scoring.js";
import { type PodsOnNode, preFilterSpread, spreadScores } from "./scheduler-spread.js";

// the scoring lives in scheduler-scoring.ts; these are part of the scheduler's interface
export {
  balancedAllocationScore,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  leastRequestedScore,
  MAX_NODE_SCORE,
  mostRequestedScore,
  nonZeroRequests,
  prioritizeNodes,
  scoreNode,
} from "./scheduler-scoring.js";

import { effectiveTaints, findUntoleratedTaint, NOT_READY_TAINT, type Toleration } from "./taints.js";

/** What the scheduler reads of a pod. CPU in millicores, memory in bytes. */
export interface SchedulingPod {
  /** Effective requests (containers, init containers, overhead), as the NodeResourcesFit filter sums them. */
  readonly requests: Requests;
  /**
   * Requests for scoring, where an unset container request counts as 100m CPU / 200 MiB (schedutil
   * GetNonzeroRequests). Absent = derived per pod: a zero request counts as the default.
   */
  readonly nonZeroRequests?: { readonly cpuMilli: number; readonly memBytes: number };
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly affinity?: Affinity;
  /** PodTopologySpread: the pod's namespace (absent = "default") and labels (self-match, matchLabelKeys). */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** spec.topologySpreadConstraints with their selectors built (scheduler-spread.ts effectiveSpreadConstraints). */
  readonly topologySpread?: readonly TopologySpreadConstraint[];
  /**
   * The owning ReplicaSet's / StatefulSet's selector, which the system default constraints spread by
   * (helper.DefaultSelector); absent = no owner, no default spreading.
   */
  readonly ownerSelector?: SpreadSelector;
}

export type ScoringStrategy = "LeastAllocated" | "MostAllocated";

/** How the unschedulable message reads; the defaults give the Kubernetes <= 1.33 wording. */
export interface MessageStyle {
  /** `node(s) had untolerated taint {key: value}` (true) or `node(s) had untolerated taint(s)` (false, 1.34.2+ / 1.35+). */
  readonly taintDetail: boolean;
  /** Prefix the post-filter message with `no new claims to deallocate, ` (DRA enabled, 1.34+). */
  readonly draNote: boolean;
}

export const DEFAULT_MESSAGE_STYLE: MessageStyle = { taintDetail: true, draNote: false };

export interface SchedulerOptions {
  /** NodeResourcesFit scoringStrategy.type; upstream default LeastAllocated. */
  readonly scoring: ScoringStrategy;
  readonly messageStyle?: Partial<MessageStyle>;
  /** The pods bound to each node (PodTopologySpread counts them); absent = none anywhere. */
  readonly podsOn?: PodsOnNode;
}

/** A filter's rejection of one node. `resolvable` = status Unschedulable (preemption might help). */
export interface FilterRejection {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly resolvable: boolean;
}

/** The outcome of one scheduling attempt. */
export type ScheduleResult =
  | { readonly node: string; readonly score: number }
  | {
      readonly unschedulable: {
        /** The PodScheduled=False condition message (FitError.Error plus the post-filter message). */
        readonly reason: string;
        /** Nodes per filter reason, key-sorted. */
        readonly counts: Readonly<Record<string, number>>;
      };
    };

/** nodeunschedulable.go ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
/** nodeaffinity.go ErrReasonPod. */
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** tainttoleration.go Filter reason since Kubernetes 1.35 (and 1.34.2). */
export const ERR_REASON_UNTOLERATED_TAINTS = "node(s) had untolerated taint(s)";
const TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

interface FilterContext {
  readonly now: number;
  readonly style: MessageStyle;
  /** PodTopologySpread's PreFilter state; undefined = the plugin skips. */
  readonly spread: SpreadState | undefined;
}

type FilterPlugin = (pod: SchedulingPod, node: SimNode, ctx: FilterContext) => FilterRejection | undefined;

/** nodeunschedulable.go Filter: a cordoned node, unless the pod tolerates the unschedulable taint. */
const nodeUnschedulable: FilterPlugin = (pod, node) => {
  if (!node.unschedulable) return undefined;
  const taint = { key: TAINT_NODE_UNSCHEDULABLE, value: "", effect: "NoSchedule" } as const;
  if (findUntoleratedTaint([taint], pod.tolerations ?? []) === undefined) return undefined;
  return { plugin: "NodeUnschedulable", reasons: [ERR_REASON_UNSCHEDULABLE], resolvable: false };
};

/** tainttoleration.go Filter; the not-ready taint also rejects a pod that tolerates it (see above). */
const taintToleration: FilterPlugin = (pod, node, ctx) => {
  let taint = findUntoleratedTaint(effectiveTaints(node, ctx.now), pod.tolerations ?? []);
  if (taint === undefined && !isNodeReady(node, ctx.now)) taint = NOT_READY_TAINT;
  if (taint === undefined) return undefined;
  const reason = ctx.style.taintDetail
    ? `node(s) had untolerated taint {${taint.key}: ${taint.value}}`
    : ERR_REASON_UNTOLERATED_TAINTS;
  return { plugin: "TaintToleration", reasons: [reason], resolvable: false };
};

/** nodeaffinity.go Filter: nodeSelector and required node affinity. */
const nodeAffinity: FilterPlugin = (pod, node) =>
  requiredNodeAffinityMatches(pod.nodeSelector, pod.affinity, node.labels)
    ? undefined
    : { plugin: "NodeAffinity", reasons: [ERR_REASON_NODE_AFFINITY], resolvable: false };

/** noderesources/fit.go fitsRequest: pod count first, then each requested resource against what is free. */
const nodeResourcesFit: FilterPlugin = (pod, node) => {
  const free = freeResources(node);
  const req = pod.requests;
  const reasons: string[] = [];
  if (free.pods < 1) reasons.push("Too many pods");
  if (req.cpuMilli > 0 && req.cpuMilli > free.cpuMilli) reasons.push("Insufficient cpu");
  if (req.memBytes > 0 && req.memBytes > free.memBytes) reasons.push("Insufficient memory");
  if (req.gpus > 0 && req.gpus > free.gpus) reasons.push("Insufficient nvidia.com/gpu");
  return reasons.length > 0 ? { plugin: "NodeResourcesFit", reasons, resolvable: true } : undefined;
};

/** podtopologyspread/filtering.go Filter: the DoNotSchedule constraints' skew on the node. */
const podTopologySpread: FilterPlugin = (pod, node, ctx) => {
  if (ctx.spread === undefined) return undefined;
  const r = filterTopologySpread(pod.labels ?? {}, (key) => nodeLabel(node, key), ctx.spread);
  return r === undefined
    ? undefined
    : { plugin: "PodTopologySpread", reasons: [r.reason], resolvable: r.resolvable };
};

/** The filters in the default profile's order (apis/config/v1 default_plugins.go). */
export const FILTER_CHAIN: readonly { readonly name: string; readonly filter: FilterPlugin }[] = [
  { name: "NodeUnschedulable", filter: nodeUnschedulable },
  { name: "TaintToleration", filter: taintToleration },
  { name: "NodeAffinity", filter: nodeAffinity },
  { name: "NodeResourcesFit", filter: nodeResourcesFit },
  { name: "PodTopologySpread", filter: podTopologySpread },
];

/**
 * The first filter rejecting the node (upstream stops at the first failing plugin), or undefined = fits.
 * Without `spread` (PodTopologySpread's PreFilter over the whole cluster) that plugin passes every node.
 */
export function runFilterChain(
  pod: SchedulingPod,
  node: SimNode,
  now: number,
  style: MessageStyle = DEFAULT_MESSAGE_STYLE,
  spread?: SpreadState,
): FilterRejection | undefined {
  const ctx: FilterContext = { now, style, spread };
  for (const { filter } of FILTER_CHAIN) {
    const rejection = filter(pod, node, ctx);
    if (rejection !== undefined) return rejection;
  }
  return undefined;
}

/**
 * One scheduling attempt at `now`: filter every registered node, score the feasible ones, pick the highest
 * score (ties: smallest node name). Nodes not yet registered or already gone are not counted in `0/N`.
 * Pure: the caller binds the pod ({@link bindRequests} in node-groups.ts) when a node is returned.
 *
 * @example schedulePod(pod, nodes, 120, { scoring: "LeastAllocated" }) // { node: "general-2", score: 62 }
 */
export function schedulePod(
  pod: SchedulingPod,
  nodes: readonly SimNode[],
  now: number,
  options: SchedulerOptions,
): ScheduleResult {
  const style: MessageStyle = { ...DEFAULT_MESSAGE_STYLE, ...options.messageStyle };
  const counts: Record<string, number> = {};
  let resolvableNodes = 0;
  const feasible: SimNode[] = [];
  const registered = nodes.filter((n) => isNodeRegistered(n, now));
  const numAllNodes = registered.length;
  const podsOn = options.podsOn ?? (() => []);
  const spread = preFilterSpread(pod, registered, now, podsOn);
  for (const node of registered) {
    const rejection = runFilterChain(pod, node, now, style, spread);
    if (rejection !== undefined) {
      for (const r of rejection.reasons) counts[r] = (counts[r] ?? 0) + 1;
      if (rejection.resolvable) resolvableNodes++;
      continue;
    }
    feasible.push(node);
  }
  if (feasible.length > 0) {
    const spreadScore = spreadScores(pod, feasible, registered, now, podsOn);
    const scores = prioritizeNodes(pod, feasible, now, options.scoring, spreadScore);
    let best = 0;
    for (let i = 1; i < feasible.length; i++) {
      const d = (scores[i] as number) - (scores[best] as number);
      if (d > 0 || (d === 0 && (feasible[i] as SimNode).name < (feasible[best] as SimNode).name)) best = i;
    }
    return { node: (feasible[best] as SimNode).name, score: scores[best] as number };
  }
  const sortedCounts = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (numAllNodes === 0) return { unschedulable: { reason: ERR_NO_NODES_AVAILABLE, counts: sortedCounts } };
  const preemption = preemptionMessage(numAllNodes, resolvableNodes);
  const postFilter = style.draNote ? `${DRA_NO_CLAIMS_TO_DEALLOCATE}, ${preemption}` : preemption;
  return {
    unschedulable: { reason: fitErrorMessage(numAllNodes, counts, postFilter), counts: sortedCounts },
  };
}
