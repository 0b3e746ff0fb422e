/**
 * Loading the demand trace a scenario names: a file (read through the injected `readFile`, parsed by the trace
 * layer with the scenario's column and slice options) or an expression. Values stay as recorded; the unit
 * conversion happens in demand-units.ts.
 */
import { dirname, isAbsolute, join } from "node:path";
import { parseTrace } from "../trace/parse-trace.js";
import type { ParseTraceOptions, TimeSeries } from "../trace/types.js";
import { FLAGS_FILE, flagName } from "./flag-names.js";
import { InputError } from "./manifest-errors.js";
import { DEFAULT_EXPRESSION_DURATION_SECONDS, DEFAULT_EXPRESSION_STEP_SECONDS } from "./scenario-defaults.js";
import type { ParsedScenario, ScenarioTrace } from "./scenario-types.js";
import { scenarioLabel } from "./usage-model.js";

/** Reads a file's text by path; throws (any Error) when it cannot. */
export type ReadFile = (path: string) => string;

/** `p` relative to the folder of `base` (a file path), unless `p` is absolute or there is no base. */
export function resolveRelative(base: string, p: string): string {
  if (isAbsolute(p) || base === "") return p;
  return join(dirname(base), p);
}

/** Reads `path` or throws InputError naming the scenario field that named it. */
export function readNamedFile(readFile: ReadFile, path: string, file: string, fieldPath: string): string {
  try {
    return readFile(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError({
      file,
      fieldPath,
      rule: "readable file",
      detail: `${fieldPath}: cannot read ${path}: ${why}`,
    });
  }
}

/** Copies the options that are set (exactOptionalPropertyTypes: absent, never undefined). */
function commonOptions(t: ScenarioTrace): ParseTraceOptions {
  const out: Record<string, unknown> = { scale: t.scale };
  if (t.from !== undefined) out.from = t.from;
  if (t.to !== undefined) out.to = t.to;
  return out as ParseTraceOptions;
}

/**
 * The scenario's trace, loaded. Throws InputError when there is none; the trace layer's TraceError (naming the
 * trace file, line and column) passes through.
 */
export function loadScenarioTrace(
  scenario: ParsedScenario,
  readFile: ReadFile,
  /** Where the trace is in the scenario (`spec.otherWorkloads[0].trace` for another workload's). */
  field = "spec.trace",
  cache?: TraceCache,
): TimeSeries {
  return loadTraceSpec(scenario.trace, scenario, readFile, field, cache);
}

/**
 * A trace spec of the scenario (`spec.trace`, another workload's, `spec.backtest.replicas`), loaded: see
 * {@link loadScenarioTrace}.
 */
export function loadTraceSpec(
  t: ScenarioTrace | null,
  scenario: ParsedScenario,
  readFile: ReadFile,
  field: string,
  cache?: TraceCache,
  /** The command-line flag a file relative to the working directory came from. */
  flag = "traceFile",
): TimeSeries {
  const label = scenarioLabel(scenario);
  if (t === null || (t.file === null && t.expression === null)) {
    throw new InputError({
      file: label,
      fieldPath: field,
      rule: "required",
      detail: `${field}: Required value: the replay needs a demand trace: set ${field}.file (CSV, Prometheus JSON or Grafana CSV) or ${field}.expression${field === "spec.trace" ? ", or give one on the command line" : ""}`,
    });
  }
  if (t.expression !== null) {
    const options: Record<string, unknown> = {
      ...commonOptions(t),
      format: "expression",
      file: scenario.file === "" ? "expression" : `${label}: ${field}.expression`,
      duration: t.duration ?? scenario.simulation.durationSeconds ?? DEFAULT_EXPRESSION_DURATION_SECONDS,
      step: t.step ?? DEFAULT_EXPRESSION_STEP_SECONDS,
      seed: t.seed ?? scenario.simulation.seed,
    };
    return parseTrace(t.expression, options as ParseTraceOptions);
  }
  const file = t.file as string;
  const path = t.fileBase === "cwd" ? file : resolveRelative(scenario.file, file);
  const text =
    t.fileBase === "cwd"
      ? readNamedFile(readFile, path, FLAGS_FILE, flagName(flag))
      : readNamedFile(readFile, path, label, `${field}.file`);
  // a trace piped in (`--trace -`) is named stdin in messages and the report
  const options: Record<string, unknown> = {
    ...commonOptions(t),
    file: path === "-" && t.fileBase === "cwd" ? "stdin" : path,
    strict: t.strict,
  };
  if (t.format !== null) options.format = t.format;
  if (t.timeColumn !== undefined) options.timeColumn = t.timeColumn;
  if (t.valueColumn !== undefined) options.valueColumn = t.valueColumn;
  if (t.sumColumns !== undefined) options.sumColumns = t.sumColumns;
  if (t.series !== undefined) options.series = t.series;
  if (t.step !== null) options.step = t.step;
  // the same text read with the same options parses to the same series (a sweep's combinations share it)
  const key = JSON.stringify(options);
  const last = cache?.last;
  if (last !== undefined && last !== null && last.text === text && last.key === key) return last.series;
  const series = parseTrace(text, options as ParseTraceOptions);
  if (cache !== undefined) cache.last = { text, key, series };
  return series;
}

/**
 * The last trace file a sweep parsed: its text (compared by identity first), options and series (never modified),
 * so the combinations of a sweep parse their shared trace once. Opt-in: simulate parses its trace every run.
 */
export interface TraceCache {
  last: { readonly text: string; readonly key: string; readonly series: TimeSeries } | null;
}
