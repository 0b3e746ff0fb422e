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
 * - Every second of the replay where the recorded count is known is compared: the replay's count is its exact step
 *   function (replica-steps.ts; without it, each row held to the next), so the figures are shares and means of time
 *   and do not depend on the recording period.
 */
import { valueAt } from "../trace/cursor.js";
import { seriesSpan } from "../trace/series-span.js";
import type { TimeSeries } from "../trace/types.js";
import { type ReplicaStepsData, stepsOf } from "./replica-steps.js";
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

/** A step function: value `v[i]` holds on [t[i], t[i + 1]) (the last to the end of the replay). */
export interface StepSeries {
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
}

type Row = { readonly t: number } & { readonly [K in BacktestColumn]?: number };

/** The rows' `compare` column as a step function (each row's value holds to the next row). */
function rowSteps(rows: readonly Row[], compare: BacktestColumn): StepSeries {
  return { t: rows.map((r) => r.t), v: rows.map((r) => r[compare] as number) };
}

/**
 * The recorded count at each row (null where unknown) and the backtest's figures; the figures are null when no
 * moment is compared (the traces do not overlap). The replay's counts are `steps` when given (the exact step
 * function the replay kept: run-recorder.ts), else the rows' (each held to the next row).
 */
export function backtestReplicas(
  rows: readonly Row[],
  durationSeconds: number,
  recorded: RecordedSeries,
  demandStartEpochSeconds: number | null,
  /** The column compared (each row, or `steps`, has it). */
  compare: BacktestColumn = "replicas",
  steps?: StepSeries,
): { readonly values: (number | null)[]; readonly summary: BacktestSummary | null } {
  const span = seriesSpan(recorded, demandStartEpochSeconds);
  const values = rows.map((r) =>
    r.t < span.from || r.t >= span.to ? null : valueAt(recorded, r.t - span.offset),
  );
  const replay = steps ?? rowSteps(rows, compare);
  const lo = Math.max(0, span.from);
  const hi = Math.min(durationSeconds, span.to);
  if (!(lo < hi) || replay.t.length === 0) return { values, summary: null };
  let [seconds, absSum, sum, exact, withinOne, hours, recordedHours] = [0, 0, 0, 0, 0, 0, 0];
  let [maxError, maxAt] = [-1, 0];
  // the replay's step and the recorded sample holding at x, walked forward together over [lo, hi)
  let i = 0;
  while (i + 1 < replay.t.length && (replay.t[i + 1] as number) <= lo) i++;
  let k = 0;
  while (k + 1 < recorded.t.length && (recorded.t[k + 1] as number) + span.offset <= lo) k++;
  for (let x = lo; x < hi; ) {
    const nextStep = i + 1 < replay.t.length ? (replay.t[i + 1] as number) : Number.POSITIVE_INFINITY;
    const nextSample =
      k + 1 < recorded.t.length ? (recorded.t[k + 1] as number) + span.offset : Number.POSITIVE_INFINITY;
    const next = Math.min(nextStep, nextSample, hi);
    const w = next - x;
    const [mine, theirs] = [replay.v[i] as number, recorded.v[k] as number];
    const e = mine - theirs;
    seconds += w;
    absSum += w * Math.abs(e);
    sum += w * e;
    if (Math.abs(e) < 1e-9) exact += w;
    if (Math.abs(e) <= 1 + 1e-9) withinOne += w;
    hours += (w * mine) / 3600;
    recordedHours += (w * theirs) / 3600;
    if (Math.abs(e) > maxError) [maxError, maxAt] = [Math.abs(e), x];
    if (nextStep === next) i++;
    if (nextSample === next) k++;
    x = next;
  }
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
  R extends {
    readonly summary: RunSummary;
    readonly timeline: readonly TimelineRow[];
    readonly replicaSteps?: ReplicaStepsData;
  },
>(result: R, backtest: BacktestInput | undefined, demandStartEpochSeconds: number | null): R {
  if (backtest === undefined) return result;
  const b = backtestReplicas(
    result.timeline,
    result.summary.durationSeconds,
    backtest.series,
    demandStartEpochSeconds,
    backtest.compare,
    result.replicaSteps === undefined ? undefined : stepsOf(result.replicaSteps, backtest.compare),
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
