/**
 * Quiet stretches of a replay (tick-phases.ts): between two changes a workload often only repeats itself. Before its
 * next pod transition and its next trace sample, with its pods Ready at steady rates, every metrics-server scrape
 * repeats the steady previous one (metrics-server.ts repeatsAt: the same pods, rates and window) and every HPA
 * sync reads nothing new but the clock, so it is a quiet repeat whose stabilization only records the proposal
 * while the bound of the last restabilized sync holds (hpa-controller-run.ts quietReady and deferQuiet,
 * controller-memory.ts deferIfBound). Phase 8 then sets nothing: the same demand over the same Ready pods at the
 * same rates (the caller excludes sticky memory, whose fold would move, and the VPA). So the moments of such a
 * stretch run only the scrape's repeat, the sync's record and phase 9, here in one loop instead of the engine's
 * round of every phase. The moment of the next trace sample itself runs its phases 2-7 here too (they are quiet:
 * the sample is taken in phase 8), and the engine goes on with its phase 8.
 */

import type { Workload } from "../cluster/workload.js";
import type { RunRecorder } from "../results/run-recorder.js";
import type { HpaControllerRun } from "./hpa-controller-run.js";
import type { MetricsPipelineRun } from "./metrics-pipeline-run.js";

/** What a stretch reads and advances of a workload's run (workload-run.ts). */
export interface QuietRun {
  readonly workload: Workload;
  readonly metrics: MetricsPipelineRun;
  readonly hpa: HpaControllerRun;
  readonly recorder: RunRecorder;
  readonly inputs: { readonly hpaTimings: { readonly syncPeriodSeconds: number } };
  nextSync: number;
  readonly demandNow: number;
  /** Phase 9 for [t, next), then phase 1. */
  recordAndIntegrate(t: number, next: number): void;
  /** Phase 8 at t (run here only to verify that it changes nothing). */
  load(t: number): void;
}

/** Diagnostics and tests. */
export const quietStats = {
  /** Moments whose phases 2-7 a stretch ran, over all runs. */
  moments: 0,
  /** Tests: each quiet moment also runs phase 8 and throws if it changed anything, or if its scrape did not repeat. */
  verify: false,
};

/**
 * Runs the quiet moments of `run` from `t` (a moment the caller found quiet-ready: see the module comment) before
 * `transition` and `sample` (and `duration`). Returns the first moment not run, and whether its phases 2-7 ran
 * (the moment of the sample).
 */
export function runQuietStretch(
  run: QuietRun,
  t: number,
  transition: number,
  sample: number,
  duration: number,
): { t: number; controllersDone: boolean } {
  const w = run.workload;
  const until = Math.min(transition, sample, duration);
  // at the next sample's own moment phases 2-7 are quiet too, when no transition is due then (phase 8 takes it)
  const alsoAt = until === sample && sample < transition && sample < duration;
  if (t > until || (t === until && !alsoAt) || !run.metrics.steadyScrapes(w))
    return { t, controllersDone: false };
  const period = run.inputs.hpaTimings.syncPeriodSeconds;
  while (t < until || (t === until && alsoAt)) {
    const sync = t === run.nextSync;
    if (sync && !run.hpa.deferQuiet(t)) break;
    const scrape = run.metrics.scrapeDue(t);
    const repeats = run.metrics.server.steadyRepeats + (scrape ? 1 : 0);
    if (scrape) run.metrics.collect(w, t, true);
    if (quietStats.verify) verifyQuiet(run, t, repeats, t < until);
    if (sync) {
      run.recorder.syncs++;
      run.nextSync += period;
    }
    quietStats.moments++;
    if (t === until) return { t, controllersDone: true }; // the engine goes on with phase 8 at t
    const next = Math.min(run.metrics.nextEvent(), run.nextSync, until);
    run.recordAndIntegrate(t, next);
    t = next;
  }
  return { t, controllersDone: false };
}

/** {@link quietStats.verify}: the scrape at t (if any) repeated; phase 8 (before the next sample) changes nothing. */
function verifyQuiet(run: QuietRun, t: number, repeats: number, loadToo: boolean): void {
  const [demand, rates] = [run.demandNow, run.workload.ratesVersion];
  if (loadToo) run.load(t);
  if (
    run.metrics.server.steadyRepeats !== repeats ||
    run.workload.ratesVersion !== rates ||
    run.demandNow !== demand
  )
    throw new Error(`quiet stretch: the moment ${t} was not quiet`);
}
