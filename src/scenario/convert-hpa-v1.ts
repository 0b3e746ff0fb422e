/**
 * autoscaling/v1 HorizontalPodAutoscaler -> the v2 spec, as the API server converts it
 * (pkg/apis/autoscaling/v1/conversion.go). v1 has one CPU target; the rest of a v2 spec travels in the
 * annotations `autoscaling.alpha.kubernetes.io/metrics` (v1-shaped MetricSpecs, JSON) and
 * `autoscaling.alpha.kubernetes.io/behavior` (the internal Behavior type, JSON with Go field names).
 * As upstream, a malformed annotation is ignored, and keys in annotations match case-insensitively
 * (Go's encoding/json).
 */
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerSpec,
  HPAScalingRules,
  LabelSelector,
  MetricSpec,
  MetricTarget,
  QuantityInput,
} from "../hpa/api-types.js";
import { INT32_MAX, INT32_MIN, isQuantity } from "../units/quantity.js";
import { decodeCrossVersionObjectReference } from "./decode-hpa-v2.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";

/** Annotation holding the v2 metrics a v1 object cannot express (autoscaling.MetricSpecsAnnotation). */
export const METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
/** Annotation holding the v2 behavior (autoscaling.BehaviorSpecsAnnotation). */
export const BEHAVIOR_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";
/** autoscaling.DefaultCPUUtilization, the implicit target of a v1 HPA without one. */
export const DEFAULT_CPU_UTILIZATION = 80;

/**
 * Decodes a v1 `spec` strictly and converts it, honouring the two annotations
 * (mirrors conversion.go Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler).
 */
export function convertSpecV1(
  rawSpec: unknown,
  annotations: Readonly<Record<string, string>>,
  problems: FieldViolation[],
): HorizontalPodAutoscalerSpec {
  const spec = StrictObject.read(
    rawSpec,
    "spec",
    ["scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"],
    problems,
  );
  const out: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: decodeCrossVersionObjectReference(
      spec?.object("scaleTargetRef", ["apiVersion", "kind", "name"]),
    ),
    maxReplicas: spec?.int32("maxReplicas") ?? 0,
  };
  const minReplicas = spec?.int32("minReplicas");
  if (minReplicas !== undefined) out.minReplicas = minReplicas;

  // mirrors Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_HorizontalPodAutoscalerSpec
  const cpuPercent = spec?.int32("targetCPUUtilizationPercentage");
  const specMetrics = cpuPercent !== undefined ? [cpuUtilizationMetric(cpuPercent)] : [];

  const annotationMetrics = readAnnotation(annotations[METRIC_SPECS_ANNOTATION], convertMetricSpecsV1);
  // The annotation's metrics come first, then the CPU target from the spec, as upstream orders them.
  const metrics = annotationMetrics !== undefined ? [...annotationMetrics, ...specMetrics] : specMetrics;
  out.metrics = metrics.length > 0 ? metrics : [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];

  const behavior = readAnnotation(annotations[BEHAVIOR_SPECS_ANNOTATION], convertBehavior);
  if (behavior !== undefined && (behavior.scaleUp !== undefined || behavior.scaleDown !== undefined)) {
    out.behavior = behavior;
  }
  return out;
}

/** `{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization}}}`. */
export function cpuUtilizationMetric(averageUtilization: number): MetricSpec {
  return { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization } } };
}

/** Thrown inside annotation decoding where Go's json.Unmarshal would fail; the annotation is then ignored. */
class MalformedAnnotation extends Error {}

function readAnnotation<T>(text: string | undefined, convert: (json: unknown) => T): T | undefined {
  if (text === undefined) return undefined;
  try {
    return convert(JSON.parse(text));
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof MalformedAnnotation) return undefined;
    throw e;
  }
}

/** Field lookup as encoding/json does it: the exact key, else the first case-insensitive match. */
function field(object: Readonly<Record<string, unknown>>, key: string): unknown {
  if (key in object) return object[key];
  const lower = key.toLowerCase();
  const match = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return match === undefined ? undefined : object[match];
}

function objectAt(
  object: Readonly<Record<string, unknown>>,
  key: string,
): Record<string, unknown> | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new MalformedAnnotation(key);
  return value;
}

function stringAt(object: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new MalformedAnnotation(key);
  return value;
}

function int32At(object: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
    throw new MalformedAnnotation(key);
  }
  return value;
}

function quantityAt(object: Readonly<Record<string, unknown>>, key: string): QuantityInput | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if ((typeof value !== "string" && typeof value !== "number") || !isQuantity(value)) {
    throw new MalformedAnnotation(key);
  }
  return value;
}

function listAt(object: Readonly<Record<string, unknown>>, key: string): unknown[] | undefined {
  const value = field(object, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new MalformedAnnotation(key);
  return value;
}

function asObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw new MalformedAnnotation("object expected");
  return value;
}

function referenceAt(object: Readonly<Record<string, unknown>>, key: string): CrossVersionObjectReference {
  const ref = objectAt(object, key) ?? {};
  const out: CrossVersionObjectReference = {
    kind: stringAt(ref, "kind") ?? "",
    name: stringAt(ref, "name") ?? "",
  };
  const apiVersion = stringAt(ref, "apiVersion");
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  return out;
}

