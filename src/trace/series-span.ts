/**
 * Putting one trace on another's clock: a trace read alongside the replay's (recorded replicas for a backtest,
 * measured usage for a calibration) is aligned by date-times when both have them, else from their first samples;
 * and it covers its samples up to its last one plus one step (the spacing of its last two samples), as the demand
 * trace does (docs/scenario.md, `spec.simulation.durationSeconds`).
 */
import type { TimeSeries } from "./types.js";

/** Where a series lies on a reference clock (seconds from the reference's start). */
export interface SeriesSpan {
  /** Reference time of the series' t = 0. */
  readonly offset: number;
  /** The reference times it covers: [from, to). */
  readonly from: number;
  readonly to: number;
  /** `date-time`: aligned by the two date-times; `start`: both from their first sample. */
  readonly alignment: "date-time" | "start";
}

/** The span of `series` on the clock of a reference starting at `referenceStartEpochSeconds` (null: no date-times). */
export function seriesSpan(
  series: Pick<TimeSeries, "t" | "startEpochSeconds">,
  referenceStartEpochSeconds: number | null,
): SeriesSpan {
  const n = series.t.length;
  const dated = series.startEpochSeconds !== null && referenceStartEpochSeconds !== null;
  const offset = dated ? (series.startEpochSeconds as number) - (referenceStartEpochSeconds as number) : 0;
  const last = n === 0 ? 0 : (series.t[n - 1] as number);
  const step = n >= 2 ? last - (series.t[n - 2] as number) : 1;
  return { offset, from: offset, to: offset + last + step, alignment: dated ? "date-time" : "start" };
}
