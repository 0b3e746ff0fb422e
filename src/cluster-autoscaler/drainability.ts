/**
 * Which pods of a node move, are skipped, or block its removal: an ordered chain of rules where the first
 * decisive rule wins (mirrors simulator/drainability/rules/rules.go Default and Rules.Drainable, with the
 * rules mirror, longterminating, replicacount, daemonset, safetoevict, terminal, oncompletion, replicated,
 * system, notsafetoevict, localstorage, pdb; blocking reasons from utils/drain BlockingPodReason).
 */
import { isDaemonSetPod, isMirrorPod, isPodLongTerminating } from "./pod-requests.js";
import type { OwnerRef, Pod } from "./types.js";

/** utils/drain PodSafeToEvictKey. */
export const SAFE_TO_EVICT_ANNOTATION = "cluster-autoscaler.kubernetes.io/safe-to-evict";
export const KUBE_SYSTEM_NAMESPACE = "kube-system";

export type BlockingPodReason =
  | "ControllerNotFound"
  | "MinReplicasReached"
  | "NotReplicated"
  | "LocalStorageRequested"
  | "NotSafeToEvictAnnotation"
  | "UnmovableKubeSystemPod"
  | "NotEnoughPdb"
  | "UnexpectedError";

/** A rule's verdict (drainability.Status); undefined outcome = the rule has no opinion. */
export type DrainStatus =
  | { readonly outcome: "DrainOk" }
  | { readonly outcome: "SkipDrain" }
  | { readonly outcome: "WaitForCompletion" }
  | { readonly outcome: "BlockDrain"; readonly reason: BlockingPodReason };

/** A PodDisruptionBudget with the budget left while planning this loop. */
export interface PodDisruptionBudget {
  readonly namespace: string;
  /** The budget's label selector (metav1.LabelSelectorAsSelector: none selects nothing, {} everything). */
  readonly matches: (labels: Readonly<Record<string, string>>) => boolean;
  readonly disruptionsAllowed: number;
}

export interface DrainContext {
  readonly now: number;
  readonly pdbs?: readonly PodDisruptionBudget[];
  /** Desired replicas of a pod's controller, undefined = not found; absent = listers unavailable (rule skipped). */
  readonly controllerReplicas?: (namespace: string, owner: OwnerRef) => number | undefined;
}

export interface DeleteOptions {
  readonly skipNodesWithSystemPods: boolean;
  readonly skipNodesWithLocalStorage: boolean;
  readonly skipNodesWithCustomControllerPods: boolean;
  readonly minReplicaCount: number;
  readonly blockingSystemPodDisruptionTimeoutSeconds: number;
}

type DrainRule = (pod: Pod, ctx: DrainContext) => DrainStatus | undefined;

const OK: DrainStatus = { outcome: "DrainOk" };
const block = (reason: BlockingPodReason): DrainStatus => ({ outcome: "BlockDrain", reason });

function matchingPdbs(pod: Pod, ctx: DrainContext): PodDisruptionBudget[] {
  return (ctx.pdbs ?? []).filter((b) => b.namespace === pod.namespace && b.matches(pod.labels ?? {}));
}

const mirror: DrainRule = (pod) => (isMirrorPod(pod) ? { outcome: "SkipDrain" } : undefined);
const longTerminating: DrainRule = (pod, ctx) =>
  isPodLongTerminating(pod, ctx.now) ? { outcome: "SkipDrain" } : undefined;

function replicaCount(minReplicaCount: number): DrainRule {
  return (pod, ctx) => {
    const owner = pod.owner;
    if (ctx.controllerReplicas === undefined || owner === undefined) return undefined;
    const replicas = () =>
      (ctx.controllerReplicas as NonNullable<DrainContext["controllerReplicas"]>)(pod.namespace, owner);
    switch (owner.kind) {
      case "ReplicationController":
      case "ReplicaSet": {
        const r = replicas();
        if (r === undefined) return block("ControllerNotFound");
        return r < minReplicaCount ? block("MinReplicasReached") : undefined;
      }
      case "DaemonSet":
      case "Job":
        return replicas() === undefined ? block("ControllerNotFound") : undefined;
      case "StatefulSet":
        return owner.apiGroup === "apps" && replicas() === undefined
          ? block("ControllerNotFound")
          : undefined;
      default:
        return undefined;
    }
  };
}

const daemonSet: DrainRule = (pod) => (isDaemonSetPod(pod) ? OK : undefined);
const safeToEvict: DrainRule = (pod) =>
  pod.annotations?.[SAFE_TO_EVICT_ANNOTATION] === "true" ? OK : undefined;
