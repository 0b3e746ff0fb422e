/**
 * The cluster phase of the replay (only with `RunInputs.cluster`): nodes and their lifecycle, the scheduler
 * binding Pending pods, and the cluster autoscaler's loop. Runs at a moment t after the `replicaset` phase
 * (tick-phases.ts):
 *
 * 1. nodes     nodes removed at t release their pods; nodes registering or turning Ready at t are seen.
 *              Pods gone at t release their requests on their node.
 * 2. schedule  Pending pods, in creation order, are tried against the registered nodes (schedulePod). A
 *              bound pod follows the lifecycle from t (start-up, readiness). A pod that fits nowhere is
 *              marked unschedulable at its first failed attempt (PodScheduled=False) with the scheduler's
 *              reason, reported as a FailedScheduling event whenever the reason changes.
 * 3. autoscale At t = k * scan interval (t >= 0): runOnce on the registered nodes, bound and Pending pods;
 *              scale-ups add nodes (provisioning and startup-to-Ready delays drawn from the run's rng),
 *              timeouts drop the nodes that never registered, scale-downs taint the node and, after
 *              --node-delete-delay-after-taint (actuator.go deleteNodesAsync sleeps before draining), evict
 *              its pods (the ReplicaSet recreates them as new Pending pods) and remove it after the drain.
 *              Then 2 again for the recreated pods.
 *
 * A Pending pod is retried only when something it could fit on changed (a node registered, turned Ready,
 * was removed, or requests were released or bound), since otherwise the scheduler would answer the same;
 * so jumping between moments stays exact.
 */
import {
  type BindingRequests,
  bindRequests,
  freeResources,
  initialNodes,
  isNodeRegistered,
  type NodeGroupSpec,
  newSimNode,
  nodeName,
  type SimNode,
  sampleDelaySeconds,
  unbindRequests,
} from "../cluster/node-groups.js";
import { schedulePod } from "../cluster/scheduler.js";
import type { PodTemplateInfo, SimPod } from "../cluster/sim-pod.js";
import { PREEXISTING_AGE_SECONDS } from "../cluster/workload.js";
import type { CaEvent, CaState } from "../cluster-autoscaler/cluster-state.js";
import { INITIAL_CA_STATE, runOnce } from "../cluster-autoscaler/controller.js";
import { nextLoopThatCanAct, sameCaState } from "../cluster-autoscaler/skip-loops.js";
import type { ClusterCounts } from "../results/run-recorder.js";
import type { RunEvent } from "../results/types.js";
import {
  buildCaObservation,
  type ObservationSource,
  observationKey,
  sameObservationKey,
} from "./ca-observation.js";
import { eventObject } from "./cluster-pod-requests.js";
import {
  type ClusterWorkload,
  podShape,
  templateShape,
  type WorkloadShape,
  workloadShape,
} from "./pod-shapes.js";
import type { Rng } from "./rng.js";
import type { ClusterInputs } from "./run-inputs.js";

/** The cluster at the end of a step, for tests (`SimulateOptions.onClusterStep`). */
export interface ClusterStepView {
  readonly t: number;
  readonly nodes: readonly SimNode[];
  /** Bound pods of the workloads that still exist: pod name, node name, bind time. */
  readonly bindings: readonly { readonly pod: string; readonly node: string; readonly boundAt: number }[];
}

/** Loops run and skipped since the process started (diagnostics for benchmarks only). */
export const caLoopStats = { run: 0, skipped: 0 };

