/**
 * One HorizontalPodAutoscaler as the controller manager runs it in a replay: its status and controller memory
 * carried from sync to sync, what it reads at a sync (hpa-sync.ts), and the full reconcile or, when
 * hpa/repeat-sync.ts proves the sync repeats the previous one's decision, only its metrics and history.
 */

import type { Workload } from "../cluster/workload.js";
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus } from "../hpa/api-types.js";
import type { MetricsComputation } from "../hpa/compute-metrics.js";
import { NO_METRIC_SPECS, reconcileAutoscaler, type SyncResult } from "../hpa/controller.js";
import { recallUnchanged } from "../hpa/metrics-memo.js";
import {
  type RepeatedNormalization,
  renormalizeRepeat,
  repeatedProposal,
  repeatedStatus,
} from "../hpa/repeat-sync.js";
import type { MetricsObservation, SyncInput } from "../hpa/types.js";
import type { MetricsAdapter } from "../metrics/metrics-adapter.js";
import type { MetricsServer } from "../metrics/metrics-server.js";
import { ControllerMemory } from "./controller-memory.js";
import { observeMetrics, PodInfoView, syncInput } from "./hpa-sync.js";
import { objectList } from "./object-list.js";
import type { RunInputs } from "./run-inputs.js";
import type { SimulateOptions } from "./simulate-options.js";

export class HpaControllerRun {
  /** The HPA's status after the last sync (the initial one before the first). */
  status: HorizontalPodAutoscalerStatus;
  /** The controller memory from sync to sync (deferring the stabilization of repeats it proves the same). */
  private readonly memory: ControllerMemory;
  /** The HPA with the current status, as the last sync read it (a new object only when the status changed). */
  private hpaObject: HorizontalPodAutoscaler | null = null;
  /** The last sync that ran in full (repeat-sync.ts proves later ones the same). */
  private lastSync: SyncResult | null = null;
  private readonly podView: PodInfoView;
  /** What the metrics APIs served at the last sync that read them (observeMetrics answers it again while unchanged). */
  private observation: MetricsObservation | null = null;
  /**
   * What the last sync read, when it ran a metric computation (a full `from-metrics` reconcile or a repeat), with
   * the pods' revision and metrics-server's values version then; null otherwise.
   */
  private lastRead: {
    readonly input: SyncInput;
    readonly revision: number;
    readonly valuesVersion: number;
  } | null = null;
  /** The normalization of the last sync when it was a repeat (repeat-sync.ts restabilize), else null. */
  private lastNormalized: RepeatedNormalization | null = null;
  /**
   * The computation the last sync repeated with, when the memo recalls that very one (it took the unchanged-read
   * way, or computed it afresh and remembered it), else null.
   */
  private lastKnown: MetricsComputation | null = null;
  /** The metric computation of the last repeat proved (repeatedProposal). */
  private repeated: MetricsComputation | null = null;

  constructor(
    /** RunInputs with this workload's HPA, target, usage and demand. */
    private readonly inputs: RunInputs,
    specReplicas: number,
  ) {
    this.podView = new PodInfoView(inputs.target);
    this.memory = new ControllerMemory(inputs.hpa.spec);
    this.status = {
      currentReplicas: specReplicas,
      desiredReplicas: specReplicas,
      lastScaleTime: null,
      conditions: objectList(),
    };
  }

  /** ScalingLimited=True with reason TooManyReplicas in the status. */
  get limitedAtMax(): boolean {
    for (const c of this.status.conditions ?? [])
      if (c.type === "ScalingLimited" && c.status === "True" && c.reason === "TooManyReplicas") return true;
    return false;
  }

  /**
   * One sync at `t` on what the metrics APIs serve. Returns the full result, or null when the sync provably
   * repeated the previous one's decision (no events, no scale write, the status new at most in its metrics).
   */
  sync(
    t: number,
    specReplicas: number,
    workload: Workload,
    server: MetricsServer,
    adapter: MetricsAdapter,
    options: SimulateOptions,
  ): SyncResult | null {
    const inputs = this.inputs;
    // not `{ ...inputs.hpa, status }`: a spread plus a new key costs microseconds in V8
    let hpa = this.hpaObject;
    if (hpa === null || hpa.status !== this.status) {
      hpa = { metadata: inputs.hpa.metadata, spec: inputs.hpa.spec, status: this.status };
      this.hpaObject = hpa;
    }
    const last = this.lastSync;
    // `onSync` reports every sync's explanation, so every sync runs in full then
    const shortcut = last !== null && options.onSync === undefined && options.syncShortcut !== false;
    if (shortcut) {
      if (this.quietRepeat(t, specReplicas, workload, server, adapter)) return null;
      const unchanged = this.unchangedRead(t, hpa, specReplicas, workload, server, adapter);
      if (unchanged !== null && this.repeat(unchanged.input, last, unchanged.known)) {
        this.lastKnown = unchanged.known;
        return null;
      }
    }
    this.lastKnown = null;
    const metrics = observeMetrics(inputs, workload, server, adapter, t, this.observation);
    this.observation = metrics;
    const input = syncInput(inputs, hpa, workload, this.podView, specReplicas, metrics, t);
    const reading = { input, revision: workload.revision, valuesVersion: server.valuesVersion };
    if (shortcut && this.repeat(input, last)) {
      this.lastRead = reading;
      // the memo now holds the computation this repeat used: the next sync that reads nothing new and recalls it
      // repeats this one as an unchanged-read repeat would (quietRepeat)
      const recalled = recallUnchanged(inputs.hpa.spec.metrics ?? NO_METRIC_SPECS, t);
      this.lastKnown = recalled !== undefined && recalled === this.repeated ? recalled : null;
      return null;
    }
    const r = reconcileAutoscaler(input, this.memory.state);
    options.onSync?.(input, this.memory.state, r);
    this.lastSync = r;
    this.lastNormalized = null;
    this.lastRead = r.explanation.metrics !== undefined ? reading : null;
    this.memory.state = r.state;
    this.status = r.status;
    return r;
  }

