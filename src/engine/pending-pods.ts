/**
 * The bookkeeping of Pending pods in the cluster phase (cluster-phase.ts): since when each pod waits, since when
 * it is unschedulable (PodScheduled=False, read by the cluster autoscaler's observation), the scheduler's last
 * reason (reported as a FailedScheduling event whenever it changes), the generation of its last failed attempt
 * (a pod is retried only after something it could fit on changed), the longest wait so far, and the counts at
 * the end of the run.
 */
import type { SimPod } from "../cluster/sim-pod.js";
import type { RunEvent } from "../results/types.js";

export class PendingPods {
  /** Pending pods: when they started waiting (creation, or the start for initial pods left unbound). */
  private readonly pendingSince = new Map<SimPod, number>();
  readonly unschedulableSince = new Map<SimPod, number>();
  /** Bumped whenever {@link unschedulableSince} changes. */
  unschedulableVersion = 0;
  private readonly lastReason = new Map<SimPod, string>();
  private readonly attemptedAt = new Map<SimPod, number>();
  private longestPending = 0;

  constructor(private readonly emit: (e: RunEvent) => void) {}

  /** An initial pod that fits nowhere: Pending since `start`. */
  waitingSince(p: SimPod, start: number): void {
    this.pendingSince.set(p, start);
  }

  /**
   * Whether the unbound pod `p` is to be tried by the scheduler now, at `generation`: not when it was deleted
   * (its wait ends then) nor when its last failed attempt was at the same generation.
   */
  due(p: SimPod, generation: number): boolean {
    if (p.deletedAt !== null) {
      if (this.pendingSince.has(p)) this.end(p, p.deletedAt);
      return false;
    }
    if (!this.pendingSince.has(p)) this.pendingSince.set(p, p.createdAt);
    return this.attemptedAt.get(p) !== generation;
  }

  /** A failed attempt at t: unschedulable from its first one; a FailedScheduling event when the reason changes. */
  failed(p: SimPod, t: number, generation: number, reason: string): void {
    this.attemptedAt.set(p, generation);
    if (!this.unschedulableSince.has(p)) {
      this.unschedulableSince.set(p, t);
      this.unschedulableVersion++;
    }
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

  /** The wait of `p` ended at `at`: bound, or deleted by a scale-down of the workload. */
  end(p: SimPod, at: number): void {
    const since = this.pendingSince.get(p);
    if (since !== undefined) this.longestPending = Math.max(this.longestPending, at - Math.max(0, since));
    this.pendingSince.delete(p);
    if (this.unschedulableSince.delete(p)) this.unschedulableVersion++;
    this.lastReason.delete(p);
    this.attemptedAt.delete(p);
  }

  /** The longest wait (counting pods still Pending) and the pods unschedulable at the end of the run. */
  atEnd(duration: number): {
    longestPendingSeconds: number;
    unschedulableAtEnd: { pod: string; reason: string }[];
  } {
    let longest = this.longestPending;
    const unschedulableAtEnd: { pod: string; reason: string }[] = [];
    for (const [p, since] of this.pendingSince) {
      longest = Math.max(longest, duration - Math.max(0, since));
      const reason = this.lastReason.get(p);
      if (reason !== undefined) unschedulableAtEnd.push({ pod: p.name, reason });
    }
    return { longestPendingSeconds: longest, unschedulableAtEnd };
  }
}
