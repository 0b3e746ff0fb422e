/**
 * PodDisruptionBudgets: the disruption controller's status of a budget over its pods (mirrors
 * pkg/controller/disruption disruption.go getExpectedPodCount, getExpectedScale, countHealthyPods and
 * updatePdbStatus) and the eviction subresource's verdict on one pod (mirrors pkg/registry/core/pod/storage
 * eviction.go Create, canIgnorePDB and checkAndDecrement). The controller reacts to every pod event, so the
 * status is computed from the pods as they are at the moment of the eviction; an approved eviction deletes the pod
 * at once, so the DisruptedPods map upstream keeps between the two never holds a pod here.
 */

/** An int or a percentage (`intstr.IntOrString`), as written in the budget. */
export type IntOrPercent = { readonly int: number } | { readonly percent: number };

/** A budget's spec as the model reads it. */
export interface DisruptionBudgetSpec {
  readonly name: string;
  readonly namespace: string;
  /** The selector as labels.Parse text; null = no selector (selects no pod). "" selects every pod. */
  readonly selector: string | null;
  readonly minAvailable?: IntOrPercent;
  readonly maxUnavailable?: IntOrPercent;
  /** spec.unhealthyPodEvictionPolicy (default IfHealthyBudget). */
  readonly unhealthyPodEvictionPolicy: "IfHealthyBudget" | "AlwaysAllow";
}

/** One pod the budget selects, as the disruption controller and the eviction subresource see it. */
export interface BudgetPod {
  /** The Ready condition is True. */
  readonly ready: boolean;
  /** deletionTimestamp is set. */
  readonly terminating: boolean;
}

/** PodDisruptionBudgetStatus: the figures the eviction subresource checks. */
export interface BudgetStatus {
  readonly expectedPods: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
}

/** intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage of `total`, rounded up or down. */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if ("int" in v) return v.int;
  const x = (v.percent * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * The budget's status over the pods it selects. `expectedScale` is the summed spec.replicas of the controllers of
 * those pods (getExpectedScale), used for maxUnavailable and a percentage minAvailable; an int minAvailable counts
 * the selected pods instead. A budget with neither field (the API server rejects it) allows nothing.
 */
export function budgetStatus(
  spec: DisruptionBudgetSpec,
  pods: readonly BudgetPod[],
  expectedScale: number,
): BudgetStatus {
  let expectedPods = 0;
  let desiredHealthy = 0;
  if (spec.maxUnavailable !== undefined) {
    expectedPods = expectedScale;
    desiredHealthy = Math.max(0, expectedPods - scaledValue(spec.maxUnavailable, expectedPods, true));
  } else if (spec.minAvailable !== undefined) {
    if ("int" in spec.minAvailable) {
      desiredHealthy = spec.minAvailable.int;
      expectedPods = pods.length;
    } else {
      expectedPods = expectedScale;
      desiredHealthy = scaledValue(spec.minAvailable, expectedPods, true);
    }
  }
  let currentHealthy = 0;
  for (const p of pods) if (!p.terminating && p.ready) currentHealthy++;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed };
}

/** The eviction subresource's answer: allowed, or refused with the API's message. */
export type EvictionVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly message: string };

const ALLOWED: EvictionVerdict = { allowed: true };

/** eviction.go's refusal when the budget has no disruption left (HTTP 429). */
export const EVICTION_REFUSED_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/**
 * Whether evicting a pod is allowed, given the budgets that select it with their current status:
 * - a pod not Running yet (Pending) or already terminating is evicted without a budget check (canIgnorePDB);
 * - more than one budget: refused (the subresource does not support it);
 * - a pod that is not Ready: allowed with unhealthyPodEvictionPolicy AlwaysAllow, or when the budget is healthy
 *   (currentHealthy >= desiredHealthy > 0); otherwise it needs a disruption like a Ready pod;
 * - else allowed only while disruptionsAllowed > 0.
 */
export function evictionVerdict(
  pod: BudgetPod & { readonly running: boolean },
  budgets: readonly { readonly spec: DisruptionBudgetSpec; readonly status: BudgetStatus }[],
): EvictionVerdict {
  if (!pod.running || pod.terminating || budgets.length === 0) return ALLOWED;
  if (budgets.length > 1) {
    return {
      allowed: false,
      message:
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    };
  }
  const { spec, status } = budgets[0] as (typeof budgets)[number];
  if (!pod.ready) {
    if (spec.unhealthyPodEvictionPolicy === "AlwaysAllow") return ALLOWED;
    if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return ALLOWED;
  }
  return status.disruptionsAllowed > 0 ? ALLOWED : { allowed: false, message: EVICTION_REFUSED_MESSAGE };
}
