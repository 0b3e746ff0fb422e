/**
 * The scheduler's "0/N nodes are available" message for a pod no node accepts, with the preemption
 * post-filter's own message appended, word for word as `kubectl describe pod` shows it.
 */

/** NoNodeAvailableMsg (pkg/scheduler/framework/types.go). */
const NO_NODE_AVAILABLE = (n: number) => `0/${n} nodes are available:`;
/** ErrNoNodesAvailable (pkg/scheduler/schedule_one.go): the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";
/** preemption.go Preempt: status of nodes where removing pods cannot help (UnschedulableAndUnresolvable). */
export const PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
/** default_preemption.go SelectVictimsOnNode: no lower-priority pod to evict on a node. */
export const NO_PREEMPTION_VICTIMS = "No preemption victims found for incoming pod";
/** dynamicresources.go PostFilter message when DRA is enabled (default since Kubernetes 1.34). */
export const DRA_NO_CLAIMS_TO_DEALLOCATE = "no new claims to deallocate";

/** "<count> <reason>" strings sorted as Go's sort.Strings does (byte order, so the count leads). */
export function sortReasonsHistogram(counts: Readonly<Record<string, number>>): string[] {
  const out = Object.entries(counts).map(([reason, n]) => `${n} ${reason}`);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `0/N nodes are available: <sorted "count reason" list>.` then ` <postFilterMsg>` when there is one
 * (mirrors pkg/scheduler/framework/types.go FitError.Error; no PreFilter rejections are modelled).
 * Note that upstream sorts the formatted strings, so `2 node(s) had ...` precedes `3 Insufficient cpu`.
 */
export function fitErrorMessage(
  numAllNodes: number,
  counts: Readonly<Record<string, number>>,
  postFilterMsg = "",
): string {
  let msg = NO_NODE_AVAILABLE(numAllNodes);
  const sorted = sortReasonsHistogram(counts);
  if (sorted.length > 0) msg += ` ${sorted.join(", ")}.`;
  if (postFilterMsg !== "") msg += ` ${postFilterMsg}`;
  return msg;
}

/**
 * The DefaultPreemption post-filter message when no victims exist (mirrors preemption.go Preempt and
 * default_preemption.go PostFilter's `"preemption: " + msg`): nodes rejected by a resolvable filter
 * (NodeResourcesFit) count as "No preemption victims found" - the model has no lower-priority pods to
 * evict - and every other node as "Preemption is not helpful for scheduling".
 */
export function preemptionMessage(numAllNodes: number, resolvableNodes: number): string {
  const counts: Record<string, number> = {};
  if (resolvableNodes > 0) counts[NO_PREEMPTION_VICTIMS] = resolvableNodes;
  if (numAllNodes - resolvableNodes > 0) counts[PREEMPTION_NOT_HELPFUL] = numAllNodes - resolvableNodes;
  return `preemption: ${fitErrorMessage(numAllNodes, counts)}`;
}
