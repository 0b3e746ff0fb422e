/**
 * Recorded utilization with the pod count it was recorded at over time (`spec.trace.observedReplicas: {file: ...}`,
 * `--observed-replicas FILE`): the demand in cores at a utilization sample is utilization x the pods at that moment x
 * the CPU request, so a trace recorded while the real HPA scaled converts to the demand those pods really served.
 *
 * Rules (docs/scenario.md, `measures`): the replica trace is read hold-last and put on the utilization trace's clock
 * by date-times when both have them, else both from their first samples (with a warning when only one has
 * date-times). A utilization sample outside the replica trace's span takes its nearest count (the first before it,
 * the last after it), with a warning giving how many; a replica trace that covers none of the utilization samples
 * is an input error.
 */
import { formatEpoch } from "../trace/civil-time.js";
import { valueAt } from "../trace/cursor.js";
import { seriesSpan } from "../trace/series-span.js";
import type { TimeSeries } from "../trace/types.js";
import { FLAGS_FILE } from "./flag-names.js";
import { InputError } from "./manifest-errors.js";
import { loadTraceSpec, type ReadFile } from "./scenario-trace.js";
import type { ParsedScenario, ScenarioTrace } from "./scenario-types.js";
import { scenarioLabel } from "./usage-model.js";

/** The pods at each utilization sample, where they came from, and what the user should know. */
export interface ObservedReplicasAtSamples {
  readonly values: Float64Array;
  readonly source: string;
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

/** The replica trace a trace spec names (read like the demand trace: the file's own rules apply), or undefined. */
export function loadObservedReplicas(
  trace: ScenarioTrace | null,
  scenario: ParsedScenario,
  readFile: ReadFile,
  /** Where the trace is in the scenario (`spec.trace`, `spec.otherWorkloads[0].trace`). */
  field: string,
): TimeSeries | undefined {
  const spec = trace?.observedReplicasTrace;
  if (spec === undefined) return undefined;
  return loadTraceSpec(
    spec,
    scenario,
    readFile,
    `${field}.observedReplicas`,
    undefined,
    "observedReplicasFile",
  );
}

/**
 * The pod count at each sample of `utilization` read from `replicas` (see the module comment). Throws InputError
 * (naming `field` of `scenario`) when the two do not overlap.
 */
export function replicasAtSamples(
  utilization: Pick<TimeSeries, "t" | "startEpochSeconds" | "source">,
  replicas: Pick<TimeSeries, "t" | "v" | "startEpochSeconds" | "source">,
  where: { readonly scenario: ParsedScenario; readonly field: string; readonly fromFlag: boolean },
): ObservedReplicasAtSamples {
  const span = seriesSpan(replicas, utilization.startEpochSeconds);
  const n = utilization.t.length;
  const first = utilization.t[0] ?? 0;
  const last = utilization.t[n - 1] ?? 0;
  const when = (t: number) =>
    span.alignment === "date-time" && utilization.startEpochSeconds !== null
      ? formatEpoch(utilization.startEpochSeconds + t)
      : `${t} s`;
  if (span.to <= first || span.from > last) {
    const field = where.fromFlag ? "--observed-replicas" : `${where.field}.observedReplicas`;
    throw new InputError({
      file: where.fromFlag ? FLAGS_FILE : scenarioLabel(where.scenario),
      fieldPath: field,
      rule: "overlaps the trace",
      detail: `${field}: ${replicas.source} covers ${when(span.from)} to ${when(span.to)}, which does not overlap the utilization trace (${when(first)} to ${when(last)}${span.alignment === "date-time" ? "" : "; without date-times in both traces, both start at their first sample"})`,
    });
  }
  const values = new Float64Array(n);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const at = utilization.t[i] as number;
    if (at < span.from || at >= span.to) outside++;
    values[i] = valueAt(replicas, at - span.offset);
  }
  const warnings: string[] = [];
  const dated = replicas.startEpochSeconds !== null;
  if (dated !== (utilization.startEpochSeconds !== null)) {
    warnings.push(
      `${dated ? utilization.source : replicas.source} has no date-times but ${dated ? replicas.source : utilization.source} has: both are taken to start together`,
    );
  }
  if (outside > 0) {
    warnings.push(
      `${outside} of ${n} utilization samples lie outside ${replicas.source} (${when(span.from)} to ${when(span.to)}): they take its nearest pod count`,
    );
  }
  const notes = [
    `observed replicas from ${replicas.source}, read hold-last at each utilization sample (${span.alignment === "date-time" ? "aligned by date-time" : "both from their first sample"})`,
  ];
  return { values, source: replicas.source, notes, warnings };
}
