/**
 * Backtest: the replay's replicas against the replica counts a real cluster recorded over the same load (the
 * Deployment's spec.replicas as kube-state-metrics exports it, `kube_deployment_spec_replicas`, or the HPA's
 * `kube_horizontalpodautoscaler_status_desired_replicas`). A replay that does not follow what the real HPA did on
 * yesterday's load should not be trusted with tomorrow's: this says how closely it follows.
 *
 * Rules (docs/scenario.md, Backtest):
 * - Clock: when the demand trace and the recorded trace both have date-times, a recorded sample at date-time d is
 *   at replay time d - (the demand's start); otherwise the recorded trace's first sample is at replay time 0.
 * - The recorded count at replay time t is the last recorded sample at or before t (hold-last), within the recorded
 *   trace's span: its last sample plus one step (the spacing of its last two samples), as for a demand trace.
 * - Each recorded timeline row is compared where the recorded count is known, weighted by the time to the next row
 *   (the last row: to the end of the replay), so shares and means are shares and means of time.
 */
import { seriesSpan } from "../trace/series-span.js";
import type { TimeSeries } from "../trace/types.js";
import type { RunSummary, TimelineRow } from "./types.js";

/**
 * The timeline column a recorded count is compared with: `replicas` (spec.replicas: kube_deployment_spec_replicas),
 * `readyReplicas` (kube_deployment_status_replicas_available) or `desiredReplicas` (the HPA's status:
 * kube_horizontalpodautoscaler_status_desired_replicas).
 */
export const BACKTEST_COLUMNS = ["replicas", "readyReplicas", "desiredReplicas"] as const;
export type BacktestColumn = (typeof BACKTEST_COLUMNS)[number];

/** What a backtest reads: the recorded series and the column it is compared with. */
export interface BacktestInput {
  readonly series: RecordedSeries;
  readonly compare: BacktestColumn;
}

/** A recorded replica count series (what this reads of the trace layer's TimeSeries). */
export type RecordedSeries = Pick<TimeSeries, "t" | "v" | "startEpochSeconds" | "source">;

/** How closely the replay's replicas follow the recorded ones (RunSummary.backtest). */
export interface BacktestSummary {
  /** The recorded trace. */
  readonly source: string;
  /** `date-time`: aligned by the two traces' date-times; `start`: both from their first sample. */
  readonly alignment: "date-time" | "start";
  /** The timeline column compared with the recorded counts. */
  readonly compared: BacktestColumn;
  /** Replay seconds where the recorded count was known (the time the figures below cover). */
  readonly comparedSeconds: number;
  /** Time-weighted mean of |replay - recorded| replicas. */
  readonly meanAbsoluteError: number;
  /** The largest |replay - recorded| of a compared row, and the first row's t where it occurs. */
  readonly maxAbsoluteError: number;
  readonly maxErrorAt: number;
  /** Time-weighted mean of (replay - recorded): positive when the replay runs more replicas. */
  readonly bias: number;
  /** Share of the compared time with exactly the recorded count, and within one replica of it. */
  readonly exactShare: number;
  readonly withinOneShare: number;
  /** Replica-hours over the compared time: the replay's and the recorded ones. */
  readonly replicaHours: number;
  readonly recordedReplicaHours: number;
}

/**
 * The recorded count at each row (null where unknown) and the backtest's figures; the figures are null when no row
 * is compared (the traces do not overlap).
 */
