/**
 * One metric spec -> one replica proposal, its status entry and description
 * (mirrors horizontal.go computeReplicasForMetric and the computeStatusFor*Metric functions).
 */
import { parseMilli } from "../units/quantity.js";
import type { MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from "./api-types.js";
import { ComputeError } from "./compute-error.js";
import { formatGoLabelSelector } from "./label-selector.js";
import { getExternalMetric, getObjectMetric, getRawMetric, getResourceMetric } from "./metrics-client.js";
import type { ReplicaCalcDetail } from "./replica-calc-result.js";
import {
  getPerPodTargetReplicas,
  getValueTargetReplicas,
  sumExternalSamples,
  sumExternalSamplesPerPod,
} from "./replica-calculator-object.js";
import {
  getPlainMetricReplicas,
  getResourceReplicas,
  type PodCalcContext,
} from "./replica-calculator-pods.js";
import { utilizationDescription } from "./stable-text.js";
import type { MetricsObservation } from "./types.js";

export interface MetricProposal {
  readonly ok: true;
  readonly replicas: number;
  /** Upstream's metric description, e.g. `cpu resource utilization (percentage of request)`. */
  readonly description: string;
  readonly timestamp: number;
  readonly status: MetricStatus;
  readonly detail: ReplicaCalcDetail;
}

export interface MetricFailure {
  readonly ok: false;
  /** ScalingActive=False reason, e.g. `FailedGetResourceMetric`. */
  readonly reason: string;
  /** The error text of the Warning event. */
  readonly eventMessage: string;
  /** The error returned up the stack (wrapped once more, as upstream). */
  readonly error: string;
}

export type MetricOutcome = MetricProposal | MetricFailure;

export interface MetricContext extends PodCalcContext {
  readonly statusReplicas: number;
  readonly namespace: string;
  readonly metrics: MetricsObservation;
}

function fail(reason: string, eventMessage: string, wrap: (e: string) => string): MetricFailure {
  return { ok: false, reason, eventMessage, error: wrap(eventMessage) };
}

function errText(e: unknown): string {
  if (e instanceof ComputeError) return e.message;
  throw e;
}

function milli(q: MetricTarget["value"]): bigint | undefined {
  return q === undefined ? undefined : parseMilli(q);
}

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

// mirrors horizontal.go computeStatusForObjectMetric
function computeStatusForObjectMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const outer = (e: string) => `failed to get object metric value: ${e}`;
  const src = spec.object;
  if (src === undefined)
    return fail("FailedGetObjectMetric", "invalid object metric source: source not set", outer);
  const name = src.metric.name;
  const obj = src.describedObject;
  const fetch = () => {
    try {
      return getObjectMetric(ctx.metrics, name, obj);
    } catch (e) {
      throw new ComputeError(
        `unable to get metric ${name} on ${obj.kind} ${ctx.namespace}/${obj.name}: ${errText(e)}`,
      );
    }
  };
  const value = milli(src.target.value);
  const averageValue = milli(src.target.averageValue);
  if (src.target.type === "Value" && value !== undefined) {
    try {
      const m = fetch();
      const r = getValueTargetReplicas(ctx.currentReplicas, m.value, value, ctx.tolerances, ctx.pods);
      return {
        ok: true,
        replicas: r.replicas,
        description: `${obj.kind} metric ${name}`,
        timestamp: r.timestamp,
        status: { type: "Object", name, current: r.current },
        detail: r.detail,
      };
    } catch (e) {
      return fail("FailedGetObjectMetric", errText(e), outer);
    }
  }
  if (src.target.type === "AverageValue" && averageValue !== undefined) {
    try {
      const m = fetch();
      const r = getPerPodTargetReplicas(
        ctx.statusReplicas,
        m.value,
        averageValue,
        ctx.tolerances,
        m.timestamp,
      );
      const description = `external metric ${name}(${formatGoLabelSelector(src.metric.selector)})`;
      return {
        ok: true,
        replicas: r.replicas,
        description,
        timestamp: r.timestamp,
        status: { type: "Object", name, current: r.current },
        detail: r.detail,
      };
    } catch (e) {
      const msg = errText(e);
      return {
        ok: false,
        reason: "FailedGetObjectMetric",
        eventMessage: msg,
        error: outer(`failed to get ${name} object metric: ${msg}`),
      };
    }
  }
  return fail(
    "FailedGetObjectMetric",
    "invalid object metric source: neither a value target nor an average value target was set",
    outer,
  );
}

// mirrors horizontal.go computeStatusForExternalMetric
function computeStatusForExternalMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const src = spec.external;
  const metricName = src?.metric.name ?? "";
  const outer = (e: string) => `failed to get ${metricName} external metric value: ${e}`;
  if (src === undefined)
    return fail("FailedGetExternalMetric", "invalid external metric source: source not set", outer);
  const selectorText = formatGoLabelSelector(src.metric.selector);
  const description = `external metric ${metricName}(${selectorText})`;
  const fetch = () => {
    try {
      return getExternalMetric(ctx.metrics, metricName);
    } catch (e) {
      throw new ComputeError(
        `unable to get external metric ${ctx.namespace}/${metricName}/${selectorText}: ${errText(e)}`,
      );
    }
  };
  const averageValue = milli(src.target.averageValue);
  const value = milli(src.target.value);
  if (averageValue !== undefined) {
    try {
      const m = fetch();
      const r = getPerPodTargetReplicas(
        ctx.statusReplicas,
        sumExternalSamplesPerPod(m.values),
        averageValue,
        ctx.tolerances,
        m.timestamp,
      );
      return {
        ok: true,
        replicas: r.replicas,
        description,
        timestamp: r.timestamp,
        status: { type: "External", name: metricName, current: r.current },
        detail: r.detail,
      };
    } catch (e) {
      const msg = errText(e);
      return {
        ok: false,
        reason: "FailedGetExternalMetric",
        eventMessage: msg,
        error: outer(`failed to get ${metricName} external metric: ${msg}`),
      };
    }
  }
  if (value !== undefined) {
    try {
      const m = fetch();
      const r = getValueTargetReplicas(
        ctx.currentReplicas,
        sumExternalSamples(m.values),
        value,
        ctx.tolerances,
        ctx.pods,
      );
      return {
        ok: true,
        replicas: r.replicas,
        description,
        timestamp: r.timestamp,
        status: { type: "External", name: metricName, current: r.current },
        detail: r.detail,
      };
    } catch (e) {
      const msg = errText(e);
      return {
        ok: false,
        reason: "FailedGetExternalMetric",
        eventMessage: msg,
        error: outer(`failed to get external metric ${metricName}: ${msg}`),
      };
    }
  }
  return fail(
    "FailedGetExternalMetric",
    "invalid external metric source: neither a value target nor an average value target was set",
    outer,
  );
}
