/**
 * Unneeded-since timers and the decision which unneeded nodes are removable now
 * (mirrors core/scaledown/unneeded/nodes.go updateInternalState, lookupAndSetRemovalThreshold,
 * RemovableAt, unremovableReason and verifyMinSize).
 */
import { hasNoScaleDownAnnotation } from "./eligibility.js";
import type { QuotaTracker } from "./resource-quotas.js";
import type { Node, NodeGroup } from "./types.js";
import type { UnremovableNode, UnremovableReason } from "./unremovable-reason.js";

/**
 * The `since` map after a loop: nodes still unneeded keep their time, new ones start now, the rest are
 * dropped (a loop in which a node is not unneeded resets it).
 */
export function updateUnneededSince(
  previous: ReadonlyMap<string, number>,
  unneededNow: readonly string[],
  now: number,
): Map<string, number> {
  const next = new Map<string, number>();
  for (const name of unneededNow) next.set(name, previous.get(name) ?? now);
  return next;
}

/** An unneeded node as the planner keeps it. */
export interface UnneededEntry {
  readonly node: Node;
  readonly since: number;
  /** True when no pod needs to move (only DaemonSet / mirror pods). */
  readonly empty: boolean;
  /** The node's group; undefined = not autoscaled. */
  readonly nodeGroup: NodeGroup | undefined;
  /** The group's unneeded/unready time could not be read (upstream thresholdRetrievalFailed). */
  readonly thresholdRetrievalFailed?: boolean;
}

export interface RemovalTimes {
  /** --scale-down-unneeded-time for ready nodes. */
  readonly scaleDownUnneededTimeSeconds: number;
  /** --scale-down-unready-time for unready nodes. */
  readonly scaleDownUnreadyTimeSeconds: number;
}

/** How long the node must stay unneeded: 0 without a node group (lookupAndSetRemovalThreshold). */
export function removalThreshold(entry: UnneededEntry, times: RemovalTimes): number {
  if (entry.nodeGroup === undefined) return 0;
  return entry.node.ready === false ? times.scaleDownUnreadyTimeSeconds : times.scaleDownUnneededTimeSeconds;
}

export interface RemovableAtInput {
  readonly entries: readonly UnneededEntry[];
  readonly times: RemovalTimes;
  /** Deletions in progress per node group id. */
  readonly deletionsInProgress?: ReadonlyMap<string, number>;
  /** Headroom to the cluster minima (--cores-total / --memory-total min, quotas); consumed per removal. */
  readonly minQuota?: QuotaTracker;
}

export interface RemovableAtResult {
  readonly empty: readonly Node[];
  readonly needDrain: readonly Node[];
  readonly unremovable: readonly UnremovableNode[];
}

type SizeMap = Map<string, number>;

function unremovableReason(
  entry: UnneededEntry,
  input: RemovableAtInput,
  sizes: SizeMap,
  now: number,
): UnremovableReason | undefined {
  if (entry.thresholdRetrievalFailed === true) return "UnexpectedError";
  if (hasNoScaleDownAnnotation(entry.node)) return "ScaleDownDisabledAnnotation";
  const threshold = removalThreshold(entry, input.times);
  // Removable only once `since + threshold` is strictly before now.
  if (threshold > 0 && !(entry.since + threshold < now))
    return entry.node.ready === false ? "NotUnreadyLongEnough" : "NotUnneededLongEnough";
  const group = entry.nodeGroup;
  if (group === undefined) return "NotAutoscaled";
  const size = sizes.get(group.id) as number;
  if (size - (input.deletionsInProgress?.get(group.id) ?? 0) <= group.minSize)
    return "NodeGroupMinSizeReached";
  if (input.minQuota !== undefined && input.minQuota.consumeQuota(entry.node, 1).exceededQuotas.length > 0)
    return "MinimalResourceLimitExceeded";
  sizes.set(group.id, size - 1);
  return undefined;
}

/**
 * Unneeded nodes that can go at `now`: empty nodes are taken before nodes that need draining, each taken
 * node lowers its group's size for the next. Deviation: entries are visited in input order (upstream walks
 * a Go map).
 */
export function removableAt(input: RemovableAtInput, now: number): RemovableAtResult {
  const sizes: SizeMap = new Map();
  for (const e of input.entries)
    if (e.nodeGroup !== undefined) sizes.set(e.nodeGroup.id, e.nodeGroup.targetSize);
  const empty: Node[] = [];
  const needDrain: Node[] = [];
  const unremovable: UnremovableNode[] = [];
  for (const wantEmpty of [true, false]) {
    for (const e of input.entries) {
      if (e.empty !== wantEmpty) continue;
      const reason = unremovableReason(e, input, sizes, now);
      if (reason !== undefined) unremovable.push({ node: e.node.name, reason });
      else (wantEmpty ? empty : needDrain).push(e.node);
    }
  }
  return { empty, needDrain, unremovable };
}
