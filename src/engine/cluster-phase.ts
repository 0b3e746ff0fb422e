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
 *              its pods (the ReplicaSet recreates them as new Pending pods) and remove it after the drain;
 *              with PodDisruptionBudgets a refused eviction is retried every 10 s until the drain times out
 *              (node-drains.ts). Then 2 again for the recreated pods.
 *
 * A Pending pod is retried only when something it could fit on changed (a node registered, turned Ready,
 * was removed, requests were released or bound, or a pod was deleted: PodTopologySpread leaves terminating pods
 * out of its counts), since otherwise the scheduler would answer the same; so jumping between moments stays
 * exact. The scheduler counts, for topology spreading, the workloads' pods bound to each node.
 *
 * This file owns the step order, the start, the scheduling queue, the views and counts for the recorder, and
 * the answers to in-place resizes; the nodes and their lifecycle are in cluster-nodes.ts, the Pending pods'
 * bookkeeping in pending-pods.ts, the autoscaler's loop and actuation in ca-actuation.ts.
 */

import {
  bindRequests,
  freeResources,
  initialNodes,
  type SimNode,
  unbindRequests,
} from "../cluster/node-groups.js";
import { type SchedulerOptions, schedulePod } from "../cluster/scheduler.js";
import type { PodTemplateInfo, SimPod } from "../cluster/sim-pod.js";
import { PREEXISTING_AGE_SECONDS } from "../cluster/workload.js";
import type { ClusterCounts } from "../results/run-recorder.js";
import type { RunEvent } from "../results/types.js";
import { BoundPods } from "./bound-pods.js";
import { CaActuation } from "./ca-actuation.js";
import { ClusterNodes, shapeOf } from "./cluster-nodes.js";
import type { DisruptionBudgets } from "./disruption-budgets.js";
import { PendingPods } from "./pending-pods.js";
import {
  type ClusterWorkload,
  type PodShape,
  podShape,
  templateShape,
  type WorkloadShape,
  workloadShape,
} from "./pod-shapes.js";
import type { Rng } from "./rng.js";
import type { ClusterInputs } from "./run-inputs.js";

export { caLoopStats } from "./ca-actuation.js";

/** The cluster at the end of a step, for tests (`SimulateOptions.onClusterStep`). */
export interface ClusterStepView {
  readonly t: number;
  readonly nodes: readonly SimNode[];
  /** Bound pods of the workloads that still exist: pod name, node name, bind time. */
  readonly bindings: readonly { readonly pod: string; readonly node: string; readonly boundAt: number }[];
}

