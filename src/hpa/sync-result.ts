/** What one sync returns, and literal builders for its records (mirrors horizontal.go reconcileAutoscaler's outputs). */
import type { HorizontalPodAutoscalerStatus } from "./api-types.js";
import type { MetricsComputation } from "./compute-metrics.js";
import type { NormalizationResult } from "./normalize.js";
import type { Tolerances } from "./tolerances.js";
import type { ControllerState, HPAEvent } from "./types.js";

/** Which way the sync went, for `explain`. */
export type SyncPath =
  | "failed-get-scale"
  | "scaling-disabled"
  | "above-max"
  | "below-min"
  | "metrics-failed"
  | "from-metrics";

export interface SyncExplanation {
  readonly path: SyncPath;
  readonly currentReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly tolerances: Tolerances;
  readonly metrics?: MetricsComputation;
  readonly rescaleReason: string;
  readonly normalization?: NormalizationResult;
  /** From-zero fix-up raised the result to minReplicas. */
  readonly raisedToMinFromZero?: boolean;
}

export interface SyncResult {
  /** Controller memory after the sync. */
  readonly state: ControllerState;
  /** The HPA status after the sync. */
  readonly status: HorizontalPodAutoscalerStatus;
  /** The status differs from the stored one and would be written. */
  readonly statusUpdated: boolean;
  /** A new replica count was written to the scale subresource. */
  readonly scaleUpdated: boolean;
  /** The target's spec.replicas after the sync. */
  readonly replicas: number;
  readonly events: HPAEvent[];
  readonly explanation: SyncExplanation;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type ExplanationBase = Pick<
  SyncExplanation,
  "currentReplicas" | "minReplicas" | "maxReplicas" | "tolerances" | "rescaleReason"
>;

/**
 * `{ ...base, path, rescaleReason }` written out (same key order): in V8 a spread followed by new keys builds a
 * fresh hidden class on every call, which cost microseconds per sync.
 */
export function explanationOf(
  base: ExplanationBase,
  path: SyncPath,
  rescaleReason = base.rescaleReason,
): Mutable<SyncExplanation> {
  return {
    currentReplicas: base.currentReplicas,
    minReplicas: base.minReplicas,
    maxReplicas: base.maxReplicas,
    tolerances: base.tolerances,
    rescaleReason,
    path,
  };
}

/** A ControllerState literal (a spread of the state costs a hidden-class lookup per call in V8). */
export function controllerState(
  recommendations: ControllerState["recommendations"],
  scaleUpEvents: ControllerState["scaleUpEvents"],
  scaleDownEvents: ControllerState["scaleDownEvents"],
): ControllerState {
  return { recommendations, scaleUpEvents, scaleDownEvents };
}
