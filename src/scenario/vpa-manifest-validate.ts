/**
 * The VPA admission webhook's checks of a decoded VerticalPodAutoscaler (mirrors
 * admission-controller/resource/vpa/validation.go), with its field paths and messages.
 */
import type { QuantityInput } from "../hpa/api-types.js";
import { parseQuantityRational } from "../units/quantity.js";
import {
  child,
  type FieldPath,
  forbidden,
  invalidValue,
  key,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { canonicalQuantity } from "./quantity-string.js";
import type { StrictObject } from "./strict-reader.js";
import type { DecodedContainerPolicy } from "./vpa-manifest.js";
import {
  ALL_UPDATE_MODES,
  SUPPORTED_SCALING_MODES,
  SUPPORTED_UPDATE_MODES,
  type VpaFeatureGates,
} from "./vpa-manifest-types.js";

// mirrors validation.go validateVPASpecUpdatePolicy
export function validateUpdatePolicy(
  mode: string | undefined,
  minReplicas: number | undefined,
  updatePolicy: StrictObject,
  gates: VpaFeatureGates,
  errs: FieldViolation[],
): void {
  const path = "spec.updatePolicy.updateMode";
  if (mode === undefined) {
    errs.push(requiredValue(path, "updateMode is required if UpdatePolicy is used"));
  } else {
    if (!ALL_UPDATE_MODES.includes(mode)) errs.push(notSupported(path, mode, SUPPORTED_UPDATE_MODES));
    const gateOff = (gate: "InPlaceOrRecreate" | "InPlace") =>
      mode === gate && (gate === "InPlace" ? gates.InPlace !== true : gates.InPlaceOrRecreate === false);
    for (const gate of ["InPlaceOrRecreate", "InPlace"] as const) {
      if (gateOff(gate)) {
        errs.push(
          forbidden(
            path,
            `in order to use UpdateMode ${gate}, you must enable feature gate ${gate} in the admission-controller args`,
          ),
        );
      }
    }
  }
  if (minReplicas !== undefined && minReplicas <= 0) {
    errs.push(invalidValue("spec.updatePolicy.minReplicas", minReplicas, "minReplicas has to be positive"));
  }
  const evictAfter = updatePolicy.fields.evictAfterOOMSeconds;
  if (evictAfter !== undefined && evictAfter !== null) {
    errs.push(
      forbidden(
        "spec.updatePolicy.evictAfterOOMSeconds",
        "not supported when feature flag PerVPAConfig is disabled",
      ),
    );
  }
}

/** Whether a quantity keeps its value at the given scale (apimachinery Quantity.AsScale precision check). */
function wholeAt(q: QuantityInput, unitsPerOne: bigint): boolean {
  const r = parseQuantityRational(q);
  return (r.num * unitsPerOne) % r.den === 0n;
}

function compareQuantities(a: QuantityInput, b: QuantityInput): number {
  const x = parseQuantityRational(a);
  const y = parseQuantityRational(b);
  const d = x.num * y.den - y.num * x.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

// mirrors validation.go validateResourceResolution
function validateResolution(path: FieldPath, resource: string, q: QuantityInput, errs: FieldViolation[]) {
  if (resource === "cpu" && !wholeAt(q, 1000n)) {
    errs.push(invalidValue(path, canonicalQuantity(q), "must be a whole number of milli CPUs"));
  }
  if (resource === "memory" && !wholeAt(q, 1n)) {
    errs.push(invalidValue(path, canonicalQuantity(q), "must be a whole number of bytes"));
  }
}

// mirrors validation.go validateVPASpecResourcePolicy (map keys in sorted order, for a stable report)
export function validateContainerPolicy(p: DecodedContainerPolicy, errs: FieldViolation[]): void {
  if (p.containerName === undefined || p.containerName === "") {
    errs.push(requiredValue(child(p.path, "containerName")));
  }
  if (p.mode !== undefined && !SUPPORTED_SCALING_MODES.includes(p.mode)) {
    errs.push(notSupported(child(p.path, "mode"), p.mode, SUPPORTED_SCALING_MODES));
  }
  for (const [resource, min] of Object.entries(p.minAllowed).sort(([a], [b]) => a.localeCompare(b))) {
    validateResolution(key(child(p.path, "minAllowed"), resource), resource, min, errs);
    const max = p.maxAllowed[resource];
    if (max !== undefined && compareQuantities(max, min) < 0) {
      errs.push(
        invalidValue(
          key(child(p.path, "maxAllowed"), resource),
          canonicalQuantity(max),
          `max resource for ${resource} is lower than min of "${canonicalQuantity(min)}"`,
        ),
      );
    }
  }
  for (const [resource, max] of Object.entries(p.maxAllowed).sort(([a], [b]) => a.localeCompare(b))) {
    validateResolution(key(child(p.path, "maxAllowed"), resource), resource, max, errs);
  }
  if (p.mode === "Off" && p.controlledValues === "RequestsAndLimits") {
    errs.push(
      forbidden(
        child(p.path, "controlledValues"),
        "controlledValues shouldn't be specified if container scaling mode is off",
      ),
    );
  }
  for (const field of p.gated) {
    errs.push(
      forbidden(
        child(p.path, field),
        field === "startupBoost"
          ? "in order to use startupBoost, you must enable feature gate CPUStartupBoost in the admission-controller args"
          : "not supported when feature flag PerVPAConfig is disabled",
      ),
    );
  }
}
