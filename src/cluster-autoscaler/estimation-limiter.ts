/**
 * Limits on one binpacking estimation: how many nodes it may add and for how long it may run
 * (mirrors estimator/threshold_based_limiter.go, threshold.go, static_threshold.go,
 * cluster_capacity_threshold.go, sng_capacity_threshold.go, estimation_context.go).
 * Limits: 0 = no limit, negative = no new node at all. Durations are seconds.
 */
import type { NodeGroup } from "./types.js";

/** What the thresholds may consult (estimation_context.go EstimationContext). */
export interface EstimationContext {
  /** Groups that a balanced scale-up would also grow. */
  readonly similarNodeGroups: readonly NodeGroup[];
  /** --max-nodes-total (0 = none). */
  readonly clusterMaxNodeLimit: number;
  /** Nodes in the cluster, upcoming ones included. */
  readonly currentNodeCount: number;
}

/** One source of limits (threshold.go Threshold). */
export interface Threshold {
  nodeLimit(nodeGroup: NodeGroup | undefined, ctx: EstimationContext | undefined): number;
  durationLimit(nodeGroup: NodeGroup | undefined, ctx: EstimationContext | undefined): number;
}

/** The tighter of two limits where 0 = unset and negative = forbid (mirrors threshold_based_limiter.go getMinLimit). */
export function getMinLimit(base: number, target: number): number {
  if (base < 0 || target < 0) return -1;
  if ((base === 0 || base > target) && target > 0) return target;
  return base;
}

/** Fixed limits: --max-nodes-per-scaleup and --max-nodegroup-binpacking-duration (static_threshold.go). */
export function staticThreshold(maxNodes: number, maxDurationSeconds: number): Threshold {
  return { nodeLimit: () => maxNodes, durationLimit: () => maxDurationSeconds };
}

/** Room left under --max-nodes-total: none if unset, -1 if reached (cluster_capacity_threshold.go NodeLimit). */
export function clusterCapacityNodeLimit(ctx: EstimationContext | undefined): number {
  if (ctx === undefined || ctx.clusterMaxNodeLimit === 0) return 0;
  if (ctx.clusterMaxNodeLimit < 0 || ctx.clusterMaxNodeLimit <= ctx.currentNodeCount) return -1;
  return ctx.clusterMaxNodeLimit - ctx.currentNodeCount;
}

export const clusterCapacityThreshold: Threshold = {
  nodeLimit: (_g, ctx) => clusterCapacityNodeLimit(ctx),
  durationLimit: () => 0,
};

/** max(0, max - target) of one group (sng_capacity_threshold.go computeNodeGroupCapacity). */
function nodeGroupCapacity(g: NodeGroup): number {
  return Math.max(0, g.maxSize - g.targetSize);
}

/** Headroom of the group and its similar groups; -1 when there is none (sng_capacity_threshold.go NodeLimit). */
export function sngCapacityNodeLimit(nodeGroup: NodeGroup, ctx: EstimationContext | undefined): number {
  if (ctx === undefined) return 0;
  let total = nodeGroupCapacity(nodeGroup);
  for (const g of ctx.similarNodeGroups) total += nodeGroupCapacity(g);
  return total <= 0 ? -1 : total;
}

export const sngCapacityThreshold: Threshold = {
  nodeLimit: (g, ctx) => (g === undefined ? 0 : sngCapacityNodeLimit(g, ctx)),
  durationLimit: () => 0,
};

/**
 * Grants new nodes during one estimation until the tightest node or duration limit is hit
 * (threshold_based_limiter.go thresholdBasedEstimationLimiter). Lives for one estimation at a time.
 */
export class ThresholdBasedEstimationLimiter {
  private maxNodes = 0;
  private maxDuration = 0;
  private start: number | undefined;
  private granted = 0;

  constructor(private readonly thresholds: readonly Threshold[]) {}

  /** Nodes granted since the last start. */
  get nodes(): number {
    return this.granted;
  }

  /** Re-reads every threshold (StartEstimation). */
  startEstimation(nodeGroup: NodeGroup | undefined, ctx: EstimationContext | undefined, now: number): void {
    this.start = now;
    this.granted = 0;
    this.maxNodes = 0;
    this.maxDuration = 0;
    for (const t of this.thresholds) {
      this.maxNodes = getMinLimit(this.maxNodes, t.nodeLimit(nodeGroup, ctx));
      this.maxDuration = getMinLimit(this.maxDuration, t.durationLimit(nodeGroup, ctx));
    }
  }

  endEstimation(): void {}

  /** One more node, unless a limit is reached; a granted call counts one node (PermissionToAddNode). */
  permissionToAddNode(now: number): boolean {
    if (this.maxNodes < 0 || (this.maxNodes > 0 && this.granted >= this.maxNodes)) return false;
    const timeDefined = this.maxDuration > 0 && this.start !== undefined;
    if (this.maxDuration < 0 || (timeDefined && now > (this.start as number) + this.maxDuration))
      return false;
    this.granted++;
    return true;
  }
}
