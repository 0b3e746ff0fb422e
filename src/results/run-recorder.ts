/**
 * Collects a replay's timeline rows (every `recordEvery` seconds) and integrates its summary figures over
 * every interval (exactly, whatever the recording period). With a cluster model, the cluster figures are kept by
 * cluster-totals.ts.
 */

import { objectList } from "../engine/object-list.js";
import { type ClusterCounts, ClusterTotals } from "./cluster-totals.js";
import { ReplicaSteps } from "./replica-steps.js";
import type {
  ConditionChange,
  MetricInfo,
  RunEvent,
  RunSummary,
  TimelineMetric,
  TimelineNodes,
  TimelineRow,
  TimelineVpa,
} from "./types.js";

/**
 * The state of the replay over one interval [t, t + dt) (everything is constant within it). The recorder copies
 * what it keeps, so the caller may reuse one object (and its arrays) for every interval.
 */
export interface IntervalState {
  readonly demand: number;
  readonly served: number;
  readonly unserved: number;
  readonly desiredReplicas: number;
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly pendingPods: number;
  readonly startingPods: number;
  readonly terminatingPods: number;
  /** Per metric, in `metricInfos` order: what the HPA last saw (see {@link TimelineMetric}). */
  readonly observed: readonly (number | null)[];
  /** Per metric, in `metricInfos` order: the true value. */
  readonly actual: readonly (number | null)[];
  /** ScalingLimited=True with reason TooManyReplicas. */
  readonly limitedAtMax: boolean;
  /** With a VPA: the row's VPA part at a recording time in the interval (the state is constant in it). */
  readonly vpaRow?: () => TimelineVpa;
  /** With a cluster model ({@link RunRecorder.enableCluster}): registered nodes per group, in group order. */
  readonly nodeCounts?: readonly number[];
}

/** The state of an interval before anything is known: zero counts, the given metric arrays (filled in place later). */
export function emptyInterval(
  observed: readonly (number | null)[],
  actual: readonly (number | null)[],
): IntervalState {
  return {
    demand: 0,
    served: 0,
    unserved: 0,
    desiredReplicas: 0,
    replicas: 0,
    readyReplicas: 0,
    pendingPods: 0,
    startingPods: 0,
    terminatingPods: 0,
    observed,
    actual,
    limitedAtMax: false,
  };
}

/** Re-exported: the engine imports it from here. */
export type { ClusterCounts };

/** Two scale changes in opposite directions this close together count as a flap. */
export const FLAP_WINDOW_SECONDS = 300;

export class RunRecorder {
  readonly rows: TimelineRow[] = objectList();
  /** The replica counts at every change (the backtest's exact replay). */
  readonly steps = new ReplicaSteps();
  readonly events: RunEvent[] = objectList();
  readonly conditions: ConditionChange[] = objectList();
  private readonly lastCondition = new Map<string, ConditionChange>();
  private replicaSeconds = 0;
  private peakReplicas = 0;
  private peakReady = 0;
  private demandTotal = 0;
  private unservedTotal = 0;
  private peakUnserved = 0;
  private limitedAtMaxSeconds = 0;
  // typed arrays: a new recorder's accumulators are doubles from the start, as the code reading them expects
  private readonly above: Float64Array;
  private readonly actualSum: Float64Array;
  private readonly actualSeconds: Float64Array;
  private readonly actualPeak: (number | null)[];
  private scaleUps = 0;
  private scaleDowns = 0;
  private flaps = 0;
  private lastChange: { t: number; dir: number } | null = null;
  private cluster: ClusterTotals | null = null;
  syncs = 0;
  /** OOM kills of the workload's containers (counted by the engine). */
  oomKills = 0;

  constructor(
    readonly metricInfos: readonly MetricInfo[],
    private readonly recordEvery: number,
  ) {
    this.above = new Float64Array(metricInfos.length);
    this.actualSum = new Float64Array(metricInfos.length);
    this.actualSeconds = new Float64Array(metricInfos.length);
    this.actualPeak = metricInfos.map(() => null);
  }

  /**
   * Turns on the cluster figures (timeline `nodes` and `cost`, summary `cluster`): groups in the order of
   * {@link IntervalState.nodeCounts}, with their prices per node-hour.
   */
  enableCluster(groups: readonly string[], pricesPerHour: readonly number[]): void {
    this.cluster = new ClusterTotals(groups, pricesPerHour);
  }

