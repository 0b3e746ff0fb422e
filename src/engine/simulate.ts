/**
 * The replay: `simulate(inputs) -> RunResult`. Owns the clock (integer seconds) and the seeded random
 * source; visits only the moments where something can change, in the phase order of tick-phases.ts.
 */

import { podState } from "../cluster/sim-pod.js";
import { Workload } from "../cluster/workload.js";
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus } from "../hpa/api-types.js";
import type { SyncResult } from "../hpa/controller.js";
import type { ControllerState, SyncInput } from "../hpa/types.js";
import { splitLoad } from "../metrics/load-split.js";
import { MetricsAdapter } from "../metrics/metrics-adapter.js";
import { MetricsServer } from "../metrics/metrics-server.js";
import { type IntervalState, RunRecorder } from "../results/run-recorder.js";
import type { RunResult } from "../results/types.js";
import { ClusterPhase, type ClusterStepView } from "./cluster-phase.js";
import { observeMetrics, PodInfoView, runHpaSync } from "./hpa-sync.js";
import { buildMetricProbes, type MetricProbe, type ProbeContext } from "./metric-probes.js";
import { MinHeap } from "./min-heap.js";
import { createRng } from "./rng.js";
import type { LoadFunction, RunInputs } from "./run-inputs.js";

export interface SimulateOptions {
  /** Visit every second instead of jumping between moments of change (for testing that jumping is exact). */
  readonly everySecond?: boolean;
  /** Called now and then with the simulated time reached (the CLI draws a progress bar). */
  readonly onProgress?: (t: number) => void;
  /** Called after every HPA sync with what it read and decided (`simulate --explain-at`). */
  readonly onSync?: (input: SyncInput, state: ControllerState, result: SyncResult) => void;
  /** With a cluster model: called after the cluster phase of every visited moment (tests' invariants). */
  readonly onClusterStep?: (view: ClusterStepView) => void;
}

