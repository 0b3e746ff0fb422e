/**
 * The scheduler's PodTopologySpread filter as the autoscaler's predicates run it, for hard (`DoNotSchedule`)
 * constraints (mirrors kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
 * calPreFilterState, minMatchNum and Filter, shared with the replay's scheduler in
 * src/cluster/pod-topology-spread.ts). Node inclusion: nodeAffinityPolicy Honor (the default) counts only the
 * nodes the pod's nodeSelector matches (the autoscaler's pods carry no node affinity); nodeTaintsPolicy is not
 * looked at, since the autoscaler's nodes carry no NoSchedule taints but the ToBeDeleted one.
 */
import {
  calPreFilterState,
  constraintsFor,
  type SpreadNodeView,
  type SpreadState,
  filterTopologySpread as sharedFilter,
} from "../cluster/pod-topology-spread.js";
import type { Node, Pod, TopologySpreadConstraint } from "./types.js";
import { nodeLabel } from "./types.js";

export {
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  type SpreadState,
} from "../cluster/pod-topology-spread.js";

/** A node with its pods, as the filter needs it. */
export interface SpreadNode {
  readonly node: Node;
  readonly pods: readonly Pod[];
}

/** The pod's hard constraints (DoNotSchedule). */
export function hardConstraints(pod: Pod): readonly TopologySpreadConstraint[] {
  return constraintsFor(pod.topologySpread, "DoNotSchedule");
}

/** `spec.nodeSelector` matches the node's labels. */
export function nodeSelectorMatches(pod: Pod, node: Node): boolean {
  for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) if (nodeLabel(node, k) !== v) return false;
  return true;
}

/** How the shared plugin code reads the snapshot's nodes for `pod`. */
function viewFor(pod: Pod): SpreadNodeView<SpreadNode> {
  return {
    label: (n, key) => nodeLabel(n.node, key),
    pods: (n) => n.pods,
    included: (n, c) => c.nodeAffinityPolicy === "Ignore" || nodeSelectorMatches(pod, n.node),
  };
}

/** Matching pods per domain over the eligible nodes (calPreFilterState); undefined = no hard constraint. */
export function preFilterTopologySpread(pod: Pod, nodes: readonly SpreadNode[]): SpreadState | undefined {
  const constraints = hardConstraints(pod);
  if (constraints.length === 0) return undefined;
  return calPreFilterState(constraints, nodes, viewFor(pod), pod.namespace);
}

/** The failing reason on `node`, undefined when every hard constraint holds (Filter). */
export function filterTopologySpread(pod: Pod, node: Node, state: SpreadState): string | undefined {
  return sharedFilter(pod.labels ?? {}, (key) => nodeLabel(node, key), state)?.reason;
}
