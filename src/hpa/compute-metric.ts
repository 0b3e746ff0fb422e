/**
 * One metric spec -> one replica proposal, its status entry and description
 * (mirrors horizontal.go computeReplicasForMetric and the computeStatusFor*Metric functions).
 */
import type { MetricSpec, MetricStatus, MetricValueStatus } from "./api-types.js";
import { ComputeError } from "./compute-error.js";
import { computeStatusForExternalMetric, computeStatusForObjectMetric } from "./compute-metric-object.js";
import { errText, fail, type MetricContext, type MetricOutcome, milli } from "./metric-outcome.js";
import { getRawMetric, getResourceMetric } from "./metrics-client.js";
import { getPlainMetricReplicas, getResourceReplicas } from "./replica-calculator-pods.js";
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
  const outer = (e: string) =>
    isContainer
      ? `failed to get ${container} container metric value: ${e}`
      : `failed to get ${resource} resource metric value: ${e}`;
  // `{ ...statusBase, current }` written out (see controller.ts explanationOf)
  const statusOf = (current: MetricValueStatus): MetricStatus =>
    isContainer
      ? { type: "ContainerResource", name: resource, container, current }
      : { type: "Resource", name: resource, current };
  const averageValue = milli(src.target.averageValue);
  const fetch = () => {
    try {
      return getResourceMetric(ctx.metrics, resource, container);
    } catch (e) {
      throw new ComputeError(`unable to get metrics for resource ${resource}: ${errText(e)}`);
    }
  };
  if (averageValue !== undefined) {
    try {
      const r = getPlainMetricReplicas(ctx, fetch(), averageValue, resource);
      return {
        ok: true,
        replicas: r.replicas,
        description: `${resource} resource`,
        timestamp: r.timestamp,
        status: statusOf(r.current),
        detail: r.detail,
      };
    } catch (e) {
      return fail(reason, `failed to get ${resource} usage: ${errText(e)}`, outer);
    }
  }
  const target = src.target.averageUtilization;
  if (target === undefined) {
    return fail(
      reason,
      "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set",
      outer,
    );
  }
  try {
    const r = getResourceReplicas(ctx, fetch(), target, resource, container);
    const description = utilizationDescription(resource, isContainer);
    return {
      ok: true,
      replicas: r.replicas,
      description,
      timestamp: r.timestamp,
      status: statusOf(r.current),
      detail: r.detail,
    };
  } catch (e) {
    return fail(reason, `failed to get ${resource} utilization: ${errText(e)}`, outer);
  }
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
