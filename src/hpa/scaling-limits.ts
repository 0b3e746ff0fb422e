/**
 * Rate limits and min/max clamping of a stabilized recommendation
 * (mirrors horizontal.go convertDesiredReplicasWithRules, calculateScaleUpLimit,
 * convertDesiredReplicasWithBehaviorRate, calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors).
 */
import { float64ToInt32, INT32_MAX, INT32_MIN } from "../units/quantity.js";
import type { ResolvedScalingRules } from "./behavior-defaults.js";
import { getReplicasChangePerPeriod } from "./scale-events.js";
import type { TimestampedScaleEvent } from "./types.js";

export type LimitReason =
  | "DesiredWithinRange"
  | "TooFewReplicas"
  | "TooManyReplicas"
  | "ScaleUpLimit"
  | "ScaleDownLimit";

export const LIMIT_MESSAGES: Record<LimitReason, string> = {
  DesiredWithinRange: "the desired count is within the acceptable range",
  TooFewReplicas: "the desired replica count is less than the minimum replica count",
  TooManyReplicas: "the desired replica count is more than the maximum replica count",
  ScaleUpLimit: "the desired replica count is increasing faster than the maximum scale rate",
  ScaleDownLimit: "the desired replica count is decreasing faster than the maximum scale rate",
};

/** One policy's limit over its period, for `explain`. */
export interface PolicyLimit {
  readonly type: "Pods" | "Percent";
  readonly value: number;
  readonly periodSeconds: number;
  readonly periodStartReplicas: number;
  readonly limit: number;
}

export interface LimitResult {
  readonly desired: number;
  readonly reason: LimitReason;
  /** The direction's rate limit (legacy: max(factor·current, minimum)); undefined when the value did not move. */
  readonly rateLimit?: number;
  readonly policies?: readonly PolicyLimit[];
  readonly selectPolicy?: string;
}

/** Legacy: `int32(max(factor * current, minimum))` (mirrors horizontal.go calculateScaleUpLimit). */
export function calculateScaleUpLimit(current: number, factor: number, minimum: number): number {
  return float64ToInt32(Math.max(factor * current, minimum));
}

/** Legacy clamp to [min, min(max, scale-up limit)] (mirrors horizontal.go convertDesiredReplicasWithRules). */
export function convertDesiredReplicasWithRules(
  current: number,
  desired: number,
  minReplicas: number,
  maxReplicas: number,
  factor: number,
  minimum: number,
): LimitResult {
  const scaleUpLimit = calculateScaleUpLimit(current, factor, minimum);
  const belowMax = maxReplicas > scaleUpLimit;
  const maxAllowed = belowMax ? scaleUpLimit : maxReplicas;
  const maxReason: LimitReason = belowMax ? "ScaleUpLimit" : "TooManyReplicas";
  if (desired < minReplicas)
    return { desired: minReplicas, reason: "TooFewReplicas", rateLimit: scaleUpLimit };
  if (desired > maxAllowed) return { desired: maxAllowed, reason: maxReason, rateLimit: scaleUpLimit };
  return { desired, reason: "DesiredWithinRange", rateLimit: scaleUpLimit };
}

function policyLimits(
  current: number,
  up: readonly TimestampedScaleEvent[],
  down: readonly TimestampedScaleEvent[],
  rules: ResolvedScalingRules,
  now: number,
  direction: "up" | "down",
): PolicyLimit[] {
  return rules.policies.map((p) => {
    const added = getReplicasChangePerPeriod(p.periodSeconds, up, now);
    const removed = getReplicasChangePerPeriod(p.periodSeconds, down, now);
    const start = current - added + removed;
    let limit: number;
    if (direction === "up") {
      limit = p.type === "Pods" ? start + p.value : float64ToInt32(Math.ceil(start * (1 + p.value / 100)));
    } else {
      limit = p.type === "Pods" ? start - p.value : float64ToInt32(start * (1 - p.value / 100));
    }
    return {
      type: p.type,
      value: p.value,
      periodSeconds: p.periodSeconds,
      periodStartReplicas: start,
      limit,
    };
  });
}

