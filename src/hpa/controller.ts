/**
 * One sync of one HorizontalPodAutoscaler as a pure step: (input, state) -> (status, scale write, events, state)
 * (mirrors horizontal.go reconcileAutoscaler).
 */
import type { HorizontalPodAutoscalerStatus, HPACondition, MetricSpec, MetricStatus } from "./api-types.js";
import { defaultScalingRules } from "./behavior-defaults.js";
import { computeReplicasForMetrics, type MetricsComputation } from "./compute-metrics.js";
import { hasTrueCondition, removeCondition, setConditionInPlace } from "./conditions.js";
import type { MetricContext } from "./metric-outcome.js";
import { type NormalizationResult, normalize } from "./normalize.js";
import { storeScaleEvent } from "./scale-events.js";
import { statusEqual } from "./status-equal.js";
import {
  controllerState,
  explanationOf,
  type Mutable,
  type SyncExplanation,
  type SyncPath,
  type SyncResult,
} from "./sync-result.js";
import { type Tolerances, tolerancesForHpa } from "./tolerances.js";
import type { ControllerState, HPAEvent, OtherHPA, SyncInput } from "./types.js";

export type { SyncExplanation, SyncPath, SyncResult } from "./sync-result.js";

function hasObjectOrExternalMetrics(input: SyncInput): boolean {
  for (const m of input.hpa.spec.metrics ?? []) if (m.type === "Object" || m.type === "External") return true;
  return false;
}

export const NO_OTHER_HPAS: readonly OtherHPA[] = [];
const NO_CONDITIONS: readonly HPACondition[] = [];
export const NO_METRIC_SPECS: readonly MetricSpec[] = [];

/** What the metric computation of a sync reads besides the pods (horizontal.go computeReplicasForMetrics' arguments). */
export function metricContextOf(
  input: SyncInput,
  current: number,
  tolerances: Tolerances,
): Omit<MetricContext, "pods"> {
  return {
    currentReplicas: current,
    statusReplicas: input.scaleTarget.statusReplicas,
    namespace: input.hpa.metadata.namespace ?? "default",
    metrics: input.metrics,
    tolerances,
    settings: input.settings,
    now: input.now,
  };
}