/** Deviation: restart policies are not modelled; Succeeded and Failed pods count as terminal. */
const terminal: DrainRule = (pod) => (pod.phase === "Succeeded" || pod.phase === "Failed" ? OK : undefined);
const onCompletion: DrainRule = (pod) =>
  pod.annotations?.[SAFE_TO_EVICT_ANNOTATION] === "on-completion"
    ? { outcome: "WaitForCompletion" }
    : undefined;

const REPLICATED_KINDS = new Set(["ReplicationController", "Job", "ReplicaSet", "StatefulSet"]);

function replicated(skipCustomControllers: boolean): DrainRule {
  return (pod) => {
    const owner = pod.owner;
    const ok = owner !== undefined && (!skipCustomControllers || REPLICATED_KINDS.has(owner.kind));
    return ok ? undefined : block("NotReplicated");
  };
}

function system(timeoutSeconds: number): DrainRule {
  return (pod, ctx) => {
    if (pod.namespace !== KUBE_SYSTEM_NAMESPACE || matchingPdbs(pod, ctx).length > 0) return undefined;
    const passed = pod.createdAt !== undefined && ctx.now > pod.createdAt + timeoutSeconds;
    return passed ? OK : block("UnmovableKubeSystemPod");
  };
}

const notSafeToEvict: DrainRule = (pod) =>
  pod.annotations?.[SAFE_TO_EVICT_ANNOTATION] === "false" ? block("NotSafeToEvictAnnotation") : undefined;
const localStorage: DrainRule = (pod) =>
  pod.localStorage === true ? block("LocalStorageRequested") : undefined;
const pdb: DrainRule = (pod, ctx) =>
  matchingPdbs(pod, ctx).some((b) => b.disruptionsAllowed < 1) ? block("NotEnoughPdb") : undefined;

/** The default rule chain for the delete options (rules.go Default). */
export function defaultDrainRules(opts: DeleteOptions): readonly DrainRule[] {
  return [
    mirror,
    longTerminating,
    ...(opts.skipNodesWithCustomControllerPods ? [replicaCount(opts.minReplicaCount)] : []),
    daemonSet,
    safeToEvict,
    terminal,
    onCompletion,
    replicated(opts.skipNodesWithCustomControllerPods),
    ...(opts.skipNodesWithSystemPods ? [system(opts.blockingSystemPodDisruptionTimeoutSeconds)] : []),
    notSafeToEvict,
    ...(opts.skipNodesWithLocalStorage ? [localStorage] : []),
    pdb,
  ];
}

/** The first decisive verdict, undefined when no rule decides (the pod moves). */
export function drainable(pod: Pod, rules: readonly DrainRule[], ctx: DrainContext): DrainStatus | undefined {
  for (const rule of rules) {
    const s = rule(pod, ctx);
    if (s !== undefined) return s;
  }
  return undefined;
}

/** What draining a node means (simulator/drain.go GetPodsToMove). */
export interface PodsToMove {
  /** Pods to evict and reschedule elsewhere. */
  readonly pods: readonly Pod[];
  /** DaemonSet pods (drained, not rescheduled). */
  readonly daemonSetPods: readonly Pod[];
  /** The first pod that blocks removal, with the reason. */
  readonly blockingPod?: { readonly pod: Pod; readonly reason: BlockingPodReason };
  /** Pods asked to finish first (safe-to-evict=on-completion): the node waits for them. */
  readonly onCompletionPods: readonly Pod[];
}

/** Classifies the node's pods; stops at the first blocking pod. */
export function getPodsToMove(
  pods: readonly Pod[],
  rules: readonly DrainRule[],
  ctx: DrainContext,
): PodsToMove {
  const move: Pod[] = [];
  const ds: Pod[] = [];
  const onCompletionPods: Pod[] = [];
  for (const pod of pods) {
    const s = drainable(pod, rules, ctx);
    if (s?.outcome === "BlockDrain") {
      return { pods: move, daemonSetPods: ds, onCompletionPods, blockingPod: { pod, reason: s.reason } };
    }
    if (s?.outcome === "SkipDrain") continue;
    if (s?.outcome === "WaitForCompletion") {
      onCompletionPods.push(pod);
      continue;
    }
    if (isDaemonSetPod(pod)) ds.push(pod);
    else move.push(pod);
  }
  return { pods: move, daemonSetPods: ds, onCompletionPods };
}
