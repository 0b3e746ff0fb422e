/**
 * Normalization of the metric recommendation: stabilization then limits, with or without `behavior`
 * (mirrors horizontal.go normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors).
 */
import type { HorizontalPodAutoscalerBehavior } from "./api-types.js";
import { defaultBehavior, type ResolvedBehavior } from "./behavior-defaults.js";
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  LIMIT_MESSAGES,
  type LimitResult,
} from "./scaling-limits.js";
import {
  type StabilizationResult,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from "./stabilization.js";
import type { ControllerSettings, TimestampedRecommendation, TimestampedScaleEvent } from "./types.js";

/** Upstream's AbleToScale messages (horizontal.go normalizeDesiredReplicas*). */
const SCALE_DOWN_STABILIZED_MESSAGE =
  "recent recommendations were higher than current one, applying the highest recent recommendation";
const READY_FOR_NEW_SCALE_MESSAGE = "recommended size matches current size";

export interface ConditionUpdate {
  readonly type: "AbleToScale" | "ScalingLimited";
  readonly status: "True" | "False";
  readonly reason: string;
  readonly message: string;
}

export interface NormalizationResult {
  readonly desired: number;
  readonly recommendations: TimestampedRecommendation[];
  readonly conditions: [ConditionUpdate, ConditionUpdate];
  readonly stabilization: StabilizationResult & {
    readonly upWindowSeconds?: number;
    readonly downWindowSeconds: number;
  };
  readonly limits: LimitResult;
  /** The behavior after API defaulting and the controller's scale-down window (behavior path only). */
  readonly behavior?: ResolvedBehavior;
}

export interface NormalizationInput {
  readonly behavior: HorizontalPodAutoscalerBehavior | undefined;
  readonly settings: ControllerSettings;
  readonly history: readonly TimestampedRecommendation[];
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
  readonly current: number;
  readonly desired: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly now: number;
  /** True: the decision only (desired, recommendations, conditions); `stabilization.considered` stays empty. */
  readonly decisionOnly?: boolean;
}

/** AbleToScale updates of the normalization (immutable: one object each). */
const READY_FOR_NEW_SCALE: ConditionUpdate = {
  type: "AbleToScale",
  status: "True",
  reason: "ReadyForNewScale",
  message: READY_FOR_NEW_SCALE_MESSAGE,
};
const SCALE_DOWN_STABILIZED: ConditionUpdate = {
  type: "AbleToScale",
  status: "True",
  reason: "ScaleDownStabilized",
  message: SCALE_DOWN_STABILIZED_MESSAGE,
};
const SCALE_UP_STABILIZED: ConditionUpdate = {
  type: "AbleToScale",
  status: "True",
  reason: "ScaleUpStabilized",
  message: "recent recommendations were lower than current one, applying the lowest recent recommendation",
};

/** ScalingLimited updates by reason, for status False and True, built once each (immutable). */
const notLimited = new Map<string, ConditionUpdate>();
const limited = new Map<string, ConditionUpdate>();

function limitedCondition(stabilized: number, limits: LimitResult): ConditionUpdate {
  const status = limits.desired === stabilized ? "False" : "True";
  const byReason = status === "False" ? notLimited : limited;
  let c = byReason.get(limits.reason);
  if (c === undefined) {
    c = { type: "ScalingLimited", status, reason: limits.reason, message: LIMIT_MESSAGES[limits.reason] };
    byReason.set(limits.reason, c);
  }
  return c;
}

/** Without `behavior`: downscale stabilization, then the legacy clamp (mirrors horizontal.go normalizeDesiredReplicas). */
function normalizeDesiredReplicas(a: NormalizationInput): NormalizationResult {
  const window = a.settings.downscaleStabilizationWindowSeconds;
  const st = stabilizeRecommendation(a.history, a.desired, window, a.now, a.decisionOnly !== true);
  const able = st.stabilized !== a.desired ? SCALE_DOWN_STABILIZED : READY_FOR_NEW_SCALE;
  const limits = convertDesiredReplicasWithRules(
    a.current,
    st.stabilized,
    a.minReplicas,
    a.maxReplicas,
    a.settings.scaleUpLimitFactor,
    a.settings.scaleUpLimitMinimum,
  );
  return {
    desired: limits.desired,
    recommendations: st.recommendations,
    conditions: [able, limitedCondition(st.stabilized, limits)],
    // written out rather than spread (see controller.ts explanationOf); same key order
    stabilization: {
      stabilized: st.stabilized,
      recommendations: st.recommendations,
      considered: st.considered,
      downRecommendation: st.downRecommendation,
      downWindowSeconds: window,
    },
    limits,
  };
}

/** Resolved behaviors by spec object and controller window (a pure function of both; the result is immutable). */
const resolvedBehaviors = new WeakMap<HorizontalPodAutoscalerBehavior, Map<number, ResolvedBehavior>>();

/** API defaulting, then the controller's scale-down window (mirrors horizontal.go maybeInitScaleDownStabilizationWindow). */
export function resolveBehavior(
  behavior: HorizontalPodAutoscalerBehavior,
  downscaleWindow: number,
): ResolvedBehavior {
  let byWindow = resolvedBehaviors.get(behavior);
  const known = byWindow?.get(downscaleWindow);
  if (known !== undefined) return known;
  const defaulted = defaultBehavior(behavior);
  const resolved: ResolvedBehavior = {
    scaleUp: defaulted.scaleUp,
    scaleDown: {
      ...defaulted.scaleDown,
      stabilizationWindowSeconds: defaulted.scaleDown.stabilizationWindowSeconds ?? downscaleWindow,
    },
  };
  if (byWindow === undefined) {
    byWindow = new Map();
    resolvedBehaviors.set(behavior, byWindow);
  }
  byWindow.set(downscaleWindow, resolved);
  return resolved;
}

/** With `behavior`: both stabilization windows, then policy rate limits (mirrors horizontal.go normalizeDesiredReplicasWithBehaviors). */
function normalizeDesiredReplicasWithBehaviors(
  a: NormalizationInput,
  behavior: HorizontalPodAutoscalerBehavior,
): NormalizationResult {
  const resolved = resolveBehavior(behavior, a.settings.downscaleStabilizationWindowSeconds);
  const upW = resolved.scaleUp.stabilizationWindowSeconds ?? 0;
  const downW = resolved.scaleDown.stabilizationWindowSeconds ?? 0;
  const st = stabilizeRecommendationWithBehaviors(
    a.history,
    a.current,
    a.desired,
    upW,
    downW,
    a.now,
    a.decisionOnly !== true,
  );
  let able = READY_FOR_NEW_SCALE;
  if (st.stabilized !== a.desired)
    able = a.desired >= a.current ? SCALE_UP_STABILIZED : SCALE_DOWN_STABILIZED;
  const limits = convertDesiredReplicasWithBehaviorRate({
    current: a.current,
    desired: st.stabilized,
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    scaleUp: resolved.scaleUp,
    scaleDown: resolved.scaleDown,
    scaleUpEvents: a.scaleUpEvents,
    scaleDownEvents: a.scaleDownEvents,
    now: a.now,
  });
  return {
    desired: limits.desired,
    recommendations: st.recommendations,
    conditions: [able, limitedCondition(st.stabilized, limits)],
    stabilization: {
      stabilized: st.stabilized,
      recommendations: st.recommendations,
      considered: st.considered,
      upRecommendation: st.upRecommendation,
      downRecommendation: st.downRecommendation,
      upWindowSeconds: upW,
      downWindowSeconds: downW,
    },
    limits,
    behavior: resolved,
  };
}

/** Picks the path by the presence of `spec.behavior` (absent ≠ empty). */
export function normalize(a: NormalizationInput): NormalizationResult {
  return a.behavior === undefined
    ? normalizeDesiredReplicas(a)
    : normalizeDesiredReplicasWithBehaviors(a, a.behavior);
}
