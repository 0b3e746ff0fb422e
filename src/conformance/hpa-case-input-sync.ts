/** A reconcile vector's input (FORMAT.md §4) -> the core's SyncInput. */
import type { SyncInput } from "../hpa/types.js";
import { toHpa, toMetrics, toPod, toSettings } from "./hpa-case-input.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

/** Builds the core's SyncInput from a reconcile vector's input. */
export function toSyncInput(input: Json): SyncInput {
  const scaleErrors: { getScale?: string; updateScale?: string } = {};
  if (input.apiErrors?.getScale !== undefined) scaleErrors.getScale = input.apiErrors.getScale;
  if (input.apiErrors?.updateScale !== undefined) scaleErrors.updateScale = input.apiErrors.updateScale;
  return {
    now: input.now,
    settings: toSettings(input.settings),
    hpa: toHpa(input.hpa),
    scaleTarget: input.scaleTarget,
    pods: (input.pods ?? []).map(toPod),
    metrics: toMetrics(input),
    otherHPAs: input.otherHPAs ?? [],
    scaleErrors,
  };
}
