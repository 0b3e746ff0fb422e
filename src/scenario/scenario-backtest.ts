/**
 * Reading `spec.backtest` of a Scenario: the replica counts a real cluster recorded over the trace's load
 * (results/backtest-replicas.ts compares the replay's with them). `replicas` is a trace file read as `spec.trace`
 * reads one, with the fields that choose what to read: no slice, scale or measures (the counts are aligned with the
 * replay by their date-times, and they are replicas).
 */
import { BACKTEST_COLUMNS, type BacktestColumn, type RecordedSeries } from "../results/backtest-replicas.js";
import { formatEpoch } from "../trace/civil-time.js";
import { seriesSpan } from "../trace/series-span.js";
import type { TimeSeries } from "../trace/types.js";
import { FLAGS_FILE, flagName } from "./flag-names.js";
import { InputError } from "./manifest-errors.js";
import { enumField } from "./scenario-fields.js";
import { loadTraceSpec, type ReadFile } from "./scenario-trace.js";
import { readReplicaFileSpec } from "./scenario-trace-spec.js";
import type { ParsedScenario, ScenarioTrace } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";
import { scenarioLabel } from "./usage-model.js";

/** The fields of spec.backtest. */
export const BACKTEST_FIELDS = ["replicas", "compare"];

/** What spec.backtest holds. */
export interface ScenarioBacktest {
  /** The recorded replica counts (kube_deployment_spec_replicas, ...). */
  readonly replicas: ScenarioTrace;
  /** The timeline column they are compared with (default `replicas`). */
  readonly compare: BacktestColumn;
}

/** Reads spec.backtest (`{}` when absent; a missing replicas file is a problem of the object). */
export function readBacktest(spec: StrictObject | undefined): { backtest?: ScenarioBacktest } {
  const o = spec?.object("backtest", BACKTEST_FIELDS);
  if (o === undefined) return {};
  const replicas = readReplicaFileSpec(
    o,
    "replicas",
    "a CSV, Prometheus JSON or Grafana CSV file of the replica counts the real cluster recorded (e.g. kube_deployment_spec_replicas)",
  );
  if (replicas === undefined) return {};
  return { backtest: { replicas, compare: enumField(o, "compare", BACKTEST_COLUMNS, "replicas") } };
}

/**
 * spec.backtest.replicas loaded (with a warning when only one of it and the demand trace has date-times), checked to
 * overlap the replay (`[0, durationSeconds)` on the demand's clock, whose
 * date-time start is `demandStartEpochSeconds`): a recorded trace of another day compares nothing, so it is bad
 * input (exit 2) rather than an empty backtest.
 */
export function loadBacktestReplicas(
  scenario: ParsedScenario,
  readFile: ReadFile,
  durationSeconds: number,
  demandStartEpochSeconds: number | null,
):
  | {
      readonly backtest: {
        readonly series: RecordedSeries & Pick<TimeSeries, "notes">;
        readonly compare: BacktestColumn;
      };
      readonly warnings: readonly string[];
    }
  | undefined {
  const spec = scenario.backtest?.replicas;
  if (spec === undefined) return undefined;
  const flag = spec.fileBase === "cwd";
  const field = flag ? flagName("backtestReplicasFile") : "spec.backtest.replicas";
  const series = loadTraceSpec(spec, scenario, readFile, field, undefined, "backtestReplicasFile");
  const span = seriesSpan(series, demandStartEpochSeconds);
  if (span.to <= 0 || span.from >= durationSeconds) {
    const when = (t: number) =>
      demandStartEpochSeconds === null ? `${t} s` : formatEpoch(demandStartEpochSeconds + t);
    throw new InputError({
      file: flag ? FLAGS_FILE : scenarioLabel(scenario),
      fieldPath: field,
      rule: "overlaps the replay",
      detail: `${field}: ${series.source} covers ${when(span.from)} to ${when(span.to)}, which does not overlap the replay (${when(0)} to ${when(durationSeconds)}${span.alignment === "date-time" ? "" : "; without date-times in both traces, both start at their first sample"})`,
    });
  }
  // one trace dated and the other not: they are put side by side from their starts, which may not be what was meant
  const dated = series.startEpochSeconds !== null;
  const warnings =
    dated === (demandStartEpochSeconds !== null)
      ? []
      : [
          `${field}: ${series.source} ${dated ? "has date-times but the demand trace has none" : "has no date-times but the demand trace has"}: its first sample is taken to be at the replay's start`,
        ];
  return { backtest: { series, compare: scenario.backtest?.compare ?? "replicas" }, warnings };
}
