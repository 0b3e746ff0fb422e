/**
 * A sweep: every combination of the --vary values replayed as simulate replays it. Every combination is loaded
 * and validated first (a bad one stops the sweep before any replay, naming its values), then each is replayed
 * and judged by the assertions. The trace is parsed once (the combinations share its text: scenario-trace.ts
 * TraceCache).
 */
import { simulate } from "../../engine/simulate.js";
import type { Assertion } from "../../results/assertion-expression.js";
import { type AssertionOutcome, checkAssertions } from "../../results/assertions.js";
import type { RunSummary } from "../../results/types.js";
import { loadSimulationInputs, type SimulationSources } from "../../scenario/load-simulation-inputs.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import { type SetField, sweepSources } from "../../scenario/sweep-sources.js";
import { combinations, type Variation } from "../../scenario/sweep-variations.js";

/** One combination's replay: its values (in --vary order), the summary, the assertions' outcomes. */
export interface SweepRun {
  readonly values: readonly (number | boolean | string)[];
  readonly summary: RunSummary;
  readonly assertions: readonly AssertionOutcome[];
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

/** Runs the sweep; `progress(done, total)` in simulated seconds over all combinations. */
export function runSweep(plan: SweepPlan, progress?: (done: number, total: number) => void): SweepRun[] {
  const combos = combinations(plan.variations);
  const traceCache: TraceCache = { last: null };
  // every file is read once for the whole sweep (the trace above all)
  const files = new Map<string, string>();
  const readFile = (path: string): string => {
    let text = files.get(path);
    if (text === undefined) {
      text = plan.base.readFile(path);
      files.set(path, text);
    }
    return text;
  };
  const base = { ...plan.base, readFile };
  const load = (values: readonly (number | boolean | string)[]) => {
    const fields: SetField[] = plan.variations.map((variation, i) => ({ variation, value: values[i] }));
    try {
      return loadSimulationInputs({ ...sweepSources(base, fields, plan.hpa), traceCache }).inputs;
    } catch (e) {
      if (e instanceof Error)
        e.message = `combination ${describeCombination(plan.variations, values)}: ${e.message}`;
      throw e;
    }
  };
  // validate every combination before replaying any (keeping none of their inputs: a sweep can be large)
  const durations = combos.map((c) => load(c).durationSeconds);
  const total = durations.reduce((a, b) => a + b, 0);
  let done = 0;
  return combos.map((values, i) => {
    const inputs = load(values);
    const result = simulate(
      inputs,
      progress === undefined ? {} : { onProgress: (t) => progress(done + Math.max(0, t), total) },
    );
    done += durations[i] as number;
    progress?.(done, total);
    return { values, summary: result.summary, assertions: checkAssertions(plan.assertions, result) };
  });
}
