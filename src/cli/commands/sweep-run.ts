/**
 * Replaying several configurations of one input (a sweep's combinations, compare's alternatives) as simulate
 * replays each. Every configuration is loaded and validated first (a bad one stops the run before any replay,
 * naming it), then each is replayed and judged by the assertions, in this thread or on worker threads
 * (`--jobs`; sweep-pool.ts). Files are read once and the trace parsed once per thread (the configurations share
 * its text: scenario-trace.ts TraceCache).
 */
import type { Assertion } from "../../results/assertion-expression.js";
import { compileAssertions } from "../../results/assertions.js";
import { loadSimulationInputs, type SimulationSources } from "../../scenario/load-simulation-inputs.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";
import { type SetField, sweepSources } from "../../scenario/sweep-sources.js";
import { combinations, type Variation } from "../../scenario/sweep-variations.js";
import { UsageError } from "../exit-codes.js";
import {
  type ConfigurationOutcome,
  recordSnapshot,
  replayConfiguration,
  type SourcesSnapshot,
  snapshotSources,
} from "./configuration-replay.js";
import { runOnWorkers } from "./sweep-pool.js";

/** One configuration's replay: its values (one per column), the summary, the assertions' outcomes. */
export interface SweepRun extends ConfigurationOutcome {
  readonly values: readonly (number | boolean | string)[];
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
  /** Keep each configuration's result (a few configurations only: a result holds its timeline). */
  readonly keepReplays?: boolean;
  /** Worker threads to replay on (`--jobs`); 1 or absent: one after the other in this thread. */
  readonly jobs?: number;
}

/** A validated configuration: its values, its sources as data, and its length in simulated seconds. */
interface Prepared {
  readonly values: Configuration["values"];
  readonly snapshot: SourcesSnapshot;
  readonly duration: number;
}

/**
 * Loads and validates every configuration before any replay (a bad one stops the run, named; nothing of their
 * inputs is kept: a sweep can be large). Files are read once (`shared`).
 */
function prepare(base: SimulationSources, configurations: readonly Configuration[], options: RunOptions) {
  const files = new Map<string, string>();
  const shared = (path: string): string => {
    let text = files.get(path);
    if (text === undefined) {
      text = base.readFile(path);
      files.set(path, text);
    }
    return text;
  };
  const traceCache: TraceCache = { last: null };
  let judged = false;
  const prepared: Prepared[] = configurations.map((c) => {
    try {
      const { snapshot, value } = recordSnapshot(
        c.sources({ ...base, readFile: shared }),
        shared,
        (sources) => loadSimulationInputs({ ...sources, traceCache }),
      );
      const own = compileAssertions([], value.scenario.assertions ?? [], value.scenario.file);
      judged ||= options.assertions.length + own.length > 0;
      return { values: c.values, snapshot, duration: value.inputs.durationSeconds };
    } catch (e) {
      if (e instanceof Error) e.message = `${c.label}: ${e.message}`;
      throw e;
    }
  });
  if (options.requireAssertions !== undefined && !judged) throw new UsageError(options.requireAssertions);
  return { prepared, files, shared, traceCache };
}

/**
 * Runs every configuration on `base` in this thread, judging each by the --assert assertions and its own
 * scenario's spec.assertions.
 */
export function runConfigurations(
  base: SimulationSources,
  configurations: readonly Configuration[],
  options: RunOptions,
): SweepRun[] {
  const { prepared, shared, traceCache } = prepare(base, configurations, options);
  const { progress } = options;
  const total = prepared.reduce((a, c) => a + c.duration, 0);
  let done = 0;
  return prepared.map((c) => {
    const onProgress = (t: number) => progress?.(done + Math.max(0, t), total);
    const sources = snapshotSources(c.snapshot, shared, traceCache);
    const outcome = replayConfiguration(
      sources,
      options.assertions,
      options.keepReplays === true,
      onProgress,
    );
    done += c.duration;
    progress?.(done, total);
    return { values: c.values, ...outcome };
  });
}

/**
 * Projected seconds of sequential replay left above which `--jobs auto` hands the rest to worker threads: a
 * worker's start (loading the code, copying the parsed trace, a cold JIT) costs about a second on a small machine.
 */
export const AUTO_PARALLEL_SECONDS = 5;

/**
 * {@link runConfigurations} on up to `options.jobs` worker threads: the same runs, in the same order. With
 * `options.auto`, the first configuration is replayed in this thread and the rest go to workers only when
 * they would take more than {@link AUTO_PARALLEL_SECONDS} more one after the other.
 */
export async function runConfigurationsInParallel(
  base: SimulationSources,
  configurations: readonly Configuration[],
  options: RunOptions & { readonly auto?: boolean },
): Promise<SweepRun[]> {
  const jobs = Math.min(options.jobs ?? 1, configurations.length);
  if (jobs <= 1) return runConfigurations(base, configurations, options);
  const { prepared, files, shared, traceCache } = prepare(base, configurations, options);
  const total = prepared.reduce((a, c) => a + c.duration, 0);
  const at = prepared.map(() => 0);
  let done = 0;
  const progress = (index: number, t: number) => {
    const clamped = Math.min(Math.max(0, t), prepared[index]?.duration ?? 0);
    done += clamped - (at[index] as number);
    at[index] = clamped;
    options.progress?.(done, total);
  };
  const keepReplay = options.keepReplays === true;
  const runs: SweepRun[] = [];
  let from = 0;
  if (options.auto === true) {
    // the first in this thread: its wall time says whether the rest are worth workers
    for (; from < prepared.length; from++) {
      const c = prepared[from] as Prepared;
      const started = performance.now();
      const sources = snapshotSources(c.snapshot, shared, traceCache);
      const outcome = replayConfiguration(sources, options.assertions, keepReplay, (t) => progress(from, t));
      progress(from, c.duration);
      runs.push({ values: c.values, ...outcome });
      const left = ((performance.now() - started) / 1000) * (prepared.length - from - 1);
      if (from === 0 && left > AUTO_PARALLEL_SECONDS) {
        from++;
        break;
      }
    }
  }
  const tasks = prepared.slice(from).map((c, k) => ({ index: from + k, snapshot: c.snapshot, keepReplay }));
  if (tasks.length === 0) return runs;
  const init = {
    files: [...files],
    assertions: options.assertions.map((a) => a.text),
    trace: traceCache.last,
  };
  const outcomes = await runOnWorkers(tasks, init, Math.min(jobs, tasks.length), progress);
  options.progress?.(total, total);
  return [
    ...runs,
    ...tasks.map((t, k) => ({
      values: prepared[t.index]?.values ?? [],
      ...(outcomes[k] as ConfigurationOutcome),
    })),
  ];
}

/** Runs a sweep (every combination of the --vary values) in this thread. */
export function runSweep(plan: SweepPlan, options: RunOptions): SweepRun[] {
  return runConfigurations(plan.base, sweepConfigurations(plan), options);
}

/** Runs a sweep on `options.jobs` worker threads. */
export function runSweepInParallel(plan: SweepPlan, options: RunOptions): Promise<SweepRun[]> {
  return runConfigurationsInParallel(plan.base, sweepConfigurations(plan), options);
}
