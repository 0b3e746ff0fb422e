/**
 * Command-line overrides of a Scenario (`--seed`, `--duration`, `--trace`, ...), applied on top of the file
 * with the same checks; each override is noted in the scenario's `notes` (echoed in effectiveConfig).
 */

import { BACKTEST_COLUMNS } from "../results/backtest-replicas.js";
import type { ColumnRef, TimeBound } from "../trace/types.js";
import { forbidden } from "./field-violations.js";
import { FLAGS_FILE, flagLabel, renameFlagViolation } from "./flag-names.js";
import { readInitialReplicas } from "./initial-replicas.js";
import type { FieldViolation } from "./manifest-errors.js";
import type { ScenarioBacktest } from "./scenario-backtest.js";
import type { ScenarioCluster } from "./scenario-cluster.js";
import { REPLAY_DURATION_RANGE } from "./scenario-defaults.js";
import { enumField, integerField, nonEmptyString } from "./scenario-fields.js";
import { throwIfAny } from "./scenario-file.js";
import type { ParsedScenario } from "./scenario-types.js";
import { StrictObject } from "./strict-reader.js";
import { mergeTimingFlags } from "./timing-flags.js";
import { EMPTY_TRACE, mergeTraceFlags } from "./trace-flags.js";
import { type FlagNote, mergeWorkloadFlags } from "./workload-flags.js";

/** What the command line may override; every field optional. Errors name the field as given here. */
export interface SimulationFlags {
  /** spec.hpa: `name` or `namespace/name`. */
  readonly hpa?: string | undefined;
  readonly seed?: number | undefined;
  readonly durationSeconds?: number | undefined;
  readonly recordEverySeconds?: number | undefined;
  /** spec.simulation.initialReplicas: a count, or "recorded" (the backtest's count at the start). */
  readonly initialReplicas?: number | "recorded" | undefined;
  /** A trace file relative to the working directory; replaces the scenario's trace source. */
  readonly traceFile?: string | undefined;
  /** An expression trace; replaces the scenario's trace source. */
  readonly traceExpression?: string | undefined;
  readonly from?: TimeBound | undefined;
  readonly to?: TimeBound | undefined;
  readonly measures?: string | undefined;
  readonly scale?: number | undefined;
  readonly observedReplicas?: number | undefined;
  /** The replicas the utilization was observed with over time: a file relative to the working directory. */
  readonly observedReplicasFile?: string | undefined;
  /** Its column (`--observed-replicas FILE#COLUMN`). */
  readonly observedReplicasColumn?: ColumnRef | undefined;
  /** `kubectl get nodes -o yaml` output relative to the working directory; replaces spec.cluster.nodes.file. */
  readonly nodesFile?: string | undefined;
  /** Recorded replica counts relative to the working directory; replaces spec.backtest.replicas (columns detected). */
  readonly backtestReplicasFile?: string | undefined;
  /** The timeline column they are compared with; replaces spec.backtest.compare. */
  readonly backtestCompare?: string | undefined;
  /** How the trace file is read (spec.trace.format, timeColumn (null = none), valueColumn, ...). */
  readonly format?: string | undefined;
  readonly timeColumn?: ColumnRef | null | undefined;
  readonly valueColumn?: ColumnRef | undefined;
  readonly sumColumns?: readonly ColumnRef[] | undefined;
  readonly series?: Readonly<Record<string, string>> | undefined;
  /** spec.trace.step: seconds between rows of a file without a time column; an expression's sample step. */
  readonly step?: number | undefined;
  readonly strict?: boolean | undefined;
  /** The usage model (spec.workload.usage.cpu, memory, stickyMemory; podMetrics/clusterMetrics by name). */
  readonly cpu?: string | undefined;
  readonly memory?: string | undefined;
  readonly stickyMemory?: boolean | undefined;
  readonly podMetrics?: Readonly<Record<string, string>> | undefined;
  readonly clusterMetrics?: Readonly<Record<string, string>> | undefined;
  /** spec.workload.maxLoadPerPod: a number > 0 or "unlimited". */
  readonly maxLoadPerPod?: number | "unlimited" | undefined;
  /** spec.pods: lifecycle delays in seconds (timing-flags.ts). */
  readonly podSchedulingSeconds?: number | undefined;
  readonly podStartupSeconds?: number | undefined;
  readonly podReadinessSeconds?: number | undefined;
  /** spec.controller: kube-controller-manager's HPA settings (seconds; tolerance a fraction). */
  readonly syncPeriodSeconds?: number | undefined;
  readonly tolerance?: number | undefined;
  readonly cpuInitializationPeriodSeconds?: number | undefined;
  readonly initialReadinessDelaySeconds?: number | undefined;
  readonly downscaleStabilizationWindowSeconds?: number | undefined;
  /** spec.metrics.resolutionSeconds: metrics-server's --metric-resolution. */
  readonly metricResolutionSeconds?: number | undefined;
}