/** Runs one reconcile. `state` is the controller memory before the sync; `input.now` is the one clock reading. */
export function reconcileAutoscaler(input: SyncInput, state: ControllerState): SyncResult {
  const { now, settings, hpa } = input;
  const spec = hpa.spec;
  const original: HorizontalPodAutoscalerStatus = hpa.status ?? { currentReplicas: 0, desiredReplicas: 0 };
  const prior = original.conditions ?? NO_CONDITIONS;
  let conditions: HPACondition[] = prior.slice();
  const events: HPAEvent[] = [];
  const set = (type: string, status: "True" | "False", reason: string, message: string) => {
    setConditionInPlace(conditions, type, status, reason, message, now, prior); // our own copy of the list
  };
  const minReplicas = spec.minReplicas ?? 1;
  const tolerances = tolerancesForHpa(spec, settings);
  const lastScaleTime = original.lastScaleTime ?? null;
  const finish = (
    current: number,
    desired: number,
    metrics: MetricStatus[] | null,
    rescaled: boolean,
    newState: ControllerState,
    explanation: SyncExplanation,
  ): SyncResult => {
    const status: HorizontalPodAutoscalerStatus = {
      currentReplicas: current,
      desiredReplicas: desired,
      lastScaleTime: rescaled ? now : lastScaleTime,
      conditions,
    };
    if (metrics !== null) status.currentMetrics = metrics;
    return {
      state: newState,
      status,
      statusUpdated: !statusEqual(original, status),
      scaleUpdated: rescaled,
      replicas: rescaled ? desired : current,
      events,
      explanation,
    };
  };

  const base = {
    currentReplicas: 0,
    minReplicas,
    maxReplicas: spec.maxReplicas,
    tolerances,
    rescaleReason: "",
  };
  if (input.scaleErrors?.getScale !== undefined) {
    const err = input.scaleErrors.getScale;
    events.push({ type: "Warning", reason: "FailedGetScale", message: err });
    set(
      "AbleToScale",
      "False",
      "FailedGetScale",
      `the HPA controller was unable to get the target's current scale: ${err}`,
    );
    const status = { ...original, conditions };
    return {
      state,
      status,
      statusUpdated: !statusEqual(original, status),
      scaleUpdated: false,
      replicas: input.scaleTarget.specReplicas,
      events,
      explanation: explanationOf(base, "failed-get-scale"),
    };
  }
  set(
    "AbleToScale",
    "True",
    "SucceededGetScale",
    "the HPA controller was able to get the target's current scale",
  );
  const current = input.scaleTarget.specReplicas;
  // mirrors horizontal.go recordInitialRecommendation
  let st: ControllerState =
    state.recommendations === null
      ? controllerState([{ replicas: current, timestamp: now }], state.scaleUpEvents, state.scaleDownEvents)
      : state;
  // `{ ...base, currentReplicas: current }` written out (see sync-result.ts explanationOf)
  const explanationBase = {
    currentReplicas: current,
    minReplicas,
    maxReplicas: spec.maxReplicas,
    tolerances,
    rescaleReason: "",
  };

  const gate = settings.featureGates.HPAScaleToZero;
  const hasObjExt = hasObjectOrExternalMetrics(input);
  const scaledToZero = gate && hasTrueCondition(conditions, "ScaledToZero");
  let desired = 0;
  let rescaleReason = "";
  let rescale = true;
  let needsMetrics = true;
  let path: SyncPath = "from-metrics";
  if (current === 0) {
    // mirrors horizontal.go shouldComputeMetricsForZeroReplicas
    needsMetrics = (minReplicas !== 0 && scaledToZero) || (scaledToZero && hasObjExt);
    if (!needsMetrics) {
      rescale = false;
      path = "scaling-disabled";
      set(
        "ScalingActive",
        "False",
        "ScalingDisabled",
        "scaling is disabled since the replica count of the target is zero",
      );
      if (!gate) conditions = removeCondition(conditions, "ScaledToZero");
    }
  } else if (current > spec.maxReplicas) {
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
    desired = spec.maxReplicas;
    needsMetrics = false;
    path = "above-max";
  } else if (current < minReplicas) {
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
    desired = minReplicas;
    needsMetrics = false;
    path = "below-min";
  }

  let metricsResult: MetricsComputation | undefined;
  let normalization: NormalizationResult | undefined;
  let raisedToMinFromZero = false;
  let metricStatuses: MetricStatus[] | null = null;
  if (needsMetrics) {
    metricsResult = computeReplicasForMetrics(
      metricContextOf(input, current, tolerances),
      hpa.metadata.name,
      spec.metrics ?? NO_METRIC_SPECS,
      input.scaleTarget.selector,
      input.pods,
      input.otherHPAs ?? NO_OTHER_HPAS,
    );
    for (const e of metricsResult.events) events.push(e);
    const c = metricsResult.condition;
    set(c.type, c.status as "True" | "False", c.reason, c.message ?? "");
    metricStatuses = metricsResult.statuses;
    if (metricsResult.replicas === -1) {
      events.push({
        type: "Warning",
        reason: "FailedComputeMetricsReplicas",
        message: metricsResult.error ?? "",
      });
      const failed: Mutable<SyncExplanation> = explanationOf(explanationBase, "metrics-failed");
      failed.metrics = metricsResult;
      return finish(current, original.desiredReplicas, metricStatuses, false, st, failed);
    }
    let rescaleMetric = "";
    if (metricsResult.replicas > desired) {
      desired = metricsResult.replicas;
      rescaleMetric = metricsResult.metric;
    }
    if (desired > current) rescaleReason = `${rescaleMetric} above target`;
    if (desired < current) rescaleReason = "All metrics below target";
    normalization = normalize({
      behavior: spec.behavior,
      settings,
      history: st.recommendations ?? [],
      scaleUpEvents: st.scaleUpEvents,
      scaleDownEvents: st.scaleDownEvents,
      current,
      desired,
      minReplicas,
      maxReplicas: spec.maxReplicas,
      now,
    });
    st = controllerState(normalization.recommendations, st.scaleUpEvents, st.scaleDownEvents);
    for (const u of normalization.conditions) set(u.type, u.status, u.reason, u.message);
    desired = normalization.desired;
    if (current === 0 && minReplicas !== 0 && scaledToZero && desired < minReplicas) {
      desired = minReplicas;
      raisedToMinFromZero = true;
      if (rescaleReason === "") rescaleReason = "Current number of replicas below Spec.MinReplicas";
    }
    rescale = desired !== current;
  }
  const explanation: Mutable<SyncExplanation> = explanationOf(explanationBase, path, rescaleReason);
  explanation.raisedToMinFromZero = raisedToMinFromZero;
  if (metricsResult !== undefined) explanation.metrics = metricsResult;
  if (normalization !== undefined) explanation.normalization = normalization;

  if (rescale) {
    const updateErr = input.scaleErrors?.updateScale;
    if (updateErr !== undefined) {
      events.push({
        type: "Warning",
        reason: "FailedRescale",
        message: `New size: ${desired}; reason: ${rescaleReason}; error: ${updateErr}`,
      });
      set(
        "AbleToScale",
        "False",
        "FailedUpdateScale",
        `the HPA controller was unable to update the target scale: ${updateErr}`,
      );
      return finish(current, original.desiredReplicas, metricStatuses, false, st, explanation);
    }
    set(
      "AbleToScale",
      "True",
      "SucceededRescale",
      `the HPA controller was able to update the target scale to ${desired}`,
    );
    events.push({
      type: "Normal",
      reason: "SuccessfulRescale",
      message: `New size: ${desired}; reason: ${rescaleReason}`,
    });
    st = recordScaleEvent(st, spec.behavior, current, desired, now);
    if (gate) {
      if (current > 0 && desired === 0 && minReplicas === 0 && hasObjExt) {
        set("ScaledToZero", "True", "ScaledToZero", "the HPA controller scaled the workload to zero");
      } else {
        set(
          "ScaledToZero",
          "False",
          "NotScaledToZero",
          "the HPA controller did not scale the workload to zero",
        );
      }
    } else {
      conditions = removeCondition(conditions, "ScaledToZero");
    }
  } else {
    desired = current;
  }
  return finish(current, desired, metricStatuses, rescale, st, explanation);
}

// mirrors horizontal.go storeScaleEvent: only with behavior, into the history of the change's direction
function recordScaleEvent(
  st: ControllerState,
  behavior: SyncInput["hpa"]["spec"]["behavior"],
  prev: number,
  next: number,
  now: number,
): ControllerState {
  if (behavior === undefined) return st;
  if (next > prev) {
    const rules = defaultScalingRules("scaleUp", behavior.scaleUp);
    const up = storeScaleEvent(st.scaleUpEvents, rules.policies, next - prev, now);
    return controllerState(st.recommendations, up, st.scaleDownEvents);
  }
  const rules = defaultScalingRules("scaleDown", behavior.scaleDown);
  const down = storeScaleEvent(st.scaleDownEvents, rules.policies, prev - next, now);
  return controllerState(st.recommendations, st.scaleUpEvents, down);
}
