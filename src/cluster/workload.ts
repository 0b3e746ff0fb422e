/**
 * The workload's pods: creation and deletion by the ReplicaSet (or StatefulSet) controller, binding, lifecycle
 * transitions and OOM kills. Their usage bookkeeping (rates, integrals, memory) is the base class,
 * pod-usage-ledger.ts.
 */

import type { MinHeap } from "../engine/min-heap.js";
import type { Rng } from "../engine/rng.js";
import type { PodLifecycle, UsageModel, WorkloadTarget } from "../engine/run-inputs.js";
import {
  containerOverLimit,
  firstContainerMemoryLimit,
  killedRecord,
  markOomKilled,
  type OomKill,
} from "./oom-kill.js";
import { getPodsToDelete } from "./pod-deletion-order.js";
import { PodUsageLedger } from "./pod-usage-ledger.js";
import { podState, type SimPod } from "./sim-pod.js";
import { reconcileStatefulSet, statefulSetReplicas, statefulSetScaling } from "./stateful-set-control.js";

/** How long before the start the initial pods were created. */
export const PREEXISTING_AGE_SECONDS = 86400;

export class Workload extends PodUsageLedger {
  /**
   * Bumped by every change of the pods list or of what a pod shows (created, bound, deleted, OOM-killed,
   * resized, transitions applied). Between two bumps a pod's visible state does not change either: each time it
   * would (bound, running, Ready, gone) is on the transitions heap, and the engine applies due transitions first.
   */
  revision = 0;
  private seqCounter = 0;
  /**
   * Cluster mode (src/engine/cluster-phase.ts): new pods stay unbound (Pending) until the scheduler binds
   * them with {@link bind}; `lifecycle.schedulingSeconds` is then not used.
   */
  deferBinding = false;
  private readonly uids = new Map<SimPod, string>();
  /**
   * The VPA admission controller, when a VPA covers the workload: called for every new pod, it may give the
   * pod its own containers (SimPod.template).
   */
  admit: ((p: SimPod, t: number) => void) | null = null;
  /** OOM kills not yet taken by the VPA recommender's OOM observer ({@link takeOoms}). */
  private pendingOoms: OomKill[] = [];
  /** With a cluster model: the node a pod is bound to (the ReplicaSet prefers deleting doubled-up pods). */
  nodeOf: ((p: SimPod) => string | undefined) | null = null;
  /** Keep OOM kills for {@link takeOoms} (a VPA recommender reads them). */
  observeOoms = false;
  /** Pods deleted so far (a pod's goneAt is set only then: lets observers cache the next removal). */
  deletions = 0;
  /** OOM kills over the run. */
  oomKills = 0;
  /** The smallest memory limit of any pod's first container, bytes (Infinity: none); see {@link checkOom}. */
  private minMemoryLimit: number;

  constructor(
    readonly target: WorkloadTarget,
    usage: UsageModel,
    lifecycle: PodLifecycle,
    private readonly rng: Rng,
    private readonly transitions: MinHeap,
  ) {
    super(usage, lifecycle);
    this.minMemoryLimit = firstContainerMemoryLimit(target.containers);
  }

  /** Memory limit of the pod's first regular container in bytes (where the model puts its usage); Infinity if none. */
  memoryLimitOf(p: SimPod): number {
    return p.template === undefined
      ? firstContainerMemoryLimit(this.target.containers)
      : firstContainerMemoryLimit(p.template.containers);
  }

  /** A pod got its own containers (VPA admission or in-place resize): its memory limit may be lower. */
  containersChanged(p: SimPod): void {
    this.revision++;
    this.minMemoryLimit = Math.min(this.minMemoryLimit, this.memoryLimitOf(p));
  }

