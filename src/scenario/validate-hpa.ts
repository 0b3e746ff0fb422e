/**
 * API-server validation of an autoscaling/v2 HorizontalPodAutoscaler, rule for rule and message for
 * message (kubernetes pkg/apis/autoscaling/validation/validation.go, as of the release with declarative
 * min/max replicas and apiVersion checks; registry strategy validationOptionsForHorizontalPodAutoscaler
 * for the create-time options). Validation sees the object after API defaulting, as the server does.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HPAScalingRules,
} from "../hpa/api-types.js";
import {
  child,
  type FieldPath,
  index,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isDNS1123Label, isDNS1123Subdomain } from "./name-validation.js";
import { QUANTITY_FORMAT_MESSAGE } from "./strict-reader.js";
import { quantitySign, validateCrossVersionObjectReference } from "./validate-common.js";
import { validateMetrics } from "./validate-hpa-metrics.js";

/** validation.go MaxPeriodSeconds: the longest scaling policy period. */
export const MAX_PERIOD_SECONDS = 1800;
/** validation.go MaxStabilizationWindowSeconds: the longest stabilization window. */
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/** Feature gates of the API server that change HPA validation. */
export interface HpaValidationOptions {
  readonly featureGates?: {
    /** Alpha, off by default: allows `minReplicas: 0` with an Object or External metric. */
    readonly HPAScaleToZero?: boolean | undefined;
  };
}

/**
 * Every rule the API server would find broken on create, in its order; empty when the object is valid.
 *
 * @example validateHorizontalPodAutoscaler(hpaWithMaxReplicas(-1))[0].message
 * // "spec.maxReplicas: Invalid value: -1: must be greater than or equal to 1"
 */
export function validateHorizontalPodAutoscaler(
  hpa: HorizontalPodAutoscaler,
  options: HpaValidationOptions = {},
): FieldViolation[] {
  const errs: FieldViolation[] = [];
  validateObjectMeta(hpa, errs);
  validateHorizontalPodAutoscalerSpec(hpa, options.featureGates?.HPAScaleToZero === true ? 0 : 1, errs);
  return errs;
}

// mirrors core/validation ValidateObjectMeta (name as NameIsDNSSubdomain; namespace as a DNS label)
function validateObjectMeta(hpa: HorizontalPodAutoscaler, errs: FieldViolation[]): void {
  const { name, namespace } = hpa.metadata;
  if (name === "") {
    errs.push(requiredValue("metadata.name", "name or generateName is required"));
  } else {
    for (const msg of isDNS1123Subdomain(name)) errs.push(invalidValue("metadata.name", name, msg));
  }
  if (namespace !== undefined && namespace !== "") {
    for (const msg of isDNS1123Label(namespace))
      errs.push(invalidValue("metadata.namespace", namespace, msg));
  }
}

// mirrors validation.go validateHorizontalPodAutoscalerSpec
function validateHorizontalPodAutoscalerSpec(
  hpa: HorizontalPodAutoscaler,
  minReplicasLowerBound: number,
  errs: FieldViolation[],
): void {
  const spec = hpa.spec;
  const min = spec.minReplicas;
  if (min !== undefined && min < minReplicasLowerBound) {
    errs.push(
      invalidValue("spec.minReplicas", min, `must be greater than or equal to ${minReplicasLowerBound}`),
    );
  }
  if (spec.maxReplicas === 0) {
    errs.push(requiredValue("spec.maxReplicas", "must be set and greater than 0"));
  } else if (spec.maxReplicas < 0) {
    errs.push(invalidValue("spec.maxReplicas", spec.maxReplicas, "must be greater than or equal to 1"));
  }
  if (min !== undefined && spec.maxReplicas < min) {
    errs.push(
      invalidValue("spec.maxReplicas", spec.maxReplicas, "must be greater than or equal to `minReplicas`"),
    );
  }
  // strategy.go validationOptionsForHorizontalPodAutoscaler: only a ReplicationController (core group) may omit the group.
  const allowEmptyAPIGroup = spec.scaleTargetRef.kind === "ReplicationController";
  validateCrossVersionObjectReference(spec.scaleTargetRef, "spec.scaleTargetRef", allowEmptyAPIGroup, errs);
  validateMetrics(spec.metrics ?? [], "spec.metrics", min, errs);
  validateBehavior(spec.behavior, "spec.behavior", errs);
}

/** The rules of `behavior` at `path` (mirrors validation.go validateBehavior). */
export function validateBehavior(
  behavior: HorizontalPodAutoscalerBehavior | undefined,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  if (behavior === undefined) return;
  validateScalingRules(behavior.scaleUp, child(path, "scaleUp"), errs);
  validateScalingRules(behavior.scaleDown, child(path, "scaleDown"), errs);
}

const SELECT_POLICIES = ["Disabled", "Max", "Min"]; // sets.NewString(...).List(): sorted
const POLICY_TYPES = ["Percent", "Pods"];

// mirrors validation.go validateScalingRules and validateScalingPolicy
function validateScalingRules(
  rules: HPAScalingRules | undefined,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  if (rules === undefined) return;
  const window = rules.stabilizationWindowSeconds;
  const windowPath = child(path, "stabilizationWindowSeconds");
  if (typeof window === "number" && window < 0) {
    errs.push(invalidValue(windowPath, window, "must be greater than or equal to zero"));
  }
  if (typeof window === "number" && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalidValue(windowPath, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`),
    );
  }
  const selectPolicy: string | undefined = rules.selectPolicy;
  if (selectPolicy !== undefined && !SELECT_POLICIES.includes(selectPolicy)) {
    errs.push(notSupported(child(path, "selectPolicy"), selectPolicy, SELECT_POLICIES));
  }
  // Defaulting (GenerateHPAScaleUpRules/ScaleDownRules) fills absent policies before validation, so only
  // an explicitly empty list reaches this check.
  const policiesPath = child(path, "policies");
  if (rules.policies !== undefined && rules.policies.length === 0) {
    errs.push(requiredValue(policiesPath, "must specify at least one Policy"));
  }
  (rules.policies ?? []).forEach((policy, i) => {
    const policyPath = index(policiesPath, i);
    const type: string = policy.type;
    if (!POLICY_TYPES.includes(type)) errs.push(notSupported(child(policyPath, "type"), type, POLICY_TYPES));
    if (policy.value <= 0)
      errs.push(invalidValue(child(policyPath, "value"), policy.value, "must be greater than zero"));
    const periodPath = child(policyPath, "periodSeconds");
    if (policy.periodSeconds <= 0)
      errs.push(invalidValue(periodPath, policy.periodSeconds, "must be greater than zero"));
    if (policy.periodSeconds > MAX_PERIOD_SECONDS) {
      errs.push(
        invalidValue(periodPath, policy.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`),
      );
    }
  });
  // mirrors core/validation ValidateNonnegativeQuantity
  if (rules.tolerance !== undefined) {
    const sign = quantitySign(rules.tolerance);
    const tolerancePath = child(path, "tolerance");
    if (sign === undefined) errs.push(invalidValue(tolerancePath, rules.tolerance, QUANTITY_FORMAT_MESSAGE));
    else if (sign < 0)
      errs.push(invalidValue(tolerancePath, String(rules.tolerance), "must be greater than or equal to 0"));
  }
}