  /** Adds the interval [t, t + dt): summary integrals, and timeline rows at every recording time inside it. */
  interval(t: number, dt: number, s: IntervalState): void {
    if (dt <= 0) return;
    const first = Math.ceil(t / this.recordEvery) * this.recordEvery;
    const c = this.cluster;
    if (c !== null) {
      // rows first: their cost is what accumulated before the row's time
      for (let r = first; r < t + dt; r += this.recordEvery)
        this.rows.push(this.row(r, s, c.rowFields(r, t, s)));
      c.addInterval(dt, s);
    }
    this.steps.note(t, s.replicas, s.readyReplicas, s.desiredReplicas);
    this.replicaSeconds += s.replicas * dt;
    if (s.replicas > this.peakReplicas) this.peakReplicas = s.replicas;
    if (s.readyReplicas > this.peakReady) this.peakReady = s.readyReplicas;
    this.demandTotal += s.demand * dt;
    this.unservedTotal += s.unserved * dt;
    if (s.unserved > this.peakUnserved) this.peakUnserved = s.unserved;
    // (adds of 0 rather than branches: the first time at the limit or above target late in a run deoptimized this)
    this.limitedAtMaxSeconds += s.limitedAtMax ? dt : 0;
    for (let i = 0; i < this.metricInfos.length; i++) {
      const actual = s.actual[i];
      if (actual === null || actual === undefined) continue;
      this.actualSum[i] = (this.actualSum[i] as number) + actual * dt;
      this.actualSeconds[i] = (this.actualSeconds[i] as number) + dt;
      const peak = this.actualPeak[i];
      if (peak === null || peak === undefined || actual > peak) this.actualPeak[i] = actual;
      this.above[i] =
        (this.above[i] as number) + (actual > (this.metricInfos[i] as MetricInfo).target ? dt : 0);
    }
    if (c === null) for (let r = first; r < t + dt; r += this.recordEvery) this.rows.push(this.row(r, s));
  }

  /**
   * A row built as one literal, then `vpa` and the cluster's fields added in that order: every row of a run gets the
   * same shape (spreading them in made each row a dictionary, many times slower to read for the charts).
   */
  private row(t: number, s: IntervalState, cluster?: { nodes: TimelineNodes; cost: number }): TimelineRow {
    const metrics: Record<string, TimelineMetric> = {};
    this.metricInfos.forEach((info, i) => {
      metrics[info.key] = {
        observed: s.observed[i] ?? null,
        actual: s.actual[i] ?? null,
        target: info.target,
      };
    });
    const row: { -readonly [K in keyof TimelineRow]: TimelineRow[K] } = {
      t,
      demand: s.demand,
      served: s.served,
      unserved: s.unserved,
      desiredReplicas: s.desiredReplicas,
      replicas: s.replicas,
      readyReplicas: s.readyReplicas,
      pendingPods: s.pendingPods,
      startingPods: s.startingPods,
      terminatingPods: s.terminatingPods,
      metrics,
    };
    if (s.vpaRow !== undefined) row.vpa = s.vpaRow();
    if (cluster !== undefined) {
      row.nodes = cluster.nodes;
      row.cost = cluster.cost;
    }
    return row;
  }

  /** Records a change of spec.replicas (counts scale-ups, scale-downs and flaps). */
  scaled(t: number, from: number, to: number): void {
    if (to === from) return;
    const dir = to > from ? 1 : -1;
    if (dir > 0) this.scaleUps++;
    else this.scaleDowns++;
    if (
      this.lastChange !== null &&
      this.lastChange.dir !== dir &&
      t - this.lastChange.t <= FLAP_WINDOW_SECONDS
    )
      this.flaps++;
    this.lastChange = { t, dir };
  }

  event(e: RunEvent): void {
    this.events.push(e);
  }

  /** Records a condition only when its status, reason or message changed. */
  condition(t: number, c: { type: string; status: string; reason: string; message?: string }): void {
    const prev = this.lastCondition.get(c.type);
    const message = c.message ?? "";
    if (
      prev !== undefined &&
      prev.status === c.status &&
      prev.reason === c.reason &&
      prev.message === message
    )
      return;
    const change = { t, type: c.type, status: c.status, reason: c.reason, message };
    this.lastCondition.set(c.type, change);
    this.conditions.push(change);
  }

  summary(durationSeconds: number, finalReplicas: number, clusterCounts?: ClusterCounts): RunSummary {
    const d = durationSeconds > 0 ? durationSeconds : 1;
    const cluster = this.cluster?.summary(d, clusterCounts, this.demandTotal);
    const summary: RunSummary = {
      durationSeconds,
      peakReplicas: this.peakReplicas,
      meanReplicas: this.replicaSeconds / d,
      finalReplicas,
      replicaHours: this.replicaSeconds / 3600,
      peakReadyReplicas: this.peakReady,
      metrics: this.metricInfos.map((m, i) => ({
        key: m.key,
        description: m.description,
        unit: m.unit,
        target: m.target,
        secondsAboveTarget: this.above[i] as number,
        shareAboveTarget: (this.above[i] as number) / d,
        peakActual: this.actualPeak[i] ?? null,
        meanActual:
          (this.actualSeconds[i] as number) > 0
            ? (this.actualSum[i] as number) / (this.actualSeconds[i] as number)
            : null,
      })),
      unservedShare: this.demandTotal > 0 ? this.unservedTotal / this.demandTotal : 0,
      peakUnserved: this.peakUnserved,
      totalDemand: this.demandTotal,
      totalUnserved: this.unservedTotal,
      scaleUps: this.scaleUps,
      scaleDowns: this.scaleDowns,
      flaps: this.flaps,
      secondsLimitedAtMax: this.limitedAtMaxSeconds,
      syncs: this.syncs,
      oomKills: this.oomKills,
    };
    return cluster === undefined ? summary : { ...summary, cluster };
  }
}