  /**
   * OOM kills at t: a pod whose container is running and uses more memory than its limit is killed; the
   * kubelet restarts the container after its crash-loop back-off (kubelet kuberuntime doBackOff: the first
   * restart at once, then 10 s doubling to 300 s; the count resets after 600 s without a kill). The pod stays
   * Running, Ready turns False now and True again `startupSeconds + readinessSeconds` after the restart.
   * Memory starts from zero again (sticky peaks are forgotten). Returns true when a pod was killed.
   */
  checkOom(t: number): boolean {
    if (this.usage.memory === null) return false;
    const perContainer = this.containerSlot >= 0; // each container against its own limit
    const min = this.minMemoryLimit;
    if (!perContainer && !this.usage.stickyMemory && this.readyMemory <= min && this.idleMemory <= min)
      return false;
    let killed = false;
    for (const p of this.pods) {
      const s = podState(p, t);
      if (s !== "ready" && s !== "running") continue;
      if (p.restartAt !== undefined && p.restartAt > t) continue; // container down, in back-off
      const containers = p.template?.containers ?? this.target.containers;
      const over = perContainer ? containerOverLimit(this, containers, p, s) : null;
      if (perContainer ? over === null : this.memoryOf(p, t) <= this.memoryLimitOf(p)) continue;
      if (over !== null) p.oomContainer = over;
      this.oomKill(p, t);
      killed = true;
    }
    return killed;
  }

  private oomKill(p: SimPod, t: number): void {
    this.revision++;
    this.settle(p, t);
    markOomKilled(p, t, this.lifecycle, this.containerUsage);
    this.transitions.push(p.restartAt as number);
    this.transitions.push(p.readyAt as number);
    this.oomKills++;
    if (this.observeOoms) this.pendingOoms.push(killedRecord(p, t, this.target.containers));
  }

  /** The OOM kills since the last call, in order. */
  takeOoms(): OomKill[] {
    const out = this.pendingOoms;
    this.pendingOoms = [];
    return out;
  }

  uid(p: SimPod): string {
    return this.uids.get(p) ?? "";
  }

  /** Pods not deleted (the ReplicaSet's active pods; their count is the scale's status.replicas). */
  activePods(t: number): SimPod[] {
    return this.pods.filter((p) => p.deletedAt === null || p.deletedAt > t);
  }

  /** The number of {@link activePods} (without building the list). */
  countActive(t: number): number {
    // a pod's deletedAt is the time of its deletion (a revision bump), so without a bump no pod's deletedAt
    // lies in (the last count's t, t]: the count holds
    if (this.activeCount !== null && this.activeCount.revision === this.revision && t >= this.activeCount.t)
      return this.activeCount.n;
    let n = 0;
    for (const p of this.pods) if (p.deletedAt === null || p.deletedAt > t) n++;
    this.activeCount = { revision: this.revision, t, n };
    return n;
  }

  private activeCount: { readonly revision: number; readonly t: number; readonly n: number } | null = null;

  /** The scale's status.replicas: a ReplicaSet's active pods; a StatefulSet's every existing pod. */
  statusReplicas(t: number): number {
    return this.target.kind === "StatefulSet" ? statefulSetReplicas(this.pods, t) : this.countActive(t);
  }

  countReady(t: number): number {
    let n = 0;
    for (const p of this.pods) if (podState(p, t) === "ready") n++;
    return n;
  }

  /**
   * Creates or deletes pods to match `replicas`: a ReplicaSet's pods at once (mirrors replica_set.go
   * manageReplicas), a StatefulSet's by its pod management policy (stateful-set-control.ts).
   */
  reconcileReplicas(replicas: number, t: number): { created: SimPod[]; deleted: SimPod[] } {
    if (this.target.kind === "StatefulSet") {
      return reconcileStatefulSet(this.pods, statefulSetScaling(this.target, replicas), t, {
        create: (ordinal) => this.createPod(t, ordinal),
        delete: (p) => this.deletePod(p, t),
        recheckAt: (at) => this.transitions.push(at),
      });
    }
    const active = this.activePods(t);
    const diff = active.length - replicas;
    if (diff < 0) {
      const created: SimPod[] = [];
      for (let i = 0; i < -diff; i++) created.push(this.createPod(t, -1));
      return { created, deleted: [] };
    }
    if (diff === 0) return { created: [], deleted: [] };
    const victims = getPodsToDelete(active, diff, t, (p) => this.uid(p), this.nodeOf ?? undefined);
    for (const p of victims) this.deletePod(p, t);
    return { created: [], deleted: victims };
  }

  /**
   * The pods that exist when the replay starts: created, bound, running and Ready a day before t0 (so past any
   * CPU initialization period), with no start-up burst left.
   */
  createInitialPods(n: number, t0: number): void {
    this.revision++;
    const sts = this.target.kind === "StatefulSet";
    const start = this.target.startOrdinal ?? 0;
    for (let i = 0; i < n; i++) {
      const p = this.createPod(t0 - PREEXISTING_AGE_SECONDS, sts ? start + i : -1);
      p.boundAt = p.runningAt = p.readyAt = t0 - PREEXISTING_AGE_SECONDS;
      p.burstEndsAt = null;
      p.cumAt = t0;
    }
  }

