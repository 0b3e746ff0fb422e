/** API defaulting of `spec.behavior` (mirrors pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscalerBehavior). */
import type {
  HorizontalPodAutoscalerBehavior,
  HPAScalingPolicy,
  HPAScalingRules,
  ScalingPolicySelect,
} from "./api-types.js";

/** Scaling rules after defaulting: everything set except the scale-down window, which may stay unset (null). */
export interface ResolvedScalingRules {
  readonly stabilizationWindowSeconds: number | null;
  readonly selectPolicy: ScalingPolicySelect;
  readonly policies: readonly HPAScalingPolicy[];
  readonly tolerance?: HPAScalingRules["tolerance"];
}

export interface ResolvedBehavior {
  readonly scaleUp: ResolvedScalingRules;
  readonly scaleDown: ResolvedScalingRules;
}

/** defaults.go: scale up 0 s window, Max of {4 pods, 100 %} per 15 s. */
export const DEFAULT_SCALE_UP_RULES: ResolvedScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};

/** defaults.go: scale down window unset (the controller flag applies), Max of {100 %} per 15 s. */
export const DEFAULT_SCALE_DOWN_RULES: ResolvedScalingRules = {
  stabilizationWindowSeconds: null,
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

/**
 * Completes one direction field by field: a field the user set wins, `policies` are replaced wholesale, the
 * tolerance is kept (mirrors defaults.go GenerateHPAScaleUpRules / GenerateHPAScaleDownRules).
 */
export function defaultScalingRules(
  direction: "scaleUp" | "scaleDown",
  rules: HPAScalingRules | undefined,
): ResolvedScalingRules {
  const d = direction === "scaleUp" ? DEFAULT_SCALE_UP_RULES : DEFAULT_SCALE_DOWN_RULES;
  if (rules === undefined) return d;
  const out: { -readonly [K in keyof ResolvedScalingRules]: ResolvedScalingRules[K] } = {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? d.stabilizationWindowSeconds,
    selectPolicy: rules.selectPolicy ?? d.selectPolicy,
    policies: rules.policies ?? d.policies,
  };
  if (rules.tolerance !== undefined) out.tolerance = rules.tolerance;
  return out;
}

/** Both directions defaulted (only called when `behavior` is present). */
export function defaultBehavior(behavior: HorizontalPodAutoscalerBehavior): ResolvedBehavior {
  return {
    scaleUp: defaultScalingRules("scaleUp", behavior.scaleUp),
    scaleDown: defaultScalingRules("scaleDown", behavior.scaleDown),
  };
}
