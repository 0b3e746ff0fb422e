/**
 * PodTopologySpread's pure pieces, shared by the replay's scheduler (scheduler-spread.ts) and the cluster
 * autoscaler's filter (src/cluster-autoscaler/topology-spread.ts): constraints with their selectors, the
 * matching-pod count, PreFilter's counts per domain and the Filter's skew check (mirrors kubernetes
 * pkg/scheduler/framework/plugins/podtopologyspread common.go and filtering.go), and the Score plugin's
 * PreScore, Score and NormalizeScore (scoring.go). Nodes are any type: the caller says how to read a node's
 * labels and pods and whether the node passes a constraint's node inclusion policies.
 */
import { LABEL_HOSTNAME } from "../cluster-autoscaler/types.js";
import { requirementMatches } from "./node-affinity.js";

/** framework MaxNodeScore. */
const MAX_NODE_SCORE = 100;
/** filtering.go newCriticalPaths: the minimum of no domain at all. */
const MAX_INT32 = 2147483647;

/** scheduler ErrReasonConstraintsNotMatch (plugin.go). */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** scheduler ErrReasonNodeLabelNotMatch (plugin.go). */
export const ERR_REASON_NODE_LABEL_NOT_MATCH =
  "node(s) didn't match pod topology spread constraints (missing required label)";

type Labels = Readonly<Record<string, string>>;

/** A metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  readonly values?: readonly string[];
}

/** The selector of a constraint: metav1.LabelSelectorAsSelector of its labelSelector, matchLabelKeys merged. */
export interface SpreadSelector {
  /** `matchLabels`; with no `matchExpressions` either, the selector is empty: it counts no existing pod. */
  readonly selector: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
  /** No `labelSelector` at all (labels.Nothing): no pod matches, not even the incoming one. */
  readonly selectsNothing?: boolean;
}

export type NodeInclusionPolicy = "Honor" | "Ignore";

/** A `topologySpreadConstraints` entry as the scheduler reads it (common.go topologySpreadConstraint). */
export interface TopologySpreadConstraint extends SpreadSelector {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  /** Default 1; only honoured with DoNotSchedule. */
  readonly minDomains?: number;
  /** Default Honor: only nodes matching the pod's nodeSelector / required node affinity count. */
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;
  /** Default Ignore: Honor leaves out nodes with a NoSchedule / NoExecute taint the pod does not tolerate. */
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
}

/** What the counts read of a pod bound to a node. */
export interface SpreadPod {
  readonly namespace: string;
  readonly labels?: Labels;
  /** Set = terminating (deletionTimestamp). */
  readonly deletedAt?: number;
}

/** How the plugin reads a node of type N. */
export interface SpreadNodeView<N> {
  /** The node's label, undefined when absent. */
  label(node: N, key: string): string | undefined;
  /** The pods bound to the node. */
  pods(node: N): readonly SpreadPod[];
  /** The node passes the constraint's nodeAffinityPolicy and nodeTaintsPolicy (matchNodeInclusionPolicies). */
  included(node: N, c: TopologySpreadConstraint): boolean;
}

/** labels.Selector.Matches for the constraint's selector. */
export function spreadSelectorMatches(s: SpreadSelector, labels: Labels): boolean {
  if (s.selectsNothing === true) return false;
  for (const [k, v] of Object.entries(s.selector)) if (labels[k] !== v) return false;
  for (const r of s.matchExpressions ?? []) if (!requirementMatches(r, labels)) return false;
  return true;
}

/** labels.Selector.Empty: no requirement at all (it matches every pod; labels.Nothing is not empty). */
function isEmptySelector(s: SpreadSelector): boolean {
  return s.selectsNothing !== true && Object.keys(s.selector).length === 0 && !s.matchExpressions?.length;
}

/** Pods in the namespace matching the selector, terminating pods left out (common.go countPodsMatchSelector). */
export function countPodsMatchSelector(
  pods: readonly SpreadPod[],
  s: SpreadSelector,
  namespace: string,
): number {
  if (isEmptySelector(s)) return 0;
  let n = 0;
  let lastLabels: Labels | undefined | null = null;
  let lastMatch = false;
  for (const p of pods) {
    if (p.deletedAt !== undefined || p.namespace !== namespace) continue;
    // pods of one workload share their labels object: match it once
    if (p.labels !== lastLabels) {
      lastLabels = p.labels;
      lastMatch = spreadSelectorMatches(s, p.labels ?? {});
    }
    if (lastMatch) n++;
  }
  return n;
}

/** The constraints with the given action (common.go filterTopologySpreadConstraints). */
export function constraintsFor(
  constraints: readonly TopologySpreadConstraint[] | undefined,
  action: TopologySpreadConstraint["whenUnsatisfiable"],
): readonly TopologySpreadConstraint[] {
  return (constraints ?? []).filter((c) => c.whenUnsatisfiable === action);
}

/** Every constraint's topology key is a label of the node (common.go nodeLabelsMatchSpreadConstraints). */
function nodeLabelsMatch<N>(
  view: SpreadNodeView<N>,
  node: N,
  constraints: readonly TopologySpreadConstraint[],
): boolean {
  return constraints.every((c) => view.label(node, c.topologyKey) !== undefined);
}

/** What PreFilter computed: per hard constraint, the matching pods per topology value. */
export interface SpreadState {
  readonly constraints: readonly TopologySpreadConstraint[];
  readonly tpValueToMatchNum: readonly ReadonlyMap<string, number>[];
}

