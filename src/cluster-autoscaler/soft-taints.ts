/**
 * The soft taints of unneeded nodes (mirrors core/scaledown/actuation/softtaint.go UpdateSoftDeletionTaints, run
 * at every loop with scale-down enabled: static_autoscaler.go updateSoftDeletionTaints). Needed nodes lose the
 * `DeletionCandidateOfClusterAutoscaler` PreferNoSchedule taint, then unneeded nodes get it, nodes being deleted
 * (ToBeDeleted) left alone, at most --max-bulk-soft-taint-count API calls per loop. The scheduler's
 * TaintToleration score then steers new pods away from the unneeded nodes.
 */
import type { Node } from "./types.js";

/** utils/taints DeletionCandidateTaint. */
export const DELETION_CANDIDATE_TAINT = "DeletionCandidateOfClusterAutoscaler";

/** The soft-taint changes of one loop: node names, in the order they are made. */
export interface SoftTaintChanges {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

export const NO_SOFT_TAINT_CHANGES: SoftTaintChanges = { add: [], remove: [] };

/**
 * `nodes` are all registered nodes (as observed); `unneeded` the planner's unneeded nodes (UnneededNodes) in its
 * order.
 * `budget` 0 turns soft taints off (the caller skips the update).
 */
export function updateSoftDeletionTaints(
  nodes: readonly { readonly node: Node }[],
  unneeded: readonly string[],
  budget: number,
): SoftTaintChanges {
  if (budget === 0) return NO_SOFT_TAINT_CHANGES;
  // nothing tainted and nothing unneeded: nothing to change (the common loop, without allocating)
  if (unneeded.length === 0 && !nodes.some((n) => n.node.deletionCandidate === true))
    return NO_SOFT_TAINT_CHANGES;
  const isUnneeded = new Set(unneeded);
  const byName = new Map(nodes.map((n) => [n.node.name, n.node]));
  let calls = budget;
  const remove: string[] = [];
  for (const { node: n } of nodes) {
    if (isUnneeded.has(n.name) || n.toBeDeletedTaintAt !== undefined || n.deletionCandidate !== true)
      continue;
    if (calls <= 0) continue; // skipped: over the per-loop budget
    calls--;
    remove.push(n.name);
  }
  const add: string[] = [];
  for (const name of unneeded) {
    const n = byName.get(name);
    if (n === undefined || n.toBeDeletedTaintAt !== undefined || n.deletionCandidate === true) continue;
    if (calls <= 0) continue;
    calls--;
    add.push(name);
  }
  return add.length === 0 && remove.length === 0 ? NO_SOFT_TAINT_CHANGES : { add, remove };
}
