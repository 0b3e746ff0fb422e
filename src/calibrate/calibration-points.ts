/**
 * The samples a calibration fits (usage-fit.ts): at each sample of a measured usage trace, the demand and the
 * Ready pods at that moment, read from their own traces (hold-last, each within its span: trace/series-span.ts).
 * The traces are aligned by their date-times when all three have them, else all from their first samples (with a
 * warning when only some have date-times).
 */
import { valueAt } from "../trace/cursor.js";
import { type SeriesSpan, seriesSpan } from "../trace/series-span.js";
import type { TimeSeries } from "../trace/types.js";
import type { UsagePoint } from "./usage-fit.js";

/** What a calibration reads: the demand (per second, in the model's `load` unit), the Ready pods, one usage. */
export interface CalibrationTraces {
  readonly load: Pick<TimeSeries, "t" | "v" | "startEpochSeconds" | "source">;
  readonly pods: Pick<TimeSeries, "t" | "v" | "startEpochSeconds" | "source">;
  readonly usage: Pick<TimeSeries, "t" | "v" | "startEpochSeconds" | "source">;
}

/** The points, how the traces were aligned, and warnings. */
export interface CalibrationPoints {
  readonly points: UsagePoint[];
  readonly alignment: SeriesSpan["alignment"];
  /** Usage samples with no demand or pod count at their time (outside those traces' spans). */
  readonly skipped: number;
  readonly warnings: string[];
}

/** The demand and pods at every usage sample (see the module comment). */
export function calibrationPoints(traces: CalibrationTraces): CalibrationPoints {
  const all = [traces.usage, traces.load, traces.pods];
  const dated = all.filter((s) => s.startEpochSeconds !== null);
  const warnings: string[] = [];
  if (dated.length > 0 && dated.length < all.length) {
    const without = all.filter((s) => s.startEpochSeconds === null).map((s) => s.source);
    warnings.push(
      `${without.join(", ")} ${without.length === 1 ? "has" : "have"} no date-times: all traces are taken to start together`,
    );
  }
  const reference = dated.length === all.length ? traces.usage.startEpochSeconds : null;
  const loadSpan = seriesSpan(traces.load, reference);
  const podSpan = seriesSpan(traces.pods, reference);
  const points: UsagePoint[] = [];
  let skipped = 0;
  const usage = traces.usage;
  for (let i = 0; i < usage.t.length; i++) {
    const at = usage.t[i] as number;
    if (at < loadSpan.from || at >= loadSpan.to || at < podSpan.from || at >= podSpan.to) {
      skipped++;
      continue;
    }
    points.push({
      load: valueAt(traces.load, at - loadSpan.offset),
      pods: valueAt(traces.pods, at - podSpan.offset),
      usage: usage.v[i] as number,
    });
  }
  return { points, alignment: loadSpan.alignment, skipped, warnings };
}
