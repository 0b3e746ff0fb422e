/**
 * Which scale-down candidates are worth a removal simulation: an ordered chain of rules, the first that
 * blocks gives the reason (mirrors core/scaledown/eligibility/eligibility.go FilterOutUnremovable,
 * unremovableReasonAndNodeUtilization, isNodeAtOrBelowUtilizationThreshold).
 */

import type { Node, NodeGroup, Pod } from "./types.js";
import type { UnremovableNode, UnremovableReason } from "./unremovable-reason.js";
import { calculateUtilization, nodeHasGpu, type UtilizationInfo } from "./utilization.js";

/** Node annotation that exempts a node from scale-down (eligibility.go ScaleDownDisabledKey). */
export const SCALE_DOWN_DISABLED_ANNOTATION = "cluster-autoscaler.kubernetes.io/scale-down-disabled";
/** actuation MaxCloudProviderNodeDeletionTime (5 min) and MaxKubernetesEmptyNodeDeletionTime (3 min). */
export const MAX_CLOUD_PROVIDER_NODE_DELETION_SECONDS = 300;
export const MAX_KUBERNETES_EMPTY_NODE_DELETION_SECONDS = 180;

export interface EligibilityConfig {
  readonly scaleDownUtilizationThreshold: number;
  readonly scaleDownGpuUtilizationThreshold: number;
  readonly ignoreDaemonSetsUtilization: boolean;
  readonly ignoreMirrorPodsUtilization: boolean;
  readonly scaleDownUnreadyEnabled: boolean;
  readonly gpuLabel?: string;
}

/** One candidate: the node, its pods, its node group (undefined = not autoscaled). */
export interface Candidate {
  readonly node: Node;
  readonly pods: readonly Pod[];
  readonly nodeGroup: NodeGroup | undefined;
  /** Until when an earlier failed removal simulation keeps the node out (unremovable.Nodes TTL), seconds. */
  readonly recheckUntil?: number;
}

interface RuleContext {
  readonly c: Candidate;
  readonly cfg: EligibilityConfig;
  readonly now: number;
  utilization(): UtilizationInfo | Error;
}

type EligibilityRule = (ctx: RuleContext) => UnremovableReason | undefined;

/** The ToBeDeleted taint is younger than the deletion timeouts (actuation.IsNodeBeingDeleted). */
export function isNodeBeingDeleted(node: Node, now: number): boolean {
  const at = node.toBeDeletedTaintAt;
  return (
    at !== undefined &&
    (now - at < MAX_CLOUD_PROVIDER_NODE_DELETION_SECONDS ||
      now - at < MAX_KUBERNETES_EMPTY_NODE_DELETION_SECONDS)
  );
}

/** eligibility.go HasNoScaleDownAnnotation. */
export function hasNoScaleDownAnnotation(node: Node): boolean {
  return node.annotations?.[SCALE_DOWN_DISABLED_ANNOTATION] === "true";
}

const recentlyUnremovable: EligibilityRule = ({ c, now }) =>
  c.recheckUntil !== undefined && c.recheckUntil > now ? "RecentlyUnremovable" : undefined;
const beingDeleted: EligibilityRule = ({ c, now }) =>
  isNodeBeingDeleted(c.node, now) ? "CurrentlyBeingDeleted" : undefined;
const scaleDownDisabled: EligibilityRule = ({ c }) =>
  hasNoScaleDownAnnotation(c.node) ? "ScaleDownDisabledAnnotation" : undefined;
const notAutoscaled: EligibilityRule = ({ c }) => (c.nodeGroup === undefined ? "NotAutoscaled" : undefined);
const utilizationUnknown: EligibilityRule = (ctx) =>
  ctx.utilization() instanceof Error ? "UnexpectedError" : undefined;
const unreadyDisabled: EligibilityRule = ({ c, cfg }) =>
  !cfg.scaleDownUnreadyEnabled && c.node.ready === false ? "ScaleDownUnreadyDisabled" : undefined;
/** Candidates are nodes at or below the threshold (GPU threshold on GPU nodes). */
const aboveThreshold: EligibilityRule = (ctx) => {
  const threshold = nodeHasGpu(ctx.c.node, ctx.cfg.gpuLabel)
    ? ctx.cfg.scaleDownGpuUtilizationThreshold
    : ctx.cfg.scaleDownUtilizationThreshold;
  return (ctx.utilization() as UtilizationInfo).utilization > threshold ? "NotUnderutilized" : undefined;
};

/** The rules in upstream order. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  recentlyUnremovable,
  beingDeleted,
  scaleDownDisabled,
  notAutoscaled,
  utilizationUnknown,
  unreadyDisabled,
  aboveThreshold,
];

/** The first blocking reason (undefined = eligible) and the utilization when it was computed. */
export function unremovableReasonAndNodeUtilization(
  c: Candidate,
  cfg: EligibilityConfig,
  now: number,
): { readonly reason: UnremovableReason | undefined; readonly utilization: UtilizationInfo | undefined } {
  let util: UtilizationInfo | Error | undefined;
  const ctx: RuleContext = {
    c,
    cfg,
    now,
    utilization: () => {
      util ??= calculateUtilization(
        c.node,
        c.pods,
        {
          skipDaemonSetPods: cfg.ignoreDaemonSetsUtilization,
          skipMirrorPods: cfg.ignoreMirrorPodsUtilization,
          ...(cfg.gpuLabel === undefined ? {} : { gpuLabel: cfg.gpuLabel }),
        },
        now,
      );
      return util;
    },
  };
  for (const rule of ELIGIBILITY_RULES) {
    const reason = rule(ctx);
    if (reason !== undefined) {
      // Upstream reports the utilization only with NotUnderutilized (and for eligible nodes).
      return { reason, utilization: reason === "NotUnderutilized" ? (util as UtilizationInfo) : undefined };
    }
  }
  return { reason: undefined, utilization: util instanceof Error ? undefined : util };
}

export interface FilterOutUnremovableResult {
  /** Names of candidates that pass, in input order. */
  readonly unneeded: readonly string[];
  readonly utilization: ReadonlyMap<string, UtilizationInfo>;
  /** The others with their reasons, in input order. */
  readonly unremovable: readonly UnremovableNode[];
}

/** Splits candidates into eligible ones and unremovable ones with reasons (FilterOutUnremovable). */
export function filterOutUnremovable(
  candidates: readonly Candidate[],
  cfg: EligibilityConfig,
  now: number,
): FilterOutUnremovableResult {
  const unneeded: string[] = [];
  const unremovable: UnremovableNode[] = [];
  const utilization = new Map<string, UtilizationInfo>();
  for (const c of candidates) {
    const r = unremovableReasonAndNodeUtilization(c, cfg, now);
    if (r.utilization !== undefined) utilization.set(c.node.name, r.utilization);
    if (r.reason !== undefined) unremovable.push({ node: c.node.name, reason: r.reason });
    else unneeded.push(c.node.name);
  }
  return { unneeded, utilization, unremovable };
}
