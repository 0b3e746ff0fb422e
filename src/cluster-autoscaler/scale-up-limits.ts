/**
 * Limits on a scale-up: which node groups may grow at all, and how many nodes the chosen option may add
 * under --max-nodes-total, the group's max size and the cluster resource totals (mirrors
 * core/scaleup/orchestrator/orchestrator.go filterValidScaleUpNodeGroups, IsNodeGroupReadyToScaleUp,
 * IsNodeGroupResourceExceeded, GetCappedNewNodeCount and skippedreasons.go).
 */
import type { QuotaTracker } from "./resource-quotas.js";
import type { Node, NodeGroup } from "./types.js";

/** skippedreasons.go messages. */
export const BACKOFF_REASON = "in backoff after failed scale-up";
export const MAX_LIMIT_REACHED_REASON = "max node group size reached";
export const NOT_READY_REASON = "not ready for scale-up";

/** Why a group cannot grow this loop, or undefined when it can. */
export function nodeGroupSkipReason(
  group: NodeGroup,
  template: Node | undefined,
  opts: {
    /** The group is backed off (clusterstate NodeGroupScaleUpSafety). */
    readonly backedOff: boolean;
    /** Headroom to the maxima; a group whose single node exceeds it is skipped. */
    readonly tracker?: QuotaTracker;
  },
): string | undefined {
  if (group.exists !== false && opts.backedOff) return BACKOFF_REASON;
  if (group.targetSize >= group.maxSize) return MAX_LIMIT_REACHED_REASON;
  if (template === undefined) return NOT_READY_REASON;
  if (opts.tracker !== undefined) {
    const r = opts.tracker.checkDelta(template, 1);
    if (r.exceededQuotas.length > 0) {
      const resources = [...new Set(r.exceededQuotas.flatMap((q) => q.exceededResources))];
      return `max cluster ${resources.join(", ")} limit reached`;
    }
  }
  return undefined;
}

/**
 * `min(newNodes, maxNodesTotal - currentNodes)` when --max-nodes-total is set; an Error when no node is left
 * ("max node total count already reached"). `currentNodes` includes upcoming nodes.
 */
export function getCappedNewNodeCount(
  newNodes: number,
  currentNodes: number,
  maxNodesTotal: number,
): number | Error {
  if (maxNodesTotal > 0 && newNodes + currentNodes > maxNodesTotal) {
    const capped = maxNodesTotal - currentNodes;
    if (capped < 1) return new Error("max node total count already reached");
    return capped;
  }
  return newNodes;
}

/** How many nodes like `template` the resource totals still allow (tracker CheckDelta allowedDelta). */
export function capByResourceLimits(
  newNodes: number,
  template: Node,
  tracker: QuotaTracker | undefined,
): number {
  return tracker === undefined ? newNodes : Math.max(0, tracker.checkDelta(template, newNodes).allowedDelta);
}

/** A group grows at most to its max size: `min(newNodes, max - target)`. */
export function capByGroupMax(group: NodeGroup, newNodes: number): number {
  return Math.max(0, Math.min(newNodes, group.maxSize - group.targetSize));
}
