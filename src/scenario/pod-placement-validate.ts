/**
 * The API server's checks on a pod template's placement fields on create (mirrors core/validation
 * ValidatePodSpec's calls of ValidateLabels on nodeSelector, validateAffinity -> validateNodeAffinity,
 * ValidateNodeSelector, ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement,
 * ValidateNodeFieldSelectorRequirement, ValidatePreferredSchedulingTerms, and ValidateTolerations /
 * validateTaintEffect), over the placement pod-placement-decode.ts read.
 */

import {
  child,
  type FieldPath,
  forbidden,
  index,
  invalidValue,
  invalidValueText,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import { validateLabels } from "./label-selectors.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from "./name-validation.js";
import type {
  DecodedPlacement,
  DecodedRequirement,
  DecodedTerm,
  DecodedToleration,
} from "./pod-placement-decode.js";

/** core/v1 Toleration operators (TolerationOpEqual, TolerationOpExists); empty means Equal. */
export const TOLERATION_OPERATORS = ["Equal", "Exists"] as const;
/** core/v1 TaintEffect values a toleration may name, in validateTaintEffect's order; empty means every effect. */
export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
/** core/v1 NodeSelectorOperator values. */
export const NODE_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] as const;
/** The one field a node field selector may name (metav1.ObjectNameField). */
export const NODE_FIELD_SELECTOR_KEY = "metadata.name";

/** mirrors metav1/validation ValidateLabelName: the key is a qualified name. */
function validateLabelName(name: string, path: FieldPath, errs: FieldViolation[]): void {
  for (const msg of isQualifiedName(name)) errs.push(invalidValue(path, name, msg));
}

/** mirrors ValidateNodeSelectorRequirement (label values checked only where `checkValues`, i.e. required terms). */
function validateRequirement(
  rq: DecodedRequirement,
  checkValues: boolean,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  const valuesPath = child(path, "values");
  switch (rq.operator) {
    case "In":
    case "NotIn":
      if (rq.values.length === 0) {
        errs.push(requiredValue(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case "Exists":
    case "DoesNotExist":
      if (rq.values.length > 0) {
        errs.push(
          forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    case "Gt":
    case "Lt":
      if (rq.values.length !== 1) {
        errs.push(
          requiredValue(valuesPath, "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      }
      break;
    default:
      errs.push(invalidValue(child(path, "operator"), rq.operator, "not a valid selector operator"));
  }
  validateLabelName(rq.key, child(path, "key"), errs);
  if (checkValues) {
    rq.values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalidValue(index(valuesPath, i), v, msg));
    });
  }
}

/** mirrors ValidateNodeFieldSelectorRequirement: `metadata.name`, In or NotIn, exactly one DNS-subdomain value. */
function validateFieldRequirement(rq: DecodedRequirement, path: FieldPath, errs: FieldViolation[]): void {
  if (rq.operator === "In" || rq.operator === "NotIn") {
    if (rq.values.length !== 1) {
      errs.push(
        requiredValue(
          child(path, "values"),
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
    }
  } else {
    errs.push(invalidValue(child(path, "operator"), rq.operator, "not a valid selector operator"));
  }
  if (rq.key !== NODE_FIELD_SELECTOR_KEY) {
    errs.push(invalidValue(child(path, "key"), rq.key, "not a valid field selector key"));
  } else {
    rq.values.forEach((v, i) => {
      for (const msg of isDNS1123Subdomain(v))
        errs.push(invalidValue(index(child(path, "values"), i), v, msg));
    });
  }
}

/** mirrors ValidateNodeSelectorTerm (an empty term is valid; it matches no node). */
function validateTerm(
  term: DecodedTerm,
  checkValues: boolean,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  for (const [j, rq] of term.matchExpressions.entries()) {
    validateRequirement(rq, checkValues, index(child(path, "matchExpressions"), j), errs);
  }
  for (const [j, rq] of term.matchFields.entries()) {
    validateFieldRequirement(rq, index(child(path, "matchFields"), j), errs);
  }
}

/** Go's `%#v` of a core.Toleration, as field.Invalid prints the whole toleration. */
function goToleration(t: DecodedToleration): string {
  const seconds = t.tolerationSeconds === undefined ? "(*int64)(nil)" : `(*int64)(${t.tolerationSeconds})`;
  const q = (s: string) => JSON.stringify(s);
  return `core.Toleration{Key:${q(t.key)}, Operator:${q(t.operator)}, Value:${q(t.value)}, Effect:${q(t.effect)}, TolerationSeconds:${seconds}}`;
}

/** mirrors ValidateTolerations (with validateTaintEffect, empty effect allowed). */
function validateTolerations(
  tolerations: readonly DecodedToleration[],
  path: FieldPath,
  errs: FieldViolation[],
): void {
  tolerations.forEach((t, i) => {
    const p = index(path, i);
    if (t.key !== "") validateLabelName(t.key, child(p, "key"), errs);
    if (t.key === "" && t.operator !== "Exists") {
      errs.push(
        invalidValue(
          child(p, "operator"),
          t.operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(
        invalidValue(
          child(p, "effect"),
          t.effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (t.operator === "Equal" || t.operator === "") {
      const msgs = isValidLabelValue(t.value);
      if (msgs.length > 0) errs.push(invalidValue(child(p, "operator"), t.value, msgs.join(";")));
    } else if (t.operator === "Exists") {
      if (t.value !== "") {
        errs.push(
          invalidValueText(
            child(p, "operator"),
            goToleration(t),
            "value must be empty when `operator` is 'Exists'",
          ),
        );
      }
    } else {
      errs.push(notSupported(child(p, "operator"), t.operator, TOLERATION_OPERATORS));
    }
    if (t.effect !== "" && !(TAINT_EFFECTS as readonly string[]).includes(t.effect)) {
      errs.push(notSupported(child(p, "effect"), t.effect, TAINT_EFFECTS));
    }
  });
}

/**
 * The API server's checks on the placement fields, in ValidatePodSpec's order: nodeSelector labels, node
 * affinity (required selector: at least one term, valid requirements and label values; preferred terms: weight
 * 1-100 and valid requirements), then tolerations. `specPath` is the pod spec's path (`spec.template.spec`).
 */
export function validatePodPlacement(p: DecodedPlacement, specPath: FieldPath, errs: FieldViolation[]): void {
  if (p.nodeSelector !== undefined) validateLabels(p.nodeSelector, child(specPath, "nodeSelector"), errs);
  const affinityPath = child(child(specPath, "affinity"), "nodeAffinity");
  if (p.requiredTerms !== undefined) {
    const termsPath = child(
      child(affinityPath, "requiredDuringSchedulingIgnoredDuringExecution"),
      "nodeSelectorTerms",
    );
    if (p.requiredTerms.length === 0)
      errs.push(requiredValue(termsPath, "must have at least one node selector term"));
    for (const [i, t] of p.requiredTerms.entries()) validateTerm(t, true, index(termsPath, i), errs);
  }
  const preferredPath = child(affinityPath, "preferredDuringSchedulingIgnoredDuringExecution");
  (p.preferredTerms ?? []).forEach((t, i) => {
    const termPath = index(preferredPath, i);
    if (t.weight <= 0 || t.weight > 100)
      errs.push(invalidValue(child(termPath, "weight"), t.weight, "must be in the range 1-100"));
    // upstream always allows invalid label values in preferred terms
    validateTerm(t.preference, false, child(termPath, "preference"), errs);
  });
  if (p.tolerations !== undefined && p.tolerations.length > 0) {
    validateTolerations(p.tolerations, child(specPath, "tolerations"), errs);
  }
}
