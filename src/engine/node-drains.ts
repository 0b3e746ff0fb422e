/**
 * The cluster autoscaler's drains of the nodes it tainted for scale-down (mirrors actuation/drain.go
 * drainNodeWithPodsBasedOnPodPriority, initiateEviction and evictPod). When the delay after the taint ends, every
 * pod on the node is evicted through the eviction subresource. A refused eviction (a PodDisruptionBudget with no
 * disruption left) is tried again every EvictionRetryTime (10 s) while the time is before the drain's start plus
 * --max-pod-eviction-time. Once every pod is evicted, the node goes when the last of them is gone. If a pod is
 * still refused at the deadline, the drain fails: that pod gets a ScaleDownFailed warning, the node one too
 * ("failed to drain and delete node", actuator.go CleanUpAndRecordFailedScaleDownEvent), the node is untainted
 * and kept, and the autoscaler records the failure (lastScaleDownFailTime). Pods evicted before stay evicted.
 */
import { EVICTION_REFUSED_MESSAGE } from "../cluster/disruption-budget.js";
import type { SimNode } from "../cluster/node-groups.js";
import type { SimPod } from "../cluster/sim-pod.js";
import type { RunEvent } from "../results/types.js";
import { type ClusterNodes, shapeOf } from "./cluster-nodes.js";
import type { DisruptionBudgets } from "./disruption-budgets.js";
import type { WorkloadShape } from "./pod-shapes.js";

/** drain.go DefaultEvictionRetryTime. */
export const EVICTION_RETRY_SECONDS = 10;

/** A drain in progress: its start, its next attempt and the last moment an attempt may start before. */
interface Drain {
  readonly start: number;
  next: number;
  readonly retryUntil: number;
}

export class NodeDrains {
  private readonly drains = new Map<string, Drain>();

  constructor(
    private readonly maxPodEvictionSeconds: number,
    private readonly state: ClusterNodes,
    private readonly shapes: readonly WorkloadShape[],
    private readonly emit: (e: RunEvent) => void,
  ) {}

  /** The node's drain starts at `at` (after the delay after the taint). */
  schedule(node: string, at: number): void {
    this.drains.set(node, { start: at, next: at, retryUntil: at + this.maxPodEvictionSeconds });
  }

  /** The next drain attempt (Infinity: none). */
  nextAttempt(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const d of this.drains.values()) if (d.next < next) next = d.next;
    return next;
  }

  /**
   * Runs the attempts due at or before t; evictions go through `budgets` (null: all allowed). A failed drain
   * untaints its node here and calls `failed` for the autoscaler's side. True when pods were evicted.
   */
  run(t: number, budgets: DisruptionBudgets | null, failed: (node: SimNode, t: number) => void): boolean {
    let evicted = false;
    for (const [name, d] of this.drains) {
      if (d.next > t) continue;
      // evictPod's loop: the first attempt at the start, then one every 10 s while before the deadline
      const attempt = t === d.start || t < d.retryUntil;
      const refused: SimPod[] = [];
      for (const p of this.podsOn(name, true)) {
        if (attempt && this.evict(p, t, budgets)) evicted = true;
        else refused.push(p);
      }
      if (refused.length === 0) {
        this.drains.delete(name);
        // the node goes once its last pod is gone
        let goneAt = d.start;
        for (const p of this.podsOn(name, false)) if (p.goneAt !== null) goneAt = Math.max(goneAt, p.goneAt);
        this.setNode(name, { goneAt });
      } else if (attempt) {
        d.next = t + EVICTION_RETRY_SECONDS;
        this.setNode(name, { goneAt: null });
      } else {
        this.drains.delete(name);
        const node = this.fail(name, refused, t);
        if (node !== undefined) failed(node, t);
      }
    }
    return evicted;
  }

  /** The pods bound to the node (`live`: only those not deleted yet). */
  private podsOn(name: string, live: boolean): SimPod[] {
    const out: SimPod[] = [];
    for (const [p, node] of this.state.nodeOf)
      if (node === name && (!live || p.deletedAt === null)) out.push(p);
    return out;
  }

  /** Asks the eviction subresource; true when the pod was evicted (deleted now). */
  private evict(p: SimPod, t: number, budgets: DisruptionBudgets | null): boolean {
    const shape = shapeOf(this.shapes, p);
    if (shape === undefined) return true;
    if (budgets !== null && !budgets.admit(shape.workload, p, t)) return false;
    shape.workload.evict(p, t);
    return true;
  }

  private setNode(name: string, change: Partial<SimNode>): void {
    const s = this.state;
    const k = s.nodes.findIndex((n) => n.name === name);
    if (k < 0) return;
    s.nodes[k] = { ...(s.nodes[k] as SimNode), ...change };
    s.timesChanged();
  }

  /** The ScaleDownFailed warnings (each refused pod, then the node) and the node untainted; the node, if any. */
  private fail(name: string, refused: readonly SimPod[], t: number): SimNode | undefined {
    const node = this.state.nodes.find((n) => n.name === name);
    if (node === undefined) return undefined;
    const errors = refused.map((p) => {
      const ns = shapeOf(this.shapes, p)?.target.namespace ?? "default";
      const message = "failed to delete pod for ScaleDown";
      this.emit({ t, type: "Warning", reason: "ScaleDownFailed", message, object: `Pod/${p.name}` });
      return `failed to evict pod ${ns}/${p.name} within allowed timeout (last error: ${EVICTION_REFUSED_MESSAGE})`;
    });
    this.emit({
      t,
      type: "Warning",
      reason: "ScaleDownFailed",
      message: `failed to drain and delete node: Failed to drain node /${name}, due to following errors: [${errors.join(" ")}]`,
      object: `Node/${name}`,
    });
    this.setNode(name, { deletingAt: null, goneAt: null });
    this.state.generation++;
    return node;
  }
}
