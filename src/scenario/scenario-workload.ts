/** Reading `spec.workload` of a Scenario (or of an entry of spec.otherWorkloads): the usage model and the pod's capacity. */
import { child, invalidValue } from "./field-violations.js";
import { containerUsageMap, expressionField, expressionMap, numberField } from "./scenario-fields.js";
import type { ScenarioWorkload } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";

/** The fields of spec.workload. */
export const WORKLOAD_FIELDS = ["usage", "maxLoadPerPod"];

/** `maxLoadPerPod` of `obj`: a number > 0 or "unlimited"; `fallback` when absent or invalid (a problem recorded). */
export function maxLoadPerPodField(
  obj: StrictObject | undefined,
  fallback: ScenarioWorkload["maxLoadPerPod"],
): ScenarioWorkload["maxLoadPerPod"] {
  const raw = obj?.fields.maxLoadPerPod;
  if (raw === "unlimited") return "unlimited";
  if (typeof raw === "string" && obj !== undefined) {
    obj.problems.push(
      invalidValue(child(obj.path, "maxLoadPerPod"), raw, 'must be a number > 0 or "unlimited"'),
    );
    return fallback;
  }
  return numberField(obj, "maxLoadPerPod", { above: 0 }, null) ?? fallback;
}

/** spec.workload with its defaults: no usage expressions, capacity derived later (usage-model.ts). */
export function readWorkload(workload: StrictObject | undefined): ScenarioWorkload {
  const usage = workload?.object("usage", [
    "cpu",
    "memory",
    "stickyMemory",
    "podMetrics",
    "clusterMetrics",
    "containers",
  ]);
  return {
    usage: {
      cpu: expressionField(usage, "cpu") ?? null,
      memory: expressionField(usage, "memory") ?? null,
      stickyMemory: usage?.boolean("stickyMemory") ?? false,
      podMetrics: expressionMap(usage, "podMetrics"),
      clusterMetrics: expressionMap(usage, "clusterMetrics"),
      containers: containerUsageMap(usage),
    },
    maxLoadPerPod: maxLoadPerPodField(workload, null),
  };
}
