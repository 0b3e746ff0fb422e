/**
 * A replay's cluster figures, kept by the run recorder when a cluster model runs: node-seconds and peak nodes
 * per group, Pending-pod seconds and the load unserved while pods were Pending (integrated over every
 * interval), the timeline rows' `nodes` and `cost`, and the summary's `cluster` part.
 */
import type { ClusterSummary, NodeGroupSummary, TimelineNodes } from "./types.js";

/** What the cluster phase counts itself, for the summary. */
export interface ClusterCounts {
  /** Per group name. */
  readonly scaleUps: Readonly<Record<string, number>>;
  readonly scaleDowns: Readonly<Record<string, number>>;
  readonly longestPendingSeconds: number;
  readonly unschedulableAtEnd: readonly { readonly pod: string; readonly reason: string }[];
}

/** The part of the run recorder's IntervalState the cluster figures read. */
export interface ClusterIntervalState {
  readonly unserved: number;
  readonly pendingPods: number;
  /** Registered nodes per group, in group order. */
  readonly nodeCounts?: readonly number[];
}

/** Integrals and peaks of the cluster over the intervals added so far. */
export class ClusterTotals {
  private readonly nodeSeconds: number[];
  private readonly peak: number[];
  private peakTotal = 0;
  private pendingPodSeconds = 0;
  /** Integral of `unserved` over the intervals with at least one Pending pod. */
  private unservedWhilePending = 0;

  /** Groups in the order of {@link ClusterIntervalState.nodeCounts}, with their prices per node-hour. */
  constructor(
    private readonly groups: readonly string[],
    private readonly prices: readonly number[],
  ) {
    this.nodeSeconds = groups.map(() => 0);
    this.peak = groups.map(() => 0);
  }

  /** Adds the interval [t, t + dt). */
  addInterval(dt: number, s: ClusterIntervalState): void {
    this.pendingPodSeconds += s.pendingPods * dt;
    if (s.pendingPods > 0) this.unservedWhilePending += s.unserved * dt;
    let total = 0;
    for (let i = 0; i < this.groups.length; i++) {
      const n = s.nodeCounts?.[i] ?? 0;
      total += n;
      this.nodeSeconds[i] = (this.nodeSeconds[i] as number) + n * dt;
      if (n > (this.peak[i] as number)) this.peak[i] = n;
    }
    if (total > this.peakTotal) this.peakTotal = total;
  }

  /**
   * A row's cluster part at `r` inside the interval starting at `t`: nodes, and the cost accumulated over
   * [0, r).
   */
  rowFields(r: number, t: number, s: ClusterIntervalState): { nodes: TimelineNodes; cost: number } {
    const perGroup: Record<string, number> = {};
    let total = 0;
    let cost = 0;
    for (let i = 0; i < this.groups.length; i++) {
      const n = s.nodeCounts?.[i] ?? 0;
      perGroup[this.groups[i] as string] = n;
      total += n;
      cost += (((this.nodeSeconds[i] as number) + n * (r - t)) * (this.prices[i] as number)) / 3600;
    }
    return { nodes: { perGroup, total }, cost };
  }

  /** The summary's cluster part over `d` seconds; `demandTotal` is the run's integrated demand. */
  summary(d: number, counts: ClusterCounts | undefined, demandTotal: number): ClusterSummary {
    const nodeGroups: Record<string, NodeGroupSummary> = {};
    let seconds = 0;
    let cost = 0;
    let ups = 0;
    let downs = 0;
    const order = this.groups.map((g, i) => ({ g, i })).sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : 0));
    for (const { g, i } of order) {
      const ns = this.nodeSeconds[i] as number;
      const groupCost = (ns * (this.prices[i] as number)) / 3600;
      const su = counts?.scaleUps[g] ?? 0;
      const sd = counts?.scaleDowns[g] ?? 0;
      nodeGroups[g] = {
        peakNodes: this.peak[i] as number,
        meanNodes: ns / d,
        nodeHours: ns / 3600,
        cost: groupCost,
        scaleUps: su,
        scaleDowns: sd,
      };
      seconds += ns;
      cost += groupCost;
      ups += su;
      downs += sd;
    }
    return {
      nodeGroups,
      total: {
        peakNodes: this.peakTotal,
        meanNodes: seconds / d,
        nodeHours: seconds / 3600,
        cost,
        scaleUps: ups,
        scaleDowns: downs,
      },
      pendingPodSeconds: this.pendingPodSeconds,
      longestPendingSeconds: counts?.longestPendingSeconds ?? 0,
      unservedWhilePending: this.unservedWhilePending,
      unservedWhilePendingShare: demandTotal > 0 ? this.unservedWhilePending / demandTotal : 0,
      unschedulableAtEnd: counts?.unschedulableAtEnd ?? [],
    };
  }
}
