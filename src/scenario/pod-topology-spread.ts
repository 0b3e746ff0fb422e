/**
 * A pod template's `topologySpreadConstraints`: decoded strictly, checked as the API server checks a pod spec
 * (mirrors core/validation validateTopologySpreadConstraints with ValidateMaxSkew, ValidateTopologyKey,
 * ValidateWhenUnsatisfiable, ValidateSpreadConstraintNotRepeat, validateMinDomains,
 * validateNodeInclusionPolicy, validateMatchLabelKeysInTopologySpread and metav1 ValidateLabelSelector), then
 * handed to the scheduler as written (src/cluster/scheduler-spread.ts builds the selectors per pod).
 */

import type { TopologySpreadSpec } from "../cluster/scheduler-spread.js";
import type { LabelSelector } from "../hpa/api-types.js";
import {
  child,
  duplicate,
  type FieldPath,
  forbidden,
  index,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import { decodeLabelSelector, validateLabelSelector } from "./label-selectors.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isQualifiedName } from "./name-validation.js";
import { isPlainObject } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";

/** Every field of core/v1 TopologySpreadConstraint (Kubernetes 1.35). */
// biome-ignore format: packed list
const CONSTRAINT_FIELDS = [
  "maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains", "nodeAffinityPolicy",
  "nodeTaintsPolicy", "matchLabelKeys",
];
/** core/validation supportedScheduleActions, sorted as sets.List gives them. */
export const WHEN_UNSATISFIABLE_VALUES = ["DoNotSchedule", "ScheduleAnyway"] as const;
/** core/validation supportedPodTopologySpreadNodePolicies, sorted. */
export const NODE_INCLUSION_POLICIES = ["Honor", "Ignore"] as const;
/** core/validation isNotPositiveErrorMsg. */
const NOT_POSITIVE = "must be greater than zero";

/** A constraint as written (Go's zero values for absent scalars; pointers stay absent). */
export interface DecodedSpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly labelSelector?: LabelSelector;
  readonly minDomains?: number;
  readonly nodeAffinityPolicy?: string;
  readonly nodeTaintsPolicy?: string;
  readonly matchLabelKeys?: readonly string[];
}

/** Decodes `spec.topologySpreadConstraints` of the raw pod spec at `specPath`; undefined when absent. */
export function decodeTopologySpread(
  spec: unknown,
  specPath: FieldPath,
  problems: FieldViolation[],
): DecodedSpreadConstraint[] | undefined {
  if (!isPlainObject(spec)) return undefined;
  const s = new StrictObject(spec, specPath, problems);
  return s.list("topologySpreadConstraints", (item, path) => {
    const c = StrictObject.read(item, path, CONSTRAINT_FIELDS, problems);
    if (c === undefined) return undefined;
    const labelSelector = decodeLabelSelector(c.fields.labelSelector, child(path, "labelSelector"), problems);
    const minDomains = c.int32("minDomains");
    const nodeAffinityPolicy = c.string("nodeAffinityPolicy");
    const nodeTaintsPolicy = c.string("nodeTaintsPolicy");
    const matchLabelKeys = c.list("matchLabelKeys", (v, p) => StrictObject.stringAt(v, p, problems));
    return {
      maxSkew: c.int32("maxSkew") ?? 0,
      topologyKey: c.string("topologyKey") ?? "",
      whenUnsatisfiable: c.string("whenUnsatisfiable") ?? "",
      ...(labelSelector !== undefined ? { labelSelector } : {}),
      ...(minDomains !== undefined ? { minDomains } : {}),
      ...(nodeAffinityPolicy !== undefined ? { nodeAffinityPolicy } : {}),
      ...(nodeTaintsPolicy !== undefined ? { nodeTaintsPolicy } : {}),
      ...(matchLabelKeys !== undefined ? { matchLabelKeys } : {}),
    };
  });
}

/** validateNodeInclusionPolicy: Honor or Ignore when set. */
function validatePolicy(policy: string | undefined, path: FieldPath, errs: FieldViolation[]): void {
  if (policy !== undefined && !(NODE_INCLUSION_POLICIES as readonly string[]).includes(policy))
    errs.push(notSupported(path, policy, NODE_INCLUSION_POLICIES));
}

