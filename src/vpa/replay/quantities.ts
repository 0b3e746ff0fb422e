/**
 * Conversions between the engine's exact milli-unit resource lists (bigint) and what VPA computes with:
 * integer millicores and bytes (model.Resources), and exact quantities (limit-proportion.ts Quantity).
 * Memory milli-bytes become bytes as Quantity.Value() does: rounded up.
 */
import { ceilDiv } from "../../units/quantity.js";
import { milliQuantity, type Quantity, quantityMilliValue, unitQuantity } from "../limit-proportion.js";
import { RESOURCE_NAMES, type ResourceName, type Resources } from "../types.js";
import type { MilliResourceList } from "./types.js";

/** Millicores (cpu) or bytes rounded up (memory) of a milli-unit amount (Quantity.MilliValue / Value). */
export function amountFromMilli(r: ResourceName, milli: bigint): number {
  return Number(r === "cpu" ? milli : ceilDiv(milli, 1000n));
}

/** Milli-units of a VPA amount: millicores stay, bytes × 1000. */
export function milliFromAmount(r: ResourceName, amount: number): bigint {
  return r === "cpu" ? BigInt(amount) : BigInt(amount) * 1000n;
}

/** resourcesFromMilli's answers by list object (resource lists are immutable values). */
const resourcesByList = new WeakMap<MilliResourceList, Resources>();

/**
 * The cpu and memory entries of a resource list as VPA amounts; other resources are ignored. The answer
 * is remembered per list object (pods share their template's lists), so callers must not mutate it.
 */
export function resourcesFromMilli(list: MilliResourceList): Resources {
  const known = resourcesByList.get(list);
  if (known !== undefined) return known;
  const out: { [R in ResourceName]?: number } = {};
  for (const r of RESOURCE_NAMES) {
    const v = list[r];
    if (v !== undefined) out[r] = amountFromMilli(r, v);
  }
  resourcesByList.set(list, out);
  return out;
}

/** A resource list entry as an exact quantity (a milli-unit amount is num / 1000). */
export function quantityFromMilli(milli: bigint | undefined): Quantity | undefined {
  return milli === undefined ? undefined : milliQuantity(milli);
}

/** A VPA amount as the status stores it: NewMilliQuantity for cpu, NewQuantity (bytes) for memory. */
export function quantityFromAmount(r: ResourceName, amount: number | undefined): Quantity | undefined {
  if (amount === undefined) return undefined;
  return r === "cpu" ? milliQuantity(BigInt(amount)) : unitQuantity(BigInt(amount));
}

/** Milli-units of a quantity (Quantity.MilliValue: rounded up). */
export function milliFromQuantity(q: Quantity): bigint {
  return quantityMilliValue(q);
}
