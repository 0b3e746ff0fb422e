/**
 * Runs one vector of ../shared/conformance/vpa: turns its input (FORMAT-vpa-ca.md units) into calls on
 * src/vpa and returns a result comparable with the case's `expect` by vpa-expectation.ts.
 */

import { runEstimator, runPodMinResources } from "./vpa-case-estimator.js";
import {
  runDecayingHistogram,
  runHistogram,
  runHistogramCheckpoint,
  runHistogramOptions,
} from "./vpa-case-histogram.js";
import type { Json } from "./vpa-case-input.js";
import {
  runAggregateByName,
  runAggregateExpiry,
  runContainerMemory,
  runResourceAmount,
} from "./vpa-case-model.js";
import {
  runApplyPolicy,
  runCappingProcessor,
  runEvictionRestriction,
  runProportionalLimit,
  runUpdateDecision,
  runUpdatePriority,
} from "./vpa-case-updater.js";

const VPA_RUNNERS: Record<string, (input: Json) => Record<string, unknown>> = {
  "vpa.histogramOptions": runHistogramOptions,
  "vpa.histogram": runHistogram,
  "vpa.histogramCheckpoint": runHistogramCheckpoint,
  "vpa.decayingHistogram": runDecayingHistogram,
  "vpa.estimator": runEstimator,
  "vpa.podMinResources": runPodMinResources,
  "vpa.resourceAmount": runResourceAmount,
  "vpa.aggregateExpiry": runAggregateExpiry,
  "vpa.aggregateByName": runAggregateByName,
  "vpa.containerMemory": runContainerMemory,
  "vpa.cappingProcessor": runCappingProcessor,
  "vpa.applyPolicy": runApplyPolicy,
  "vpa.proportionalLimit": runProportionalLimit,
  "vpa.updatePriority": runUpdatePriority,
  "vpa.updateDecision": runUpdateDecision,
  "vpa.evictionRestriction": runEvictionRestriction,
};

/** The VPA kinds this runner knows. */
export const VPA_KINDS: readonly string[] = Object.keys(VPA_RUNNERS);

/** Runs a `vpa.*` case; throws for an unknown kind or malformed input. */
export function runVpaCase(c: {
  readonly kind: string;
  readonly input: Record<string, unknown>;
}): Record<string, unknown> {
  const runner = VPA_RUNNERS[c.kind];
  if (runner === undefined) throw new Error(`unknown VPA kind ${JSON.stringify(c.kind)}`);
  return runner(c.input);
}
