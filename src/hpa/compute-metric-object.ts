/**
 * Object and External metrics -> a proposal (mirrors horizontal.go computeStatusForObjectMetric and
 * computeStatusForExternalMetric).
 */
import type { MetricSpec } from "./api-types.js";
import { ComputeError } from "./compute-error.js";
import { formatGoLabelSelector } from "./label-selector.js";
import { attempt, errText, fail, type MetricContext, type MetricOutcome, milli } from "./metric-outcome.js";
import { getExternalMetric, getObjectMetric } from "./metrics-client.js";
import {
  getPerPodTargetReplicas,
  getValueTargetReplicas,
  sumExternalSamples,
  sumExternalSamplesPerPod,
} from "./replica-calculator-object.js";

const same = (e: string) => e;

// mirrors horizontal.go computeStatusForObjectMetric
export function computeStatusForObjectMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const reason = "FailedGetObjectMetric";
  const outer = (e: string) => `failed to get object metric value: ${e}`;
  const src = spec.object;
  if (src === undefined) return fail(reason, "invalid object metric source: source not set", outer);
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
  const status = { type: "Object" as const, name };
  if (src.target.type === "Value" && value !== undefined) {
    return attempt(reason, outer, same, `${obj.kind} metric ${name}`, status, () => {
      const m = fetch();
      return getValueTargetReplicas(ctx.currentReplicas, m.value, value, ctx.tolerances, ctx.pods);
    });
  }
  if (src.target.type === "AverageValue" && averageValue !== undefined) {
    const description = `external metric ${name}(${formatGoLabelSelector(src.metric.selector)})`;
    const inner = (e: string) => `failed to get ${name} object metric: ${e}`;
    return attempt(reason, outer, inner, description, status, () => {
      const m = fetch();
      return getPerPodTargetReplicas(ctx.statusReplicas, m.value, averageValue, ctx.tolerances, m.timestamp);
    });
  }
  return fail(
    reason,
    "invalid object metric source: neither a value target nor an average value target was set",
    outer,
  );
}

// mirrors horizontal.go computeStatusForExternalMetric
export function computeStatusForExternalMetric(ctx: MetricContext, spec: MetricSpec): MetricOutcome {
  const reason = "FailedGetExternalMetric";
  const src = spec.external;
  const metricName = src?.metric.name ?? "";
  const outer = (e: string) => `failed to get ${metricName} external metric value: ${e}`;
  if (src === undefined) return fail(reason, "invalid external metric source: source not set", outer);
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
  const status = { type: "External" as const, name: metricName };
  if (averageValue !== undefined) {
    const inner = (e: string) => `failed to get ${metricName} external metric: ${e}`;
    return attempt(reason, outer, inner, description, status, () => {
      const m = fetch();
      const usage = sumExternalSamplesPerPod(m.values);
      return getPerPodTargetReplicas(ctx.statusReplicas, usage, averageValue, ctx.tolerances, m.timestamp);
    });
  }
  if (value !== undefined) {
    const inner = (e: string) => `failed to get external metric ${metricName}: ${e}`;
    return attempt(reason, outer, inner, description, status, () => {
      const m = fetch();
      return getValueTargetReplicas(
        ctx.currentReplicas,
        sumExternalSamples(m.values),
        value,
        ctx.tolerances,
        ctx.pods,
      );
    });
  }
  return fail(
    reason,
    "invalid external metric source: neither a value target nor an average value target was set",
    outer,
  );
}
