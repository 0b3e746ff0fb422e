/**
 * The least-nodes expander: options needing the fewest nodes, ties kept; options with 0 nodes are ignored
 * (mirrors expander/leastnodes/leastnodes.go).
 */
import type { ExpanderFilter, ExpansionOption } from "./types.js";

export const leastNodesFilter: ExpanderFilter = (options) => {
  let least = Number.MAX_SAFE_INTEGER;
  let best: ExpansionOption[] = [];
  for (const o of options) {
    if (o.nodeCount === 0) continue;
    if (o.nodeCount === least) best.push(o);
    else if (o.nodeCount < least) {
      least = o.nodeCount;
      best = [o];
    }
  }
  return best;
};
