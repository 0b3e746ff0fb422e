/**
 * The kube-scheduler's scoring of the feasible nodes (mirrors schedule_one.go prioritizeNodes with the default
 * profile's weights): NodeResourcesFit (least_allocated.go / most_allocated.go over resource_allocation.go) and
 * TaintToleration (taint_toleration.go Score and NormalizeScore). See scheduler.ts for what is not modelled.
 */
import type { SimNode } from "./node-groups.js";
import type { SchedulingPod, ScoringStrategy } from "./scheduler.js";
import { effectiveTaints, tolerationsTolerateTaint } from "./taints.js";

/** schedutil DefaultMilliCPURequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil DefaultMemoryRequest: 200 MiB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
/** framework MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** The pod's scoring requests (schedutil GetNonzeroRequests, applied to the pod's totals by default). */
export function nonZeroRequests(pod: SchedulingPod): { cpuMilli: number; memBytes: number } {
  if (pod.nonZeroRequests !== undefined) return { ...pod.nonZeroRequests };
  return {
    cpuMilli: pod.requests.cpuMilli === 0 ? DEFAULT_MILLI_CPU_REQUEST : pod.requests.cpuMilli,
    memBytes: pod.requests.memBytes === 0 ? DEFAULT_MEMORY_REQUEST : pod.requests.memBytes,
  };
}

/** floor(a / b) for non-negative integers, exact even when a / b rounds in float64. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/** least_allocated.go leastRequestedScore: (capacity - requested) * 100 / capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return floorDiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** most_allocated.go mostRequestedScore: requested * 100 / capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return floorDiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

/**
 * The NodeResourcesFit score of placing the pod on the node (mirrors resource_allocation.go score with
 * least_allocated.go leastResourceScorer / most_allocated.go mostResourceScorer): per resource (cpu, memory;
 * weight 1 each) requested = node's non-zero requests (bound pods + DaemonSet overhead) + the pod's,
 * against allocatable; resources with zero allocatable are skipped; sum(score * weight) / sum(weight),
 * integer division.
 */
export function scoreNode(pod: SchedulingPod, node: SimNode, strategy: ScoringStrategy): number {
  const podReq = nonZeroRequests(pod);
  const resources = [
    {
      requested: node.bound.nonZeroCpuMilli + node.overhead.cpuMilli + podReq.cpuMilli,
      allocatable: node.allocatable.cpuMilli ?? 0,
      weight: 1,
    },
    {
      requested: node.bound.nonZeroMemBytes + node.overhead.memBytes + podReq.memBytes,
      allocatable: node.allocatable.memBytes ?? 0,
      weight: 1,
    },
  ];
  const perResource = strategy === "LeastAllocated" ? leastRequestedScore : mostRequestedScore;
  let nodeScore = 0;
  let weightSum = 0;
  for (const r of resources) {
    if (r.allocatable === 0) continue;
    nodeScore += perResource(r.requested, r.allocatable) * r.weight;
    weightSum += r.weight;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}

/** The default profile's score plugin weights (scheduler config v1 defaults) for the plugins modelled. */
export const SCORE_WEIGHTS = {
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  TaintToleration: 3,
  PodTopologySpread: 2,
} as const;

/**
 * balanced_allocation.go balancedResourceScorer over cpu and memory (useRequested: the pods' own requests, the
 * DaemonSet pods' included, plus this pod's): each fraction requested / allocatable capped at 1 (a resource with
 * no allocatable skipped); two fractions give std |f1 - f2| / 2, one gives 0; score int64((1 - std) * 100). A
 * pod requesting neither resource skips the plugin (PreScore: best-effort pods), scoring 0 here.
 */
export function balancedAllocationScore(pod: SchedulingPod, node: SimNode): number {
  if (pod.requests.cpuMilli === 0 && pod.requests.memBytes === 0) return 0;
  const fractions: number[] = [];
  const add = (requested: number, allocatable: number) => {
    if (allocatable !== 0) fractions.push(Math.min(1, requested / allocatable));
  };
  add(
    node.bound.requests.cpuMilli + node.overhead.cpuMilli + pod.requests.cpuMilli,
    node.allocatable.cpuMilli ?? 0,
  );
  add(
    node.bound.requests.memBytes + node.overhead.memBytes + pod.requests.memBytes,
    node.allocatable.memBytes ?? 0,
  );
  const std =
    fractions.length === 2 ? Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * taint_toleration.go Score: the node's PreferNoSchedule taints the pod does not tolerate (a toleration with
 * another effect tolerates none of them).
 */
export function intolerablePreferNoSchedule(pod: SchedulingPod, node: SimNode, now: number): number {
  let n = 0;
  for (const taint of effectiveTaints(node, now)) {
    if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(pod.tolerations ?? [], taint)) n++;
  }
  return n;
}

/**
 * The weighted sum of the score plugins per feasible node, in `feasible` order (mirrors schedule_one.go
 * prioritizeNodes): NodeResourcesFit and NodeResourcesBalancedAllocation (weight 1 each, no normalization),
 * TaintToleration (weight 3, counts normalized reversed by helper.DefaultNormalizeScore: 100 - 100 * count /
 * max, all 100 when no node has one) and PodTopologySpread (weight 2; `spread` = its normalized scores from
 * scheduler-spread.ts spreadScores, absent = the plugin skipped).
 */
export function prioritizeNodes(
  pod: SchedulingPod,
  feasible: readonly SimNode[],
  now: number,
  scoring: ScoringStrategy,
  spread?: readonly number[],
): number[] {
  const taints = feasible.map((n) => intolerablePreferNoSchedule(pod, n, now));
  // (a loop, not Math.max(...taints): a spread of a large cluster's nodes overflows the call stack)
  let max = 0;
  for (const t of taints) if (t > max) max = t;
  return feasible.map((n, i) => {
    const taintScore =
      max === 0
        ? MAX_NODE_SCORE
        : MAX_NODE_SCORE - Math.trunc((MAX_NODE_SCORE * (taints[i] as number)) / max);
    return (
      SCORE_WEIGHTS.NodeResourcesFit * scoreNode(pod, n, scoring) +
      SCORE_WEIGHTS.NodeResourcesBalancedAllocation * balancedAllocationScore(pod, n) +
      SCORE_WEIGHTS.TaintToleration * taintScore +
      SCORE_WEIGHTS.PodTopologySpread * (spread?.[i] ?? 0)
    );
  });
}
