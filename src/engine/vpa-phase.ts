/**
 * The `vpa` phase of one workload (tick-phases.ts): its VerticalPodAutoscaler's recommender and updater
 * loops and its admission controller, on the replay's pods (src/vpa/replay holds the pure steps).
 *
 * - recommender  at t = k * recommender interval (t >= 0): the pods, metrics-server's current list and
 *                the OOM kills since the last loop -> the VPA status recommendation.
 * - updater      at t = k * updater interval (t >= 0), after the recommender: evictions (the pod is deleted
 *                now; the ReplicaSet recreates it, and admission gives the new pod the recommendation) and
 *                in-place resizes (applied at once when the node's kubelet accepts them: with a cluster
 *                model a resize that does not fit beside the node's other pods is Deferred and retried at
 *                every loop, one that exceeds the node's allocatable is Infeasible; the updater falls back
 *                to eviction after its timeouts).
 * - admission    whenever the workload creates a pod (Workload.admit).
 */

import type { PodTemplateInfo, SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { PodResourceMetrics, ResourceList } from "../hpa/types.js";
import type { RunEvent, TimelineVpa, VpaSummary } from "../results/types.js";
import {
  admitPod,
  newVpaRecommenderState,
  newVpaUpdaterState,
  recommenderStep,
  updaterStep,
  type VpaPod,
  type VpaRecommendationSnapshot,
  type VpaRecommenderState,
  type VpaReplayInput,
  type VpaUpdaterState,
} from "../vpa/replay/index.js";
import type { ContainerTemplate } from "./run-inputs.js";
import { sameContainers } from "./same-containers.js";
import { VpaPodLister } from "./vpa-pods.js";
import { RequestFigures } from "./vpa-requests.js";
import { targetAmounts, vpaSummary } from "./vpa-summary.js";

/** What the phase reports of one step. */
export interface VpaStepEvent {
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  readonly message: string;
  readonly object: string;
}

export class VpaPhase {
  private rec: VpaRecommenderState = newVpaRecommenderState();
  private upd: VpaUpdaterState = newVpaUpdaterState();
  /** The latest recommendation (VPA status); undefined before the first recommender loop. */
  recommendation: VpaRecommendationSnapshot | undefined;
  private nextRecommender = 0;
  private nextUpdater = 0;
  evictions = 0;
  resizes = 0;
  /** The eviction subresource's answer for a pod at t (PodDisruptionBudgets); null: every eviction is accepted. */
  evictionGate: ((p: SimPod, t: number) => boolean) | null = null;
  private evictionsRefused = 0;
  private readonly regular: readonly ContainerTemplate[];
  private readonly init: readonly ContainerTemplate[];
  /** Restartable init containers: the HPA counts their requests too. */
  private readonly sidecars: readonly ContainerTemplate[];
  private readonly figures: RequestFigures;
  private readonly podLister: VpaPodLister;

  constructor(
    readonly input: VpaReplayInput,
    private readonly workload: Workload,
    private readonly labels: Readonly<Record<string, string>>,
  ) {
    const containers = workload.target.containers;
    this.regular = containers.filter((c) => c.init !== true);
    this.init = containers.filter((c) => c.init === true);
    this.sidecars = this.init.filter((c) => c.restartPolicy === "Always");
    this.figures = new RequestFigures(workload, (p) => this.containersOf(p), this.sidecars);
    this.podLister = new VpaPodLister(workload, (p) => this.containersOf(p), this.pendingResizes);
  }

  /** From now on, new pods go through admission (the initial pods predate the VPA). */
  start(): void {
    this.workload.admit = (p) => this.admit(p);
    this.workload.observeOoms = true;
  }

  /** The `vpa` phase at t: the loops due then, events published; true when pods were evicted or resized. */
  loops(
    t: number,
    metrics: readonly PodResourceMetrics[],
    replicas: number,
    publish: (e: RunEvent) => void,
  ): boolean {
    if (this.nextEvent(t - 1) > t) return false;
    const r = this.step(t, metrics, replicas);
    for (const e of r.events) publish({ t, ...e });
    return r.changed;
  }

  /** The timeline row's VPA part at the time `at()` says a row is being recorded for. */
  timelineRow(at: () => number): () => TimelineVpa {
    return () => ({ requests: this.meanRequests(at()), target: targetAmounts(this.recommendation) });
  }

  /** The next moment a loop runs, after t. */
  nextEvent(t: number): number {
    return Math.min(
      this.nextRecommender > t ? this.nextRecommender : Infinity,
      this.nextUpdater > t ? this.nextUpdater : Infinity,
    );
  }

  /** The regular containers of a pod (its own, or the template's). */
  private containersOf(p: SimPod): readonly ContainerTemplate[] {
    return p.template?.containers ?? this.regular;
  }

  /** The last admitted pod's template: the next one admitted with equal containers shares it. */
  private lastAdmitted: PodTemplateInfo | undefined;

  private admit(p: SimPod): void {
    const r = admitPod(this.input, this.recommendation, this.regular);
    if (!r.patched) return;
    const last = this.lastAdmitted;
    const template =
      last !== undefined && sameContainers(last.containers, r.containers)
        ? last
        : this.templateOf(r.containers);
    this.lastAdmitted = template;
    this.apply(p, template);
  }

  private templateOf(
    containers: readonly { name: string; requests: ResourceList; limits: ResourceList }[],
  ): PodTemplateInfo {
    return {
      labels: this.labels,
      containers: containers.map((c) => ({ name: c.name, requests: c.requests, limits: c.limits })),
      initContainers: this.init,
      podRequests: this.workload.target.podRequests,
    };
  }

  private apply(p: SimPod, template: PodTemplateInfo): void {
    p.template = template;
    this.workload.containersChanged(p);
  }

  /**
   * The node's kubelet deciding an in-place resize (set by the cluster model; without one every resize is
   * applied at once). A Deferred resize is retried at every VPA loop until it fits or the updater gives up
   * and evicts; an Infeasible one stays pending until the updater evicts.
   */
  resizer: ((p: SimPod, template: PodTemplateInfo) => "Applied" | "Deferred" | "Infeasible") | null = null;
  /** Resizes the kubelet has not applied yet, with its last answer. */
  private readonly pendingResizes = new Map<
    SimPod,
    { template: PodTemplateInfo; status: "Deferred" | "Infeasible" }
  >();

  /** Asks the kubelet to resize `p`; true when applied now. */
  private tryResize(p: SimPod, template: PodTemplateInfo): boolean {
    const answer = this.resizer?.(p, template) ?? "Applied";
    if (answer === "Applied") {
      this.pendingResizes.delete(p);
      this.apply(p, template);
      return true;
    }
    this.pendingResizes.set(p, { template, status: answer });
    return false;
  }

  /** The kubelet retries deferred resizes (kubelet retryPendingResizes): at every VPA loop here. */
  private retryPendingResizes(t: number): boolean {
    let applied = false;
    for (const [p, r] of this.pendingResizes) {
      if (p.deletedAt !== null && p.deletedAt <= t) {
        this.pendingResizes.delete(p);
        continue;
      }
      if (r.status === "Deferred" && this.tryResize(p, r.template)) applied = true;
    }
    return applied;
  }

  /**
   * The loops due at t. Returns the events to record and whether pods were evicted (the ReplicaSet must
   * recreate them) or resized (pod counts and requests changed).
   */
  step(
    t: number,
    metrics: readonly PodResourceMetrics[],
    specReplicas: number,
  ): { events: VpaStepEvent[]; changed: boolean } {
    const events: VpaStepEvent[] = [];
    let changed = false;
    if (t < 0) return { events, changed };
    if (this.pendingResizes.size > 0 && this.retryPendingResizes(t)) changed = true;
    const cfg = this.input.config;
    // Built once: the recommender changes no pod, so the updater at the same t sees the same list.
    let listed: VpaPod[] | undefined;
    const pods = () => {
      listed ??= this.podLister.list(t);
      return listed;
    };
    if (t >= this.nextRecommender) {
      const ooms = this.workload.takeOoms().map((o) => ({
        pod: o.pod,
        container: o.container,
        timestamp: o.t,
        memoryBytes: o.memoryRequestBytes,
      }));
      const r = recommenderStep(this.input, this.rec, { pods: pods(), metrics, ooms }, t);
      this.rec = r.state;
      this.recommendation = r.recommendation;
      this.nextRecommender =
        (Math.floor(t / cfg.recommenderIntervalSeconds) + 1) * cfg.recommenderIntervalSeconds;
    }
    if (t >= this.nextUpdater) {
      let byNameMap: Map<string, SimPod> | undefined;
      const byName = (name: string) => {
        byNameMap ??= new Map(this.workload.pods.map((p) => [p.name, p]));
        return byNameMap.get(name);
      };
      // each eviction is asked for and done in the updater's order: a budget sees the earlier ones terminating
      const admit = (name: string) => {
        const p = byName(name);
        if (p === undefined || (p.deletedAt ?? t + 1) <= t) return false;
        if (this.evictionGate !== null && !this.evictionGate(p, t)) {
          this.evictionsRefused++;
          return false;
        }
        this.workload.evict(p, t);
        return true;
      };
      const observed = {
        pods: pods(),
        configuredReplicas: specReplicas,
        recommendation: this.recommendation,
      };
      const r = updaterStep(this.input, this.upd, { ...observed, admit }, t);
      this.upd = r.state;
      for (const e of r.evictions) {
        this.evictions++;
        changed = true;
        events.push({ type: "Normal", reason: "EvictedByVPA", message: e.message, object: `Pod/${e.pod}` });
      }
      for (const z of r.resizes) {
        const p = byName(z.pod);
        if (p === undefined) continue;
        const patch = new Map(z.containers.map((c) => [c.name, c]));
        const template = this.templateOf(
          this.containersOf(p).map((c) => {
            const u = patch.get(c.name);
            return u === undefined
              ? c
              : {
                  name: c.name,
                  requests: { ...c.requests, ...u.requests },
                  limits: { ...c.limits, ...u.limits },
                };
          }),
        );
        this.resizes++;
        if (this.tryResize(p, template)) changed = true;
        events.push({
          type: "Normal",
          reason: "InPlaceResizedByVPA",
          message: z.message,
          object: `Pod/${z.pod}`,
        });
      }
      this.nextUpdater = (Math.floor(t / cfg.updaterIntervalSeconds) + 1) * cfg.updaterIntervalSeconds;
    }
    return { events, changed };
  }

  /** Mean requests of the Ready pods per resource (cores, bytes), summed over their regular containers. */
  readyRequests(t: number): Record<string, number> {
    return this.figures.readyRequests(t);
  }

  /** Mean requests per regular container over the pods not deleted at t (cpu millicores, memory bytes). */
  meanRequests(t: number): Record<string, { cpu: number; memory: number }> {
    return this.figures.meanRequests(t);
  }

  /** The final recommendation as the summary lists it. */
  summary(): VpaSummary {
    return vpaSummary(this.input, this.recommendation, {
      evictions: this.evictions,
      resizes: this.resizes,
      evictionsRefused: this.evictionGate === null ? null : this.evictionsRefused,
    });
  }
}
