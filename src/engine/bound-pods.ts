/**
 * The workloads' pods bound to each node, as the scheduler's PodTopologySpread counts them (namespace, labels,
 * terminating or not): built at a moment t when the scheduler first asks, then kept current by the binds of
 * that scheduling pass (the cluster phase starts a new pass, and so a new index, at every schedule).
 */
import type { SpreadPod } from "../cluster/pod-topology-spread.js";
import type { PodsOnNode } from "../cluster/scheduler-spread.js";
import type { SimPod } from "../cluster/sim-pod.js";
import type { WorkloadShape } from "./pod-shapes.js";

export class BoundPods {
  private byNode: Map<string, SpreadPod[]> | undefined;

  constructor(
    private readonly shapes: readonly WorkloadShape[],
    private readonly nodeOf: ReadonlyMap<SimPod, string>,
  ) {}

  /** The bound pods of a node at t (a pod deleted at or before t is terminating). */
  at(t: number): PodsOnNode {
    this.byNode = undefined;
    return (node) => {
      if (this.byNode === undefined) this.byNode = this.build(t);
      return this.byNode.get(node) ?? [];
    };
  }

  /** A pod of `shape` bound to `node` during the pass. */
  add(node: string, shape: WorkloadShape): void {
    if (this.byNode !== undefined) addTo(this.byNode, node, shape.spreadPod);
  }

  private build(t: number): Map<string, SpreadPod[]> {
    const out = new Map<string, SpreadPod[]>();
    for (const shape of this.shapes)
      for (const p of shape.workload.pods) {
        const node = this.nodeOf.get(p);
        if (node === undefined) continue;
        const terminating = p.deletedAt !== null && p.deletedAt <= t;
        addTo(
          out,
          node,
          terminating ? { ...shape.spreadPod, deletedAt: p.deletedAt as number } : shape.spreadPod,
        );
      }
    return out;
  }
}

function addTo(byNode: Map<string, SpreadPod[]>, node: string, pod: SpreadPod): void {
  const list = byNode.get(node);
  if (list === undefined) byNode.set(node, [pod]);
  else list.push(pod);
}
