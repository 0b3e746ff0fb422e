/**
 * Where a workload's pods may run, as written: the pod template's `nodeSelector`, `tolerations` and node
 * affinity, decoded strictly (type errors and unknown fields collected as field violations). `podAffinity` /
 * `podAntiAffinity` are accepted unread. The API server's checks are in pod-placement-validate.ts, the
 * scheduler's `PodPlacement` is made in pod-placement-convert.ts.
 */

import { child, type FieldPath } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";

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