/** A selector is passed through as the controller reads it; HPA validation does not check selectors. */
function selectorAt(object: Readonly<Record<string, unknown>>, key: string): LabelSelector | undefined {
  return objectAt(object, key) as LabelSelector | undefined;
}

/** The optional target fields, each possibly absent. */
interface TargetFields {
  readonly value?: QuantityInput | undefined;
  readonly averageValue?: QuantityInput | undefined;
  readonly averageUtilization?: number | undefined;
}

function target(type: MetricTarget["type"], fields: TargetFields): MetricTarget {
  const out: MetricTarget = { type };
  if (fields.value !== undefined) out.value = fields.value;
  if (fields.averageValue !== undefined) out.averageValue = fields.averageValue;
  if (fields.averageUtilization !== undefined) out.averageUtilization = fields.averageUtilization;
  return out;
}

function identifier(name: string | undefined, selector: LabelSelector | undefined) {
  return selector === undefined ? { name: name ?? "" } : { name: name ?? "", selector };
}

/** v1 MetricSpec list -> v2 (mirrors conversion.go Convert_v1_{Object,Pods,Resource,ContainerResource,External}MetricSource_To_autoscaling_*). */
function convertMetricSpecsV1(json: unknown): MetricSpec[] {
  if (!Array.isArray(json)) throw new MalformedAnnotation("list expected");
  return json.map((item) => {
    const m = asObject(item);
    const out: MetricSpec = { type: stringAt(m, "type") ?? "" };
    const object = objectAt(m, "object");
    if (object !== undefined) {
      const averageValue = quantityAt(object, "averageValue");
      out.object = {
        describedObject: referenceAt(object, "target"),
        metric: identifier(stringAt(object, "metricName"), selectorAt(object, "selector")),
        // v1 TargetValue is not a pointer: the converted target always has a value, "0" when absent.
        target: target(averageValue === undefined ? "Value" : "AverageValue", {
          value: quantityAt(object, "targetValue") ?? "0",
          averageValue,
        }),
      };
    }
    const pods = objectAt(m, "pods");
    if (pods !== undefined) {
      out.pods = {
        metric: identifier(stringAt(pods, "metricName"), selectorAt(pods, "selector")),
        target: target("AverageValue", { averageValue: quantityAt(pods, "targetAverageValue") ?? "0" }),
      };
    }
    const resource = objectAt(m, "resource");
    if (resource !== undefined)
      out.resource = { name: stringAt(resource, "name") ?? "", target: averageTarget(resource) };
    const container = objectAt(m, "containerResource");
    if (container !== undefined) {
      out.containerResource = {
        name: stringAt(container, "name") ?? "",
        container: stringAt(container, "container") ?? "",
        target: averageTarget(container),
      };
    }
    const external = objectAt(m, "external");
    if (external !== undefined) {
      const value = quantityAt(external, "targetValue");
      out.external = {
        metric: identifier(stringAt(external, "metricName"), selectorAt(external, "metricSelector")),
        target: target(value === undefined ? "AverageValue" : "Value", {
          value,
          averageValue: quantityAt(external, "targetAverageValue"),
        }),
      };
    }
    return out;
  });
}

/** Utilization when `targetAverageUtilization` is set, else AverageValue (Resource and ContainerResource). */
function averageTarget(source: Readonly<Record<string, unknown>>): MetricTarget {
  const averageUtilization = int32At(source, "targetAverageUtilization");
  return target(averageUtilization === undefined ? "AverageValue" : "Utilization", {
    averageUtilization,
    averageValue: quantityAt(source, "targetAverageValue"),
  });
}

/** The internal HorizontalPodAutoscalerBehavior, marshalled with Go field names (`ScaleUp`, `Policies`, ...). */
function convertBehavior(json: unknown): HorizontalPodAutoscalerBehavior {
  const behavior = asObject(json);
  const out: HorizontalPodAutoscalerBehavior = {};
  const scaleUp = objectAt(behavior, "scaleUp");
  if (scaleUp !== undefined) out.scaleUp = convertScalingRules(scaleUp);
  const scaleDown = objectAt(behavior, "scaleDown");
  if (scaleDown !== undefined) out.scaleDown = convertScalingRules(scaleDown);
  return out;
}

function convertScalingRules(rules: Readonly<Record<string, unknown>>): HPAScalingRules {
  const out: HPAScalingRules = {};
  const window = int32At(rules, "stabilizationWindowSeconds");
  if (window !== undefined) out.stabilizationWindowSeconds = window;
  const selectPolicy = stringAt(rules, "selectPolicy");
  if (selectPolicy !== undefined)
    out.selectPolicy = selectPolicy as NonNullable<HPAScalingRules["selectPolicy"]>;
  const policies = listAt(rules, "policies");
  if (policies !== undefined) {
    out.policies = policies.map((item) => {
      const p = asObject(item);
      return {
        type: (stringAt(p, "type") ?? "") as "Pods" | "Percent",
        value: int32At(p, "value") ?? 0,
        periodSeconds: int32At(p, "periodSeconds") ?? 0,
      };
    });
  }
  const tolerance = quantityAt(rules, "tolerance");
  if (tolerance !== undefined) out.tolerance = tolerance;
  return out;
}
