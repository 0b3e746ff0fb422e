/**
 * A workload's pods as its VPA's listers see them at a moment (vpa-phase.ts): phase, scheduled, deleting, the
 * containers (the one its last OOM kill killed, the first by default) and the status of an in-place resize the kubelet has not
 * applied yet.
 */
import type { SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { VpaPod, VpaPodContainer } from "../vpa/replay/index.js";
import type { ContainerTemplate } from "./run-inputs.js";

export class VpaPodLister {
  constructor(
    private readonly workload: Workload,
    /** A pod's regular containers (its own, or the template's). */
    private readonly containersOf: (p: SimPod) => readonly ContainerTemplate[],
    /** Resizes the kubelet has not applied yet, with its last answer. */
    private readonly pendingResizes: ReadonlyMap<SimPod, { readonly status: "Deferred" | "Infeasible" }>,
  ) {}

  /**
   * The VpaPod containers of each containers list (pods share their template's list, and a list is
   * never modified: admission and resizes build new ones), so the VPA's per-list caches stay valid.
   */
  private readonly podContainers = new WeakMap<readonly ContainerTemplate[], readonly VpaPodContainer[]>();

  private vpaContainers(p: SimPod): readonly VpaPodContainer[] {
    const containers = this.containersOf(p);
    const oom = p.lastOom;
    if (oom !== undefined) {
      // the killed container (per-container usage models), else the first: where the model puts a pod's usage
      const killed = containers.findIndex((c) => c.name === p.oomContainer);
      return containers.map((c, i) =>
        i === Math.max(killed, 0)
          ? {
              name: c.name,
              requests: c.requests,
              limits: c.limits,
              lastTermination: { reason: "OOMKilled", startedAt: oom.startedAt, finishedAt: oom.finishedAt },
            }
          : { name: c.name, requests: c.requests, limits: c.limits },
      );
    }
    let out = this.podContainers.get(containers);
    if (out === undefined) {
      out = containers.map((c) => ({ name: c.name, requests: c.requests, limits: c.limits }));
      this.podContainers.set(containers, out);
    }
    return out;
  }

  private vpaPod(p: SimPod, t: number): VpaPod {
    const started = p.boundAt !== null && p.boundAt <= t;
    const pod: {
      -readonly [K in keyof VpaPod]: VpaPod[K];
    } = {
      name: p.name,
      creationTime: p.createdAt,
      phase: p.runningAt !== null && p.runningAt <= t ? "Running" : "Pending",
      scheduled: started,
      deleting: p.deletedAt !== null && p.deletedAt <= t,
      containers: this.vpaContainers(p),
    };
    if (started) pod.startTime = p.boundAt as number;
    const pending = this.pendingResizes.get(p);
    if (pending !== undefined) pod.resize = pending.status;
    return pod;
  }

  /** The target's pods that exist at t, as the VPA's listers see them (in the workload's order). */
  list(t: number): VpaPod[] {
    const out: VpaPod[] = [];
    for (const p of this.workload.pods) if (p.goneAt === null || p.goneAt > t) out.push(this.vpaPod(p, t));
    return out;
  }
}
