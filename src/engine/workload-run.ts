/**
 * One workload of a replay and its HPA: the pods, the metrics pipeline (metrics-pipeline-run.ts), the HPA
 * (hpa-controller-run.ts), the ReplicaSet's answers to its scale writes, and the recorder of its figures.
 * simulate.ts owns the clock and calls the phases of tick-phases.ts on every workload in turn (the main workload
 * first), so a run with one workload is the same as before there could be several.
 */

import { Workload } from "../cluster/workload.js";
import { type LoadSplit, splitLoad } from "../metrics/load-split.js";
import {
  type ClusterCounts,
  emptyInterval,
  type IntervalState,
  RunRecorder,
} from "../results/run-recorder.js";
import type { RunEvent, RunSummary } from "../results/types.js";
import { SeriesCursor } from "../trace/cursor.js";
import { HpaControllerRun } from "./hpa-controller-run.js";
import { buildMetricProbes, type MetricProbe, ProbeReadings } from "./metric-probes.js";
import { MetricsPipelineRun } from "./metrics-pipeline-run.js";
import { MinHeap } from "./min-heap.js";
import { objectList } from "./object-list.js";
import { countPodsInto } from "./pod-counts.js";
import { type QuietRun, runQuietStretch } from "./quiet-stretch.js";
import type { Rng } from "./rng.js";
import type { RunInputs, WorkloadInputs } from "./run-inputs.js";
import type { SimulateOptions } from "./simulate-options.js";
import { VpaPhase } from "./vpa-phase.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class WorkloadRun implements QuietRun {
  /** RunInputs as the HPA-side helpers read them, with this workload's HPA, target, usage and demand. */
  readonly inputs: RunInputs;
  readonly workload: Workload;
  readonly recorder: RunRecorder;
  /** This workload's pod transitions (bind, running, Ready, burst end, gone). */
  readonly heap = new MinHeap();
  specReplicas: number;
  /** metrics-server, the adapter and their schedule. */
  readonly metrics: MetricsPipelineRun;
  private readonly probes: readonly MetricProbe[];
  private readonly hpaRef: string;
  /** The workload's HorizontalPodAutoscaler: status and controller memory from sync to sync. */
  readonly hpa: HpaControllerRun;
  private readonly observed: (number | null)[];
  /** The metrics' true values over the current interval. */
  private readonly readings: ProbeReadings;
  private limited = false;
  private readonly interval: Mutable<IntervalState>;
  private countsDirty = true;
  /** Where the replay is in this workload's demand. */
  private readonly demand: SeriesCursor;
  /** The HPA's next sync. */
  nextSync: number;
  /** The demand over the current interval. */
  demandNow = 0;
  /** This workload's own events (its HPA's and its VPA's), in order. */
  readonly ownEvents: RunEvent[] = objectList();
  /** The workload's VerticalPodAutoscaler, if it has one. */
  vpa: VpaPhase | null = null;
  /** The target is a StatefulSet (its controller also acts on pod transitions). */
  private readonly statefulSet: boolean;

  constructor(
    base: RunInputs,
    w: WorkloadInputs,
    rng: Rng,
    /** Where this workload's events go besides its own recorder (the run's event log), if elsewhere. */
    private readonly emit: ((e: RunEvent) => void) | null,
  ) {
    this.inputs =
      w.hpa === base.hpa
        ? base
        : { ...base, hpa: w.hpa, target: w.target, usage: w.usage, demand: w.demand, lifecycle: w.lifecycle };
    this.demand = new SeriesCursor(w.demand);
    const inputs = this.inputs;
    this.workload = new Workload(w.target, w.usage, w.lifecycle, rng, this.heap);
    this.metrics = new MetricsPipelineRun(inputs.metricsPipeline, w);
    this.probes = buildMetricProbes(inputs, this.workload.customNames, this.metrics.clusterNames);
    this.recorder = new RunRecorder(this.metricInfos, inputs.recordEverySeconds);
    this.hpaRef = `HorizontalPodAutoscaler/${w.hpa.metadata.name}`;
    this.specReplicas = w.target.replicas;
    this.statefulSet = w.target.kind === "StatefulSet";
    this.hpa = new HpaControllerRun(inputs, this.specReplicas);
    // the initial status has no current metrics and no conditions: nothing observed, not limited
    this.observed = this.probes.map(() => null);
    this.readings = new ProbeReadings(this.probes, this.workload.readyRates, this.workload.readyMemoryParts);
    this.interval = emptyInterval(this.observed, this.readings.actual);
    this.nextSync = inputs.hpaTimings.firstSyncSeconds;
    if (w.vpa !== undefined) {
      this.vpa = new VpaPhase(w.vpa, this.workload, w.target.podLabels);
      this.interval.vpaRow = this.vpa.timelineRow(() => this.recordingAt);
    }
  }

  /** The time a timeline row is being recorded for (read by the VPA row). */
  private recordingAt = 0;

  /** The workload's summary at the end of the run. */
  summary(duration: number, counts: ClusterCounts | undefined): RunSummary {
    this.recorder.oomKills = this.workload.oomKills;
    const s = this.recorder.summary(duration, this.specReplicas, counts);
    return this.vpa === null ? s : { ...s, vpa: this.vpa.summary() };
  }

  get metricInfos() {
    return this.probes.map((p) => p.info);
  }

  /** Records cluster node counts in this workload's timeline (the array is read at every interval). */
  showNodes(groups: readonly string[], prices: readonly number[], nodeCounts: readonly number[]): void {
    this.recorder.enableCluster(groups, prices);
    this.interval.nodeCounts = nodeCounts;
  }

  /** The initial pods and the first scrape and adapter times, at the start of the warm-up. */
  start(start: number): void {
    this.workload.createInitialPods(this.specReplicas, start);
    this.vpa?.start();
    this.metrics.start(start);
  }

  /** The ReplicaSet (or StatefulSet) controller matches the pods to spec.replicas (after evictions). */
  reconcile(t: number): void {
    this.workload.reconcileReplicas(this.specReplicas, t);
  }

  /** Pod counts changed outside the phases (the cluster bound or evicted pods). */
  touched(t: number): void {
    this.workload.applyTransitions(t);
    this.countsDirty = true;
  }

  private observeStatus(): void {
    for (let i = 0; i < this.probes.length; i++)
      this.observed[i] = (this.probes[i] as MetricProbe).observed(this.hpa.status.currentMetrics?.[i]);
    this.limited = this.hpa.limitedAtMax;
  }

  /** Phases 2-7 at t (memory fold, transitions, scrape, adapter, HPA sync, ReplicaSet). */
  controllers(t: number, prev: number, options: SimulateOptions): void {
    if (t === this.controllersDone) return; // done by fastForward
    const w = this.workload;
    const scrapeDue = this.metrics.scrapeDue(t);
    const transitionsDue = this.heap.peek() <= t;
    if (transitionsDue || scrapeDue) w.foldMemoryPeaks(prev);
    if (transitionsDue) {
      while (this.heap.peek() <= t) this.heap.pop();
      w.applyTransitions(t);
      this.countsDirty = true;
    }
    this.metrics.collect(w, t, scrapeDue);
    if (t === this.nextSync) {
      this.sync(t, options);
      this.nextSync += this.inputs.hpaTimings.syncPeriodSeconds;
    }
    // the StatefulSet controller reacts to its pods' events (Ready, Available, gone): OrderedReady goes on
    if (transitionsDue && this.statefulSet) this.replicaSet(t);
    // the `vpa` phase: evicted pods are recreated at once
    if (this.vpa?.loops(t, this.metrics.server.items, this.specReplicas, (e) => this.publish(e)) === true)
      this.replicaSet(t);
  }

  /** Phase 7 after spec.replicas or the pods changed: the ReplicaSet controller matches them, the counts are stale. */
  private replicaSet(t: number): void {
    this.workload.reconcileReplicas(this.specReplicas, t);
    this.workload.applyTransitions(t);
    this.countsDirty = true;
  }

  private sync(t: number, options: SimulateOptions): void {
    this.recorder.syncs++;
    const before = this.hpa.status;
    const { server, adapter } = this.metrics;
    const r = this.hpa.sync(t, this.specReplicas, this.workload, server, adapter, options);
    if (r === null) {
      // the previous sync's decision again: same conditions, no events, at most new current metrics
      if (this.hpa.status !== before) this.observeStatus();
      return;
    }
    this.observeStatus();
    for (const e of r.events)
      this.publish({ t, type: e.type, reason: e.reason, message: e.message, object: this.hpaRef });
    for (const c of r.status.conditions ?? []) this.recorder.condition(t, c);
    if (r.scaleUpdated && r.replicas !== this.specReplicas) {
      this.recorder.scaled(t, this.specReplicas, r.replicas);
      this.specReplicas = r.replicas;
      this.replicaSet(t);
    }
  }

  /** One of this workload's events: its recorder, its own list and the run's log. */
  private publish(ev: RunEvent): void {
    this.recorder.event(ev);
    this.ownEvents.push(ev);
    this.emit?.(ev);
  }

  /** Phase 8 at t: the demand split over the Ready pods, per-pod rates for [t, next). */
  load(t: number): void {
    const demand = this.demand.valueAt(t);
    this.demandNow = demand;
    if (this.countsDirty) this.recount(t);
    let split = this.split(demand);
    this.workload.setReadyLoad(split.perPodLoad, t);
    // OOM kills take pods out of the Service: the rest take their share, and may be killed in turn
    while (this.workload.checkOom(t)) {
      this.workload.applyTransitions(t);
      this.recount(t);
      split = splitLoad(demand, this.interval.readyReplicas, this.inputs.usage.maxLoadPerPod);
      this.workload.setReadyLoad(split.perPodLoad, t);
    }
    this.interval.served = split.served;
    this.interval.unserved = split.unserved;
    this.metrics.setDemand(demand);
  }

  /** The last split of the demand over the Ready pods, and its demand and count (they split the same again). */
  private lastSplit: LoadSplit | null = null;
  private splitDemand = 0;
  private splitReady = 0;

  private split(demand: number): LoadSplit {
    const ready = this.interval.readyReplicas;
    if (this.lastSplit !== null && this.splitDemand === demand && this.splitReady === ready)
      return this.lastSplit;
    this.lastSplit = splitLoad(demand, ready, this.inputs.usage.maxLoadPerPod);
    this.splitDemand = demand;
    this.splitReady = ready;
    return this.lastSplit;
  }

  /** The next moment this workload changes by itself (after t). */
  nextEvent(t: number, everySecond: boolean): number {
    if (everySecond) return t + 1;
    let next = Math.min(this.metrics.nextEvent(), this.nextSync, this.heap.peek());
    if (this.vpa !== null) next = Math.min(next, this.vpa.nextEvent(t));
    return Math.min(next, this.demand.nextSample());
  }

  /** Runs the quiet moments from `t` on (quiet-stretch.ts) and returns the first one it did not run. */
  fastForward(t: number, duration: number): number {
    const w = this.workload;
    if (t < 0 || this.vpa !== null || w.usage.stickyMemory || !this.metrics.resourceOnly) return t;
    if (!this.hpa.quietReady(t, this.specReplicas, w, this.metrics.server, this.metrics.adapter)) return t;
    const r = runQuietStretch(this, t, this.heap.peek(), this.demand.nextSample(), duration);
    if (r.controllersDone) this.controllersDone = r.t;
    return r.t;
  }

  /** Phase 9 for [t, next) (only t >= 0 is recorded), then phase 1: integrate over it. */
  recordAndIntegrate(t: number, next: number): void {
    const iv = this.interval;
    const w = this.workload;
    const requests = this.vpa?.readyRequests(t);
    this.readings.read(
      w.ratesVersion,
      w.readyMemory,
      iv.readyReplicas,
      this.activeCount,
      this.demandNow,
      requests,
    );
    iv.demand = this.demandNow;
    iv.desiredReplicas = this.hpa.status.desiredReplicas;
    iv.replicas = this.specReplicas;
    iv.limitedAtMax = this.limited;
    if (t >= 0) {
      this.recordingAt = t;
      this.recorder.interval(t, next - t, iv);
    }
    const dt = next - t;
    this.workload.integrate(dt);
    this.metrics.integrate(dt);
  }

  private activeCount = 0;
  /** The moment whose phases 2-7 fastForward already ran. */
  private controllersDone = Number.NaN;

  private recount(now: number): void {
    this.activeCount = countPodsInto(this.interval, this.workload.pods, now);
    this.countsDirty = false;
  }
}