/** validateMatchLabelKeysInTopologySpread: label names, not in the labelSelector, and only with one. */
function validateMatchLabelKeys(c: DecodedSpreadConstraint, path: FieldPath, errs: FieldViolation[]): void {
  const keys = c.matchLabelKeys ?? [];
  if (keys.length === 0) return;
  const selectorKeys = new Set<string>();
  if (c.labelSelector !== undefined) {
    for (const k of Object.keys(c.labelSelector.matchLabels ?? {})) selectorKeys.add(k);
    for (const e of c.labelSelector.matchExpressions ?? []) selectorKeys.add(e.key);
  } else {
    errs.push(forbidden(path, "must not be specified when labelSelector is not set"));
  }
  keys.forEach((key, i) => {
    for (const msg of isQualifiedName(key)) errs.push(invalidValue(index(path, i), key, msg));
    if (selectorKeys.has(key))
      errs.push(invalidValue(index(path, i), key, "exists in both matchLabelKeys and labelSelector"));
  });
}

/** The API server's checks on the constraints, in validateTopologySpreadConstraints' order. */
export function validateTopologySpread(
  constraints: readonly DecodedSpreadConstraint[],
  specPath: FieldPath,
  errs: FieldViolation[],
): void {
  const listPath = child(specPath, "topologySpreadConstraints");
  constraints.forEach((c, i) => {
    const path = index(listPath, i);
    // ValidateMaxSkew
    if (c.maxSkew <= 0) errs.push(invalidValue(child(path, "maxSkew"), c.maxSkew, NOT_POSITIVE));
    // ValidateTopologyKey
    if (c.topologyKey === "") errs.push(requiredValue(child(path, "topologyKey"), "can not be empty"));
    // ValidateWhenUnsatisfiable
    if (!(WHEN_UNSATISFIABLE_VALUES as readonly string[]).includes(c.whenUnsatisfiable))
      errs.push(
        notSupported(child(path, "whenUnsatisfiable"), c.whenUnsatisfiable, WHEN_UNSATISFIABLE_VALUES),
      );
    // ValidateSpreadConstraintNotRepeat: {topologyKey, whenUnsatisfiable} once (the earlier entry is flagged)
    const rest = constraints.slice(i + 1);
    if (rest.some((r) => r.topologyKey === c.topologyKey && r.whenUnsatisfiable === c.whenUnsatisfiable))
      errs.push(
        duplicate(
          child(path, "{topologyKey, whenUnsatisfiable}"),
          `{${c.topologyKey}, ${c.whenUnsatisfiable}}`,
        ),
      );
    // validateMinDomains
    if (c.minDomains !== undefined) {
      const minPath = child(path, "minDomains");
      if (c.minDomains <= 0) errs.push(invalidValue(minPath, c.minDomains, NOT_POSITIVE));
      if (c.whenUnsatisfiable !== "DoNotSchedule")
        errs.push(
          invalidValue(
            minPath,
            c.minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`,
          ),
        );
    }
    validatePolicy(c.nodeAffinityPolicy, child(path, "nodeAffinityPolicy"), errs);
    validatePolicy(c.nodeTaintsPolicy, child(path, "nodeTaintsPolicy"), errs);
    validateMatchLabelKeys(c, child(path, "matchLabelKeys"), errs);
    if (c.labelSelector !== undefined)
      validateLabelSelector(c.labelSelector, child(path, "labelSelector"), errs);
  });
}

/** The validated constraints as the scheduler takes them (call only when validation found nothing). */
export function toTopologySpreadSpecs(constraints: readonly DecodedSpreadConstraint[]): TopologySpreadSpec[] {
  type Policy = NonNullable<TopologySpreadSpec["nodeAffinityPolicy"]>;
  return constraints.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    whenUnsatisfiable: c.whenUnsatisfiable as TopologySpreadSpec["whenUnsatisfiable"],
    ...(c.labelSelector !== undefined ? { labelSelector: c.labelSelector } : {}),
    ...(c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
    ...(c.nodeAffinityPolicy !== undefined ? { nodeAffinityPolicy: c.nodeAffinityPolicy as Policy } : {}),
    ...(c.nodeTaintsPolicy !== undefined ? { nodeTaintsPolicy: c.nodeTaintsPolicy as Policy } : {}),
    ...(c.matchLabelKeys !== undefined && c.matchLabelKeys.length > 0
      ? { matchLabelKeys: c.matchLabelKeys }
      : {}),
  }));
}