export class ClusterPhase {
  /** Every node that exists or is being provisioned (removed nodes are dropped). */
  nodes: SimNode[] = [];
  private readonly nodeOf = new Map<SimPod, string>();
  /** What each bound pod holds on its node (released when it is gone). */
  private readonly boundWith = new Map<SimPod, BindingRequests>();
  private readonly shapes: readonly WorkloadShape[];
  /** Pending pods: when they started waiting (creation, or the start for initial pods left unbound). */
  private readonly pendingSince = new Map<SimPod, number>();
  private readonly unschedulableSince = new Map<SimPod, number>();
  private readonly lastReason = new Map<SimPod, string>();
  private readonly attemptedAt = new Map<SimPod, number>();
  private readonly lastEvent = new Map<string, string>();
  /** Bumped by every change a Pending pod could fit after. */
  private generation = 0;
  private readonly groups: readonly NodeGroupSpec[];
  private readonly groupIndex = new Map<string, number>();
  private readonly targetSize: number[];
  private readonly ordinal: number[];
  private readonly scaleUps: Record<string, number> = {};
  private readonly scaleDowns: Record<string, number> = {};
  /** Tainted nodes waiting for their drain: node name -> the time its pods are evicted. */
  private readonly drains = new Map<string, number>();
  private caState: CaState = INITIAL_CA_STATE;
  /** Loop skipping: on unless the inputs say `caLoopSkipping: false`. */
  private readonly skipping: boolean;
  /** Loops before this time whose observation key equals {@link skipKey} are skipped (see autoscale). */
  private skipUntil = Number.NEGATIVE_INFINITY;
  private skipKey: readonly unknown[] = [];
  private nextLoop = 0;
  private lastStep = Number.NEGATIVE_INFINITY;
  private longestPending = 0;
  /** Registered nodes per group at the last step, in group order (reused: the recorder copies it). */
  readonly nodeCounts: number[];

  constructor(
    private readonly cluster: ClusterInputs,
    workloads: readonly ClusterWorkload[],
    private readonly rng: Rng,
    private readonly emit: (e: RunEvent) => void,
  ) {
    this.groups = cluster.nodeGroups;
    this.groups.forEach((g, i) => {
      this.groupIndex.set(g.name, i);
    });
    this.targetSize = this.groups.map(() => 0);
    this.ordinal = this.groups.map(() => 0);
    this.nodeCounts = this.groups.map(() => 0);
    this.shapes = workloads.map((w) => workloadShape(cluster, w, workloads.length === 1));
    // the ReplicaSet ranks pods by how many of their workload's pods share their node (rule 5)
    for (const w of workloads) w.workload.nodeOf = (p) => this.nodeOf.get(p);
    this.skipping = cluster.caLoopSkipping !== false;
  }

  /** Seconds between autoscaler loops. */
  private get interval(): number {
    return this.cluster.caScanIntervalSeconds;
  }

  /**
   * The initial nodes (registered and Ready long before `start`) and the initial pods placed on them in
   * creation order; an initial pod that fits nowhere becomes a Pending pod waiting since `start`.
   */
  start(start: number): void {
    const long = start - PREEXISTING_AGE_SECONDS;
    const given = this.cluster.initialNodes ?? initialNodes(this.groups, long);
    this.nodes = given.map((n) => ({ ...n, createdAt: long, readyAt: long, deletingAt: null, goneAt: null }));
    this.timesVersion++;
    for (const n of this.nodes) {
      const i = this.groupIndex.get(n.group);
      if (i === undefined) continue;
      this.targetSize[i] = (this.targetSize[i] as number) + 1;
      this.ordinal[i] = (this.ordinal[i] as number) + 1;
    }
    this.nextLoop = Math.max(0, Math.ceil(start / this.interval) * this.interval);
    for (const shape of this.shapes) {
      for (const p of shape.workload.pods) {
        const own = podShape(p, shape);
        const r = schedulePod(own.schedPod, this.nodes, start, { scoring: this.cluster.scoring });
        if ("node" in r) this.bindTo(p, r.node, own.binding);
        else {
          shape.workload.unbindInitial(p);
          this.pendingSince.set(p, start);
        }
      }
    }
  }

  /** Runs phases 1-3 at t. Returns true when pods were bound or evicted (pod counts changed). */
  step(t: number, reconcile: (t: number) => void): boolean {
    const drained = this.drain(t);
    if (drained) reconcile(t);
    this.nodeLifecycle(t);
    let changed = this.schedule(t) || drained;
    if (t >= this.nextLoop) {
      if (this.autoscale(t)) {
        reconcile(t);
        changed = true;
      }
      this.nextLoop += this.interval;
      changed = this.schedule(t) || changed;
    }
    this.countNodes(t);
    this.lastStep = t;
    return changed;
  }

