/**
 * Runs one cluster-autoscaler vector of ../shared/conformance/ca/ca.json (FORMAT-vpa-ca.md): turns its
 * input into calls of src/cluster-autoscaler and returns an object comparable with its `expect`
 * (compareCaExpectation). Every `requires` feature of the public vectors (topology spread, minDomains,
 * GPUs) is modelled; a kind without a runner throws SkipCase.
 */
import { ESTIMATOR_RUNNERS } from "./ca-case-estimator.js";
import { EXPANDER_RUNNERS } from "./ca-case-expander.js";
import { SCALE_DOWN_RUNNERS } from "./ca-case-scaledown.js";
import { SCALE_UP_RUNNERS } from "./ca-case-scaleup.js";
import { SkipCase } from "./skip-case.js";

const RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  ...ESTIMATOR_RUNNERS,
  ...EXPANDER_RUNNERS,
  ...SCALE_UP_RUNNERS,
  ...SCALE_DOWN_RUNNERS,
};

/** Features of `requires` this model implements. */
const MODELLED_FEATURES = new Set(["topologySpread", "minDomains", "gpu"]);

/** The `ca.*` kinds with a runner. */
export const CA_KINDS: readonly string[] = Object.keys(RUNNERS).sort();

/** Why the case would be skipped (unknown kind, a required feature not modelled), or undefined. */
export function caSkipReason(c: { readonly kind: string; readonly requires?: unknown }): string | undefined {
  if (RUNNERS[c.kind] === undefined) return `not implemented yet (cluster-autoscaler kind ${c.kind})`;
  const missing = (Array.isArray(c.requires) ? (c.requires as unknown[]) : []).filter(
    (f) => !MODELLED_FEATURES.has(String(f)),
  );
  return missing.length > 0 ? `requires ${missing.join(", ")} (not modelled)` : undefined;
}

/** Runs the case; throws SkipCase when caSkipReason gives a reason. */
export function runCaCase(c: {
  readonly kind: string;
  readonly input: Record<string, unknown>;
  readonly requires?: unknown;
}): Record<string, unknown> {
  const skip = caSkipReason(c);
  if (skip !== undefined) throw new SkipCase(skip);
  return (RUNNERS[c.kind] as (input: never) => Record<string, unknown>)(c.input as never);
}