  /**
   * When nothing the last metric computation read changed but the clock (the same pods by revision, the same
   * replicas, resource metrics of the same values), this sync's input (the last one's at `t`) and the computation,
   * which holds unless a pod's CPU initialization says otherwise (metrics-memo.ts recallUnchanged); else null.
   */
  private unchangedRead(
    t: number,
    hpa: HorizontalPodAutoscaler,
    specReplicas: number,
    workload: Workload,
    server: MetricsServer,
    adapter: MetricsAdapter,
  ): { input: SyncInput; known: MetricsComputation } | null {
    const read = this.lastRead;
    if (read === null || !this.readsNothingNew(read, specReplicas, workload, server, adapter)) return null;
    const known = recallUnchanged(this.inputs.hpa.spec.metrics ?? NO_METRIC_SPECS, t);
    if (known === undefined) return null;
    const prev = read.input;
    const input: SyncInput = {
      now: t,
      settings: prev.settings,
      hpa,
      scaleTarget: prev.scaleTarget,
      pods: prev.pods,
      metrics: prev.metrics,
    };
    return { input, known };
  }

  /** The pods (by revision), the replicas and metrics-server's values are those of the last read (resource metrics only). */
  private readsNothingNew(
    read: NonNullable<HpaControllerRun["lastRead"]>,
    specReplicas: number,
    workload: Workload,
    server: MetricsServer,
    adapter: MetricsAdapter,
  ): boolean {
    return (
      workload.revision === read.revision &&
      server.valuesVersion === read.valuesVersion &&
      specReplicas === read.input.scaleTarget.specReplicas &&
      workload.customNames.length === 0 &&
      adapter.clusterMetricNames.length === 0
    );
  }

  /**
   * A sync after a repeat whose computation the memo recalls (lastKnown) that reads nothing new again and recalls
   * that very computation: repeat-sync.ts would pass every check it passed then and, with the same computation and
   * status, return the same status; only the stabilization runs (repeat-sync.ts restabilizeRepeat). False: not
   * proved.
   */
  private quietRepeat(
    t: number,
    specReplicas: number,
    workload: Workload,
    server: MetricsServer,
    adapter: MetricsAdapter,
  ): boolean {
    if (!this.quietReady(t, specReplicas, workload, server, adapter)) return false;
    const read = this.lastRead as NonNullable<HpaControllerRun["lastRead"]>;
    return this.memory.restabilize(t, read.input.settings, this.lastNormalized as RepeatedNormalization);
  }

  /**
   * Whether a sync at `t` is a quiet repeat but for its stabilization ({@link quietRepeat}): the last sync repeated
   * with a computation the memo recalls, and what it read is still what the APIs serve at `t`.
   */
  quietReady(
    t: number,
    specReplicas: number,
    workload: Workload,
    server: MetricsServer,
    adapter: MetricsAdapter,
  ): boolean {
    const known = this.lastKnown;
    const read = this.lastRead;
    if (known === null || read === null || this.lastNormalized === null) return false;
    if (!this.readsNothingNew(read, specReplicas, workload, server, adapter)) return false;
    return recallUnchanged(this.inputs.hpa.spec.metrics ?? NO_METRIC_SPECS, t) === known;
  }

  /**
   * A sync at `t` after {@link quietReady} held, nothing changed since but the clock and steady scrapes: the quiet
   * repeat it would take when its stabilization is within the bound (recorded, true), else false (nothing done).
   */
  deferQuiet(t: number): boolean {
    const read = this.lastRead;
    const n = this.lastNormalized;
    return read !== null && n !== null && this.memory.deferIfBound(t, read.input.settings, n);
  }

  /** Takes the sync on `input` as a repeat of `last` when repeat-sync.ts proves it one; else false. */
  private repeat(input: SyncInput, last: SyncResult, known?: MetricsComputation): boolean {
    // repeatedProposal reads of the state only whether its history is null
    const p = repeatedProposal(input, this.memory.withoutDeferred, last, known);
    if (p === undefined) return false;
    this.repeated = p.metrics;
    const n = this.lastNormalized;
    if (
      n?.proposal === p.proposal &&
      n.current === p.current &&
      this.memory.restabilize(input.now, input.settings, n)
    ) {
      this.status = repeatedStatus(p); // the same object, or new current metrics
      return true;
    }
    const same = renormalizeRepeat(input, this.memory.state, last, p);
    if (same === undefined) return false;
    this.memory.state = same.state;
    this.status = same.status;
    this.lastNormalized = same.normalized;
    return true;
  }
}
