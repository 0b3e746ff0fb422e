/**
 * Container and pod-level `resources` (core/v1 ResourceRequirements): strict decoding, then the API server's
 * checks with its messages (mirrors core/validation ValidateResourceRequirements, ValidateResourceQuantityValue,
 * validateContainerResourceName, validatePodResourceName), then exact milli-units for the model.
 */

import type { QuantityInput } from "../hpa/api-types.js";
import type { ResourceList } from "../hpa/types.js";
import { parseMilli, parseQuantityRational } from "../units/quantity.js";
import { child, type FieldPath, invalidValue, key, notSupported, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isContainerResourceName } from "./name-validation.js";
import { canonicalQuantity } from "./quantity-string.js";
import { decodeResourceList } from "./resource-list.js";
import { StrictObject } from "./strict-reader.js";

/** Requests and limits as written (quantities), by resource name. */
export interface DecodedResources {
  readonly requests: Readonly<Record<string, QuantityInput>>;
  readonly limits: Readonly<Record<string, QuantityInput>>;
}

/** Whose resources: a container's, or the pod's (spec.resources, gate PodLevelResources). */
export type ResourceOwner = "container" | "pod";

const RESOURCES_FIELDS = ["limits", "requests", "claims"];

/** Decodes `resources` strictly (`claims` accepted, not modelled); absent -> no requests, no limits. */
export function decodeResources(raw: unknown, path: FieldPath, problems: FieldViolation[]): DecodedResources {
  const obj = StrictObject.read(raw, path, RESOURCES_FIELDS, problems);
  return {
    requests: decodeResourceList(obj?.fields.requests, child(path, "requests"), problems),
    limits: decodeResourceList(obj?.fields.limits, child(path, "limits"), problems),
  };
}

/** mirrors v1helper.IsNativeResource: unprefixed, or prefixed with `kubernetes.io/`. */
function isNativeResource(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

/** mirrors v1helper.IsOvercommitAllowed: native and not huge pages. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !name.startsWith("hugepages-");
}

/** mirrors helper.IsIntegerResourceName: extended resources must be whole numbers. */
function isIntegerResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith("requests.");
}

const POD_LEVEL_RESOURCES = ["cpu", "memory"];

/** Every rule the API server checks on one ResourceRequirements, limits first, then requests (in name order). */
export function validateResources(
  resources: DecodedResources,
  path: FieldPath,
  owner: ResourceOwner,
  errs: FieldViolation[],
): void {
  const limPath = child(path, "limits");
  const reqPath = child(path, "requests");
  for (const name of Object.keys(resources.limits).sort()) {
    validateQuantityValue(name, resources.limits[name] ?? 0, key(limPath, name), owner, errs);
  }
  for (const name of Object.keys(resources.requests).sort()) {
    const quantity = resources.requests[name] ?? 0;
    validateQuantityValue(name, quantity, key(reqPath, name), owner, errs);
    const limit = resources.limits[name];
    const shown = canonicalQuantity(quantity);
    if (limit !== undefined) {
      const cmp = compare(quantity, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        const detail = `must be equal to ${name} limit of ${canonicalQuantity(limit)}`;
        errs.push(invalidValue(reqPath, shown, detail));
      } else if (cmp > 0) {
        const detail = `must be less than or equal to ${name} limit of ${canonicalQuantity(limit)}`;
        errs.push(invalidValue(reqPath, shown, detail));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(requiredValue(limPath, "Limit must be set for non overcommitable resources"));
    }
  }
}

function validateQuantityValue(
  name: string,
  quantity: QuantityInput,
  path: FieldPath,
  owner: ResourceOwner,
  errs: FieldViolation[],
): void {
  if (owner === "container") {
    for (const msg of isContainerResourceName(name)) errs.push(invalidValue(path, name, msg));
  } else if (!POD_LEVEL_RESOURCES.includes(name) && !name.startsWith("hugepages-")) {
    errs.push(notSupported(path, name, POD_LEVEL_RESOURCES));
  }
  const milli = parseMilli(quantity);
  // mirrors ValidateNonnegativeQuantity
  if (milli < 0n)
    errs.push(invalidValue(path, canonicalQuantity(quantity), "must be greater than or equal to 0"));
  if (isIntegerResource(name) && milli % 1000n !== 0n) {
    errs.push(invalidValue(path, canonicalQuantity(quantity), "must be an integer"));
  }
}

/** -1, 0 or 1 comparing two valid quantities exactly (mirrors Quantity.Cmp). */
function compare(a: QuantityInput, b: QuantityInput): number {
  const x = parseQuantityRational(a);
  const y = parseQuantityRational(b);
  const l = x.num * y.den;
  const r = y.num * x.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Resource name -> exact milli-units (cpu in millicores, memory in milli-bytes), via parseMilli. */
export function toResourceList(quantities: Readonly<Record<string, QuantityInput>>): ResourceList {
  const out: Record<string, bigint> = {};
  for (const name of Object.keys(quantities).sort()) out[name] = parseMilli(quantities[name] ?? 0);
  return out;
}
