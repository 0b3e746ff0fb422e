/**
 * Node cost: node-seconds per group times the group's price per hour / 3600, summed per group and in total.
 * Node-seconds are exact integers; each group's cost is computed once from its node-seconds, and the total
 * is the sum of the groups' costs in key order, so the result does not depend on how time was sliced.
 */
import { isNodeRegistered, type SimNode } from "./node-groups.js";

/** Node-seconds, node-hours and cost of one group (or of all groups). */
export interface GroupCost {
  readonly nodeSeconds: number;
  /** nodeSeconds / 3600. */
  readonly nodeHours: number;
  /** nodeSeconds * pricePerHour / 3600, in the price's currency. */
  readonly cost: number;
}

/** Cost per group (key-sorted) and the total. */
export interface CostSummary {
  readonly perGroup: Readonly<Record<string, GroupCost>>;
  readonly total: GroupCost;
}

/** The node count per group from `at` until the next sample (or the end of the run). */
export interface NodeCountSample {
  /** Seconds. */
  readonly at: number;
  /** Nodes per group; a group absent here has 0 nodes. */
  readonly counts: Readonly<Record<string, number>>;
}

export const SECONDS_PER_HOUR = 3600;

/** nodeSeconds * pricePerHour / 3600. */
export function costOfNodeSeconds(nodeSeconds: number, pricePerHour: number): number {
  return (nodeSeconds * pricePerHour) / SECONDS_PER_HOUR;
}

/**
 * Turns node-seconds per group into a cost summary. Every group with a price appears, with 0 if it had no
 * nodes; a group with node-seconds but no price is an error (the cluster model always prices its groups).
 */
export function summarizeCost(
  nodeSecondsPerGroup: Readonly<Record<string, number>>,
  pricePerHour: Readonly<Record<string, number>>,
): CostSummary {
  const groups = [...new Set([...Object.keys(pricePerHour), ...Object.keys(nodeSecondsPerGroup)])].sort();
  const perGroup: Record<string, GroupCost> = {};
  let nodeSeconds = 0;
  let cost = 0;
  for (const g of groups) {
    const seconds = nodeSecondsPerGroup[g] ?? 0;
    const price = pricePerHour[g];
    if (price === undefined) throw new Error(`node group ${g} has no price`);
    const c = costOfNodeSeconds(seconds, price);
    perGroup[g] = { nodeSeconds: seconds, nodeHours: seconds / SECONDS_PER_HOUR, cost: c };
    nodeSeconds += seconds;
    cost += c;
  }
  return { perGroup, total: { nodeSeconds, nodeHours: nodeSeconds / SECONDS_PER_HOUR, cost } };
}

/**
 * The integral of a piecewise-constant node count: sample i holds from its `at` to the next sample's `at`,
 * the last one until `end`. Samples must be in time order; a sample at or after `end` adds nothing.
 *
 * @example integrateNodeCounts([{ at: 0, counts: { a: 2 } }, { at: 1800, counts: { a: 3 } }], 3600, { a: 0.5 })
 * // a: 2*1800 + 3*1800 = 9000 node-seconds = 2.5 node-hours; cost 2.5 * 0.5 = 1.25
 */
export function integrateNodeCounts(
  samples: readonly NodeCountSample[],
  end: number,
  pricePerHour: Readonly<Record<string, number>>,
): CostSummary {
  const seconds: Record<string, number> = {};
  samples.forEach((s, i) => {
    const next = samples[i + 1];
    if (next !== undefined && next.at < s.at) throw new Error("node count samples out of time order");
    const until = Math.min(next?.at ?? end, end);
    const span = until - s.at;
    if (span <= 0) return;
    for (const [g, n] of Object.entries(s.counts)) seconds[g] = (seconds[g] ?? 0) + n * span;
  });
  return summarizeCost(seconds, pricePerHour);
}

/** Seconds of [from, to) during which the node was registered (createdAt <= t < goneAt). */
export function nodeSecondsBetween(node: SimNode, from: number, to: number): number {
  const start = Math.max(from, node.createdAt);
  const stop = Math.min(to, node.goneAt ?? Number.POSITIVE_INFINITY);
  return Math.max(0, stop - start);
}

/**
 * Cost of the nodes' registered lifetimes within [from, to), per group. Equals
 * {@link integrateNodeCounts} over the registered-node counts sampled at every change.
 */
export function costOfNodes(
  nodes: readonly SimNode[],
  from: number,
  to: number,
  pricePerHour: Readonly<Record<string, number>>,
): CostSummary {
  const seconds: Record<string, number> = {};
  for (const n of nodes) seconds[n.group] = (seconds[n.group] ?? 0) + nodeSecondsBetween(n, from, to);
  return summarizeCost(seconds, pricePerHour);
}

/** Registered nodes per group at `now` (key-sorted): the count a timeline row records. */
export function nodeCountsAt(nodes: readonly SimNode[], now: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const n of nodes) if (isNodeRegistered(n, now)) counts[n.group] = (counts[n.group] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