  /** A new pod: a StatefulSet's with its ordinal (getPodName), a ReplicaSet's (ordinal -1) with a random suffix. */
  private createPod(t: number, ordinal: number): SimPod {
    this.revision++;
    const lc = this.lifecycle;
    const seq = ++this.seqCounter;
    const name = ordinal >= 0 ? `${this.target.name}-${ordinal}` : `${this.target.name}-${this.rng.hex(5)}`;
    const boundAt = this.deferBinding ? null : t + lc.schedulingSeconds;
    const runningAt = boundAt === null ? null : boundAt + lc.startupSeconds;
    const readyAt = runningAt === null ? null : runningAt + lc.readinessSeconds;
    const k = this.readyIntegrals.length;
    const p: SimPod = {
      name,
      seq,
      ordinal,
      createdAt: t,
      boundAt,
      runningAt,
      readyAt,
      burstEndsAt:
        runningAt !== null && lc.startupCpuBurstSeconds > 0 ? runningAt + lc.startupCpuBurstSeconds : null,
      deletedAt: null,
      goneAt: null,
      cpuCum: 0,
      customCum: new Float64Array(k - 1),
      cumAt: t,
      readyIntegralsAt: Float64Array.from(this.readyIntegrals),
      memPeak: 0,
      // metrics-server's bookkeeping, present from the start so that every pod has one shape
      scrapeId: 0,
      scrapeCum: 0,
      scrapeRestarts: 0,
      scrapeParts: undefined,
    };
    this.uids.set(p, this.rng.hex(32));
    this.pods.push(p);
    if (this.admit !== null) this.admit(p, t);
    for (const at of [boundAt, runningAt, readyAt, p.burstEndsAt])
      if (at !== null && at > t) this.transitions.push(at);
    return p;
  }

  /**
   * The scheduler bound the pending pod at `t` (cluster mode): from now on it follows the lifecycle
   * (start-up, readiness, CPU burst) from its bind time.
   */
  bind(p: SimPod, t: number): void {
    this.revision++;
    const lc = this.lifecycle;
    this.settle(p, t);
    p.boundAt = t;
    p.runningAt = t + lc.startupSeconds;
    p.readyAt = p.runningAt + lc.readinessSeconds;
    p.burstEndsAt = lc.startupCpuBurstSeconds > 0 ? p.runningAt + lc.startupCpuBurstSeconds : null;
    for (const at of [p.runningAt, p.readyAt, p.burstEndsAt])
      if (at !== null && at > t) this.transitions.push(at);
  }

  /** Evicts the pod (a drain): deleted at `t`; the caller reconciles so the ReplicaSet recreates it. */
  evict(p: SimPod, t: number): void {
    this.deletePod(p, t);
  }

  /** Turns an initial pod that found no node back into a Pending, unbound pod (cluster mode, at the start). */
  unbindInitial(p: SimPod): void {
    this.revision++;
    p.boundAt = p.runningAt = p.readyAt = p.burstEndsAt = null;
  }

  private deletePod(p: SimPod, t: number): void {
    this.revision++;
    this.deletions++;
    this.settle(p, t);
    p.deletedAt = t;
    p.goneAt = t + this.target.terminationGracePeriodSeconds;
    // a pod deleted before reaching a state never reaches it
    if (p.readyAt !== null && p.readyAt > t) p.readyAt = null;
    if (p.runningAt !== null && p.runningAt > t) p.runningAt = null;
    if (p.boundAt !== null && p.boundAt > t) p.boundAt = null;
    this.transitions.push(p.goneAt);
  }

  /** Settles pods whose state changes at `t` (call before anything reads state at t) and drops gone pods. */
  applyTransitions(t: number): boolean {
    this.revision++;
    let changed = false;
    for (const p of this.pods) {
      if (p.cumAt < t && podState(p, p.cumAt) !== podState(p, t)) {
        this.settle(p, t);
        changed = true;
      } else if (p.burstEndsAt === t) {
        this.settle(p, t);
        changed = true;
      }
    }
    const before = this.pods.length;
    this.pods = this.pods.filter((p) => p.goneAt === null || p.goneAt > t);
    return changed || this.pods.length !== before;
  }
}