export { FLAGS_FILE } from "./flag-names.js";

/**
 * The scenario with the flags applied. A flag's trace source replaces the scenario's: switching between a file
 * and an expression keeps only `measures`, `scale`, `from`, `to` and `observedReplicas` of the scenario's trace.
 *
 * @throws InputError (file `command line`) for a flag value out of range
 */
export function applyFlags(scenario: ParsedScenario, flags: SimulationFlags = {}): ParsedScenario {
  const problems: FieldViolation[] = [];
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) raw[k] = v;
  const f = new StrictObject(raw, "", problems);
  const notes = [...scenario.notes];
  const note: FlagNote = (name, value, was) => {
    notes.push(
      `command line: ${flagLabel(name)} ${JSON.stringify(value)} (scenario: ${was === null || was === undefined ? "default" : JSON.stringify(was)})`,
    );
  };

  const hpa = nonEmptyString(f, "hpa");
  const seed = integerField(f, "seed", { min: 0, max: 4294967295 }, null);
  const durationSeconds = integerField(f, "durationSeconds", REPLAY_DURATION_RANGE, null);
  const recordEverySeconds = integerField(f, "recordEverySeconds", { min: 1 }, null);
  if (hpa !== undefined) note("hpa", hpa, scenario.hpa);
  if (seed !== null) note("seed", seed, scenario.simulation.seed);
  if (durationSeconds !== null) note("durationSeconds", durationSeconds, scenario.simulation.durationSeconds);
  if (recordEverySeconds !== null)
    note("recordEverySeconds", recordEverySeconds, scenario.simulation.recordEverySeconds);
  const initialReplicas = readInitialReplicas(f);
  if (initialReplicas !== null) note("initialReplicas", initialReplicas, scenario.simulation.initialReplicas);
  const trace = mergeTraceFlags(scenario.trace, f, note);
  const workload = mergeWorkloadFlags(scenario.workload, f, note);
  const timing = mergeTimingFlags(scenario, f, note);
  const cluster = mergeNodesFile(scenario.cluster, f, note);
  const backtest = mergeBacktest(scenario.backtest, f, note);
  throwIfAny(FLAGS_FILE, problems.map(renameFlagViolation));
  return {
    ...scenario,
    ...timing,
    workload,
    ...(backtest !== undefined ? { backtest } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    hpa: hpa ?? scenario.hpa,
    trace,
    simulation: {
      seed: seed ?? scenario.simulation.seed,
      durationSeconds: durationSeconds ?? scenario.simulation.durationSeconds,
      recordEverySeconds: recordEverySeconds ?? scenario.simulation.recordEverySeconds,
      initialReplicas: initialReplicas ?? scenario.simulation.initialReplicas,
    },
    notes,
  };
}

/** --nodes: the scenario's cluster with its nodes file replaced (or added, grouped by the default labels). */
function mergeNodesFile(
  cluster: ScenarioCluster | undefined,
  f: StrictObject,
  note: FlagNote,
): ScenarioCluster | undefined {
  const file = nonEmptyString(f, "nodesFile");
  if (file === undefined) return cluster;
  if (cluster === undefined) {
    f.problems.push(
      forbidden(
        "nodesFile",
        "needs spec.cluster in the scenario: its nodeGroups give each group of the nodes its price, sizes and delays",
      ),
    );
    return cluster;
  }
  note("nodesFile", file, cluster.nodes?.file ?? null);
  const { initialNodes: _read, ...rest } = cluster;
  return {
    ...rest,
    nodes: {
      groupLabel: null,
      unknownGroups: "Keep",
      ...cluster.nodes,
      file,
      fileBase: "cwd",
    },
  };
}

/** --backtest-replicas and --backtest-compare over spec.backtest (a flag's file comes with detected columns). */
function mergeBacktest(
  backtest: ScenarioBacktest | undefined,
  f: StrictObject,
  note: FlagNote,
): ScenarioBacktest | undefined {
  const file = nonEmptyString(f, "backtestReplicasFile");
  const compare = enumField(f, "backtestCompare", BACKTEST_COLUMNS, null);
  if (file !== undefined) note("backtestReplicasFile", file, backtest?.replicas.file ?? null);
  if (compare !== null) note("backtestCompare", compare, backtest?.compare ?? null);
  const replicas =
    file !== undefined ? { ...EMPTY_TRACE, file, fileBase: "cwd" as const } : backtest?.replicas;
  if (replicas === undefined) {
    if (compare !== null)
      f.problems.push(
        forbidden(
          "backtestCompare",
          "needs recorded replicas: --backtest-replicas or spec.backtest.replicas",
        ),
      );
    return undefined;
  }
  return { replicas, compare: compare ?? backtest?.compare ?? "replicas" };
}