  /** The next moment the cluster changes by itself (a node event or an autoscaler loop). */
  nextEvent(t: number): number {
    const loop = this.nextLoop > t ? this.nextLoop : Number.POSITIVE_INFINITY;
    return Math.min(loop, this.nodeTimeAfter(t));
  }

  /** Bumped whenever a node is added or removed or one of its times changes (see {@link nodeTimeAfter}). */
  private timesVersion = 0;
  private timeCache = { version: -1, from: 0, value: 0 };

  /**
   * The earliest node time (registration, Ready, removal) strictly after `from`. Cached: with no change to the
   * nodes' times, the answer for `from` holds for every later `from'` before it.
   */
  private nodeTimeAfter(from: number): number {
    const c = this.timeCache;
    if (c.version === this.timesVersion && c.from <= from && from < c.value) return c.value;
    let next = Number.POSITIVE_INFINITY;
    for (const n of this.nodes) {
      if (n.createdAt > from && n.createdAt < next) next = n.createdAt;
      if (n.readyAt !== null && n.readyAt > from && n.readyAt < next) next = n.readyAt;
      if (n.goneAt !== null && n.goneAt > from && n.goneAt < next) next = n.goneAt;
    }
    this.timeCache = { version: this.timesVersion, from, value: next };
    return next;
  }

  view(t: number): ClusterStepView {
    const live = new Set(this.shapes.flatMap((s) => s.workload.pods));
    const bindings: { pod: string; node: string; boundAt: number }[] = [];
    for (const [p, node] of this.nodeOf)
      if (live.has(p) && p.boundAt !== null) bindings.push({ pod: p.name, node, boundAt: p.boundAt });
    return { t, nodes: this.nodes, bindings };
  }

  /** Group names and prices, in the order of {@link nodeCounts}. */
  groupNames(): string[] {
    return this.groups.map((g) => g.name);
  }

  prices(): number[] {
    return this.groups.map((g) => g.pricePerHour);
  }

  /** The summary counts at the end of the run. */
  counts(duration: number): ClusterCounts {
    let longest = this.longestPending;
    const unschedulableAtEnd: { pod: string; reason: string }[] = [];
    for (const [p, since] of this.pendingSince) {
      longest = Math.max(longest, duration - Math.max(0, since));
      const reason = this.lastReason.get(p);
      if (reason !== undefined) unschedulableAtEnd.push({ pod: p.name, reason });
    }
    return {
      scaleUps: this.scaleUps,
      scaleDowns: this.scaleDowns,
      longestPendingSeconds: longest,
      unschedulableAtEnd,
    };
  }

  private bindTo(p: SimPod, node: string, binding: BindingRequests): void {
    const i = this.nodes.findIndex((n) => n.name === node);
    this.nodes[i] = bindRequests(this.nodes[i] as SimNode, binding);
    this.nodeOf.set(p, node);
    this.boundWith.set(p, binding);
    this.binds++;
  }

