/**
 * New limits that keep the original limit : request ratio (mirrors pkg/utils/vpa/limit_and_request_scaling.go),
 * on exact quantities: CPU is scaled in millicores, memory in whole bytes, with big-integer products
 * and floor division; a result beyond int64 is capped to MaxInt64 (milli-units for CPU, bytes for
 * memory) with an annotation.
 */
import { ceilDiv, INT64_MAX, INT64_MIN, type Rational } from "../units/quantity.js";
import type { ResourceName } from "./types.js";

/** A Kubernetes quantity as an exact rational number of cores or bytes. */
export type Quantity = Rational;

/** Quantity.Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return ceilDiv(q.num, q.den);
}

/** Quantity.MilliValue(): milli-units, rounded up. */
export function quantityMilliValue(q: Quantity): bigint {
  return ceilDiv(q.num * 1000n, q.den);
}

/** A quantity of `milli` milli-units (resource.NewMilliQuantity). */
export function milliQuantity(milli: bigint): Quantity {
  return { num: milli, den: 1000n };
}

/** A quantity of `value` whole units (resource.NewQuantity). */
export function unitQuantity(value: bigint): Quantity {
  return { num: value, den: 1n };
}

function fitsInt64(v: bigint): boolean {
  return v >= INT64_MIN && v <= INT64_MAX;
}

/** Go big.Int Div/DivMod: Euclidean division (floor for a positive divisor). */
function euclidDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * scaled × result / base in milli-units, floored; MaxInt64 milli when the quotient leaves int64
 * (mirrors scaleQuantityProportionallyCPU with noRounding).
 */
function scaleQuantityProportionallyCPU(scaled: Quantity, base: Quantity, result: Quantity) {
  const quotient = euclidDiv(
    quantityMilliValue(scaled) * quantityMilliValue(result),
    quantityMilliValue(base),
  );
  if (fitsInt64(quotient)) return { quantity: milliQuantity(quotient), capped: false };
  return { quantity: milliQuantity(INT64_MAX), capped: true };
}

/** scaled × result / base in whole units, floored; MaxInt64 when it leaves int64 (mirrors scaleQuantityProportionallyMem with noRounding). */
function scaleQuantityProportionallyMem(scaled: Quantity, base: Quantity, result: Quantity) {
  const value = euclidDiv(quantityValue(scaled) * quantityValue(result), quantityValue(base));
  if (fitsInt64(value)) return { quantity: unitQuantity(value), capped: false };
  return { quantity: unitQuantity(INT64_MAX), capped: true };
}

/** The new limit (undefined = leave no limit) and the annotation upstream attaches ("" = none). */
export interface ProportionalLimit {
  readonly limit?: Quantity;
  readonly annotation: string;
}

function isZeroValue(q: Quantity | undefined): boolean {
  return q === undefined || quantityValue(q) === 0n;
}

/**
 * The limit for `recommendedRequest` that keeps originalLimit / originalRequest; a missing original
 * limit falls back to the LimitRange default; no limit -> none; no original request, or request ==
 * limit -> limit = request (mirrors limit_and_request_scaling.go getProportionalResourceLimit). Absent
 * quantities behave like ResourceList.Cpu()'s zero value.
 */
export function getProportionalResourceLimit(
  resourceName: ResourceName,
  originalLimit: Quantity | undefined,
  originalRequest: Quantity | undefined,
  recommendedRequest: Quantity | undefined,
  defaultLimit: Quantity | undefined,
): ProportionalLimit {
  const limit = isZeroValue(originalLimit) && defaultLimit !== undefined ? defaultLimit : originalLimit;
  if (limit === undefined || isZeroValue(limit)) {
    return { annotation: `${resourceName}: limit NOT set since originalLimit is nil or 0` };
  }
  if (recommendedRequest === undefined || isZeroValue(recommendedRequest)) {
    return { annotation: `${resourceName}: limit NOT set since recommendedRequest is nil or 0` };
  }
  if (originalRequest === undefined || isZeroValue(originalRequest)) {
    return { limit: recommendedRequest, annotation: "" };
  }
  if (quantityMilliValue(originalRequest) === quantityMilliValue(limit)) {
    return { limit: recommendedRequest, annotation: "" };
  }
  const scaled =
    resourceName === "cpu"
      ? scaleQuantityProportionallyCPU(limit, originalRequest, recommendedRequest)
      : scaleQuantityProportionallyMem(limit, originalRequest, recommendedRequest);
  return {
    limit: scaled.quantity,
    annotation: scaled.capped
      ? `${resourceName}: failed to keep limit to request ratio; capping limit to int64`
      : "",
  };
}
