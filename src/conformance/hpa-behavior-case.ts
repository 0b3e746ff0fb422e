/** Runs `behavior` vectors (FORMAT.md §3) against the decision core. */
import { defaultBehavior, defaultScalingRules, type ResolvedScalingRules } from "../hpa/behavior-defaults.js";
import { getReplicasChangePerPeriod, storeScaleEvent } from "../hpa/scale-events.js";
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
} from "../hpa/scaling-limits.js";
import { stabilizeRecommendation, stabilizeRecommendationWithBehaviors } from "../hpa/stabilization.js";
import { toScaleEvents, toSettings } from "./hpa-case-input.js";
import type { Actual } from "./hpa-replica-calc-case.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

function rules(r: Json): ResolvedScalingRules {
  return {
    stabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    selectPolicy: r.selectPolicy ?? "Max",
    policies: r.policies ?? [],
  };
}

/** Evaluates one behavior case. */
export function runBehavior(input: Json): Actual {
  const now: number = input.now ?? 0;
  const settings = toSettings(input.settings);
  switch (input.operation) {
    case "limitWithoutBehavior": {
      const r = convertDesiredReplicasWithRules(
        input.currentReplicas,
        input.desiredReplicas,
        input.minReplicas,
        input.maxReplicas,
        settings.scaleUpLimitFactor,
        settings.scaleUpLimitMinimum,
      );
      return { desiredReplicas: r.desired, limitReason: r.reason };
    }
    case "stabilizeWithoutBehavior": {
      const r = stabilizeRecommendation(
        input.recommendations ?? [],
        input.desiredReplicas,
        settings.downscaleStabilizationWindowSeconds,
        now,
      );
      return { desiredReplicas: r.stabilized, recommendationCount: r.recommendations.length };
    }
    case "stabilizeWithBehavior": {
      const b = input.behavior ?? {};
      const r = stabilizeRecommendationWithBehaviors(
        input.recommendations ?? [],
        input.currentReplicas,
        input.desiredReplicas,
        b.scaleUp?.stabilizationWindowSeconds ?? 0,
        b.scaleDown?.stabilizationWindowSeconds ?? settings.downscaleStabilizationWindowSeconds,
        now,
      );
      return {
        desiredReplicas: r.stabilized,
        recommendationsAfter: r.recommendations.map((x) => x.replicas),
      };
    }
    case "rateLimitWithBehavior": {
      const b = defaultBehavior(input.behavior ?? {});
      const r = convertDesiredReplicasWithBehaviorRate({
        current: input.currentReplicas,
        desired: input.desiredReplicas,
        minReplicas: input.minReplicas,
        maxReplicas: input.maxReplicas,
        scaleUp: b.scaleUp,
        scaleDown: b.scaleDown,
        scaleUpEvents: toScaleEvents(input.scaleUpEvents),
        scaleDownEvents: toScaleEvents(input.scaleDownEvents),
        now,
      });
      return { desiredReplicas: r.desired, limitReason: r.reason };
    }
    case "scaleUpLimit":
    case "scaleDownLimit": {
      const fn =
        input.operation === "scaleUpLimit"
          ? calculateScaleUpLimitWithScalingRules
          : calculateScaleDownLimitWithBehaviors;
      const r = fn(
        input.currentReplicas,
        toScaleEvents(input.scaleUpEvents),
        toScaleEvents(input.scaleDownEvents),
        rules(input.rules),
        now,
      );
      return { limit: r.limit };
    }
    case "recordScaleEvent": {
      const events = toScaleEvents(input.events);
      const before = getReplicasChangePerPeriod(60, events, now);
      // an HPA without behavior stores nothing (mirrors horizontal.go storeScaleEvent)
      const after =
        input.rules === null
          ? events
          : storeScaleEvent(events, rules(input.rules).policies, input.replicaChange, now);
      return {
        replicaChangeInLast60s: before,
        eventsAfter: after.map((e) => ({ replicaChange: e.replicaChange, outdated: e.outdated })),
      };
    }
    case "defaultScalingRules": {
      const r = defaultScalingRules(input.direction, input.rules ?? undefined);
      const out: Record<string, unknown> = {
        stabilizationWindowSeconds: r.stabilizationWindowSeconds,
        selectPolicy: r.selectPolicy,
        policies: r.policies,
      };
      if (r.tolerance !== undefined) out.tolerance = r.tolerance;
      return { rules: out };
    }
    default:
      throw new Error(`unknown behavior operation "${input.operation}"`);
  }
}