export function backtestReplicas(
  rows: readonly ({ readonly t: number } & { readonly [K in BacktestColumn]?: number })[],
  durationSeconds: number,
  recorded: RecordedSeries,
  demandStartEpochSeconds: number | null,
  /** The rows' column compared (each row has it). */
  compare: BacktestColumn = "replicas",
): { readonly values: (number | null)[]; readonly summary: BacktestSummary | null } {
  const span = seriesSpan(recorded, demandStartEpochSeconds);
  const values: (number | null)[] = new Array(rows.length);
  let [k, seconds, absSum, sum, exact, withinOne, hours, recordedHours] = [0, 0, 0, 0, 0, 0, 0, 0];
  let [maxError, maxAt] = [-1, 0];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as { readonly t: number } & { readonly [K in BacktestColumn]?: number };
    const replay = r[compare] as number;
    const at = r.t - span.offset; // on the recorded series' own clock
    if (r.t < span.from || r.t >= span.to) {
      values[i] = null;
      continue;
    }
    while (k + 1 < recorded.t.length && (recorded.t[k + 1] as number) <= at) k++;
    while (k > 0 && (recorded.t[k] as number) > at) k--;
    const a = recorded.v[k] as number;
    values[i] = a;
    const w = Math.max(0, Math.min(rows[i + 1]?.t ?? durationSeconds, durationSeconds, span.to) - r.t);
    const e = replay - a;
    seconds += w;
    absSum += w * Math.abs(e);
    sum += w * e;
    if (Math.abs(e) < 1e-9) exact += w;
    if (Math.abs(e) <= 1 + 1e-9) withinOne += w;
    hours += (w * replay) / 3600;
    recordedHours += (w * a) / 3600;
    if (Math.abs(e) > maxError) [maxError, maxAt] = [Math.abs(e), r.t];
  }
  if (maxError < 0) return { values, summary: null };
  const per = (x: number) => (seconds > 0 ? x / seconds : 0);
  return {
    values,
    summary: {
      source: recorded.source,
      alignment: span.alignment,
      compared: compare,
      comparedSeconds: seconds,
      meanAbsoluteError: per(absSum),
      maxAbsoluteError: maxError,
      maxErrorAt: maxAt,
      bias: per(sum),
      exactShare: per(exact),
      withinOneShare: per(withinOne),
      replicaHours: hours,
      recordedReplicaHours: recordedHours,
    },
  };
}

/**
 * The result with each timeline row's `recordedReplicas` and the summary's `backtest` (see {@link backtestReplicas})
 * when there is a recorded series; the result itself when there is none. With several workloads this is the main
 * one's (the result's own timeline and summary).
 */
export function withBacktest<
  R extends { readonly summary: RunSummary; readonly timeline: readonly TimelineRow[] },
>(result: R, backtest: BacktestInput | undefined, demandStartEpochSeconds: number | null): R {
  if (backtest === undefined) return result;
  const b = backtestReplicas(
    result.timeline,
    result.summary.durationSeconds,
    backtest.series,
    demandStartEpochSeconds,
    backtest.compare,
  );
  if (b.summary === null) return result;
  const timeline = result.timeline.map((r, i) => withRecorded(r, b.values[i] ?? null));
  return { ...result, timeline, summary: { ...result.summary, backtest: b.summary } };
}

/**
 * The row with `recordedReplicas`, built as one literal in the recorder's field order (run-recorder.ts row), not by
 * spreading: spread copies of a timeline's rows are slower objects to read (the CSV of 259,200 rows took 1.5x as
 * long).
 */
function withRecorded(r: TimelineRow, recordedReplicas: number | null): TimelineRow {
  const row: { -readonly [K in keyof TimelineRow]: TimelineRow[K] } = {
    t: r.t,
    demand: r.demand,
    served: r.served,
    unserved: r.unserved,
    desiredReplicas: r.desiredReplicas,
    replicas: r.replicas,
    readyReplicas: r.readyReplicas,
    pendingPods: r.pendingPods,
    startingPods: r.startingPods,
    terminatingPods: r.terminatingPods,
    metrics: r.metrics,
    recordedReplicas,
  };
  if (r.vpa !== undefined) row.vpa = r.vpa;
  if (r.nodes !== undefined) row.nodes = r.nodes;
  if (r.cost !== undefined) row.cost = r.cost;
  return row;
}
