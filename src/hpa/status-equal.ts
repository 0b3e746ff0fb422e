/**
 * Semantic equality of two HPA statuses: whether the controller would write the status
 * (mirrors horizontal.go updateStatusIfNeeded with apiequality.Semantic.DeepEqual: nil and empty lists are equal).
 */
import type { HorizontalPodAutoscalerStatus, HPACondition, MetricStatus } from "./api-types.js";

function conditionEqual(a: HPACondition, b: HPACondition): boolean {
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    (a.message ?? "") === (b.message ?? "") &&
    (a.lastTransitionTime ?? 0) === (b.lastTransitionTime ?? 0)
  );
}

function metricEqual(a: MetricStatus, b: MetricStatus): boolean {
  const ca = a.current ?? {};
  const cb = b.current ?? {};
  return (
    a.type === b.type &&
    (a.name ?? "") === (b.name ?? "") &&
    (a.container ?? "") === (b.container ?? "") &&
    ca.averageUtilization === cb.averageUtilization &&
    ca.averageValue === cb.averageValue &&
    ca.value === cb.value
  );
}

function listEqual<T>(
  a: readonly T[] | undefined,
  b: readonly T[] | undefined,
  eq: (x: T, y: T) => boolean,
): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => eq(v, y[i] as T));
}

/** True if writing `b` over `a` would change nothing. */
export function statusEqual(a: HorizontalPodAutoscalerStatus, b: HorizontalPodAutoscalerStatus): boolean {
  return (
    a.currentReplicas === b.currentReplicas &&
    a.desiredReplicas === b.desiredReplicas &&
    (a.lastScaleTime ?? null) === (b.lastScaleTime ?? null) &&
    listEqual(a.conditions, b.conditions, conditionEqual) &&
    listEqual(a.currentMetrics, b.currentMetrics, metricEqual)
  );
}
