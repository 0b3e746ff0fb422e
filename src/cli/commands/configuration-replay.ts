/**
 * One configuration of a sweep or compare as data that can cross to a worker thread (a snapshot of its sources:
 * manifest and scenario texts, flags, and the texts of the files it reads that differ from the shared ones), and
 * its replay: load, simulate, judge by the assertions. The same function replays it in the main thread
 * (`--jobs 1`) and in a worker (sweep-worker.ts), so both give the same rows.
 */
import { simulate } from "../../engine/simulate.js";
import { traceClock } from "../../report/report-clock.js";
import type { Assertion } from "../../results/assertion-expression.js";
import { type AssertionOutcome, checkAssertions, compileAssertions } from "../../results/assertions.js";
import { withBacktest } from "../../results/backtest-replicas.js";
import type { RunSummary } from "../../results/types.js";
import type { SimulationResult } from "../../results/workload-result.js";
import {
  loadSimulationInputs,
  type SimulationSources,
  type SourceFile,
} from "../../scenario/load-simulation-inputs.js";
import type { SimulationFlags } from "../../scenario/scenario-flags.js";
import type { TraceCache } from "../../scenario/scenario-trace.js";

/** A configuration's sources as plain data. */
export interface SourcesSnapshot {
  readonly manifests: readonly SourceFile[];
  readonly scenario?: SourceFile | undefined;
  readonly flags?: SimulationFlags | undefined;
  /** Files the configuration reads with a text of its own (an edited manifest file), by path. */
  readonly files: Readonly<Record<string, string>>;
}

/** What replaying a configuration gives. */
export interface ConfigurationOutcome {
  readonly summary: RunSummary;
  readonly assertions: readonly AssertionOutcome[];
  /** The whole replay, its trace's name and demand unit, when kept (compare's charts). */
  readonly replay?: {
    readonly result: SimulationResult;
    readonly demandUnit: string;
    readonly source: string;
  };
}

/**
 * The sources of a snapshot: its own file texts first, then the shared ones (`shared`, the texts every
 * configuration reads alike: the trace among them, parsed once per `traceCache`).
 */
export function snapshotSources(
  snapshot: SourcesSnapshot,
  shared: (path: string) => string,
  traceCache: TraceCache,
): SimulationSources {
  return {
    manifests: snapshot.manifests,
    scenario: snapshot.scenario,
    flags: snapshot.flags,
    readFile: (path) => snapshot.files[path] ?? shared(path),
    traceCache,
  };
}

/**
 * A snapshot of `sources` whose reads are recorded while `use` runs (it must read every file the configuration
 * needs, as loading does): a text other than `shared`'s for the same path is the configuration's own.
 */
export function recordSnapshot<T>(
  sources: SimulationSources,
  shared: (path: string) => string,
  use: (recording: SimulationSources) => T,
): { snapshot: SourcesSnapshot; value: T } {
  const files: Record<string, string> = {};
  const value = use({
    ...sources,
    readFile: (path) => {
      const text = sources.readFile(path);
      if (text !== shared(path)) files[path] = text;
      return text;
    },
  });
  const snapshot = { manifests: sources.manifests, scenario: sources.scenario, flags: sources.flags, files };
  return { snapshot, value };
}

/** Loads, replays and judges a configuration: the --assert assertions, then its scenario's spec.assertions. */
export function replayConfiguration(
  sources: SimulationSources,
  assertions: readonly Assertion[],
  keepReplay: boolean,
  onProgress?: (t: number) => void,
): ConfigurationOutcome {
  const loaded = loadSimulationInputs(sources);
  const all = [
    ...assertions,
    ...compileAssertions([], loaded.scenario.assertions ?? [], loaded.scenario.file),
  ];
  const result = withBacktest(
    simulate(loaded.inputs, onProgress === undefined ? {} : { onProgress }),
    loaded.backtest,
    traceClock({ config: loaded.inputs.effectiveConfig }).startEpochSeconds,
  );
  const outcome = { summary: result.summary, assertions: checkAssertions(all, result) };
  return keepReplay
    ? {
        ...outcome,
        replay: { result, demandUnit: loaded.inputs.demand.unit, source: loaded.inputs.demand.source },
      }
    : outcome;
}
