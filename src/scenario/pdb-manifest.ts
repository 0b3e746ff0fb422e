/**
 * Parsed manifest documents -> the PodDisruptionBudgets (`policy/v1`) the replay honours, decoded strictly and
 * checked as the API server would on create (mirrors pkg/apis/policy/validation ValidatePodDisruptionBudget and
 * ValidatePodDisruptionBudgetSpec, with apps/validation ValidatePositiveIntOrPercent and
 * IsNotMoreThan100Percent). The status is not read: the replay computes it as the disruption controller does
 * (src/cluster/disruption-budget.ts).
 */

import type { DisruptionBudgetSpec, IntOrPercent } from "../cluster/disruption-budget.js";
import { OBJECT_META_FIELDS, TOP_LEVEL_FIELDS } from "./decode-hpa-v2.js";
import {
  type FieldPath,
  invalidValue,
  invalidValueText,
  notSupported,
  requiredValue,
  wrongType,
} from "./field-violations.js";
import { decodeLabelSelector, labelSelectorString, validateLabelSelector } from "./label-selectors.js";
import { type FieldViolation, InputError, type ObjectIdentity } from "./manifest-errors.js";
import { validateObjectMeta } from "./name-validation.js";
import { selectObjects } from "./read-manifests.js";
import { StrictObject } from "./strict-reader.js";

export const PDB_KIND = "PodDisruptionBudget";
export const PDB_API_VERSION = "policy/v1";
const SPEC_FIELDS = ["minAvailable", "maxUnavailable", "selector", "unhealthyPodEvictionPolicy"];
const POLICIES = ["AlwaysAllow", "IfHealthyBudget"] as const;
const PERCENT_RE = /^[0-9]+%$/;

/** A budget as read from a manifest, with the file it came from. */
export interface PdbManifest extends DisruptionBudgetSpec {
  readonly file: string;
}

/**
 * Selects the PodDisruptionBudgets among `docs` (other kinds are skipped) and returns them validated, in document
 * order. Throws {@link InputError} for the first object the API server would reject, listing its violations, e.g.
 * `pdb.yaml: PodDisruptionBudget "web": spec: Invalid value: ...: minAvailable and maxUnavailable cannot be both set`.
 */
export function readPodDisruptionBudgets(docs: readonly unknown[], file: string): PdbManifest[] {
  return selectObjects(docs, file, [PDB_KIND]).map((o) => readOne(o.doc, o.position, file));
}

function readOne(doc: Readonly<Record<string, unknown>>, position: number, file: string): PdbManifest {
  const problems: FieldViolation[] = [];
  const top = StrictObject.read(doc, "", TOP_LEVEL_FIELDS, problems);
  const metadata = top?.object("metadata", OBJECT_META_FIELDS);
  const name = metadata?.string("name") ?? "";
  const identity: ObjectIdentity = { kind: PDB_KIND, name, position };
  if (doc.apiVersion !== PDB_API_VERSION) {
    const violation =
      doc.apiVersion === undefined || doc.apiVersion === ""
        ? requiredValue("apiVersion", `supported values: "${PDB_API_VERSION}"`)
        : notSupported("apiVersion", doc.apiVersion, [PDB_API_VERSION]);
    throw InputError.fromViolations(file, identity, [violation]);
  }
  metadata?.stringMap("labels");
  metadata?.stringMap("annotations");
  const namespace = metadata?.string("namespace");
  const spec = top?.object("spec", SPEC_FIELDS);
  const minAvailable = intOrPercent(spec?.fields.minAvailable, "spec.minAvailable", problems);
  const maxUnavailable = intOrPercent(spec?.fields.maxUnavailable, "spec.maxUnavailable", problems);
  const selector = decodeLabelSelector(spec?.fields.selector, "spec.selector", problems);
  const policy = spec?.string("unhealthyPodEvictionPolicy");
  if (problems.length > 0) throw InputError.fromViolations(file, identity, problems);

  const errs: FieldViolation[] = [];
  validateObjectMeta(name, namespace, errs);
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    errs.push(invalidValueText("spec", "{...}", "minAvailable and maxUnavailable cannot be both set"));
  }
  validateIntOrPercent(minAvailable, "spec.minAvailable", errs);
  validateIntOrPercent(maxUnavailable, "spec.maxUnavailable", errs);
  if (selector !== undefined) validateLabelSelector(selector, "spec.selector", errs);
  if (policy !== undefined && !(POLICIES as readonly string[]).includes(policy)) {
    errs.push(notSupported("spec.unhealthyPodEvictionPolicy", policy, POLICIES));
  }
  if (errs.length > 0) throw InputError.fromViolations(file, identity, errs);
  return {
    name,
    namespace: namespace === undefined || namespace === "" ? "default" : namespace,
    // LabelSelectorAsSelector: no selector selects nothing, an empty one everything
    selector: selector === undefined ? null : labelSelectorString(selector),
    ...(minAvailable !== undefined ? { minAvailable: minAvailable.value } : {}),
    ...(maxUnavailable !== undefined ? { maxUnavailable: maxUnavailable.value } : {}),
    unhealthyPodEvictionPolicy: (policy ?? "IfHealthyBudget") as PdbManifest["unhealthyPodEvictionPolicy"],
    file,
  };
}

/** An IntOrString field as written (`raw` for messages) and its value (a malformed percent is reported later). */
interface DecodedIntOrPercent {
  readonly raw: number | string;
  readonly value: IntOrPercent;
  readonly validPercent: boolean;
}

function intOrPercent(
  raw: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): DecodedIntOrPercent | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "number" && Number.isInteger(raw) && Math.abs(raw) <= 2 ** 31 - 1) {
    return { raw, value: { int: raw }, validPercent: true };
  }
  if (typeof raw === "string") {
    const ok = PERCENT_RE.test(raw);
    return { raw, value: { percent: ok ? Number.parseInt(raw, 10) : 0 }, validPercent: ok };
  }
  problems.push(wrongType(path, raw, 'an integer or a percentage such as "25%"'));
  return undefined;
}

/** mirrors apps/validation ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function validateIntOrPercent(
  v: DecodedIntOrPercent | undefined,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  if (v === undefined) return;
  if (!v.validPercent) {
    errs.push(
      invalidValue(
        path,
        v.raw,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    );
    return;
  }
  if ("int" in v.value && v.value.int < 0)
    errs.push(invalidValue(path, v.raw, "must be greater than or equal to 0"));
  if ("percent" in v.value && v.value.percent > 100)
    errs.push(invalidValue(path, v.raw, "must not be greater than 100%"));
}