export class ClusterPhase {
  private readonly state: ClusterNodes;
  private readonly shapes: readonly WorkloadShape[];
  private readonly pending: PendingPods;
  private readonly ca: CaActuation;
  private readonly bound: BoundPods;
  private lastStep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cluster: ClusterInputs,
    workloads: readonly ClusterWorkload[],
    rng: Rng,
    emit: (e: RunEvent) => void,
  ) {
    this.state = new ClusterNodes(cluster.nodeGroups);
    this.shapes = workloads.map((w) => workloadShape(cluster, w, workloads.length === 1));
    // the ReplicaSet ranks pods by how many of their workload's pods share their node (rule 5)
    for (const w of workloads) w.workload.nodeOf = (p) => this.state.nodeOf.get(p);
    this.pending = new PendingPods(emit);
    this.bound = new BoundPods(this.shapes, this.state.nodeOf);
    this.ca = new CaActuation(cluster, this.state, this.shapes, this.pending, rng, emit);
  }

  /** Every node that exists or is being provisioned (removed nodes are dropped). */
  get nodes(): SimNode[] {
    return this.state.nodes;
  }

  /** Registered nodes per group at the last step, in group order (reused: the recorder copies it). */
  get nodeCounts(): number[] {
    return this.state.nodeCounts;
  }

  /**
   * The initial nodes (registered and Ready long before `start`) and the initial pods placed on them in
   * creation order; an initial pod that fits nowhere becomes a Pending pod waiting since `start`.
   */
  start(start: number): void {
    const long = start - PREEXISTING_AGE_SECONDS;
    const given = this.cluster.initialNodes ?? initialNodes(this.state.groups, long);
    this.state.nodes = given.map((n) => ({
      ...n,
      createdAt: long,
      readyAt: long,
      deletingAt: null,
      goneAt: null,
    }));
    this.state.timesChanged();
    this.ca.start(start);
    const options = this.schedulerOptions(start);
    for (const shape of this.shapes) {
      for (const p of shape.workload.pods) {
        const own = podShape(p, shape);
        const r = schedulePod(own.schedPod, this.state.nodes, start, options);
        if ("node" in r) this.bindTo(p, shape, r.node, own.binding);
        else {
          shape.workload.unbindInitial(p);
          this.pending.waitingSince(p, start);
        }
      }
    }
  }

  /** Runs phases 1-3 at t. Returns true when pods were bound or evicted (pod counts changed). */
  step(t: number, reconcile: (t: number) => void): boolean {
    const drained = this.ca.drain(t);
    if (drained) reconcile(t);
    this.nodeLifecycle(t);
    let changed = this.schedule(t) || drained;
    if (t >= this.ca.nextLoop) {
      if (this.ca.loop(t)) {
        reconcile(t);
        changed = true;
      }
      changed = this.schedule(t) || changed;
    }
    this.state.countNodes(t);
    this.lastStep = t;
    return changed;
  }

  /** The next moment the cluster changes by itself (a node event or an autoscaler loop). */
  nextEvent(t: number): number {
    const loop = this.ca.nextLoop > t ? this.ca.nextLoop : Number.POSITIVE_INFINITY;
    const drain = this.ca.nextDrain();
    return Math.min(loop, drain > t ? drain : Number.POSITIVE_INFINITY, this.state.nodeTimeAfter(t));
  }

  view(t: number): ClusterStepView {
    const live = new Set(this.shapes.flatMap((s) => s.workload.pods));
    const bindings: { pod: string; node: string; boundAt: number }[] = [];
    for (const [p, node] of this.state.nodeOf)
      if (live.has(p) && p.boundAt !== null) bindings.push({ pod: p.name, node, boundAt: p.boundAt });
    return { t, nodes: this.state.nodes, bindings };
  }

  /** Group names and prices, in the order of {@link nodeCounts}. */
  /** The cluster autoscaler's drain rules honour these PodDisruptionBudgets. */
  useBudgets(budgets: DisruptionBudgets): void {
    this.ca.useBudgets(budgets);
  }

  groupNames(): string[] {
    return this.state.groups.map((g) => g.name);
  }

  prices(): number[] {
    return this.state.groups.map((g) => g.pricePerHour);
  }

  /** The summary counts at the end of the run. */
  counts(duration: number): ClusterCounts {
    const { longestPendingSeconds, unschedulableAtEnd } = this.pending.atEnd(duration);
    return {
      scaleUps: this.ca.scaleUps,
      scaleDowns: this.ca.scaleDowns,
      longestPendingSeconds,
      unschedulableAtEnd,
    };
  }

  /** Nodes registering, turning Ready or removed since the last step; bound pods gone at t release requests. */
  private nodeLifecycle(t: number): void {
    let deletions = 0;
    for (const s of this.shapes) deletions += s.workload.deletions;
    this.state.lifecycle(this.lastStep, t, deletions);
  }

  /** Pending pods of every workload in the scheduling queue's order: creation time, then workload order. */
  private pendingQueue(): { p: SimPod; shape: WorkloadShape }[] {
    const queue: { p: SimPod; shape: WorkloadShape }[] = [];
    for (const shape of this.shapes)
      for (const p of shape.workload.pods)
        if (p.boundAt === null && !this.state.nodeOf.has(p)) queue.push({ p, shape });
    // stable: within a workload pods are already in creation order
    if (this.shapes.length > 1) queue.sort((a, b) => a.p.createdAt - b.p.createdAt);
    return queue;
  }

  /** The scheduler's options at t: the scoring strategy and the bound pods it counts for topology spreading. */
  private schedulerOptions(t: number): SchedulerOptions {
    return { scoring: this.cluster.scoring, podsOn: this.bound.at(t) };
  }

  /** Binds `p` to `node` (and counts it there for the rest of this scheduling pass). */
  private bindTo(p: SimPod, shape: WorkloadShape, node: string, binding: PodShape["binding"]): void {
    this.state.bindTo(p, node, binding);
    this.bound.add(node, shape);
  }

  private schedule(t: number): boolean {
    const s = this.state;
    let deletions = 0;
    for (const shape of this.shapes) deletions += shape.workload.deletions;
    s.noteDeletions(deletions);
    const options = this.schedulerOptions(t);
    let bound = false;
    for (const { p, shape } of this.pendingQueue()) {
      if (!this.pending.due(p, s.generation)) continue;
      const own = podShape(p, shape);
      const r = schedulePod(own.schedPod, s.nodes, t, options);
      if ("node" in r) {
        this.bindTo(p, shape, r.node, own.binding);
        shape.workload.bind(p, t);
        this.pending.end(p, t);
        s.generation++;
        bound = true;
        continue;
      }
      this.pending.failed(p, t, s.generation, r.unschedulable.reason);
    }
    return bound;
  }

  /**
   * The kubelet's answer to an in-place resize of `p` to `template` (mirrors kubelet handlePodResourcesResize /
   * canResizePod): Infeasible when the new requests exceed the node's allocatable minus its DaemonSet pods,
   * Deferred when they do not fit beside the other bound pods now, else applied at once (the node's bound
   * requests follow). A pod not bound yet is simply scheduled with its new requests.
   */
  resize(p: SimPod, template: PodTemplateInfo): "Applied" | "Deferred" | "Infeasible" {
    const shape = shapeOf(this.shapes, p);
    const nodeName = this.state.nodeOf.get(p);
    const old = this.state.boundWith.get(p);
    if (shape === undefined || nodeName === undefined || old === undefined) return "Applied";
    const next = templateShape(template, shape);
    const i = this.state.nodes.findIndex((n) => n.name === nodeName);
    const node = this.state.nodes[i];
    if (node === undefined) return "Applied";
    const a = node.allocatable;
    const o = node.overhead;
    const r = next.binding.requests;
    if (r.cpuMilli > (a.cpuMilli ?? 0) - o.cpuMilli || r.memBytes > (a.memBytes ?? 0) - o.memBytes)
      return "Infeasible";
    const without = unbindRequests(node, old);
    const free = freeResources(without);
    if (r.cpuMilli > free.cpuMilli || r.memBytes > free.memBytes || r.gpus > free.gpus) return "Deferred";
    this.state.nodes[i] = bindRequests(without, next.binding);
    this.state.boundWith.set(p, next.binding);
    this.state.generation++;
    return "Applied";
  }
}
