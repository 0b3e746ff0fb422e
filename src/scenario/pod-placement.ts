/**
 * Where a workload's pods may run: the pod template's `nodeSelector`, `tolerations` and node affinity, decoded
 * strictly and checked as the API server checks them on create (mirrors core/validation ValidatePodSpec's calls
 * of ValidateLabels on nodeSelector, validateAffinity -> validateNodeAffinity, ValidateNodeSelector,
 * ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement,
 * ValidatePreferredSchedulingTerms, and ValidateTolerations / validateTaintEffect), then turned into the
 * scheduler's {@link PodPlacement}.
 *
 * Only the required node affinity reaches the scheduler: preferred terms are validated and ignored (the
 * scheduler model filters, it does not score node affinity), and so are `podAffinity` / `podAntiAffinity`
 * (accepted unread). A `matchFields` requirement (only `metadata.name` exists) is matched against the node's
 * `kubernetes.io/hostname` label, which the model sets to the node name; the reader says so in a warning.
 */

import type { NodeSelectorRequirement, NodeSelectorTerm } from "../cluster/node-affinity.js";
import type { Toleration } from "../cluster/taints.js";
import type { PodPlacement } from "../engine/run-inputs.js";
import {
  child,
  type FieldPath,
  forbidden,
  formatBadValue,
  index,
  invalidValue,
  invalidValueText,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import { validateLabels } from "./label-selectors.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from "./name-validation.js";
import { isPlainObject } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";

/** core/v1 Toleration operators (TolerationOpEqual, TolerationOpExists); empty means Equal. */
export const TOLERATION_OPERATORS = ["Equal", "Exists"] as const;
/** core/v1 TaintEffect values a toleration may name, in validateTaintEffect's order; empty means every effect. */
export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
/** core/v1 NodeSelectorOperator values. */
export const NODE_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] as const;
/** The one field a node field selector may name (metav1.ObjectNameField). */
export const NODE_FIELD_SELECTOR_KEY = "metadata.name";
/** The label the model matches `matchFields` `metadata.name` against (every node carries its name in it). */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";

const TOLERATION_FIELDS = ["key", "operator", "value", "effect", "tolerationSeconds"];
const AFFINITY_FIELDS = ["nodeAffinity", "podAffinity", "podAntiAffinity"];
const NODE_AFFINITY_FIELDS = [
  "requiredDuringSchedulingIgnoredDuringExecution",
  "preferredDuringSchedulingIgnoredDuringExecution",
];
const NODE_SELECTOR_FIELDS = ["nodeSelectorTerms"];
const TERM_FIELDS = ["matchExpressions", "matchFields"];
const REQUIREMENT_FIELDS = ["key", "operator", "values"];
const PREFERRED_TERM_FIELDS = ["weight", "preference"];

/** A toleration as written (strings as is, absent = empty, as Go's zero values). */
export interface DecodedToleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
  readonly tolerationSeconds?: number;
}

/** A node selector requirement as written. */
export interface DecodedRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A node selector term as written. */
export interface DecodedTerm {
  readonly matchExpressions: readonly DecodedRequirement[];
  readonly matchFields: readonly DecodedRequirement[];
}

/** `spec.nodeSelector`, `spec.tolerations` and `spec.affinity.nodeAffinity` of a pod template, as written. */
export interface DecodedPlacement {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly DecodedToleration[];
  /** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` (present = the selector was written). */
  readonly requiredTerms?: readonly DecodedTerm[];
  readonly preferredTerms?: readonly { readonly weight: number; readonly preference: DecodedTerm }[];
}

function decodeRequirement(
  item: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): DecodedRequirement | undefined {
  const r = StrictObject.read(item, path, REQUIREMENT_FIELDS, problems);
  if (r === undefined) return undefined;
  return {
    key: r.string("key") ?? "",
    operator: r.string("operator") ?? "",
    values: r.list("values", (v, p) => StrictObject.stringAt(v, p, problems)) ?? [],
  };
}

function decodeTerm(item: unknown, path: FieldPath, problems: FieldViolation[]): DecodedTerm {
  const t = StrictObject.read(item, path, TERM_FIELDS, problems);
  const read = (v: unknown, p: FieldPath) => decodeRequirement(v, p, problems);
  return {
    matchExpressions: t?.list("matchExpressions", read) ?? [],
    matchFields: t?.list("matchFields", read) ?? [],
  };
}

function decodeToleration(
  item: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): DecodedToleration | undefined {
  const t = StrictObject.read(item, path, TOLERATION_FIELDS, problems);
  if (t === undefined) return undefined;
  const seconds = t.int64("tolerationSeconds");
  return {
    key: t.string("key") ?? "",
    operator: t.string("operator") ?? "",
    value: t.string("value") ?? "",
    effect: t.string("effect") ?? "",
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  };
}

