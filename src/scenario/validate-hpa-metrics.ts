/**
 * API-server validation of `spec.metrics` (kubernetes pkg/apis/autoscaling/validation/validation.go,
 * validateMetrics and the functions it calls), with upstream's field paths and messages.
 */
import type {
  ContainerResourceMetricSource,
  ExternalMetricSource,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
  ObjectMetricSource,
  PodsMetricSource,
  ResourceMetricSource,
} from "../hpa/api-types.js";
import {
  child,
  type FieldPath,
  forbidden,
  index,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isContainerResourceName, isDNS1123Label, isValidPathSegmentName } from "./name-validation.js";
import { QUANTITY_FORMAT_MESSAGE } from "./strict-reader.js";
import { quantitySign, validateCrossVersionObjectReference } from "./validate-common.js";

/** validMetricSourceTypesList: sets.NewString(...).List(), i.e. sorted. */
const METRIC_SOURCE_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];

/** The member of MetricSpec that each source type must populate, in upstream's checking order. */
const SOURCE_FIELDS = [
  ["Object", "object"],
  ["External", "external"],
  ["Pods", "pods"],
  ["Resource", "resource"],
  ["ContainerResource", "containerResource"],
] as const;

type SourceField = (typeof SOURCE_FIELDS)[number][1];

/**
 * Validates each metric; with `minReplicas: 0` at least one Object or External metric is required
 * (mirrors validation.go validateMetrics).
 */
export function validateMetrics(
  metrics: readonly MetricSpec[],
  path: FieldPath,
  minReplicas: number | undefined,
  errs: FieldViolation[],
): void {
  metrics.forEach((metric, i) => {
    validateMetricSpec(metric, index(path, i), errs);
  });
  const scalesOnObjectOrExternal = metrics.some((m) => m.type === "Object" || m.type === "External");
  if (minReplicas === 0 && !scalesOnObjectOrExternal) {
    errs.push(
      forbidden(
        path,
        "must specify at least one Object or External metric to support scaling to zero replicas",
      ),
    );
  }
}

// mirrors validation.go validateMetricSpec
function validateMetricSpec(spec: MetricSpec, path: FieldPath, errs: FieldViolation[]): void {
  const type: string = spec.type;
  if (type === "") errs.push(requiredValue(child(path, "type"), "must specify a metric source type"));
  if (!METRIC_SOURCE_TYPES.includes(type))
    errs.push(notSupported(child(path, "type"), type, METRIC_SOURCE_TYPES));

  // Only the first populated source is validated in depth, as upstream does.
  const present: SourceField[] = SOURCE_FIELDS.map(([, f]) => f).filter((f) => spec[f] !== undefined);
  const first = present[0];
  if (first !== undefined) validateSource(spec, first, child(path, first), errs);

  const expected = SOURCE_FIELDS.find(([t]) => t === type)?.[1];
  if (expected !== undefined && spec[expected] === undefined) {
    errs.push(requiredValue(child(path, expected), "must populate information for the given metric source"));
  }
  if (present.length !== 1) {
    for (const f of present) {
      if (f !== expected) errs.push(forbidden(child(path, f), "must populate the given metric source only"));
    }
  }
}

function validateSource(
  spec: MetricSpec,
  member: SourceField,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  if (member === "object" && spec.object) validateObjectSource(spec.object, path, errs);
  if (member === "external" && spec.external) validateExternalSource(spec.external, path, errs);
  if (member === "pods" && spec.pods) validatePodsSource(spec.pods, path, errs);
  if (member === "resource" && spec.resource) validateResourceSource(spec.resource, path, errs);
  if (member === "containerResource" && spec.containerResource) {
    validateContainerResourceSource(spec.containerResource, path, errs);
  }
}

// mirrors validation.go validateObjectSource (describedObject may name a core-group kind)
function validateObjectSource(src: ObjectMetricSource, path: FieldPath, errs: FieldViolation[]): void {
  validateCrossVersionObjectReference(src.describedObject, child(path, "describedObject"), true, errs);
  validateMetricIdentifier(src.metric, child(path, "metric"), errs);
  validateMetricTarget(src.target, child(path, "target"), errs);
  if (src.target.value === undefined && src.target.averageValue === undefined) {
    errs.push(requiredValue(`${path}.target.averageValue`, "must set either a target value or averageValue"));
  }
}

