/** Checks shared by the HPA spec and its metrics (kubernetes pkg/apis/autoscaling/validation/validation.go). */
import type { CrossVersionObjectReference } from "../hpa/api-types.js";
import { parseQuantityRational } from "../units/quantity.js";
import { child, type FieldPath, invalidValue, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isValidPathSegmentName, parseGroupVersion } from "./name-validation.js";

/**
 * Kind and name required and usable as URL path segments; apiVersion a valid group/version, with a
 * group unless `allowEmptyAPIGroup` (mirrors validation.go ValidateCrossVersionObjectReference, ValidateAPIVersion).
 */
export function validateCrossVersionObjectReference(
  ref: CrossVersionObjectReference,
  path: FieldPath,
  allowEmptyAPIGroup: boolean,
  errs: FieldViolation[],
): void {
  for (const key of ["kind", "name"] as const) {
    const value = ref[key];
    if (value === "") {
      errs.push(requiredValue(child(path, key)));
      continue;
    }
    for (const msg of isValidPathSegmentName(value)) errs.push(invalidValue(child(path, key), value, msg));
  }
  const apiVersion = ref.apiVersion ?? "";
  const groupVersion = parseGroupVersion(apiVersion);
  if (typeof groupVersion === "string") {
    errs.push(invalidValue(child(path, "apiVersion"), apiVersion, groupVersion));
  } else if (!allowEmptyAPIGroup && groupVersion.group === "") {
    errs.push(invalidValue(child(path, "apiVersion"), apiVersion, "apiVersion must specify API group"));
  }
}

/** -1, 0 or 1 (mirrors resource.Quantity.Sign); undefined when the value is not a quantity. */
export function quantitySign(quantity: string | number): -1 | 0 | 1 | undefined {
  try {
    const { num } = parseQuantityRational(quantity);
    return num > 0n ? 1 : num < 0n ? -1 : 0;
  } catch {
    return undefined;
  }
}
