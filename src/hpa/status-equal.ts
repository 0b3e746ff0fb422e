/**
 * Semantic equality of two HPA statuses: whether the controller would write the status
 * (mirrors horizontal.go updateStatusIfNeeded with apiequality.Semantic.DeepEqual: nil and empty lists are equal).
 */
import type { HorizontalPodAutoscalerStatus, HPACondition, MetricStatus } from "./api-types.js";

function conditionEqual(a: HPACondition, b: HPACondition): boolean {
  if (a === b) return true;
  return (
    a.type === b.type &&
    a.status === b.status &&
    a.reason === b.reason &&
    (a.message ?? "") === (b.message ?? "") &&
    (a.lastTransitionTime ?? 0) === (b.lastTransitionTime ?? 0)
  );
}

function metricEqual(a: MetricStatus, b: MetricStatus): boolean {
  if (a === b) return true;
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
  if (a === b) return true;
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!eq(x[i] as T, y[i] as T)) return false;
  return true;
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
