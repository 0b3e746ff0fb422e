/**
 * A calibration from parsed traces: the demand converted to the model's `load` unit (scenario/demand-units.ts),
 * then for CPU and memory each the points at its samples (calibration-points.ts), the fit (usage-fit.ts, or
 * robust-fit.ts) and its
 * expression (usage-expression-text.ts). No I/O: the command reads the files.
 */
import { toDemandSeries } from "../scenario/demand-units.js";
import type { TimeSeries } from "../trace/types.js";
import { calibrationPoints } from "./calibration-points.js";
import { fitUsageRobust } from "./robust-fit.js";
import { usageExpression } from "./usage-expression-text.js";
import { fitUsage, UnidentifiableFitError, type UsageFit } from "./usage-fit.js";

/** One resource's calibration. */
export interface ResourceCalibration {
  readonly resource: "cpu" | "memory";
  /** The usage trace. */
  readonly source: string;
  readonly fit: UsageFit;
  /** Usage samples outside the demand's or the pods' span. */
  readonly skipped: number;
  readonly expression: string;
}

/** The whole calibration. */
export interface Calibration {
  readonly load: { readonly source: string; readonly unit: string };
  readonly pods: string;
  readonly alignment: "date-time" | "start";
  readonly resources: readonly ResourceCalibration[];
  readonly warnings: readonly string[];
}

/** The parsed traces and what the demand measures (a rate such as `requests/min`, or `cores`). */
export interface CalibrationInput {
  readonly load: TimeSeries;
  readonly measures: string;
  readonly pods: TimeSeries;
  readonly cpu?: TimeSeries | undefined;
  readonly memory?: TimeSeries | undefined;
  /** Huber's robust fit (robust-fit.ts) instead of least squares. */
  readonly robust?: boolean | undefined;
}

/**
 * Fits each given resource.
 *
 * @throws UnidentifiableFitError naming the resource when its samples cannot identify the model
 */
export function calibrateUsage(input: CalibrationInput): Calibration {
  const { demand, warnings } = toDemandSeries(input.load, input.measures, {
    cpuRequestCores: 0,
    observedReplicas: null,
  });
  const load = { ...input.load, t: demand.t, v: demand.v };
  const all: string[] = [...warnings];
  const resources: ResourceCalibration[] = [];
  let alignment: Calibration["alignment"] = "date-time";
  for (const [resource, usage] of [
    ["cpu", input.cpu],
    ["memory", input.memory],
  ] as const) {
    if (usage === undefined) continue;
    const p = calibrationPoints({ load, pods: input.pods, usage });
    alignment = p.alignment;
    for (const w of p.warnings) if (!all.includes(w)) all.push(w);
    let fit: ReturnType<typeof fitUsage>;
    try {
      fit = input.robust === true ? fitUsageRobust(p.points) : fitUsage(p.points);
    } catch (e) {
      if (e instanceof UnidentifiableFitError)
        throw new UnidentifiableFitError(`${resource} (${usage.source}): ${e.message}`);
      throw e;
    }
    resources.push({
      resource,
      source: usage.source,
      fit,
      skipped: p.skipped,
      expression: usageExpression(fit, resource),
    });
  }
  return {
    load: { source: input.load.source, unit: demand.unit },
    pods: input.pods.source,
    alignment,
    resources,
    warnings: all,
  };
}