/** Highest replica count the scale-up policies allow now (mirrors horizontal.go calculateScaleUpLimitWithScalingRules). */
export function calculateScaleUpLimitWithScalingRules(
  current: number,
  up: readonly TimestampedScaleEvent[],
  down: readonly TimestampedScaleEvent[],
  rules: ResolvedScalingRules,
  now: number,
): { limit: number; policies: PolicyLimit[] } {
  if (rules.selectPolicy === "Disabled") return { limit: current, policies: [] };
  const policies = policyLimits(current, up, down, rules, now, "up");
  const pick = rules.selectPolicy === "Min" ? Math.min : Math.max;
  let result = rules.selectPolicy === "Min" ? INT32_MAX : INT32_MIN;
  for (const p of policies) result = pick(result, p.limit);
  return { limit: result, policies };
}

/** Lowest replica count the scale-down policies allow now (mirrors horizontal.go calculateScaleDownLimitWithBehaviors). */
export function calculateScaleDownLimitWithBehaviors(
  current: number,
  up: readonly TimestampedScaleEvent[],
  down: readonly TimestampedScaleEvent[],
  rules: ResolvedScalingRules,
  now: number,
): { limit: number; policies: PolicyLimit[] } {
  if (rules.selectPolicy === "Disabled") return { limit: current, policies: [] };
  const policies = policyLimits(current, up, down, rules, now, "down");
  const pick = rules.selectPolicy === "Min" ? Math.max : Math.min;
  let result = rules.selectPolicy === "Min" ? INT32_MIN : INT32_MAX;
  for (const p of policies) result = pick(result, p.limit);
  return { limit: result, policies };
}

/** Behavior path: policy rate limits, then min/max (mirrors horizontal.go convertDesiredReplicasWithBehaviorRate). */
export function convertDesiredReplicasWithBehaviorRate(args: {
  current: number;
  desired: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUp: ResolvedScalingRules;
  scaleDown: ResolvedScalingRules;
  scaleUpEvents: readonly TimestampedScaleEvent[];
  scaleDownEvents: readonly TimestampedScaleEvent[];
  now: number;
}): LimitResult {
  const { current, desired } = args;
  if (desired > current) {
    const r = calculateScaleUpLimitWithScalingRules(
      current,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleUp,
      args.now,
    );
    const limit = Math.max(r.limit, current);
    const [maxAllowed, reason]: [number, LimitReason] =
      args.maxReplicas > limit ? [limit, "ScaleUpLimit"] : [args.maxReplicas, "TooManyReplicas"];
    const select = args.scaleUp.selectPolicy;
    if (desired > maxAllowed)
      return { desired: maxAllowed, reason, rateLimit: limit, policies: r.policies, selectPolicy: select };
    return {
      desired,
      reason: "DesiredWithinRange",
      rateLimit: limit,
      policies: r.policies,
      selectPolicy: select,
    };
  }
  if (desired < current) {
    const r = calculateScaleDownLimitWithBehaviors(
      current,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleDown,
      args.now,
    );
    const limit = Math.min(r.limit, current);
    const [minAllowed, reason]: [number, LimitReason] =
      args.minReplicas < limit ? [limit, "ScaleDownLimit"] : [args.minReplicas, "TooFewReplicas"];
    const select = args.scaleDown.selectPolicy;
    if (desired < minAllowed)
      return { desired: minAllowed, reason, rateLimit: limit, policies: r.policies, selectPolicy: select };
    return {
      desired,
      reason: "DesiredWithinRange",
      rateLimit: limit,
      policies: r.policies,
      selectPolicy: select,
    };
  }
  return { desired, reason: "DesiredWithinRange" };
}
