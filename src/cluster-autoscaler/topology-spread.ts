/**
 * The scheduler's PodTopologySpread filter for hard (`DoNotSchedule`) constraints with `matchLabels`
 * selectors (mirrors kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
 * calPreFilterState, minMatchNum and Filter). Node inclusion follows the defaults: nodeAffinityPolicy
 * Honor (the pod's nodeSelector must match), nodeTaintsPolicy Ignore.
 */
import type { Node, Pod, TopologySpreadConstraint } from "./types.js";
import { nodeLabel } from "./types.js";

/** scheduler ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** scheduler ErrReasonNodeLabelNotMatch. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH =
  "node(s) didn't match pod topology spread constraints (missing required label)";

/** What PreFilter computed: per hard constraint, matching pods per topology value. */
export interface SpreadState {
  readonly constraints: readonly TopologySpreadConstraint[];
  readonly tpValueToMatchNum: readonly ReadonlyMap<string, number>[];
}

/** A node with its pods, as the filter needs it. */
export interface SpreadNode {
  readonly node: Node;
  readonly pods: readonly Pod[];
}

/** The pod's hard constraints (DoNotSchedule). */
export function hardConstraints(pod: Pod): readonly TopologySpreadConstraint[] {
  return (pod.topologySpread ?? []).filter((c) => c.whenUnsatisfiable === "DoNotSchedule");
}

function selectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
) {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** `spec.nodeSelector` matches the node's labels. */
export function nodeSelectorMatches(pod: Pod, node: Node): boolean {
  for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) if (nodeLabel(node, k) !== v) return false;
  return true;
}

/** Pods on the node in the namespace matching the selector, terminating pods excluded (common.go countPodsMatchSelector). */
function countPodsMatchSelector(
  pods: readonly Pod[],
  selector: Readonly<Record<string, string>>,
  namespace: string,
): number {
  if (Object.keys(selector).length === 0) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.deletedAt !== undefined || p.namespace !== namespace) continue;
    if (selectorMatches(selector, p.labels ?? {})) n++;
  }
  return n;
}

/** Counts matching pods per domain over the nodes that carry every constraint key (mirrors calPreFilterState). */
export function preFilterTopologySpread(pod: Pod, nodes: readonly SpreadNode[]): SpreadState | undefined {
  const constraints = hardConstraints(pod);
  if (constraints.length === 0) return undefined;
  const maps = constraints.map(() => new Map<string, number>());
  for (const { node, pods } of nodes) {
    if (!nodeSelectorMatches(pod, node)) continue;
    if (!constraints.every((c) => nodeLabel(node, c.topologyKey) !== undefined)) continue;
    constraints.forEach((c, i) => {
      const value = nodeLabel(node, c.topologyKey) as string;
      const m = maps[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + countPodsMatchSelector(pods, c.selector, pod.namespace));
    });
  }
  return { constraints, tpValueToMatchNum: maps };
}

/** The global minimum, 0 while fewer domains than minDomains exist (mirrors preFilterState.minMatchNum). */
function minMatchNum(domains: ReadonlyMap<string, number>, minDomains: number): number {
  if (domains.size < minDomains) return 0;
  let min = Number.MAX_SAFE_INTEGER;
  for (const n of domains.values()) min = Math.min(min, n);
  return min === Number.MAX_SAFE_INTEGER ? 0 : min;
}

/** `matchNum + selfMatch - globalMin <= maxSkew` for every constraint; the failing reason otherwise (mirrors Filter). */
export function filterTopologySpread(pod: Pod, node: Node, state: SpreadState): string | undefined {
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i] as TopologySpreadConstraint;
    const value = nodeLabel(node, c.topologyKey);
    if (value === undefined) return ERR_REASON_NODE_LABEL_NOT_MATCH;
    const domains = state.tpValueToMatchNum[i] as ReadonlyMap<string, number>;
    const selfMatch = selectorMatches(c.selector, pod.labels ?? {}) ? 1 : 0;
    const skew = (domains.get(value) ?? 0) + selfMatch - minMatchNum(domains, c.minDomains ?? 1);
    if (skew > c.maxSkew) return ERR_REASON_CONSTRAINTS_NOT_MATCH;
  }
  return undefined;
}
