/**
 * Replaying several configurations of one input (a sweep's combinations, compare's alternatives) as simulate
 * replays each. Every configuration is loaded and validated first (a bad one stops the run before any replay,
 * naming it), then each is replayed and judged by the assertions. Files are read once and the trace parsed once
 * (the configurations share its text: scenario-trace.ts TraceCache).
 */
import type { RunInputs } from "../../engine/run-inputs.js";
import { simulate } from "../../engine/simulate.js";
import type { Assertion } from "../../results/assertion-expression.js";
import { type AssertionOutcome, checkAssertions, compileAssertions } from "../../results/assertions.js";
import type { RunSummary } from "../../results/types.js";
import type { SimulationResult } from "../../results/workload-result.js";
import { loadSimulationInputs, type SimulationSources } from "../../scenario/load-simulation-inputs.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import { type SetField, sweepSources } from "../../scenario/sweep-sources.js";
import { combinations, type Variation } from "../../scenario/sweep-variations.js";
import { UsageError } from "../exit-codes.js";

/** One configuration's replay: its values (one per column), the summary, the assertions' outcomes. */
export interface SweepRun {
  readonly values: readonly (number | boolean | string)[];
  readonly summary: RunSummary;
  readonly assertions: readonly AssertionOutcome[];
  /** The replay itself, when asked for ({@link RunOptions.keepReplays}: compare's charts). */
  readonly replay?: { readonly inputs: RunInputs; readonly result: SimulationResult };
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

/** How {@link runConfigurations} judges and reports. */
export interface RunOptions {
  /** The --assert assertions; each configuration's spec.assertions are added to them. */
  readonly assertions: readonly Assertion[];
  /** `progress(done, total)` in simulated seconds over all configurations. */
  readonly progress?: ((done: number, total: number) => void) | undefined;
  /** Refuse (UsageError, before any replay) when no configuration has an assertion (`--junit` reports them). */
  readonly requireAssertions?: string | undefined;
  /** Keep each configuration's inputs and result (a few configurations only: a result holds its timeline). */
  readonly keepReplays?: boolean;
}

/**
 * Runs every configuration on `base`, judging each by the --assert assertions and its own scenario's
 * spec.assertions (compiled while validating, so a bad one stops the run before any replay).
 */
export function runConfigurations(
  base: SimulationSources,
  configurations: readonly Configuration[],
  options: RunOptions,
): SweepRun[] {
  const { progress } = options;
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
      const loaded = loadSimulationInputs({ ...c.sources(shared), traceCache });
      const own = compileAssertions([], loaded.scenario.assertions ?? []);
      return { inputs: loaded.inputs, assertions: [...options.assertions, ...own] };
    } catch (e) {
      if (e instanceof Error) e.message = `${c.label}: ${e.message}`;
      throw e;
    }
  };
  // validate every configuration before replaying any (keeping none of their inputs: a sweep can be large)
  const checked = configurations.map((c) => {
    const { inputs, assertions } = load(c);
    return { duration: inputs.durationSeconds, judged: assertions.length > 0 };
  });
  if (options.requireAssertions !== undefined && !checked.some((c) => c.judged)) {
    throw new UsageError(options.requireAssertions);
  }
  const total = checked.reduce((a, c) => a + c.duration, 0);
  let done = 0;
  return configurations.map((c, i) => {
    const { inputs, assertions } = load(c);
    const onProgress = (t: number) => progress?.(done + Math.max(0, t), total);
    const result = simulate(inputs, progress === undefined ? {} : { onProgress });
    done += checked[i]?.duration ?? 0;
    progress?.(done, total);
    const judged = {
      values: c.values,
      summary: result.summary,
      assertions: checkAssertions(assertions, result),
    };
    return options.keepReplays === true ? { ...judged, replay: { inputs, result } } : judged;
  });
}

/** Runs a sweep (every combination of the --vary values). */
export function runSweep(plan: SweepPlan, options: RunOptions): SweepRun[] {
  return runConfigurations(plan.base, sweepConfigurations(plan), options);
}
