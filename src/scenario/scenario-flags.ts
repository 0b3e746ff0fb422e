/**
 * Command-line overrides of a Scenario (`--seed`, `--duration`, `--trace`, ...), applied on top of the file
 * with the same checks; each override is noted in the scenario's `notes` (echoed in effectiveConfig).
 */

import { BACKTEST_COLUMNS } from "../results/backtest-replicas.js";
import type { TimeBound } from "../trace/types.js";
import { forbidden, invalidValue, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import type { ScenarioBacktest } from "./scenario-backtest.js";
import type { ScenarioCluster } from "./scenario-cluster.js";
import { DEFAULT_MEASURES, DEFAULT_TRACE_SCALE } from "./scenario-defaults.js";
import { enumField, integerField, nonEmptyString, numberField, timeBoundField } from "./scenario-fields.js";
import { throwIfAny } from "./scenario-file.js";
import {
  LEVEL_MEASURES,
  MEASURES_RULE,
  RATE_MEASURES_RE,
  UTILIZATION_MEASURES,
} from "./scenario-trace-spec.js";
import type { ParsedScenario, ScenarioTrace } from "./scenario-types.js";
import { StrictObject } from "./strict-reader.js";

/** What the command line may override; every field optional. Errors name the field as given here. */
export interface SimulationFlags {
  /** spec.hpa: `name` or `namespace/name`. */
  readonly hpa?: string | undefined;
  readonly seed?: number | undefined;
  readonly durationSeconds?: number | undefined;
  readonly recordEverySeconds?: number | undefined;
  /** A trace file relative to the working directory; replaces the scenario's trace source. */
  readonly traceFile?: string | undefined;
  /** An expression trace; replaces the scenario's trace source. */
  readonly traceExpression?: string | undefined;
  readonly from?: TimeBound | undefined;
  readonly to?: TimeBound | undefined;
  readonly measures?: string | undefined;
  readonly scale?: number | undefined;
  readonly observedReplicas?: number | undefined;
  /** `kubectl get nodes -o yaml` output relative to the working directory; replaces spec.cluster.nodes.file. */
  readonly nodesFile?: string | undefined;
  /** Recorded replica counts relative to the working directory; replaces spec.backtest.replicas (columns detected). */
  readonly backtestReplicasFile?: string | undefined;
  /** The timeline column they are compared with; replaces spec.backtest.compare. */
  readonly backtestCompare?: string | undefined;
}

/** Where flag errors are said to come from. */
export const FLAGS_FILE = "command line";

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
  const note = (name: string, value: unknown, was: unknown) =>
    notes.push(
      `command line: ${name} ${JSON.stringify(value)} (scenario: ${was === null ? "default" : JSON.stringify(was)})`,
    );

  const hpa = nonEmptyString(f, "hpa");
  const seed = integerField(f, "seed", { min: 0, max: 4294967295 }, null);
  const durationSeconds = integerField(f, "durationSeconds", { min: 1 }, null);
  const recordEverySeconds = integerField(f, "recordEverySeconds", { min: 1 }, null);
  if (hpa !== undefined) note("hpa", hpa, scenario.hpa);
  if (seed !== null) note("seed", seed, scenario.simulation.seed);
  if (durationSeconds !== null) note("durationSeconds", durationSeconds, scenario.simulation.durationSeconds);
  if (recordEverySeconds !== null)
    note("recordEverySeconds", recordEverySeconds, scenario.simulation.recordEverySeconds);
  const trace = mergeTrace(scenario.trace, f, note);
  const cluster = mergeNodesFile(scenario.cluster, f, note);
  const backtest = mergeBacktest(scenario.backtest, f, note);
  throwIfAny(FLAGS_FILE, problems);
  return {
    ...scenario,
    ...(backtest !== undefined ? { backtest } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    hpa: hpa ?? scenario.hpa,
    trace,
    simulation: {
      seed: seed ?? scenario.simulation.seed,
      durationSeconds: durationSeconds ?? scenario.simulation.durationSeconds,
      recordEverySeconds: recordEverySeconds ?? scenario.simulation.recordEverySeconds,
    },
    notes,
  };
}

/** --nodes: the scenario's cluster with its nodes file replaced (or added, grouped by the default labels). */
function mergeNodesFile(
  cluster: ScenarioCluster | undefined,
  f: StrictObject,
  note: (name: string, value: unknown, was: unknown) => void,
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
  note: (name: string, value: unknown, was: unknown) => void,
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

const EMPTY_TRACE: ScenarioTrace = {
  file: null,
  fileBase: "scenario",
  expression: null,
  format: null,
  step: null,
  duration: null,
  seed: null,
  strict: false,
  measures: DEFAULT_MEASURES,
  scale: DEFAULT_TRACE_SCALE,
  observedReplicas: null,
};

/** The parts of a trace spec that do not depend on its source. */
function sourceless(t: ScenarioTrace): ScenarioTrace {
  return {
    ...EMPTY_TRACE,
    measures: t.measures,
    scale: t.scale,
    observedReplicas: t.observedReplicas,
    ...(t.from !== undefined ? { from: t.from } : {}),
    ...(t.to !== undefined ? { to: t.to } : {}),
  };
}

function mergeTrace(
  base: ScenarioTrace | null,
  f: StrictObject,
  note: (name: string, value: unknown, was: unknown) => void,
): ScenarioTrace | null {
  const keys = ["traceFile", "traceExpression", "from", "to", "measures", "scale", "observedReplicas"];
  if (!keys.some((k) => k in f.fields)) return base;
  let t: ScenarioTrace = base ?? EMPTY_TRACE;
  const file = nonEmptyString(f, "traceFile");
  const expression = nonEmptyString(f, "traceExpression");
  if (file !== undefined && expression !== undefined) {
    f.problems.push(forbidden("traceExpression", "may not be given together with traceFile: choose one"));
  }
  if (file !== undefined) {
    note("traceFile", file, t.file ?? t.expression);
    t = { ...(t.file !== null ? t : sourceless(t)), file, fileBase: "cwd", expression: null };
  } else if (expression !== undefined) {
    note("traceExpression", expression, t.expression ?? t.file);
    t = { ...(t.expression !== null ? t : sourceless(t)), expression, file: null, fileBase: "scenario" };
  }
  const from = timeBoundField(f, "from");
  const to = timeBoundField(f, "to");
  const scale = numberField(f, "scale", { min: 0 }, null);
  const observedReplicas = integerField(f, "observedReplicas", { min: 1 }, null);
  const measures = f.string("measures");
  if (from !== undefined) {
    note("from", from, t.from ?? null);
    t = { ...t, from };
  }
  if (to !== undefined) {
    note("to", to, t.to ?? null);
    t = { ...t, to };
  }
  if (scale !== null) {
    note("scale", scale, t.scale);
    t = { ...t, scale };
  }
  if (measures !== undefined) {
    if (!RATE_MEASURES_RE.test(measures) && !(LEVEL_MEASURES as readonly string[]).includes(measures)) {
      f.problems.push(invalidValue("measures", measures, MEASURES_RULE));
    }
    note("measures", measures, t.measures);
    t = { ...t, measures };
  }
  if (observedReplicas !== null) {
    note("observedReplicas", observedReplicas, t.observedReplicas);
    t = { ...t, observedReplicas };
  }
  const utilization = UTILIZATION_MEASURES.includes(t.measures);
  if (utilization && t.observedReplicas === null) {
    f.problems.push(requiredValue("observedReplicas", `needed with measures ${t.measures}`));
  }
  if (!utilization && t.observedReplicas !== null) t = { ...t, observedReplicas: null };
  return t;
}
