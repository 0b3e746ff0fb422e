/**
 * When the cluster autoscaler's observation key (ca-observation.ts observationKey) still holds without walking
 * it: the counters of everything the key reads, and the next moment a time it compares with t is reached. Not an
 * upstream concept; it only spares ca-actuation.ts the walk of every node and pod at each skipped loop.
 *
 * The argument. The key at t reads the registered nodes (their names, groups, labels, taints, resources,
 * creation, Ready and deleting at t), the target sizes, and per workload the pods not gone at t (identity,
 * template, node, Running and deleted at t, unschedulable since). Each of these changes only where a counter
 * moves or at a node time:
 * - nodes added, removed or tainted, or their times changed: ClusterNodes.nodeChanges (timesChanged). Binding,
 *   unbinding and resizing replace a node by one with other bound requests only, which the key does not read;
 * - registered and Ready flip at the nodes' creation, Ready and removal times: the key holds before the first
 *   such time after the moment it was checked (ClusterNodes.nodeTimeAfter); the taint is set at the present;
 * - a pod's node: bound (bindCount), released when gone (generation) or with its node (nodeChanges);
 * - pods created or deleted, Running or gone (their transitions), restarted or resized: Workload.revision;
 * - unschedulable since: PendingPods.unschedulableVersion;
 * - the target sizes change only in a loop that runs, which starts a new validity.
 * So with the same counters and before that node time, the key is the one checked.
 */
import type { ClusterNodes } from "./cluster-nodes.js";
import type { WorkloadShape } from "./pod-shapes.js";

/** What the stamp reads besides the nodes: the workloads and the unschedulable pods' version. */
export interface StampSources {
  readonly nodes: ClusterNodes;
  readonly shapes: readonly WorkloadShape[];
  readonly pending: { readonly unschedulableVersion: number };
}

export class ObservationStamp {
  private readonly counters: number[] = [];
  /** The stamp holds before this time (a node time); -Infinity: no stamp. */
  private until = Number.NEGATIVE_INFINITY;

  constructor(private readonly src: StampSources) {}

  /** The key was built or found equal at `t`: it holds while the counters stay, before the next node time. */
  set(t: number): void {
    const c = this.counters;
    const { nodes, shapes, pending } = this.src;
    c.length = 0;
    c.push(nodes.nodeChanges, nodes.bindCount, nodes.generation, pending.unschedulableVersion);
    for (const s of shapes) c.push(s.workload.revision);
    this.until = nodes.nodeTimeAfter(t);
  }

  clear(): void {
    this.until = Number.NEGATIVE_INFINITY;
  }

  /** The key checked at the last {@link set} holds at `t` (a later moment). */
  holds(t: number): boolean {
    if (t >= this.until) return false;
    const c = this.counters;
    const { nodes, shapes, pending } = this.src;
    if (
      c[0] !== nodes.nodeChanges ||
      c[1] !== nodes.bindCount ||
      c[2] !== nodes.generation ||
      c[3] !== pending.unschedulableVersion
    )
      return false;
    for (let i = 0; i < shapes.length; i++)
      if (c[4 + i] !== (shapes[i] as WorkloadShape).workload.revision) return false;
    return true;
  }
}