/**
 * Decodes the placement fields of a pod spec (`spec`, the raw `spec.template.spec`, at `specPath`); type
 * errors and unknown fields are collected in `problems`. Other pod spec fields are not looked at.
 */
export function decodePodPlacement(
  spec: unknown,
  specPath: FieldPath,
  problems: FieldViolation[],
): DecodedPlacement {
  if (!isPlainObject(spec)) return {};
  const s = new StrictObject(spec, specPath, problems);
  const out: { -readonly [K in keyof DecodedPlacement]: DecodedPlacement[K] } = {};
  const nodeSelector = s.stringMap("nodeSelector");
  if (nodeSelector !== undefined) out.nodeSelector = nodeSelector;
  const tolerations = s.list("tolerations", (v, p) => decodeToleration(v, p, problems));
  if (tolerations !== undefined) out.tolerations = tolerations;
  const nodeAffinity = s.object("affinity", AFFINITY_FIELDS)?.object("nodeAffinity", NODE_AFFINITY_FIELDS);
  const required = nodeAffinity?.object(
    "requiredDuringSchedulingIgnoredDuringExecution",
    NODE_SELECTOR_FIELDS,
  );
  if (required !== undefined) {
    out.requiredTerms = required.list("nodeSelectorTerms", (v, p) => decodeTerm(v, p, problems)) ?? [];
  }
  const preferred = nodeAffinity?.list("preferredDuringSchedulingIgnoredDuringExecution", (v, p) => {
    const t = StrictObject.read(v, p, PREFERRED_TERM_FIELDS, problems);
    if (t === undefined) return undefined;
    return {
      weight: t.int32("weight") ?? 0,
      preference: decodeTerm(t.fields.preference, child(p, "preference"), problems),
    };
  });
  if (preferred !== undefined) out.preferredTerms = preferred;
  return out;
}

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

function toToleration(t: DecodedToleration): Toleration {
  return {
    ...(t.key !== "" ? { key: t.key } : {}),
    ...(t.operator !== "" ? { operator: t.operator as "Equal" | "Exists" } : {}),
    ...(t.value !== "" ? { value: t.value } : {}),
    ...(t.effect !== "" ? { effect: t.effect as NonNullable<Toleration["effect"]> } : {}),
  };
}

/** A valid requirement as the scheduler's type (`matchFields` `metadata.name` -> the hostname label). */
function toRequirement(rq: DecodedRequirement, field: boolean): NodeSelectorRequirement {
  return {
    key: field ? HOSTNAME_LABEL : rq.key,
    operator: rq.operator as NodeSelectorRequirement["operator"],
    ...(rq.values.length > 0 ? { values: [...rq.values] } : {}),
  };
}

function toTerm(term: DecodedTerm): NodeSelectorTerm {
  const reqs = [
    ...term.matchExpressions.map((rq) => toRequirement(rq, false)),
    ...term.matchFields.map((rq) => toRequirement(rq, true)),
  ];
  return reqs.length > 0 ? { matchExpressions: reqs } : {};
}

/**
 * The validated placement as the scheduler reads it, or undefined when nothing constrains placement (no
 * selector pairs, no tolerations, no required node affinity). Appends to `warnings` one line per `matchFields`
 * requirement (matched against the hostname label). Call only after {@link validatePodPlacement} found nothing.
 */
export function toPodPlacement(
  p: DecodedPlacement,
  specPath: FieldPath,
  warnings: string[],
): PodPlacement | undefined {
  const out: { -readonly [K in keyof PodPlacement]: PodPlacement[K] } = {};
  if (p.nodeSelector !== undefined && Object.keys(p.nodeSelector).length > 0)
    out.nodeSelector = { ...p.nodeSelector };
  if (p.tolerations !== undefined && p.tolerations.length > 0)
    out.tolerations = p.tolerations.map(toToleration);
  if (p.requiredTerms !== undefined) {
    const termsPath = child(
      child(
        child(child(specPath, "affinity"), "nodeAffinity"),
        "requiredDuringSchedulingIgnoredDuringExecution",
      ),
      "nodeSelectorTerms",
    );
    p.requiredTerms.forEach((t, i) => {
      t.matchFields.forEach((rq, j) => {
        warnings.push(
          `${index(child(index(termsPath, i), "matchFields"), j)}: ${NODE_FIELD_SELECTOR_KEY} ${rq.operator} ${formatBadValue(rq.values)} is matched against the node label ${HOSTNAME_LABEL} (the node name in the model)`,
        );
      });
    });
    out.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: p.requiredTerms.map(toTerm) },
      },
    };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
