/**
 * One HorizontalPodAutoscaler as the controller manager runs it in a replay: its status and controller memory
 * carried from sync to sync, what it reads at a sync (hpa-sync.ts), and the full reconcile or, when
 * hpa/repeat-sync.ts proves the sync repeats the previous one's decision, only its metrics and history.
 */

import type { Workload } from "../cluster/workload.js";
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus } from "../hpa/api-types.js";
import { reconcileAutoscaler, type SyncResult } from "../hpa/controller.js";
import { repeatSync } from "../hpa/repeat-sync.js";
import type { ControllerState } from "../hpa/types.js";
import type { MetricsAdapter } from "../metrics/metrics-adapter.js";
import type { MetricsServer } from "../metrics/metrics-server.js";
import { observeMetrics, PodInfoView, syncInput } from "./hpa-sync.js";
import type { RunInputs } from "./run-inputs.js";
import type { SimulateOptions } from "./simulate-options.js";

export class HpaControllerRun {
  /** The HPA's status after the last sync (the initial one before the first). */
  status: HorizontalPodAutoscalerStatus;
  private state: ControllerState = { recommendations: null, scaleUpEvents: [], scaleDownEvents: [] };
  /** The HPA with the current status, as the last sync read it (a new object only when the status changed). */
  private hpaObject: HorizontalPodAutoscaler | null = null;
  /** The last sync that ran in full (repeat-sync.ts proves later ones the same). */
  private lastSync: SyncResult | null = null;
  private readonly podView: PodInfoView;

  constructor(
    /** RunInputs with this workload's HPA, target, usage and demand. */
    private readonly inputs: RunInputs,
    specReplicas: number,
  ) {
    this.podView = new PodInfoView(inputs.target);
    this.status = {
      currentReplicas: specReplicas,
      desiredReplicas: specReplicas,
      lastScaleTime: null,
      conditions: [],
    };
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
    const metrics = observeMetrics(inputs, workload, server, adapter, t);
    const input = syncInput(inputs, hpa, workload, this.podView, specReplicas, metrics, t);
    const last = this.lastSync;
    // `onSync` reports every sync's explanation, so every sync runs in full then
    if (last !== null && options.onSync === undefined && options.syncShortcut !== false) {
      const same = repeatSync(input, this.state, last);
      if (same !== undefined) {
        this.state = same.state;
        this.status = same.status; // the same object, or new current metrics
        return null;
      }
    }
    const r = reconcileAutoscaler(input, this.state);
    options.onSync?.(input, this.state, r);
    this.lastSync = r;
    this.state = r.state;
    this.status = r.status;
    return r;
  }
}
