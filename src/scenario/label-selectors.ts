/**
 * Labels and label selectors of workloads, checked as the API server checks them
 * (apimachinery metav1/validation ValidateLabels, ValidateLabelSelector) and turned into the selector string
 * the scale subresource reports as `status.selector` (mirrors metav1.LabelSelectorAsSelector + String()).
 */
import type { LabelSelector, LabelSelectorRequirement } from "../hpa/api-types.js";
import { child, type FieldPath, forbidden, index, invalidValue, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isQualifiedName, isValidLabelValue } from "./name-validation.js";
import { StrictObject } from "./strict-reader.js";

const SELECTOR_FIELDS = ["matchLabels", "matchExpressions"];
const REQUIREMENT_FIELDS = ["key", "operator", "values"];

/** Decodes a metav1.LabelSelector strictly; undefined when absent or null. */
export function decodeLabelSelector(
  raw: unknown,
  path: FieldPath,
  problems: FieldViolation[],
): LabelSelector | undefined {
  const obj = StrictObject.read(raw, path, SELECTOR_FIELDS, problems);
  if (obj === undefined) return undefined;
  const out: LabelSelector = {};
  const matchLabels = obj.stringMap("matchLabels");
  if (matchLabels !== undefined) out.matchLabels = matchLabels;
  const expressions = obj.list("matchExpressions", (item, itemPath) => {
    const r = StrictObject.read(item, itemPath, REQUIREMENT_FIELDS, problems);
    if (r === undefined) return undefined;
    const req: LabelSelectorRequirement = {
      key: r.string("key") ?? "",
      operator: (r.string("operator") ?? "") as LabelSelectorRequirement["operator"],
    };
    const values = r.list("values", (v, p) => StrictObject.stringAt(v, p, problems));
    if (values !== undefined) req.values = values;
    return req;
  });
  if (expressions !== undefined) out.matchExpressions = expressions;
  return out;
}

/** mirrors metav1/validation ValidateLabels: keys are qualified names, values label values (in key order). */
export function validateLabels(
  labels: Readonly<Record<string, string>>,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  for (const k of Object.keys(labels).sort()) {
    for (const msg of isQualifiedName(k)) errs.push(invalidValue(path, k, msg));
    const v = labels[k] ?? "";
    for (const msg of isValidLabelValue(v)) errs.push(invalidValue(path, v, msg));
  }
}

/**
 * mirrors metav1/validation ValidateLabelSelector and ValidateLabelSelectorRequirement with
 * AllowInvalidLabelValueInSelector false (what every create gets): matchLabels, then each requirement's
 * operator and values, key, and its values as label values.
 */
export function validateLabelSelector(
  selector: LabelSelector,
  path: FieldPath,
  errs: FieldViolation[],
): void {
  validateLabels(selector.matchLabels ?? {}, child(path, "matchLabels"), errs);
  (selector.matchExpressions ?? []).forEach((req, i) => {
    const reqPath = index(child(path, "matchExpressions"), i);
    const op: string = req.operator;
    const count = req.values?.length ?? 0;
    if (op === "In" || op === "NotIn") {
      if (count === 0) {
        errs.push(
          requiredValue(child(reqPath, "values"), "must be specified when `operator` is 'In' or 'NotIn'"),
        );
      }
    } else if (op === "Exists" || op === "DoesNotExist") {
      if (count > 0) {
        errs.push(
          forbidden(
            child(reqPath, "values"),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      }
    } else {
      errs.push(invalidValue(child(reqPath, "operator"), op, "not a valid selector operator"));
    }
    for (const msg of isQualifiedName(req.key)) errs.push(invalidValue(child(reqPath, "key"), req.key, msg));
    (req.values ?? []).forEach((v, j) => {
      for (const msg of isValidLabelValue(v))
        errs.push(invalidValue(index(child(reqPath, "values"), j), v, msg));
    });
  });
}

/**
 * The selector as a string, requirements sorted by key and `in`/`notin` values sorted, as Go's
 * labels.Selector.String() prints it: `app=web,tier in (back,front),!legacy`. Empty for an empty selector.
 */
export function labelSelectorString(selector: LabelSelector): string {
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const req of selector.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort().join(",");
    const text =
      req.operator === "In"
        ? `${req.key} in (${values})`
        : req.operator === "NotIn"
          ? `${req.key} notin (${values})`
          : req.operator === "Exists"
            ? req.key
            : `!${req.key}`;
    parts.push({ key: req.key, text });
  }
  // Array.prototype.sort is stable: requirements on one key keep their order.
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(",");
}

/** Go's `%#v` of a `map[string]string` (keys sorted), as field.Invalid prints a labels value. */
export function goStringMap(map: Readonly<Record<string, string>>): string {
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`);
  return `map[string]string{${entries.join(", ")}}`;
}
