/**
 * Replaying several configurations of one input (a sweep's combinations, compare's alternatives) as simulate
 * replays each. Every configuration is loaded and validated first (a bad one stops the run before any replay,
 * naming it), then each is replayed and judged by the assertions. Files are read once and the trace parsed once
 * (the configurations share its text: scenario-trace.ts TraceCache).
 */
import { simulate } from "../../engine/simulate.js";
import type { Assertion } from "../../results/assertion-expression.js";
import { type AssertionOutcome, checkAssertions } from "../../results/assertions.js";
import type { RunSummary } from "../../results/types.js";
import { loadSimulationInputs, type SimulationSources } from "../../scenario/load-simulation-inputs.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import { type SetField, sweepSources } from "../../scenario/sweep-sources.js";
import { combinations, type Variation } from "../../scenario/sweep-variations.js";

/** One configuration's replay: its values (one per column), the summary, the assertions' outcomes. */
export interface SweepRun {
  readonly values: readonly (number | boolean | string)[];
  readonly summary: RunSummary;
  readonly assertions: readonly AssertionOutcome[];
}

/** One configuration: its values, how errors name it, and its sources from the (shared) base. */
export interface Configuration {
  readonly values: readonly (number | boolean | string)[];
  /** `combination hpa.spec.maxReplicas=20`, `configuration hpa-v2.yaml`. */
  readonly label: string;
  readonly sources: (base: SimulationSources) => SimulationSources;
}

export interface SweepPlan {
  readonly base: SimulationSources;
  readonly variations: readonly Variation[];
  readonly assertions: readonly Assertion[];
  /** --hpa, when the manifests hold several. */
  readonly hpa: string | null;
}

/** `name=value, ...` of a combination, as errors and failures name it. */
export function describeCombination(variations: readonly Variation[], values: readonly unknown[]): string {
  return variations.map((v, i) => `${v.name}=${String(values[i])}`).join(", ");
}

/** The sweep's combinations as configurations (the first --vary changing slowest). */
export function sweepConfigurations(plan: SweepPlan): Configuration[] {
  return combinations(plan.variations).map((values) => {
    const fields: SetField[] = plan.variations.map((variation, i) => ({ variation, value: values[i] }));
    return {
      values,
      label: `combination ${describeCombination(plan.variations, values)}`,
      sources: (base) => sweepSources(base, fields, plan.hpa),
    };
  });
}

/** Runs every configuration on `base`; `progress(done, total)` in simulated seconds over all of them. */
export function runConfigurations(
  base: SimulationSources,
  configurations: readonly Configuration[],
  assertions: readonly Assertion[],
  progress?: (done: number, total: number) => void,
): SweepRun[] {
  const traceCache: TraceCache = { last: null };
  const files = new Map<string, string>();
  const readFile = (path: string): string => {
    let text = files.get(path);
    if (text === undefined) {
      text = base.readFile(path);
      files.set(path, text);
    }
    return text;
  };
  const shared = { ...base, readFile };
  const load = (c: Configuration) => {
    try {
      return loadSimulationInputs({ ...c.sources(shared), traceCache }).inputs;
    } catch (e) {
      if (e instanceof Error) e.message = `${c.label}: ${e.message}`;
      throw e;
    }
  };
  // validate every configuration before replaying any (keeping none of their inputs: a sweep can be large)
  const durations = configurations.map((c) => load(c).durationSeconds);
  const total = durations.reduce((a, b) => a + b, 0);
  let done = 0;
  return configurations.map((c, i) => {
    const inputs = load(c);
    const onProgress = (t: number) => progress?.(done + Math.max(0, t), total);
    const result = simulate(inputs, progress === undefined ? {} : { onProgress });
    done += durations[i] as number;
    progress?.(done, total);
    return { values: c.values, summary: result.summary, assertions: checkAssertions(assertions, result) };
  });
}

/** Runs a sweep (every combination of the --vary values). */
export function runSweep(plan: SweepPlan, progress?: (done: number, total: number) => void): SweepRun[] {
  return runConfigurations(plan.base, sweepConfigurations(plan), plan.assertions, progress);
}
