/**
 * One metric spec -> one replica proposal, its status entry and description
 * (mirrors horizontal.go computeReplicasForMetric and the computeStatusFor*Metric functions).
 */
import type { MetricSpec, MetricStatus, MetricValueStatus } from "./api-types.js";
import { ComputeError } from "./compute-error.js";
import { computeStatusForExternalMetric, computeStatusForObjectMetric } from "./compute-metric-object.js";
import { errText, fail, type MetricContext, type MetricOutcome, milli } from "./metric-outcome.js";
import { getRawMetric, getResourceMetric, type PodMetricsResult } from "./metrics-client.js";
import type { ReplicaCalcResult } from "./replica-calc-result.js";
import {
  getPlainMetricReplicas,
  getResourceReplicas,
  getResourceReplicasAligned,
} from "./replica-calculator-pods.js";
import { utilizationDescription } from "./stable-text.js";

export type { MetricContext, MetricFailure, MetricOutcome, MetricProposal } from "./metric-outcome.js";

/** Computes one metric's proposal (mirrors horizontal.go computeReplicasForMetric). */
export function computeReplicasForMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  switch (spec.type) {
    case "Resource":
    case "ContainerResource":
      return computeStatusForResourceMetric(ctx, spec);
    case "Pods":
      return computeStatusForPodsMetric(ctx, spec);
    case "Object":
      return computeStatusForObjectMetric(ctx, spec);
    case "External":
      return computeStatusForExternalMetric(ctx, spec);
    default: {
      const msg = `unknown metric source type "${spec.type}"`;
      return fail("InvalidMetricSourceType", msg, (e) => e);
    }
  }
}

// mirrors horizontal.go computeStatusForResourceMetricGeneric (+ ...ForResourceMetric / ...ForContainerResourceMetric)
function computeStatusForResourceMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const isContainer = spec.type === "ContainerResource";
  const src = isContainer ? spec.containerResource : spec.resource;
  const reason = isContainer ? "FailedGetContainerResourceMetric" : "FailedGetResourceMetric";
  if (src === undefined) return fail(reason, `invalid ${spec.type} metric source: source not set`, (e) => e);
  const resource = src.name;
  const container = isContainer ? (spec.containerResource?.container ?? "") : "";
  const averageValue = milli(src.target.averageValue);
  if (averageValue !== undefined) {
    try {
      const r = getPlainMetricReplicas(ctx, fetchResource(ctx, resource, container), averageValue, resource);
      return proposal(r, `${resource} resource`, statusOf(isContainer, resource, container, r.current));
    } catch (e) {
      return fail(
        reason,
        `failed to get ${resource} usage: ${errText(e)}`,
        outerOf(isContainer, resource, container),
      );
    }
  }
  const target = src.target.averageUtilization;
  if (target === undefined) {
    return fail(
      reason,
      "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set",
      outerOf(isContainer, resource, container),
    );
  }
  try {
    // the pod-usage common case without the per-pod maps (same result; null = take the full path)
    const aligned =
      !isContainer && ctx.metrics.errors?.resourceMetrics === undefined
        ? getResourceReplicasAligned(ctx, ctx.metrics.resourceMetrics, target, resource)
        : null;
    const r =
      aligned ??
      getResourceReplicas(ctx, fetchResource(ctx, resource, container), target, resource, container);
    const description = utilizationDescription(resource, isContainer);
    return proposal(r, description, statusOf(isContainer, resource, container, r.current));
  } catch (e) {
    return fail(
      reason,
      `failed to get ${resource} utilization: ${errText(e)}`,
      outerOf(isContainer, resource, container),
    );
  }
}

function fetchResource(ctx: MetricContext, resource: string, container: string): PodMetricsResult {
  try {
    return getResourceMetric(ctx.metrics, resource, container);
  } catch (e) {
    throw new ComputeError(`unable to get metrics for resource ${resource}: ${errText(e)}`);
  }
}

function outerOf(isContainer: boolean, resource: string, container: string): (e: string) => string {
  return isContainer
    ? (e) => `failed to get ${container} container metric value: ${e}`
    : (e) => `failed to get ${resource} resource metric value: ${e}`;
}

// `{ ...statusBase, current }` written out (see controller.ts explanationOf)
function statusOf(
  isContainer: boolean,
  resource: string,
  container: string,
  current: MetricValueStatus,
): MetricStatus {
  return isContainer
    ? { type: "ContainerResource", name: resource, container, current }
    : { type: "Resource", name: resource, current };
}

function proposal(r: ReplicaCalcResult, description: string, status: MetricStatus): MetricOutcome {
  return { ok: true, replicas: r.replicas, description, timestamp: r.timestamp, status, detail: r.detail };
}

// mirrors horizontal.go computeStatusForPodsMetric and replica_calculator.go GetMetricReplicas
function computeStatusForPodsMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const outer = (e: string) => `failed to get pods metric value: ${e}`;
  const src = spec.pods;
  if (src === undefined)
    return fail("FailedGetPodsMetric", "invalid pods metric source: source not set", outer);
  const name = src.metric.name;
  const target = milli(src.target.averageValue);
  if (target === undefined)
    return fail("FailedGetPodsMetric", "invalid pods metric source: no average value target was set", outer);
  try {
    let fetched: ReturnType<typeof getRawMetric>;
    try {
      fetched = getRawMetric(ctx.metrics, name);
    } catch (e) {
      throw new ComputeError(`unable to get metric ${name}: ${errText(e)}`);
    }
    const r = getPlainMetricReplicas(ctx, fetched, target, "");
    return {
      ok: true,
      replicas: r.replicas,
      description: `pods metric ${name}`,
      timestamp: r.timestamp,
      status: { type: "Pods", name, current: r.current },
      detail: r.detail,
    };
  } catch (e) {
    return fail("FailedGetPodsMetric", errText(e), outer);
  }
}