  private nodeLifecycle(t: number): void {
    const prev = this.lastStep;
    if (this.nodeTimeAfter(prev) <= t) this.nodeEvents(prev, t);
    // bound pods release their requests when gone; goneAt is set only by a deletion, so the earliest one
    // holds until the next deletion of any workload or the next bind
    let deletions = 0;
    for (const s of this.shapes) deletions += s.workload.deletions;
    const g = this.goneCache;
    if (g.deletions === deletions && g.binds === this.binds && t < g.next) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [p, node] of this.nodeOf) {
      if (p.goneAt !== null && p.goneAt > t && p.goneAt < next) next = p.goneAt;
      if (p.goneAt === null || p.goneAt > t) continue;
      const i = this.nodes.findIndex((n) => n.name === node);
      const binding = this.boundWith.get(p);
      if (i >= 0 && binding !== undefined) this.nodes[i] = unbindRequests(this.nodes[i] as SimNode, binding);
      this.nodeOf.delete(p);
      this.boundWith.delete(p);
      this.generation++;
    }
    this.goneCache = { deletions, binds: this.binds, next };
  }

  /** Binds so far, and the earliest removal of a bound pod after the last check (see nodeLifecycle). */
  private binds = 0;
  private goneCache = { deletions: -1, binds: -1, next: 0 };

  /** Nodes registering, turning Ready or removed in (prev, t]. */
  private nodeEvents(prev: number, t: number): void {
    const kept: SimNode[] = [];
    for (const n of this.nodes) {
      if (n.goneAt !== null && n.goneAt <= t) {
        this.generation++;
        continue;
      }
      if (
        (n.createdAt > prev && n.createdAt <= t) ||
        (n.readyAt !== null && n.readyAt > prev && n.readyAt <= t)
      )
        this.generation++;
      kept.push(n);
    }
    if (kept.length !== this.nodes.length) {
      const names = new Set(kept.map((n) => n.name));
      for (const [p, node] of this.nodeOf) {
        if (names.has(node)) continue;
        this.nodeOf.delete(p);
        this.boundWith.delete(p);
      }
      this.nodes = kept;
      this.timesVersion++;
    }
  }

  /** Pending pods whose wait ended without a bind (deleted by a scale-down of the workload). */
  private endPending(p: SimPod, at: number): void {
    const since = this.pendingSince.get(p);
    if (since !== undefined) this.longestPending = Math.max(this.longestPending, at - Math.max(0, since));
    this.pendingSince.delete(p);
    this.unschedulableSince.delete(p);
    this.lastReason.delete(p);
    this.attemptedAt.delete(p);
  }

  /** Pending pods of every workload in the scheduling queue's order: creation time, then workload order. */
  private pendingQueue(): { p: SimPod; shape: WorkloadShape }[] {
    const queue: { p: SimPod; shape: WorkloadShape }[] = [];
    for (const shape of this.shapes)
      for (const p of shape.workload.pods)
        if (p.boundAt === null && !this.nodeOf.has(p)) queue.push({ p, shape });
    // stable: within a workload pods are already in creation order
    if (this.shapes.length > 1) queue.sort((a, b) => a.p.createdAt - b.p.createdAt);
    return queue;
  }

  private schedule(t: number): boolean {
    let bound = false;
    for (const { p, shape } of this.pendingQueue()) {
      if (p.deletedAt !== null) {
        if (this.pendingSince.has(p)) this.endPending(p, p.deletedAt);
        continue;
      }
      if (!this.pendingSince.has(p)) this.pendingSince.set(p, p.createdAt);
      if (this.attemptedAt.get(p) === this.generation) continue;
      const own = podShape(p, shape);
      const r = schedulePod(own.schedPod, this.nodes, t, { scoring: this.cluster.scoring });
      if ("node" in r) {
        this.bindTo(p, r.node, own.binding);
        shape.workload.bind(p, t);
        this.endPending(p, t);
        this.generation++;
        bound = true;
        continue;
      }
      this.attemptedAt.set(p, this.generation);
      if (!this.unschedulableSince.has(p)) this.unschedulableSince.set(p, t);
      const reason = r.unschedulable.reason;
      if (this.lastReason.get(p) !== reason) {
        this.lastReason.set(p, reason);
        this.emit({
          t,
          type: "Warning",
          reason: "FailedScheduling",
          message: reason,
          object: `Pod/${p.name}`,
        });
      }
    }
    return bound;
  }

  private observationSource(t: number): ObservationSource {
    return {
      t,
      nodes: this.nodes,
      groups: this.groups,
      groupIndex: this.groupIndex,
      targetSize: this.targetSize,
      workloads: this.shapes,
      nodeOf: this.nodeOf,
      unschedulableSince: this.unschedulableSince,
    };
  }

  /**
   * One autoscaler loop; true when pods were evicted (the ReplicaSet must recreate them).
   *
   * Skipping (exact). After a loop at t0 that
   *   - changed nothing in the CA state (sameCaState: content and map order),
   *   - decided no scale-up, timeout or scale-down (so the engine changed nothing either),
   *   - drew nothing from the run's rng,
   *   - emitted only events that are now suppressed as repeats (each event's message is the last recorded
   *     for its object and reason, so emitting the list again records nothing),
   * a loop at t < nextLoopThatCanAct(state, observation, cfg, t0) on an observation with the same key
   * (observationKey: everything buildCaObservation reads, so the observation is equal) would, by the claim
   * in src/cluster-autoscaler/skip-loops.ts, return an equal state and the same events and no action, and
   * draw nothing from the rng. Running it would therefore record nothing and change nothing, so it is
   * skipped; by induction so are the following loops under the same conditions. CaState holds no
   * per-loop bookkeeping (no "last loop time"), so nothing needs advancing. Any change of the observation
   * (pods created, bound, Running, deleted or gone, nodes registered, Ready, tainted or removed, target
   * sizes) changes the key and the loop runs.
   */
  private autoscale(t: number): boolean {
    const cfg = this.cluster.ca;
    const src = this.observationSource(t);
    let key: unknown[] | undefined;
    if (this.skipping) {
      key = observationKey(src);
      if (t < this.skipUntil && sameObservationKey(key, this.skipKey)) {
        caLoopStats.skipped++;
        return false;
      }
      this.skipUntil = Number.NEGATIVE_INFINITY;
    }
    caLoopStats.run++;
    const obs = buildCaObservation(src);
    const state0 = this.caState;
    let draws = 0;
    const { state, decision } = runOnce(state0, obs, cfg, t, () => {
      draws++;
      return this.rng.next();
    });
    this.caState = state;
    for (const e of decision.events) this.caEvent(t, e);
    if (
      key !== undefined &&
      draws === 0 &&
      decision.scaleUps.length === 0 &&
      decision.scaleUpTimeouts.length === 0 &&
      decision.scaleDowns.length === 0 &&
      decision.events.every((e) => this.isRepeat(e)) &&
      sameCaState(state0, state)
    ) {
      this.skipUntil = nextLoopThatCanAct(state, obs, cfg, t);
      this.skipKey = key;
    }
    for (const to of decision.scaleUpTimeouts) {
      const i = this.groupIndex.get(to.group);
      if (i === undefined) continue;
      this.targetSize[i] = (this.targetSize[i] as number) - to.delta;
      // the nodes that never registered are given up, latest first
      let left = to.delta;
      for (let k = this.nodes.length - 1; k >= 0 && left > 0; k--) {
        const n = this.nodes[k] as SimNode;
        if (n.group === to.group && n.createdAt > t) {
          this.nodes.splice(k, 1);
          this.timesVersion++;
          left--;
        }
      }
    }
    const random = () => this.rng.next();
    for (const su of decision.scaleUps) {
      const i = this.groupIndex.get(su.group);
      const g = i === undefined ? undefined : this.groups[i];
      if (i === undefined || g === undefined) continue;
      const before = this.targetSize[i] as number;
      this.targetSize[i] = before + su.delta;
      this.scaleUps[g.name] = (this.scaleUps[g.name] ?? 0) + 1;
      this.caEvent(t, {
        type: "Normal",
        reason: "ScaledUpGroup",
        message: `Scale-up: setting group ${g.name} size to ${before + su.delta} instead of ${before} (max: ${g.maxSize})`,
        object: "configmap/kube-system/cluster-autoscaler-status",
      });
      for (let k = 0; k < su.delta; k++) {
        const provision = sampleDelaySeconds(g.provisioningDelaySeconds, random);
        const toReady = sampleDelaySeconds(g.startupToReadySeconds, random);
        this.ordinal[i] = (this.ordinal[i] as number) + 1;
        let name = nodeName(g.name, this.ordinal[i] as number);
        while (this.nodes.some((n) => n.name === name)) {
          this.ordinal[i] = (this.ordinal[i] as number) + 1;
          name = nodeName(g.name, this.ordinal[i] as number);
        }
        this.nodes.push(newSimNode(g, name, { createdAt: t + provision, readyAt: t + provision + toReady }));
        this.timesVersion++;
        if (provision === 0) this.generation++;
      }
    }
    const delay = cfg.nodeDeleteDelayAfterTaintSeconds;
    let evicted = false;
    for (const sd of decision.scaleDowns) {
      const k = this.nodes.findIndex((n) => n.name === sd.node);
      const i = this.groupIndex.get(sd.group);
      if (k < 0 || i === undefined) continue;
      // tainted now; drained (or deleted, if empty) after the delay; goneAt is raised by the drain
      this.nodes[k] = { ...(this.nodes[k] as SimNode), deletingAt: t, goneAt: t + Math.max(0, delay) };
      this.timesVersion++;
      this.drains.set(sd.node, t + Math.max(0, delay));
      this.targetSize[i] = (this.targetSize[i] as number) - 1;
      this.scaleDowns[sd.group] = (this.scaleDowns[sd.group] ?? 0) + 1;
      this.generation++;
    }
    if (delay <= 0) evicted = this.drain(t);
    return evicted;
  }

  /**
   * Drains the tainted nodes whose delay after the taint ends at or before t: evicts their pods and keeps
   * the node until the last of them is gone. True when pods were evicted.
   */
  private drain(t: number): boolean {
    let evicted = false;
    for (const [name, at] of this.drains) {
      if (at > t) continue;
      this.drains.delete(name);
      const k = this.nodes.findIndex((n) => n.name === name);
      if (k < 0) continue;
      let goneAt = at;
      for (const [p, node] of this.nodeOf) {
        if (node !== name) continue;
        if (p.deletedAt === null) {
          this.shapeOf(p)?.workload.evict(p, t);
          evicted = true;
        }
        if (p.goneAt !== null) goneAt = Math.max(goneAt, p.goneAt);
      }
      this.nodes[k] = { ...(this.nodes[k] as SimNode), goneAt };
      this.timesVersion++;
    }
    return evicted;
  }

  /**
   * The kubelet's answer to an in-place resize of `p` to `template` (mirrors kubelet handlePodResourcesResize /
   * canResizePod): Infeasible when the new requests exceed the node's allocatable minus its DaemonSet pods,
   * Deferred when they do not fit beside the other bound pods now, else applied at once (the node's bound
   * requests follow). A pod not bound yet is simply scheduled with its new requests.
   */
  resize(p: SimPod, template: PodTemplateInfo): "Applied" | "Deferred" | "Infeasible" {
    const shape = this.shapeOf(p);
    const nodeName = this.nodeOf.get(p);
    const old = this.boundWith.get(p);
    if (shape === undefined || nodeName === undefined || old === undefined) return "Applied";
    const next = templateShape(template, shape);
    const i = this.nodes.findIndex((n) => n.name === nodeName);
    const node = this.nodes[i];
    if (node === undefined) return "Applied";
    const a = node.allocatable;
    const o = node.overhead;
    const r = next.binding.requests;
    if (r.cpuMilli > (a.cpuMilli ?? 0) - o.cpuMilli || r.memBytes > (a.memBytes ?? 0) - o.memBytes)
      return "Infeasible";
    const without = unbindRequests(node, old);
    const free = freeResources(without);
    if (r.cpuMilli > free.cpuMilli || r.memBytes > free.memBytes || r.gpus > free.gpus) return "Deferred";
    this.nodes[i] = bindRequests(without, next.binding);
    this.boundWith.set(p, next.binding);
    this.generation++;
    return "Applied";
  }

  private shapeOf(p: SimPod): WorkloadShape | undefined {
    for (const shape of this.shapes) if (shape.workload.pods.includes(p)) return shape;
    return undefined;
  }

  /** Recording the event now would be skipped as a repeat. */
  private isRepeat(e: CaEvent): boolean {
    return this.lastEvent.get(`${eventObject(e.object)}|${e.reason}`) === e.message;
  }

  /** Records an autoscaler event, skipping a repeat of the same object, reason and message. */
  private caEvent(t: number, e: CaEvent): void {
    const object = eventObject(e.object);
    const key = `${object}|${e.reason}`;
    if (this.lastEvent.get(key) === e.message) return;
    this.lastEvent.set(key, e.message);
    this.emit({ t, type: e.type, reason: e.reason, message: e.message, object });
  }

  private counted = { version: -1, at: 0 };

  private countNodes(t: number): void {
    // registrations and removals happen at node times only
    const c = this.counted;
    if (c.version === this.timesVersion && t >= c.at && this.nodeTimeAfter(c.at) > t) return;
    this.counted = { version: this.timesVersion, at: t };
    this.nodeCounts.fill(0);
    for (const n of this.nodes) {
      if (!isNodeRegistered(n, t)) continue;
      const i = this.groupIndex.get(n.group);
      if (i !== undefined) this.nodeCounts[i] = (this.nodeCounts[i] as number) + 1;
    }
  }
}
