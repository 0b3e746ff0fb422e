/** Runs `replicaCalculation` vectors (FORMAT.md §2) against the decision core. */
import type { MetricSpec } from "../hpa/api-types.js";
import { computeReplicasForMetric } from "../hpa/compute-metric.js";
import { groupPods, type PodMetric } from "../hpa/group-pods.js";
import { calculateRequests } from "../hpa/pod-requests.js";
import { getMetricUsageRatio, getResourceUtilizationRatio } from "../hpa/usage-ratio.js";
import { parseMilli } from "../units/quantity.js";
import { toMetrics, toPod, toSettings } from "./hpa-case-input.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

/** What the implementation produced, in the vector's own shape (only compared where `expect` has the field). */
export type Actual = Record<string, unknown>;

function milliMap(m: Record<string, Json>): Map<string, PodMetric> {
  const out = new Map<string, PodMetric>();
  for (const [k, v] of Object.entries(m))
    out.set(k, { value: parseMilli(v), timestamp: 0, windowSeconds: 60 });
  return out;
}

function errorOf(fn: () => Actual): Actual {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && e.name === "ComputeError") return { error: e.message };
    throw e;
  }
}

/** Evaluates one replica-calculator case. */
export function runReplicaCalculation(input: Json): Actual {
  const settings = toSettings(input.settings);
  switch (input.operation) {
    case "computeReplicas": {
      const spec: MetricSpec = input.metric;
      const o = computeReplicasForMetric(
        {
          currentReplicas: input.currentReplicas,
          statusReplicas: input.statusReplicas ?? input.currentReplicas,
          namespace: "test-namespace",
          metrics: toMetrics(input),
          tolerances: {
            scaleUp: input.tolerance?.scaleUp ?? 0.1,
            scaleDown: input.tolerance?.scaleDown ?? 0.1,
          },
          settings,
          now: input.now,
          pods: (input.pods ?? []).map(toPod),
        },
        spec,
      );
      if (!o.ok) return { error: o.error };
      return { replicas: o.replicas, current: o.status.current ?? {}, timestamp: o.timestamp };
    }
    case "groupPods": {
      const metrics = new Map<string, PodMetric>();
      for (const [k, v] of Object.entries(input.podMetrics ?? {}) as [string, Json][]) {
        metrics.set(k, {
          value: parseMilli(v.value),
          timestamp: v.timestamp ?? 0,
          windowSeconds: v.windowSeconds ?? 60,
        });
      }
      const g = groupPods(
        (input.pods ?? []).map(toPod),
        metrics,
        input.resource,
        settings.cpuInitializationPeriodSeconds,
        settings.initialReadinessDelaySeconds,
        input.now,
      );
      return {
        readyPodCount: g.readyPodCount,
        unreadyPods: [...g.unready].sort(),
        missingPods: [...g.missing].sort(),
        ignoredPods: [...g.ignored].sort(),
      };
    }
    case "podRequests":
      return errorOf(() => {
        const r = calculateRequests(
          (input.pods ?? []).map(toPod),
          input.container ?? "",
          input.resource,
          settings.featureGates.PodLevelResources,
        );
        return { requests: Object.fromEntries(r) };
      });
    case "utilizationRatio":
      return errorOf(() => {
        const requests = new Map<string, bigint>(
          Object.entries(input.requests ?? {}).map(([k, v]) => [k, parseMilli(v as string)]),
        );
        const r = getResourceUtilizationRatio(
          milliMap(input.metrics ?? {}),
          requests,
          input.targetUtilization,
        );
        return {
          usageRatio: r.usageRatio,
          current: { averageUtilization: r.utilization, averageValue: r.rawAverage },
        };
      });
    case "usageRatio": {
      const r = getMetricUsageRatio(milliMap(input.metrics ?? {}), parseMilli(input.targetAverageValue));
      return { usageRatio: r.usageRatio, current: { averageValue: r.usage } };
    }
    default:
      throw new Error(`unknown replicaCalculation operation "${input.operation}"`);
  }
}