interface PodCounts {
  ready: number;
  pending: number;
  starting: number;
  terminating: number;
  active: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** ScalingLimited=True with reason TooManyReplicas. */
function limitedAtMax(status: HorizontalPodAutoscalerStatus): boolean {
  for (const c of status.conditions ?? [])
    if (c.type === "ScalingLimited" && c.status === "True" && c.reason === "TooManyReplicas") return true;
  return false;
}

/** Replays the demand through the workload and its HPA. Pure: same inputs, same result. */
export function simulate(inputs: RunInputs, options: SimulateOptions = {}): RunResult {
  const rng = createRng(inputs.seed);
  const heap = new MinHeap();
  const workload = new Workload(inputs.target, inputs.usage, inputs.lifecycle, rng, heap);
  const server = new MetricsServer(inputs.target.containers);
  const clusterNames = Object.keys(inputs.usage.clusterMetrics).sort();
  const clusterFns = clusterNames.map((n) => inputs.usage.clusterMetrics[n] as LoadFunction);
  const clusterCum = new Float64Array(clusterNames.length);
  const clusterRates = new Float64Array(clusterNames.length);
  const mp = inputs.metricsPipeline;
  const adapter = new MetricsAdapter(
    {
      intervalSeconds: mp.adapterIntervalSeconds,
      windowSeconds: mp.adapterWindowSeconds,
      lagSeconds: mp.adapterLagSeconds,
    },
    clusterNames,
  );
  const probes = buildMetricProbes(inputs, workload.customNames, clusterNames);
  const recorder = new RunRecorder(
    probes.map((p) => p.info),
    inputs.recordEverySeconds,
  );
  const hpaRef = `HorizontalPodAutoscaler/${inputs.hpa.metadata.name}`;
  const cluster =
    inputs.cluster === undefined
      ? null
      : new ClusterPhase(inputs.cluster, inputs.target, workload, rng, (e) => recorder.event(e));
  if (cluster !== null) {
    workload.deferBinding = true;
    recorder.enableCluster(cluster.groupNames(), cluster.prices());
  }
  const ctx: Mutable<ProbeContext> = {
    readyRates: workload.readyRates,
    readyMemory: 0,
    readyPods: 0,
    activePods: 0,
    demand: 0,
  };
  const actual: (number | null)[] = probes.map(() => null);
  const observed: (number | null)[] = probes.map(() => null);
  const podView = new PodInfoView(inputs.target);

  let specReplicas = inputs.target.replicas;
  let status: HorizontalPodAutoscalerStatus = {
    currentReplicas: specReplicas,
    desiredReplicas: specReplicas,
    lastScaleTime: null,
    conditions: [],
  };
  let hpaState: ControllerState = { recommendations: null, scaleUpEvents: [], scaleDownEvents: [] };
  // what the HPA last saw changes only with its status: refreshed after each sync
  let limited = false;
  const observeStatus = () => {
    for (let i = 0; i < probes.length; i++)
      observed[i] = (probes[i] as MetricProbe).observed(status.currentMetrics?.[i]);
    limited = limitedAtMax(status);
  };
  observeStatus();
  const interval: Mutable<IntervalState> = {
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
  if (cluster !== null) interval.nodeCounts = cluster.nodeCounts;
  // warm start: the replay begins `warmup` seconds before t = 0 with the demand held at d(0), so the
  // initial pods have metrics-server and adapter history at t = 0; nothing is recorded before 0.
  const start = -warmupSeconds(mp);
  workload.createInitialPods(specReplicas, start);
  cluster?.start(start);
  const reconcile = (now: number) => {
    workload.reconcileReplicas(specReplicas, now);
  };

  const { t: traceT, v: traceV } = inputs.demand;
  let traceIdx = 0;
  const duration = inputs.durationSeconds;
  let nextScrape = firstAtOrAfter(start, mp.resourceOffsetSeconds, mp.resourceResolutionSeconds);
  let nextAdapter = firstAtOrAfter(start, 0, mp.adapterIntervalSeconds);
  let nextSync = inputs.hpaTimings.firstSyncSeconds;
  const counts: PodCounts = { ready: 0, pending: 0, starting: 0, terminating: 0, active: 0 };
  let countsDirty = true;
  let prev = start;
  let t = start;
  let steps = 0;

  const recount = (now: number) => {
    counts.ready = counts.pending = counts.starting = counts.terminating = counts.active = 0;
    for (const p of workload.pods) {
      const s = podState(p, now);
      if (s === "ready") counts.ready++;
      else if (s === "pending") counts.pending++;
      else if (s === "starting" || s === "running") counts.starting++;
      else if (s === "terminating") counts.terminating++;
      if (s !== "terminating" && s !== "gone") counts.active++;
    }
    countsDirty = false;
  };
  const settleAll = (now: number) => {
    for (const p of workload.pods) workload.settle(p, now);
  };

  while (t < duration) {
    const scrapeDue = t === nextScrape;
    const transitionsDue = heap.peek() <= t;
    // 2. memory-fold, 3. transitions
    if (transitionsDue || scrapeDue) workload.foldMemoryPeaks(prev);
    if (transitionsDue) {
      while (heap.peek() <= t) heap.pop();
      workload.applyTransitions(t);
      countsDirty = true;
    }
    // 4. scrape
    if (scrapeDue) {
      settleAll(t);
      server.scrape(workload, t);
      nextScrape += mp.resourceResolutionSeconds;
    }
    // 5. adapter
    if (t === nextAdapter) {
      settleAll(t);
      adapter.sample(workload, t, clusterCum);
      nextAdapter += mp.adapterIntervalSeconds;
    }
    // 6. hpa-sync, 7. replicaset
    if (t === nextSync) {
      // not `{ ...inputs.hpa, status }`: a spread plus a new key costs microseconds in V8
      const hpa: HorizontalPodAutoscaler = { metadata: inputs.hpa.metadata, spec: inputs.hpa.spec, status };
      const r = runHpaSync(
        inputs,
        hpa,
        hpaState,
        workload,
        podView,
        specReplicas,
        observeMetrics(inputs, workload, server, adapter, t),
        t,
        options.onSync,
      );
      recorder.syncs++;
      hpaState = r.state;
      status = r.status;
      observeStatus();
      for (const e of r.events)
        recorder.event({ t, type: e.type, reason: e.reason, message: e.message, object: hpaRef });
      for (const c of status.conditions ?? []) recorder.condition(t, c);
      if (r.scaleUpdated && r.replicas !== specReplicas) {
        recorder.scaled(t, specReplicas, r.replicas);
        specReplicas = r.replicas;
        workload.reconcileReplicas(specReplicas, t);
        workload.applyTransitions(t);
        countsDirty = true;
      }
      nextSync += inputs.hpaTimings.syncPeriodSeconds;
    }
    // (cluster-phase.ts) nodes, scheduling, cluster autoscaler
    if (cluster !== null) {
      if (cluster.step(t, reconcile)) {
        workload.applyTransitions(t);
        countsDirty = true;
      }
      options.onClusterStep?.(cluster.view(t));
    }
    // 8. load
    while (traceIdx + 1 < traceT.length && (traceT[traceIdx + 1] as number) <= t) traceIdx++;
    const demand = traceV[traceIdx] ?? 0;
    if (countsDirty) recount(t);
    const split = splitLoad(demand, counts.ready, inputs.usage.maxLoadPerPod);
    workload.setReadyLoad(split.perPodLoad);
    for (let i = 0; i < clusterFns.length; i++) clusterRates[i] = (clusterFns[i] as LoadFunction)(demand);

    // the next moment anything can change
    let next =
      options.everySecond === true
        ? t + 1
        : Math.min(nextScrape, nextAdapter, nextSync, heap.peek(), duration);
    if (options.everySecond !== true && traceIdx + 1 < traceT.length)
      next = Math.min(next, traceT[traceIdx + 1] as number);
    if (t < 0) next = Math.min(next, 0);
    if (cluster !== null) next = Math.min(next, cluster.nextEvent(t));
    next = Math.min(Math.max(next, t + 1), duration);

    // 9. record (into the one reused interval object: no allocation per step)
    ctx.readyMemory = workload.readyMemory;
    ctx.readyPods = counts.ready;
    ctx.activePods = counts.active;
    ctx.demand = demand;
    for (let i = 0; i < probes.length; i++) actual[i] = (probes[i] as MetricProbe).actual(ctx);
    interval.demand = demand;
    interval.served = split.served;
    interval.unserved = split.unserved;
    interval.desiredReplicas = status.desiredReplicas;
    interval.replicas = specReplicas;
    interval.readyReplicas = counts.ready;
    interval.pendingPods = counts.pending;
    interval.startingPods = counts.starting;
    interval.terminatingPods = counts.terminating;
    interval.limitedAtMax = limited;
    if (t >= 0) recorder.interval(t, next - t, interval);

    // 1. integrate over [t, next)
    const dt = next - t;
    workload.integrate(dt);
    for (let i = 0; i < clusterRates.length; i++)
      clusterCum[i] = (clusterCum[i] as number) + (clusterRates[i] as number) * dt;
    prev = t;
    t = next;
    if (options.onProgress !== undefined && ++steps % 4096 === 0) options.onProgress(t);
  }
  options.onProgress?.(duration);

  return {
    summary: recorder.summary(duration, specReplicas, cluster?.counts(duration)),
    metrics: probes.map((p) => p.info),
    timeline: recorder.rows,
    events: recorder.events,
    conditions: recorder.conditions,
    seed: inputs.seed,
    config: inputs.effectiveConfig,
    warnings: inputs.warnings,
  };
}

/**
 * Seconds of warm-up before t = 0: enough for two metrics-server scrapes and a full adapter window (plus its
 * lag and two sample intervals), so the first HPA sync sees what a long-running workload would have.
 */
export function warmupSeconds(mp: RunInputs["metricsPipeline"]): number {
  return Math.max(
    2 * mp.resourceResolutionSeconds,
    mp.adapterWindowSeconds + mp.adapterLagSeconds + 2 * mp.adapterIntervalSeconds,
  );
}

/** The first time >= `from` of the series offset + k * period. */
function firstAtOrAfter(from: number, offset: number, period: number): number {
  return offset + Math.ceil((from - offset) / period) * period;
}
