/**
 * The nodes of the cluster phase (cluster-phase.ts) and the pods bound on them: the node list, which node each
 * bound pod is on and what it holds there, the counters that say when something changed (node times, and
 * anything a Pending pod could fit after), the node lifecycle at a moment t (nodes registering, turning Ready
 * or removed; gone pods releasing their requests) with its caches, and the registered nodes per group.
 *
 * The cluster autoscaler's actuation (ca-actuation.ts) adds, taints and removes nodes here directly; whoever
 * changes a node's times calls {@link ClusterNodes.timesChanged}, and whoever frees room or adds a node a Pending
 * pod could fit on bumps {@link ClusterNodes.generation}.
 */
import {
  type BindingRequests,
  bindRequests,
  isNodeRegistered,
  type NodeGroupSpec,
  type SimNode,
  unbindRequests,
} from "../cluster/node-groups.js";
import type { SimPod } from "../cluster/sim-pod.js";
import type { WorkloadShape } from "./pod-shapes.js";

/** The workload (shape) a pod belongs to. */
export function shapeOf(shapes: readonly WorkloadShape[], p: SimPod): WorkloadShape | undefined {
  for (const shape of shapes) if (shape.workload.pods.includes(p)) return shape;
  return undefined;
}

export class ClusterNodes {
  /** Every node that exists or is being provisioned (removed nodes are dropped). */
  nodes: SimNode[] = [];
  readonly nodeOf = new Map<SimPod, string>();
  /** What each bound pod holds on its node (released when it is gone). */
  readonly boundWith = new Map<SimPod, BindingRequests>();
  /** Bumped by every change a Pending pod could fit after. */
  generation = 0;
  readonly groupIndex = new Map<string, number>();
  /** Registered nodes per group at the last count, in group order (reused: the recorder copies it). */
  readonly nodeCounts: number[];

  constructor(readonly groups: readonly NodeGroupSpec[]) {
    this.groups.forEach((g, i) => {
      this.groupIndex.set(g.name, i);
    });
    this.nodeCounts = this.groups.map(() => 0);
  }

  /** Bumped whenever a node is added or removed or one of its times changes (see {@link nodeTimeAfter}). */
  private timesVersion = 0;
  private timeCache = { version: -1, from: 0, value: 0 };

  /** A node was added or removed, or one of its times (registration, Ready, removal) changed. */
  timesChanged(): void {
    this.timesVersion++;
  }

  /** How many times nodes were added, removed or had a time changed ({@link timesChanged}) so far. */
  get nodeChanges(): number {
    return this.timesVersion;
  }

  /** Pods bound so far. */
  get bindCount(): number {
    return this.binds;
  }

  /**
   * The earliest node time (registration, Ready, removal) strictly after `from`. Cached: with no change to the
   * nodes' times, the answer for `from` holds for every later `from'` before it.
   */
  nodeTimeAfter(from: number): number {
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

  bindTo(p: SimPod, node: string, binding: BindingRequests): void {
    const i = this.nodes.findIndex((n) => n.name === node);
    this.nodes[i] = bindRequests(this.nodes[i] as SimNode, binding);
    this.nodeOf.set(p, node);
    this.boundWith.set(p, binding);
    this.binds++;
  }

  /**
   * Nodes registering, turning Ready or removed in (prev, t], then bound pods gone at t releasing their
   * requests; `deletions` is the workloads' deletion count so far.
   */
  lifecycle(prev: number, t: number, deletions: number): void {
    if (this.nodeTimeAfter(prev) <= t) this.nodeEvents(prev, t);
    // bound pods release their requests when gone; goneAt is set only by a deletion, so the earliest one
    // holds until the next deletion of any workload or the next bind
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

  private seenDeletions = 0;

  /**
   * `deletions` (the workloads' deletion count) changed since the last call: a pod turned terminating, which
   * PodTopologySpread no longer counts, so a Pending pod may fit now; bumps {@link generation}.
   */
  noteDeletions(deletions: number): void {
    if (deletions === this.seenDeletions) return;
    this.seenDeletions = deletions;
    this.generation++;
  }

  /** Binds so far, and the earliest removal of a bound pod after the last check (see lifecycle). */
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

  private counted = { version: -1, at: 0 };

  /** Counts the registered nodes per group at t into {@link nodeCounts}. */
  countNodes(t: number): void {
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
