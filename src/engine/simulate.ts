/**
 * The replay: `simulate(inputs) -> RunResult`. Owns the clock (integer seconds) and the seeded random
 * source; visits only the moments where something can change, in the phase order of tick-phases.ts, for
 * every workload in turn (workload-run.ts; the main one first), with the cluster phase (cluster-phase.ts)
 * between the controllers and the load.
 */

import type { SimulationResult, WorkloadResult } from "../results/workload-result.js";
import { ClusterPhase } from "./cluster-phase.js";
import { DisruptionBudgets } from "./disruption-budgets.js";
import { objectList } from "./object-list.js";
import { createRng } from "./rng.js";
import { type RunInputs, runWorkloads } from "./run-inputs.js";
import type { SimulateOptions } from "./simulate-options.js";
import { WorkloadRun } from "./workload-run.js";

export type { SimulateOptions } from "./simulate-options.js";

/** Replays the demand through the workloads and their HPAs. Pure: same inputs, same result. */
export function simulate(inputs: RunInputs, options: SimulateOptions = {}): SimulationResult {
  const rng = createRng(inputs.seed);
  const specs = runWorkloads(inputs);
  // the main workload's recorder keeps the run's event log: every HPA's and the cluster's events
  const runs: WorkloadRun[] = objectList();
  const main = new WorkloadRun(inputs, specs[0] as (typeof specs)[0], rng, null);
  runs.push(main);
  const log = (e: Parameters<typeof main.recorder.event>[0]) => main.recorder.event(e);
  for (const w of specs.slice(1)) runs.push(new WorkloadRun(inputs, w, rng, log));
  const cluster =
    inputs.cluster === undefined
      ? null
      : new ClusterPhase(
          inputs.cluster,
          runs.map((r) => ({ target: r.inputs.target, workload: r.workload })),
          rng,
          log,
        );
  if (cluster !== null) {
    for (const r of runs) {
      r.workload.deferBinding = true;
      r.showNodes(cluster.groupNames(), cluster.prices(), cluster.nodeCounts);
      // in-place resizes go through the node's kubelet (fits beside the other pods, or Deferred/Infeasible)
      if (r.vpa !== null) r.vpa.resizer = (p, template) => cluster.resize(p, template);
    }
  }
  const budgetSpecs = inputs.disruptionBudgets ?? [];
  if (budgetSpecs.length > 0) {
    const budgets = new DisruptionBudgets(
      budgetSpecs,
      runs.map((r) => ({ workload: r.workload, specReplicas: () => r.specReplicas })),
    );
    for (const r of runs) if (r.vpa !== null) r.vpa.evictionGate = (p, t) => budgets.admit(r.workload, p, t);
    cluster?.useBudgets(budgets);
  }
  const mp = inputs.metricsPipeline;
  // warm start: the replay begins `warmup` seconds before t = 0 with the demand held at d(0), so the
  // initial pods have metrics-server and adapter history at t = 0; nothing is recorded before 0.
  const start = -warmupSeconds(mp);
  for (const r of runs) r.start(start);
  cluster?.start(start);
  const reconcileAll = (now: number) => {
    for (const r of runs) r.reconcile(now);
  };

  const duration = inputs.durationSeconds;
  const everySecond = options.everySecond === true;
  const quiet =
    runs.length === 1 &&
    cluster === null &&
    !everySecond &&
    options.onSync === undefined &&
    options.syncShortcut !== false;
  let prev = start;
  let t = start;
  let steps = 0;
  while (t < duration) {
    // 2.-7. memory fold, transitions, scrape, adapter, HPA sync, ReplicaSet
    for (const r of runs) r.controllers(t, prev, options);
    // (cluster-phase.ts) nodes, scheduling, cluster autoscaler
    if (cluster !== null) {
      if (cluster.step(t, reconcileAll)) for (const r of runs) r.touched(t);
      options.onClusterStep?.(cluster.view(t));
    }
    // 8. load; then the next moment anything can change
    let next = duration;
    for (const r of runs) {
      r.load(t);
      next = Math.min(next, r.nextEvent(t, everySecond));
    }
    if (t < 0) next = Math.min(next, 0);
    if (cluster !== null) next = Math.min(next, cluster.nextEvent(t));
    next = Math.min(Math.max(next, t + 1), duration);
    // 9. record, 1. integrate over [t, next)
    for (const r of runs) r.recordAndIntegrate(t, next);
    prev = t;
    t = next;
    if (quiet) {
      // one workload, no node model: the quiet moments that follow (quiet-stretch.ts)
      const after = main.fastForward(t, duration);
      if (after !== t) {
        prev = t; // (the memory fold, the only reader of prev, is off there)
        t = after;
      }
    }
    if (options.onProgress !== undefined && ++steps % 4096 === 0) options.onProgress(t);
  }
  options.onProgress?.(duration);

  const counts = cluster?.counts(duration);
  const results = runs.map(
    (r): WorkloadResult => ({
      workload: `${r.inputs.target.kind}/${r.inputs.target.name}`,
      hpa: r.inputs.hpa.metadata.name,
      summary: r.summary(duration, counts),
      metrics: r.metricInfos,
      timeline: r.recorder.rows,
      events: r.ownEvents,
      conditions: r.recorder.conditions,
    }),
  );
  const mainResult = results[0] as WorkloadResult;
  // the main recorder keeps the run's whole log (every HPA, VPA and the cluster)
  let first: WorkloadResult = { ...mainResult, events: runs[0]?.recorder.events ?? [] };
  const c = mainResult.summary.cluster;
  if (results.length > 1 && c !== undefined) {
    // the run's Pending pod-seconds are every workload's; each workload's entry keeps its own
    let pendingPodSeconds = 0;
    for (const w of results) pendingPodSeconds += w.summary.cluster?.pendingPodSeconds ?? 0;
    first = { ...first, summary: { ...mainResult.summary, cluster: { ...c, pendingPodSeconds } } };
  }
  return {
    summary: first.summary,
    metrics: first.metrics,
    timeline: first.timeline,
    events: first.events,
    conditions: first.conditions,
    seed: inputs.seed,
    config: inputs.effectiveConfig,
    warnings: inputs.warnings,
    replicaSteps: main.recorder.steps.data(),
    ...(results.length > 1 ? { workloads: results } : {}),
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
