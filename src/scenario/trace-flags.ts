/**
 * The trace flags over the Scenario's spec.trace: the source (`--trace FILE`, `--expression`), the slice and units
 * (`--from`, `--to`, `--measures`, `--scale`, `--observed-replicas`), and how a file is read (`--format`,
 * `--time-column`, `--value-column`, `--sum-columns`, `--series`, `--step`, `--strict`), each checked as the
 * file's field is.
 */
import type { ColumnRef } from "../trace/types.js";
import { forbidden, invalidValue, requiredValue, wrongType } from "./field-violations.js";
import { DEFAULT_MEASURES, DEFAULT_TRACE_SCALE } from "./scenario-defaults.js";
import {
  columnField,
  enumField,
  integerField,
  nonEmptyString,
  numberField,
  timeBoundField,
} from "./scenario-fields.js";
import {
  LEVEL_MEASURES,
  MEASURES_RULE,
  RATE_MEASURES_RE,
  TRACE_FORMATS,
  UTILIZATION_MEASURES,
} from "./scenario-trace-spec.js";
import type { ScenarioTrace } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";
import type { FlagNote } from "./workload-flags.js";

/** A trace spec with no source and every default. */
export const EMPTY_TRACE: ScenarioTrace = {
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

/** The keys of how a trace file is read (they apply to a file only; `step` also to an expression). */
const FILE_READING_KEYS = ["format", "timeColumn", "valueColumn", "sumColumns", "series", "strict"];
const TRACE_KEYS = [
  "traceFile",
  "traceExpression",
  "from",
  "to",
  "measures",
  "scale",
  "observedReplicas",
  "observedReplicasFile",
  "step",
  ...FILE_READING_KEYS,
];

/** The parts of a trace spec that do not depend on its source. */
function sourceless(t: ScenarioTrace): ScenarioTrace {
  return {
    ...EMPTY_TRACE,
    measures: t.measures,
    scale: t.scale,
    observedReplicas: t.observedReplicas,
    ...(t.observedReplicasTrace !== undefined ? { observedReplicasTrace: t.observedReplicasTrace } : {}),
    ...(t.from !== undefined ? { from: t.from } : {}),
    ...(t.to !== undefined ? { to: t.to } : {}),
  };
}

/**
 * The trace with the flags in `f` applied. A flag's source replaces the scenario's: switching between a file and an
 * expression keeps only `measures`, `scale`, `from`, `to` and `observedReplicas`; a new file keeps the scenario's
 * way of reading its file (columns, format) unless flags say otherwise.
 */
export function mergeTraceFlags(
  base: ScenarioTrace | null,
  f: StrictObject,
  note: FlagNote,
): ScenarioTrace | null {
  if (!TRACE_KEYS.some((k) => k in f.fields)) return base;
  let t: ScenarioTrace = base ?? EMPTY_TRACE;
  const file = nonEmptyString(f, "traceFile");
  const expression = nonEmptyString(f, "traceExpression");
  if (file !== undefined && expression !== undefined) {
    f.problems.push(forbidden("traceExpression", "may not be given together with --trace: choose one"));
  }
  if (file !== undefined) {
    note("traceFile", file, t.file ?? t.expression);
    t = { ...(t.file !== null ? t : sourceless(t)), file, fileBase: "cwd", expression: null };
  } else if (expression !== undefined) {
    note("traceExpression", expression, t.expression ?? t.file);
    t = { ...(t.expression !== null ? t : sourceless(t)), expression, file: null, fileBase: "scenario" };
  }
  t = mergeSliceAndUnits(t, f, note);
  return mergeFileReading(t, f, note);
}

function mergeSliceAndUnits(base: ScenarioTrace, f: StrictObject, note: FlagNote): ScenarioTrace {
  let t = base;
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
  const replicasFile = nonEmptyString(f, "observedReplicasFile");
  const was = t.observedReplicasTrace?.file ?? t.observedReplicas;
  if (observedReplicas !== null) {
    note("observedReplicas", observedReplicas, was);
    const { observedReplicasTrace: _file, ...rest } = t;
    t = { ...rest, observedReplicas };
  } else if (replicasFile !== undefined) {
    note("observedReplicas", replicasFile, was);
    const column = columnField(f, "observedReplicasColumn");
    const file: ScenarioTrace = {
      ...EMPTY_TRACE,
      file: replicasFile,
      fileBase: "cwd",
      ...(column !== undefined ? { valueColumn: column } : {}),
    };
    t = { ...t, observedReplicas: null, observedReplicasTrace: file };
  }
  const utilization = UTILIZATION_MEASURES.includes(t.measures);
  if (utilization && t.observedReplicas === null && t.observedReplicasTrace === undefined) {
    f.problems.push(
      requiredValue("observedReplicas", `needed with measures ${t.measures}: a number or a file`),
    );
  }
  if (!utilization && (observedReplicas !== null || replicasFile !== undefined)) {
    const key = observedReplicas !== null ? "observedReplicas" : "observedReplicasFile";
    f.problems.push(forbidden(key, "applies only with measures utilization or utilization-percent"));
  }
  if (!utilization && (t.observedReplicas !== null || t.observedReplicasTrace !== undefined)) {
    const { observedReplicasTrace: _file, ...rest } = t;
    t = { ...rest, observedReplicas: null };
  }
  return t;
}

/** `--format`, the columns, `--series`, `--step`, `--strict`. */
function mergeFileReading(base: ScenarioTrace, f: StrictObject, note: FlagNote): ScenarioTrace {
  const given = FILE_READING_KEYS.filter((k) => k in f.fields);
  if (base.expression !== null)
    for (const k of given) f.problems.push(forbidden(k, "applies to a trace file, not to an expression"));
  const t: { -readonly [K in keyof ScenarioTrace]: ScenarioTrace[K] } = { ...base };
  const format = enumField(f, "format", TRACE_FORMATS, null);
  if (format !== null) {
    note("format", format, t.format);
    t.format = format;
  }
  if ("timeColumn" in f.fields) {
    // null: the file has no time column (rows are --step seconds apart)
    const timeColumn = f.fields.timeColumn === null ? null : columnField(f, "timeColumn");
    if (timeColumn !== undefined) {
      note("timeColumn", timeColumn, t.timeColumn ?? null);
      t.timeColumn = timeColumn;
    }
  }
  const valueColumn = columnField(f, "valueColumn");
  if (valueColumn !== undefined) {
    note("valueColumn", valueColumn, t.valueColumn ?? null);
    t.valueColumn = valueColumn;
  }
  const sumColumns = f.list("sumColumns", (item, itemPath): ColumnRef | undefined => {
    if (
      (typeof item === "string" && item !== "") ||
      (typeof item === "number" && Number.isInteger(item) && item >= 0)
    )
      return item;
    f.problems.push(wrongType(itemPath, item, "a column name or a 0-based column index"));
    return undefined;
  });
  if (sumColumns !== undefined) {
    note("sumColumns", sumColumns, t.sumColumns ?? null);
    t.sumColumns = sumColumns;
  }
  const series = f.stringMap("series");
  if (series !== undefined) {
    note("series", series, t.series ?? null);
    t.series = series;
  }
  const step = integerField(f, "step", { min: 1 }, null);
  if (step !== null) {
    note("step", step, t.step);
    t.step = step;
  }
  const strict = f.boolean("strict");
  if (strict !== undefined) {
    note("strict", strict, t.strict);
    t.strict = strict;
  }
  return t;
}
