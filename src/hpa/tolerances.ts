/** Per-direction tolerance of the usage ratio (mirrors replica_calculator.go Tolerances). */

import { parseFloatQuantity } from "../units/quantity.js";
import type { HorizontalPodAutoscalerSpec } from "./api-types.js";
import type { ControllerSettings } from "./types.js";

export interface Tolerances {
  readonly scaleDown: number;
  readonly scaleUp: number;
}

/** Inclusive at both ends: `1 - down <= ratio <= 1 + up` (mirrors replica_calculator.go Tolerances.isWithin). */
export function isWithin(t: Tolerances, usageRatio: number): boolean {
  // both bounds read every time (not only when the lower one holds): no first read late in a run to deoptimize it
  const low = 1.0 - t.scaleDown;
  const high = 1.0 + t.scaleUp;
  return low <= usageRatio && usageRatio <= high;
}

/** The controller flag, overridden per direction by `behavior` when the gate allows (mirrors horizontal.go tolerancesForHpa). */
export function tolerancesForHpa(
  spec: HorizontalPodAutoscalerSpec,
  settings: ControllerSettings,
): Tolerances {
  // the same (immutable) spec and settings give the same tolerances: one object per pair
  let known = spec === lastSpec ? lastKnown : computed.get(spec);
  if (known === undefined || known.settings !== settings) {
    known = { settings, tolerances: compute(spec, settings) };
    computed.set(spec, known);
  }
  lastSpec = spec;
  lastKnown = known;
  return known.tolerances;
}

/** The spec asked about last and its entry (spares the WeakMap lookup when the same HPA asks again). */
let lastSpec: HorizontalPodAutoscalerSpec | null = null;
let lastKnown: { readonly settings: ControllerSettings; readonly tolerances: Tolerances } | undefined;

const computed = new WeakMap<
  HorizontalPodAutoscalerSpec,
  { readonly settings: ControllerSettings; readonly tolerances: Tolerances }
>();

function compute(spec: HorizontalPodAutoscalerSpec, settings: ControllerSettings): Tolerances {
  const base = { scaleDown: settings.tolerance, scaleUp: settings.tolerance };
  const behavior = spec.behavior;
  if (behavior === undefined || !settings.featureGates.HPAConfigurableTolerance) return base;
  const down = behavior.scaleDown?.tolerance;
  const up = behavior.scaleUp?.tolerance;
  return {
    scaleDown: down !== undefined ? parseFloatQuantity(down) : base.scaleDown,
    scaleUp: up !== undefined ? parseFloatQuantity(up) : base.scaleUp,
  };
}
