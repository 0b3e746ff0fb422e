/**
 * Trace values -> demand per second in the model's unit (what `load` means in usage expressions):
 *
 * | measures              | demand                                              | unit          |
 * |-----------------------|-----------------------------------------------------|---------------|
 * | `<x>/s`               | value                                               | `<x>/s`       |
 * | `<x>/min`             | value / 60                                          | `<x>/s`       |
 * | `<x>/h`               | value / 3600                                        | `<x>/s`       |
 * | `cores`               | value                                               | `cores`       |
 * | `utilization`         | value * observedReplicas * CPU request per pod      | `cores`       |
 *   (observedReplicas: one number, or the count at each sample from a replica trace: observed-replicas.ts)
 * | `utilization-percent` | value * observedReplicas * CPU request per pod / 100 | `cores`      |
 *
 * Divisions are done last, on each value (`v / 60`, not `v * (1/60)`), so whole multiples stay exact.
 */
import type { DemandSeries } from "../engine/run-inputs.js";
import { formatEpoch } from "../trace/civil-time.js";
import type { TimeSeries } from "../trace/types.js";
import { RATE_MEASURES_RE } from "./scenario-trace-spec.js";

/** What the conversion needs besides the series. */
export interface DemandContext {
  /** CPU request of one pod in cores (for utilization traces); 0 when the pod requests no CPU. */
  readonly cpuRequestCores: number;
  /** Replicas the utilization was recorded with. */
  readonly observedReplicas: number | null;
  /** Or the replicas at each sample of the series (observed-replicas.ts), which then take precedence. */
  readonly observedReplicasAt?: { readonly values: Float64Array; readonly source: string } | undefined;
}

/** The converted demand, the rule applied (a sentence) and any warnings. */
export interface DemandConversion {
  readonly demand: DemandSeries;
  readonly rule: string;
  readonly warnings: readonly string[];
}

/** Thrown when a conversion is impossible (e.g. utilization without a CPU request); the caller adds the file. */
export class DemandUnitError extends Error {}

/** True when `load` is CPU cores (the trace measures cores or utilization). */
export function measuresCores(measures: string): boolean {
  return measures === "cores" || measures === "utilization" || measures === "utilization-percent";
}

/** Converts `series` (values as recorded) to demand per second. */
export function toDemandSeries(series: TimeSeries, measures: string, ctx: DemandContext): DemandConversion {
  const rate = RATE_MEASURES_RE.exec(measures);
  const warnings: string[] = [];
  let unit: string;
  let rule: string;
  let convert: (x: number, i: number) => number;
  if (rate !== null) {
    const per = rate[1];
    const thing = measures.slice(0, measures.lastIndexOf("/"));
    unit = `${thing}/s`;
    if (per === "min") {
      convert = (x) => x / 60;
      rule = `trace measures ${measures}: each value divided by 60 -> ${unit}`;
    } else if (per === "h") {
      convert = (x) => x / 3600;
      rule = `trace measures ${measures}: each value divided by 3600 -> ${unit}`;
    } else {
      convert = (x) => x;
      rule = `trace measures ${measures}: values used as they are`;
    }
  } else if (measures === "cores") {
    unit = "cores";
    convert = (x) => x;
    rule = "trace measures cores (total CPU demand): values used as they are";
  } else {
    const percent = measures === "utilization-percent";
    const replicas = ctx.observedReplicas ?? 0;
    const request = ctx.cpuRequestCores;
    if (!(request > 0)) {
      throw new DemandUnitError(
        `measures ${measures} needs the pods' CPU request to turn utilization into cores, but the pod template requests no CPU`,
      );
    }
    unit = "cores";
    const at = ctx.observedReplicasAt;
    const pods = at === undefined ? () => replicas : (i: number) => at.values[i] ?? 0;
    convert = percent ? (x, i) => (x * pods(i) * request) / 100 : (x, i) => x * pods(i) * request;
    const counted =
      at === undefined
        ? `${replicas} observed replicas`
        : `the observed replicas at that time (${at.source})`;
    rule =
      `trace measures ${measures}: cores = ${percent ? "value / 100" : "value"} x ${counted}` +
      ` x ${request} cores requested per pod`;
    let max = 0;
    for (const x of series.v) if (x > max) max = x;
    if (!percent && max > 5) {
      warnings.push(
        `trace measures utilization (a fraction: 1 = 100% of the CPU request) but reaches ${max}: if the values are percentages, use measures: utilization-percent`,
      );
    }
    if (percent && max > 0 && max <= 1.5) {
      warnings.push(
        `trace measures utilization-percent but never exceeds ${max}: if the values are fractions (1 = 100%), use measures: utilization`,
      );
    }
  }
  const v = new Float64Array(series.v.length);
  for (let i = 0; i < v.length; i++) {
    const x = convert(series.v[i] ?? 0, i);
    // trace values are at most 1e15 (trace/bounds.ts); a conversion must not take one past a finite number
    if (!Number.isFinite(x)) {
      const t = series.t[i] ?? 0;
      const at =
        series.startEpochSeconds === null
          ? `t = ${t} s`
          : `${formatEpoch(series.startEpochSeconds + t)} (t = ${t} s)`;
      throw new DemandUnitError(
        `the demand at ${at} of ${series.source} is not a finite number: ${series.v[i]} converted as ${measures} gives ${x}`,
      );
    }
    v[i] = x;
  }
  return { demand: { t: series.t, v, unit, source: series.source }, rule, warnings };
}

/**
 * The default replay length: the trace's span, i.e. the last sample's time plus one step (the spacing of the
 * last two samples), so the last sample counts for as long as the others. A one-sample trace has no span.
 */
export function traceSpanSeconds(t: Float64Array): number | null {
  const n = t.length;
  if (n < 2) return null;
  const last = t[n - 1] ?? 0;
  return last + (last - (t[n - 2] ?? 0));
}
