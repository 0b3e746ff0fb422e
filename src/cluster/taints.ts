/**
 * Taints and tolerations (mirrors k8s.io/api core/v1 toleration.go Toleration.ToleratesTaint and
 * k8s.io/component-helpers/scheduling/corev1 helpers.go FindMatchingUntoleratedTaint), plus the taints the
 * control plane puts on a node by state: not-ready (node lifecycle controller) and ToBeDeleted (cluster
 * autoscaler).
 */
import { isNodeDeleting, isNodeReady, type SimNode, type Taint } from "./node-groups.js";

/** A pod toleration (core/v1 Toleration); `tolerationSeconds` only matters for eviction, not scheduling. */
export interface Toleration {
  /** Empty or absent = every key (with operator Exists). */
  readonly key?: string;
  /** Absent = Equal. */
  readonly operator?: "Equal" | "Exists";
  readonly value?: string;
  /** Empty or absent = every effect. */
  readonly effect?: Taint["effect"] | "";
}

/** node.kubernetes.io/not-ready (core/v1 TaintNodeNotReady). */
export const TAINT_NODE_NOT_READY = "node.kubernetes.io/not-ready";
/** cluster-autoscaler utils/taints ToBeDeletedTaint; its value is the taint time in Unix seconds. */
export const TAINT_TO_BE_DELETED = "ToBeDeletedByClusterAutoscaler";

/** Whether one toleration tolerates a taint (mirrors Toleration.ToleratesTaint; comparison operators not modelled). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== "" && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== "" && t.key !== taint.key) return false;
  const op = t.operator ?? "Equal";
  if (op === "Exists") return true;
  return (t.value ?? "") === taint.value;
}

/** Any toleration tolerates the taint (mirrors TolerationsTolerateTaint). */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/**
 * The first NoSchedule / NoExecute taint no toleration tolerates, in the node's taint order
 * (mirrors FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc); undefined if all are tolerated.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The not-ready taint a registered node carries until its Ready condition is True. */
export const NOT_READY_TAINT: Taint = { key: TAINT_NODE_NOT_READY, value: "", effect: "NoSchedule" };

/**
 * The node's taints at `now`: its own (group) taints, then not-ready while its Ready condition is not True
 * (the node lifecycle controller's NoSchedule taint), then ToBeDeleted while the autoscaler deletes it.
 * Appending mirrors how controllers add taints (controller utils AddOrUpdateTaintOnNode appends).
 */
export function effectiveTaints(node: SimNode, now: number): readonly Taint[] {
  const notReady = !isNodeReady(node, now);
  const deleting = isNodeDeleting(node, now);
  if (!notReady && !deleting) return node.taints;
  const out = [...node.taints];
  if (notReady) out.push(NOT_READY_TAINT);
  if (deleting) out.push({ key: TAINT_TO_BE_DELETED, value: String(node.deletingAt), effect: "NoSchedule" });
  return out;
}