/** Matching pods per domain over the eligible nodes (filtering.go calPreFilterState). */
export function calPreFilterState<N>(
  constraints: readonly TopologySpreadConstraint[],
  allNodes: readonly N[],
  view: SpreadNodeView<N>,
  namespace: string,
): SpreadState {
  const maps = constraints.map(() => new Map<string, number>());
  for (const node of allNodes) {
    if (!nodeLabelsMatch(view, node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!view.included(node, c)) return;
      const value = view.label(node, c.topologyKey) as string;
      const m = maps[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + countPodsMatchSelector(view.pods(node), c, namespace));
    });
  }
  return { constraints, tpValueToMatchNum: maps };
}

/** The global minimum, 0 while fewer domains than minDomains exist (filtering.go preFilterState.minMatchNum). */
export function minMatchNum(domains: ReadonlyMap<string, number>, minDomains: number): number {
  if (domains.size < minDomains) return 0;
  let min = MAX_INT32;
  for (const n of domains.values()) min = Math.min(min, n);
  return min;
}

/** A Filter rejection: the reason and whether it is Unschedulable (true) or UnschedulableAndUnresolvable. */
export interface SpreadRejection {
  readonly reason: string;
  readonly resolvable: boolean;
}

/** `matchNum + selfMatch - minMatchNum <= maxSkew` for every constraint (filtering.go Filter). */
export function filterTopologySpread(
  podLabels: Labels,
  nodeLabel: (key: string) => string | undefined,
  state: SpreadState,
): SpreadRejection | undefined {
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i] as TopologySpreadConstraint;
    const value = nodeLabel(c.topologyKey);
    if (value === undefined) return { reason: ERR_REASON_NODE_LABEL_NOT_MATCH, resolvable: false };
    const domains = state.tpValueToMatchNum[i] as ReadonlyMap<string, number>;
    const selfMatch = spreadSelectorMatches(c, podLabels) ? 1 : 0;
    const skew = (domains.get(value) ?? 0) + selfMatch - minMatchNum(domains, c.minDomains ?? 1);
    if (skew > c.maxSkew) return { reason: ERR_REASON_CONSTRAINTS_NOT_MATCH, resolvable: true };
  }
  return undefined;
}

/** What PreScore computed (scoring.go preScoreState). */
interface PreScoreState<N> {
  readonly constraints: readonly TopologySpreadConstraint[];
  readonly ignored: ReadonlySet<N>;
  readonly counts: readonly ReadonlyMap<string, number>[];
  readonly weights: readonly number[];
}

/** scoring.go topologyNormalizingWeight: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoring.go initPreScoreState and PreScore's count over every node; undefined = Skip. */
function preScore<N>(
  constraints: readonly TopologySpreadConstraint[],
  requireAllTopologies: boolean,
  filtered: readonly N[],
  allNodes: readonly N[],
  view: SpreadNodeView<N>,
  namespace: string,
): PreScoreState<N> | undefined {
  if (allNodes.length === 0 || constraints.length === 0) return undefined;
  const ignored = new Set<N>();
  const counts = constraints.map(() => new Map<string, number>());
  const topoSize = constraints.map(() => 0);
  for (const node of filtered) {
    if (requireAllTopologies && !nodeLabelsMatch(view, node, constraints)) {
      ignored.add(node);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return; // per-node counts are taken in Score
      const value = view.label(node, c.topologyKey) ?? ""; // Go's map read: "" when absent
      const m = counts[i] as Map<string, number>;
      if (!m.has(value)) {
        m.set(value, 0);
        topoSize[i] = (topoSize[i] as number) + 1;
      }
    });
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : (topoSize[i] as number),
    ),
  );
  for (const node of allNodes) {
    if (requireAllTopologies && !nodeLabelsMatch(view, node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!view.included(node, c)) return;
      const m = counts[i] as Map<string, number>;
      const value = view.label(node, c.topologyKey) ?? "";
      const tpCount = m.get(value);
      if (tpCount === undefined) return; // not a domain of a candidate node (hostname: counted in Score)
      m.set(value, tpCount + countPodsMatchSelector(view.pods(node), c, namespace));
    });
  }
  return { constraints, ignored, counts, weights };
}

/**
 * The plugin's normalized scores (0-100) of the filtered nodes, in their order, before its weight: PreScore over
 * `allNodes`, Score per filtered node (`cnt * weight + maxSkew - 1` summed, rounded; the hostname key counts the
 * node's own pods) and NormalizeScore (`100 * (max + min - s) / max`, ignored nodes 0). Undefined = Skip (no
 * constraints): the plugin adds nothing.
 */
export function topologySpreadScores<N>(
  constraints: readonly TopologySpreadConstraint[],
  requireAllTopologies: boolean,
  filtered: readonly N[],
  allNodes: readonly N[],
  view: SpreadNodeView<N>,
  namespace: string,
): number[] | undefined {
  const s = preScore(constraints, requireAllTopologies, filtered, allNodes, view, namespace);
  if (s === undefined) return undefined;
  // scoring.go Score
  const raw = filtered.map((node) => {
    if (s.ignored.has(node)) return 0;
    let score = 0;
    s.constraints.forEach((c, i) => {
      const value = view.label(node, c.topologyKey);
      if (value === undefined) return;
      const cnt =
        c.topologyKey === LABEL_HOSTNAME
          ? countPodsMatchSelector(view.pods(node), c, namespace)
          : ((s.counts[i] as ReadonlyMap<string, number>).get(value) as number);
      score += cnt * (s.weights[i] as number) + (c.maxSkew - 1); // scoring.go scoreForCount
    });
    return Math.round(score);
  });
  // scoring.go NormalizeScore
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  filtered.forEach((node, i) => {
    if (s.ignored.has(node)) return;
    minScore = Math.min(minScore, raw[i] as number);
    maxScore = Math.max(maxScore, raw[i] as number);
  });
  return filtered.map((node, i) => {
    if (s.ignored.has(node)) return 0;
    if (maxScore === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - (raw[i] as number))) / maxScore);
  });
}
