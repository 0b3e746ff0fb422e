/**
 * The run's PodDisruptionBudgets over its workloads' pods: each budget's status as the disruption controller
 * keeps it (src/cluster/disruption-budget.ts budgetStatus, recomputed from the pods at the moment it is read, as
 * the controller reacts to every pod event), the budgets the cluster autoscaler's drain rules see, and the
 * eviction subresource's answers to one controller's evictions within one loop.
 */

import {
  type BudgetPod,
  type BudgetStatus,
  budgetStatus,
  type DisruptionBudgetSpec,
  evictionVerdict,
} from "../cluster/disruption-budget.js";
import { podState, type SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { PodDisruptionBudget } from "../cluster-autoscaler/drainability.js";
import { parseSelector, selectorMatches } from "../hpa/label-selector.js";

/** A workload as the budgets see it: its pods, their labels and namespace, and its scale's spec.replicas. */
export interface BudgetedWorkload {
  readonly workload: Workload;
  readonly specReplicas: () => number;
}

/** A budget and the workloads whose pods it selects (by namespace and the pod template's labels). */
interface Budget {
  readonly spec: DisruptionBudgetSpec;
  readonly matches: (namespace: string, labels: Readonly<Record<string, string>>) => boolean;
  readonly workloads: readonly BudgetedWorkload[];
}

/** The pod as a budget counts it at t (gone pods are not listed). */
function budgetPod(p: SimPod, t: number): BudgetPod & { readonly running: boolean } {
  const s = podState(p, t);
  return {
    ready: s === "ready",
    terminating: s === "terminating",
    running: s === "ready" || s === "running",
  };
}

export class DisruptionBudgets {
  private readonly budgets: readonly Budget[];

  constructor(specs: readonly DisruptionBudgetSpec[], workloads: readonly BudgetedWorkload[]) {
    this.budgets = specs.map((spec) => {
      const selector = spec.selector === null ? null : parseSelector(spec.selector);
      const matches = (namespace: string, labels: Readonly<Record<string, string>>) =>
        namespace === spec.namespace && selector !== null && selectorMatches(selector, labels);
      const selected = workloads.filter((w) =>
        matches(w.workload.target.namespace, w.workload.target.podLabels),
      );
      return { spec, matches, workloads: selected };
    });
  }

  get size(): number {
    return this.budgets.length;
  }

  /** A budget's status at t over the pods of the workloads it selects; their scales make the expected count. */
  private status(b: Budget, t: number): BudgetStatus {
    const pods: BudgetPod[] = [];
    let scale = 0;
    for (const w of b.workloads) {
      let any = false;
      for (const p of w.workload.pods) {
        if (podState(p, t) === "gone") continue;
        pods.push(budgetPod(p, t));
        any = true;
      }
      // getExpectedScale sums the scale of the controllers of the selected pods
      if (any) scale += w.specReplicas();
    }
    return budgetStatus(b.spec, pods, scale);
  }

  /** The budgets as the cluster autoscaler's drain rules see them at t. */
  forAutoscaler(t: number): PodDisruptionBudget[] {
    return this.budgets.map((b) => ({
      namespace: b.spec.namespace,
      matches: (labels: Readonly<Record<string, string>>) => b.matches(b.spec.namespace, labels),
      disruptionsAllowed: this.status(b, t).disruptionsAllowed,
    }));
  }

  /**
   * Asks the eviction subresource to evict a pod of `w` at t: true when allowed (the caller deletes it then,
   * before asking for the next, so the budgets see it terminating), false when a budget refuses it.
   */
  admit(w: Workload, p: SimPod, t: number): boolean {
    const selecting = this.budgets.filter((b) => b.workloads.some((x) => x.workload === w));
    if (selecting.length === 0) return true;
    const budgets = selecting.map((b) => ({ spec: b.spec, status: this.status(b, t) }));
    return evictionVerdict(budgetPod(p, t), budgets).allowed;
  }
}
