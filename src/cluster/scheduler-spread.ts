/**
 * The replay scheduler's PodTopologySpread plugin (default profile: Filter for DoNotSchedule constraints, Score
 * with weight 2 for ScheduleAnyway ones or, for a pod without constraints, the system default constraints),
 * over the SimNodes and the pods bound to them. The plugin's rules are in pod-topology-spread.ts (shared with
 * the cluster autoscaler); this file builds the constraints and reads the SimNodes (mirrors kubernetes
 * pkg/scheduler/framework/plugins/podtopologyspread plugin.go, common.go).
 */
import { LABEL_HOSTNAME, LABEL_ZONE, nodeLabel } from "../cluster-autoscaler/types.js";
import { requiredNodeAffinityMatches } from "./node-affinity.js";
import type { SimNode } from "./node-groups.js";
import {
  calPreFilterState,
  constraintsFor,
  type LabelSelectorRequirement,
  type NodeInclusionPolicy,
  type SpreadNodeView,
  type SpreadPod,
  type SpreadSelector,
  type SpreadState,
  type TopologySpreadConstraint,
  topologySpreadScores,
} from "./pod-topology-spread.js";
import type { SchedulingPod } from "./scheduler.js";
import { effectiveTaints, findUntoleratedTaint } from "./taints.js";

/** A pod template's `topologySpreadConstraints` entry as written (and validated). */
export interface TopologySpreadSpec {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: TopologySpreadConstraint["whenUnsatisfiable"];
  /** Absent = no labelSelector (it then selects no pod). */
  readonly labelSelector?: {
    readonly matchLabels?: Readonly<Record<string, string>>;
    readonly matchExpressions?: readonly LabelSelectorRequirement[];
  };
  readonly minDomains?: number;
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
  readonly matchLabelKeys?: readonly string[];
}

/** The bound pods of a node, by node name. */
export type PodsOnNode = (nodeName: string) => readonly SpreadPod[];

/**
 * The constraints with their selectors as the scheduler builds them (common.go filterTopologySpreadConstraints
 * and mergeLabelSetWithSelector): the labelSelector, ANDed with `key=value` for every matchLabelKeys key the
 * pod's labels have.
 */
export function effectiveSpreadConstraints(
  specs: readonly TopologySpreadSpec[],
  podLabels: Readonly<Record<string, string>>,
): TopologySpreadConstraint[] {
  return specs.map((s) => {
    const selector: Record<string, string> = { ...(s.labelSelector?.matchLabels ?? {}) };
    for (const key of s.matchLabelKeys ?? []) {
      const value = podLabels[key];
      if (value !== undefined) selector[key] = value;
    }
    const expressions = s.labelSelector?.matchExpressions ?? [];
    return {
      maxSkew: s.maxSkew,
      topologyKey: s.topologyKey,
      whenUnsatisfiable: s.whenUnsatisfiable,
      selector,
      ...(expressions.length > 0 ? { matchExpressions: expressions } : {}),
      ...(s.labelSelector === undefined ? { selectsNothing: true } : {}),
      ...(s.minDomains !== undefined ? { minDomains: s.minDomains } : {}),
      ...(s.nodeAffinityPolicy !== undefined ? { nodeAffinityPolicy: s.nodeAffinityPolicy } : {}),
      ...(s.nodeTaintsPolicy !== undefined ? { nodeTaintsPolicy: s.nodeTaintsPolicy } : {}),
    };
  });
}

/** plugin.go systemDefaultConstraints: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly Omit<TopologySpreadConstraint, keyof SpreadSelector>[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

/** common.go buildDefaultConstraints: the system defaults with the owner's selector; none for an empty one. */
function defaultConstraints(owner: SpreadSelector | undefined): readonly TopologySpreadConstraint[] {
  if (owner === undefined) return [];
  if (Object.keys(owner.selector).length === 0 && !owner.matchExpressions?.length) return [];
  return SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ ...c, ...owner }));
}

/** How the plugin reads the SimNodes for `pod` at `now` (common.go matchNodeInclusionPolicies). */
function simNodeView(pod: SchedulingPod, now: number, podsOn: PodsOnNode): SpreadNodeView<SimNode> {
  return {
    label: (n, key) => nodeLabel(n, key),
    pods: (n) => podsOn(n.name),
    included: (n, c) =>
      (c.nodeAffinityPolicy === "Ignore" ||
        requiredNodeAffinityMatches(pod.nodeSelector, pod.affinity, n.labels)) &&
      (c.nodeTaintsPolicy !== "Honor" ||
        findUntoleratedTaint(effectiveTaints(n, now), pod.tolerations ?? []) === undefined),
  };
}

/**
 * PreFilter over every node of the snapshot (filtering.go getConstraints, calPreFilterState): the pod's
 * DoNotSchedule constraints (the system defaults have none); undefined = nothing to filter (Skip).
 */
export function preFilterSpread(
  pod: SchedulingPod,
  allNodes: readonly SimNode[],
  now: number,
  podsOn: PodsOnNode,
): SpreadState | undefined {
  const constraints = constraintsFor(pod.topologySpread, "DoNotSchedule");
  if (constraints.length === 0) return undefined;
  return calPreFilterState(constraints, allNodes, simNodeView(pod, now, podsOn), pod.namespace ?? "default");
}

/**
 * The plugin's normalized scores of the feasible nodes, in their order (scoring.go PreScore, Score,
 * NormalizeScore): the pod's ScheduleAnyway constraints when it has any constraint, else the system defaults
 * with its owner's selector, where nodes lacking a topology key are not ignored (requireAllTopologies false).
 * Undefined = Skip.
 */
export function spreadScores(
  pod: SchedulingPod,
  feasible: readonly SimNode[],
  allNodes: readonly SimNode[],
  now: number,
  podsOn: PodsOnNode,
): number[] | undefined {
  const own = pod.topologySpread ?? [];
  const constraints =
    own.length > 0 ? constraintsFor(own, "ScheduleAnyway") : defaultConstraints(pod.ownerSelector);
  const view = simNodeView(pod, now, podsOn);
  return topologySpreadScores(
    constraints,
    own.length > 0,
    feasible,
    allNodes,
    view,
    pod.namespace ?? "default",
  );
}
