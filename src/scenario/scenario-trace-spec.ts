/** Reading `spec.trace` of a Scenario: the demand's source and what its numbers measure. */
import type { ColumnRef } from "../trace/types.js";
import { child, forbidden, invalidValue, requiredValue, wrongType } from "./field-violations.js";
import { DEFAULT_MEASURES, DEFAULT_TRACE_SCALE, REPLAY_DURATION_RANGE } from "./scenario-defaults.js";
import {
  columnField,
  enumField,
  integerField,
  nonEmptyString,
  numberField,
  timeBoundField,
} from "./scenario-fields.js";
import type { ScenarioTrace, TraceFileFormat } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";

/** The fields of spec.trace. */
// biome-ignore format: packed list
export const TRACE_FIELDS = [
  "file", "expression", "format", "timeColumn", "valueColumn", "sumColumns", "series", "step", "duration",
  "seed", "from", "to", "strict", "measures", "scale", "observedReplicas",
];

export const TRACE_FORMATS: readonly TraceFileFormat[] = ["csv", "grafana", "prometheus"];
const FILE_ONLY = ["format", "timeColumn", "valueColumn", "sumColumns", "series", "strict"];
const EXPRESSION_ONLY = ["duration", "seed"];

/** A rate per second, minute or hour of anything (`requests/min`, `messages/s`). */
export const RATE_MEASURES_RE = /^[a-z][a-z0-9_.-]*\/(s|min|h)$/;
/** Measures that are not rates. */
export const LEVEL_MEASURES = ["cores", "utilization", "utilization-percent"] as const;
/** Measures that need `observedReplicas`. */
export const UTILIZATION_MEASURES: readonly string[] = ["utilization", "utilization-percent"];

/** The message for an unknown `measures`. */
export const MEASURES_RULE =
  "must be a rate (<unit>/s, <unit>/min or <unit>/h, e.g. requests/min), cores, utilization (a fraction of the CPU request) or utilization-percent";

/** Reads spec.trace; null when absent. */
export function readTraceSpec(trace: StrictObject | undefined): ScenarioTrace | null {
  if (trace === undefined) return null;
  const path = trace.path;
  const has = (k: string) => trace.fields[k] !== undefined && trace.fields[k] !== null;
  const file = nonEmptyString(trace, "file") ?? null;
  const expression = nonEmptyString(trace, "expression") ?? null;
  if (file !== null && expression !== null) {
    trace.problems.push(
      forbidden(child(path, "expression"), "may not be set together with `file`: choose one"),
    );
  }
  if (expression !== null) {
    for (const k of FILE_ONLY.filter(has))
      trace.problems.push(forbidden(child(path, k), "applies to a trace file, not to an expression"));
  } else {
    for (const k of EXPRESSION_ONLY.filter(has))
      trace.problems.push(forbidden(child(path, k), "applies to an expression trace only"));
  }
  const measures = trace.string("measures") ?? DEFAULT_MEASURES;
  const measuresOk =
    RATE_MEASURES_RE.test(measures) || (LEVEL_MEASURES as readonly string[]).includes(measures);
  if (!measuresOk) trace.problems.push(invalidValue(child(path, "measures"), measures, MEASURES_RULE));
  const utilization = UTILIZATION_MEASURES.includes(measures);
  // a whole number, or the file of the pod counts over time (kube_deployment_status_replicas_available)
  const replicasValue = trace.fields.observedReplicas;
  const replicasFile =
    replicasValue !== null && typeof replicasValue === "object"
      ? readReplicaFileSpec(trace, "observedReplicas", OBSERVED_REPLICAS_FILE_DETAIL)
      : undefined;
  const observedReplicas =
    replicasFile === undefined ? integerField(trace, "observedReplicas", { min: 1 }, null) : null;
  if (utilization && !has("observedReplicas")) {
    trace.problems.push(
      requiredValue(
        child(path, "observedReplicas"),
        `the number of pods the utilization was recorded with (demand in cores = utilization x observedReplicas x CPU request per pod), or {file: ...} of that number over time`,
      ),
    );
  }
  if (!utilization && has("observedReplicas")) {
    trace.problems.push(
      forbidden(
        child(path, "observedReplicas"),
        "applies only with measures: utilization or utilization-percent",
      ),
    );
  }

  const out: { -readonly [K in keyof ScenarioTrace]: ScenarioTrace[K] } = {
    file,
    fileBase: "scenario",
    expression,
    format: enumField(trace, "format", TRACE_FORMATS, null),
    step: integerField(trace, "step", { min: 1 }, null),
    duration: integerField(trace, "duration", REPLAY_DURATION_RANGE, null),
    seed: integerField(trace, "seed", { min: 0, max: 4294967295 }, null),
    strict: trace.boolean("strict") ?? false,
    measures,
    scale: numberField(trace, "scale", { min: 0 }, DEFAULT_TRACE_SCALE),
    observedReplicas: utilization ? observedReplicas : null,
  };
  if (utilization && replicasFile !== undefined) out.observedReplicasTrace = replicasFile;
  // An explicit `timeColumn: null` means "no time column" (rows are `step` seconds apart).
  if (trace.fields.timeColumn === null) out.timeColumn = null;
  const timeColumn = columnField(trace, "timeColumn");
  if (timeColumn !== undefined) out.timeColumn = timeColumn;
  const valueColumn = columnField(trace, "valueColumn");
  if (valueColumn !== undefined) out.valueColumn = valueColumn;
  const sumColumns = trace.list("sumColumns", (item, itemPath): ColumnRef | undefined => {
    if (typeof item === "string" && item !== "") return item;
    if (typeof item === "number" && Number.isInteger(item) && item >= 0) return item;
    trace.problems.push(wrongType(itemPath, item, "a column name or a 0-based column index"));
    return undefined;
  });
  if (sumColumns !== undefined) out.sumColumns = sumColumns;
  const series = trace.stringMap("series");
  if (series !== undefined) out.series = series;
  const from = timeBoundField(trace, "from");
  if (from !== undefined) out.from = from;
  const to = timeBoundField(trace, "to");
  if (to !== undefined) out.to = to;
  return out;
}

/** The fields of a replica-count file (spec.backtest.replicas, spec.trace.observedReplicas). */
export const REPLICA_TRACE_FIELDS = [
  "file",
  "format",
  "timeColumn",
  "valueColumn",
  "sumColumns",
  "series",
  "step",
  "strict",
];

const OBSERVED_REPLICAS_FILE_DETAIL =
  "a CSV, Prometheus JSON or Grafana CSV file of the pods the utilization was recorded with, over time (e.g. kube_deployment_status_replicas_available)";

/**
 * A file of replica counts over time at `parent.key` (`{file, valueColumn, series, ...}`), read as a trace file
 * relative to the scenario; undefined (and a problem naming `detail`) when it has no file.
 */
export function readReplicaFileSpec(
  parent: StrictObject,
  key: string,
  detail: string,
): ScenarioTrace | undefined {
  const r = parent.object(key, REPLICA_TRACE_FIELDS);
  const spec = readTraceSpec(r);
  if (r === undefined || spec === null || spec.file === null) {
    const path = r?.path ?? child(parent.path, key);
    parent.problems.push(requiredValue(r === undefined ? path : child(path, "file"), detail));
    return undefined;
  }
  return spec;
}
