/**
 * Checks the autoscaling/v2 `spec` of a snapshot's HPA: decoded strictly as a manifest's is (unknown fields,
 * types), with the fields the controller cannot do without, and with the API server's numeric ranges (a target
 * of 0 would make the usage ratio infinite, a policy of 0 pods nonsense). The API rules the controller answers
 * itself are left to it, because the conformance vectors exercise its answers: an unknown metric type
 * (InvalidMetricSourceType), a target without a type, and `minReplicas: 0` (scale to zero, gate on or off).
 */
import type { HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget } from "../hpa/api-types.js";
import { decodeSpecV2 } from "./decode-hpa-v2.js";
import { child, type FieldPath, index, invalidValue, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";
import { requireFields } from "./snapshot-fields.js";
import { StrictObject } from "./strict-reader.js";
import { quantitySign } from "./validate-common.js";
import { validateBehavior } from "./validate-hpa.js";

/** The metric source types of autoscaling/v2, each with the MetricSpec field that holds its source. */
const METRIC_SOURCES = {
  Resource: "resource",
  ContainerResource: "containerResource",
  Pods: "pods",
  Object: "object",
  External: "external",
} as const;

/** Checks the spec at `path` (present, not null), recording problems. */
export function checkHpaSpec(raw: unknown, path: FieldPath, problems: FieldViolation[]): void {
  const spec = decodeSpecV2(raw, problems, path);
  if (!isPlainObject(raw)) return; // reported by the decoder
  requireFields(new StrictObject(raw, path, problems), ["scaleTargetRef", "maxReplicas"]);
  const ref = raw.scaleTargetRef;
  const refPath = child(path, "scaleTargetRef");
  if (isPlainObject(ref)) requireFields(new StrictObject(ref, refPath, problems), ["kind", "name"]);
  checkReplicaRange(spec, raw, path, problems);
  (spec.metrics ?? []).forEach((metric, i) => {
    checkMetricSource(metric, index(child(path, "metrics"), i), problems);
  });
  validateBehavior(spec.behavior, child(path, "behavior"), problems);
}

// mirrors validation.go validateHorizontalPodAutoscalerSpec, with 0 allowed for minReplicas
function checkReplicaRange(
  spec: HorizontalPodAutoscalerSpec,
  raw: Record<string, unknown>,
  path: FieldPath,
  problems: FieldViolation[],
): void {
  const min = spec.minReplicas;
  if (min !== undefined && min < 0) {
    problems.push(invalidValue(child(path, "minReplicas"), min, "must be greater than or equal to 0"));
  }
  const maxPath = child(path, "maxReplicas");
  if (typeof raw.maxReplicas !== "number") return; // absent or not a number: reported already
  if (spec.maxReplicas === 0) problems.push(requiredValue(maxPath, "must be set and greater than 0"));
  else if (spec.maxReplicas < 0) {
    problems.push(invalidValue(maxPath, spec.maxReplicas, "must be greater than or equal to 1"));
  } else if (min !== undefined && spec.maxReplicas < min) {
    problems.push(invalidValue(maxPath, spec.maxReplicas, "must be greater than or equal to `minReplicas`"));
  }
}

/** A metric of a known type carries that type's source (the controller reads it unchecked, as upstream does). */
function checkMetricSource(metric: MetricSpec, path: FieldPath, problems: FieldViolation[]): void {
  const member = METRIC_SOURCES[metric.type as keyof typeof METRIC_SOURCES] as
    | (typeof METRIC_SOURCES)[keyof typeof METRIC_SOURCES]
    | undefined;
  if (member === undefined) return;
  const source = metric[member];
  if (source === undefined) {
    problems.push(
      requiredValue(child(path, member), "must populate information for the given metric source"),
    );
    return;
  }
  checkTargetRange(source.target, child(child(path, member), "target"), problems);
}

// mirrors validation.go validateMetricTarget, its numeric part
function checkTargetRange(target: MetricTarget, path: FieldPath, problems: FieldViolation[]): void {
  for (const key of ["value", "averageValue"] as const) {
    const quantity = target[key];
    if (quantity !== undefined && quantitySign(quantity) !== 1) {
      problems.push(invalidValue(child(path, key), quantity, "must be positive"));
    }
  }
  const utilization = target.averageUtilization;
  if (utilization !== undefined && utilization < 1) {
    problems.push(invalidValue(child(path, "averageUtilization"), utilization, "must be greater than 0"));
  }
}