// mirrors validation.go validateExternalSource
function validateExternalSource(src: ExternalMetricSource, path: FieldPath, errs: FieldViolation[]): void {
  validateMetricIdentifier(src.metric, child(path, "metric"), errs);
  validateMetricTarget(src.target, child(path, "target"), errs);
  const { value, averageValue } = src.target;
  if (value === undefined && averageValue === undefined) {
    errs.push(
      requiredValue(
        `${path}.target.averageValue`,
        "must set either a target value for metric or a per-pod target",
      ),
    );
  }
  if (value !== undefined && averageValue !== undefined) {
    errs.push(
      forbidden(`${path}.target.value`, "may not set both a target value for metric and a per-pod target"),
    );
  }
}

// mirrors validation.go validatePodsSource
function validatePodsSource(src: PodsMetricSource, path: FieldPath, errs: FieldViolation[]): void {
  validateMetricIdentifier(src.metric, child(path, "metric"), errs);
  validateMetricTarget(src.target, child(path, "target"), errs);
  if (src.target.averageValue === undefined) {
    errs.push(requiredValue(`${path}.target.averageValue`, "must specify a positive target averageValue"));
  }
}

// mirrors validation.go validateContainerResourceSource
function validateContainerResourceSource(
  src: ContainerResourceMetricSource,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  const namePath = child(path, "name");
  if (src.name === "") errs.push(requiredValue(namePath, "must specify a resource name"));
  else for (const msg of isContainerResourceName(src.name)) errs.push(invalidValue(namePath, src.name, msg));
  const containerPath = child(path, "container");
  if (src.container === "") errs.push(requiredValue(containerPath, "must specify a container"));
  else
    for (const msg of isDNS1123Label(src.container))
      errs.push(invalidValue(containerPath, src.container, msg));
  validateMetricTarget(src.target, child(path, "target"), errs);
  validateUtilizationOrAverageValue(src.target, path, errs);
}

// mirrors validation.go validateResourceSource
function validateResourceSource(src: ResourceMetricSource, path: FieldPath, errs: FieldViolation[]): void {
  if (src.name === "") errs.push(requiredValue(child(path, "name"), "must specify a resource name"));
  validateMetricTarget(src.target, child(path, "target"), errs);
  validateUtilizationOrAverageValue(src.target, path, errs);
}

/** Exactly one of averageUtilization and averageValue (the tail of validateResourceSource and its container twin). */
function validateUtilizationOrAverageValue(
  target: MetricTarget,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  if (target.averageUtilization === undefined && target.averageValue === undefined) {
    errs.push(
      requiredValue(
        `${path}.target.averageUtilization`,
        "must set either a target raw value or a target utilization",
      ),
    );
  }
  if (target.averageUtilization !== undefined && target.averageValue !== undefined) {
    errs.push(
      forbidden(
        `${path}.target.averageValue`,
        "may not set both a target raw value and a target utilization",
      ),
    );
  }
}

const METRIC_TARGET_TYPES = ["Utilization", "Value", "AverageValue"];

// mirrors validation.go validateMetricTarget
function validateMetricTarget(target: MetricTarget, path: FieldPath, errs: FieldViolation[]): void {
  const type: string = target.type;
  if (type === "") errs.push(requiredValue(child(path, "type"), "must specify a metric target type"));
  if (!METRIC_TARGET_TYPES.includes(type)) {
    errs.push(invalidValue(child(path, "type"), type, "must be either Utilization, Value, or AverageValue"));
  }
  for (const key of ["value", "averageValue"] as const) {
    const quantity = target[key];
    if (quantity === undefined) continue;
    const sign = quantitySign(quantity);
    if (sign === undefined) errs.push(invalidValue(child(path, key), quantity, QUANTITY_FORMAT_MESSAGE));
    else if (sign !== 1) errs.push(invalidValue(child(path, key), quantity, "must be positive"));
  }
  if (target.averageUtilization !== undefined && target.averageUtilization < 1) {
    errs.push(
      invalidValue(child(path, "averageUtilization"), target.averageUtilization, "must be greater than 0"),
    );
  }
}

// mirrors validation.go validateMetricIdentifier
function validateMetricIdentifier(id: MetricIdentifier, path: FieldPath, errs: FieldViolation[]): void {
  const namePath = child(path, "name");
  if (id.name === "") errs.push(requiredValue(namePath, "must specify a metric name"));
  else for (const msg of isValidPathSegmentName(id.name)) errs.push(invalidValue(namePath, id.name, msg));
}
