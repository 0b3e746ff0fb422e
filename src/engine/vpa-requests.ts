/**
 * The requests a workload's pods carry while a VPA changes them, as the timeline and the metric probes read
 * them: the mean over the Ready pods per resource, and the mean per container over the pods not deleted.
 * Numbers are cached per containers list (lists are immutable: admission and resizes build new ones).
 */
import type { SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ContainerTemplate } from "./run-inputs.js";

export class RequestFigures {
  constructor(
    private readonly workload: Workload,
    /** A pod's regular containers (its own, or the template's). */
    private readonly containersOf: (p: SimPod) => readonly ContainerTemplate[],
    /** Restartable init containers: the HPA counts their requests too. */
    private readonly sidecars: readonly ContainerTemplate[],
  ) {}

  /**
   * Each container's requests as the means below add them, per containers list (lists are immutable):
   * cpu millicores and memory milli-bytes as numbers, in container order.
   */
  private readonly requestNumbers = new WeakMap<
    readonly ContainerTemplate[],
    { readonly names: readonly string[]; readonly cpu: Float64Array; readonly memory: Float64Array }
  >();

  private numbersOf(containers: readonly ContainerTemplate[]) {
    let n = this.requestNumbers.get(containers);
    if (n === undefined) {
      n = {
        names: containers.map((c) => c.name),
        cpu: Float64Array.from(containers, (c) => Number(c.requests.cpu ?? 0n)),
        memory: Float64Array.from(containers, (c) => Number(c.requests.memory ?? 0n)),
      };
      this.requestNumbers.set(containers, n);
    }
    return n;
  }

  /** Mean requests of the Ready pods per resource (cores, bytes), summed over their regular containers. */
  readyRequests(t: number): Record<string, number> {
    const sum = { cpu: 0, memory: 0 };
    let n = 0;
    const sidecars = this.numbersOf(this.sidecars);
    for (const p of this.workload.pods) {
      if (p.readyAt === null || p.readyAt > t || (p.deletedAt !== null && p.deletedAt <= t)) continue;
      n++;
      // the pod's containers, then the sidecars, each added on its own (the sums' rounding depends on it)
      addRequests(sum, this.numbersOf(this.containersOf(p)));
      addRequests(sum, sidecars);
    }
    return n === 0 ? {} : { cpu: sum.cpu / n, memory: sum.memory / n };
  }

  /** Mean requests per regular container over the pods not deleted at t (cpu millicores, memory bytes). */
  meanRequests(t: number): Record<string, { cpu: number; memory: number }> {
    const sums = new Map<string, { cpu: number; memory: number; n: number }>();
    for (const p of this.workload.pods) {
      if (p.deletedAt !== null && p.deletedAt <= t) continue;
      const list = this.numbersOf(this.containersOf(p));
      for (let i = 0; i < list.names.length; i++) {
        const name = list.names[i] as string;
        let s = sums.get(name);
        if (s === undefined) {
          s = { cpu: 0, memory: 0, n: 0 };
          sums.set(name, s);
        }
        s.cpu += list.cpu[i] as number;
        s.memory += (list.memory[i] as number) / 1000;
        s.n++;
      }
    }
    const out: Record<string, { cpu: number; memory: number }> = {};
    for (const [name, s] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      out[name] = { cpu: s.cpu / s.n, memory: s.memory / s.n };
    return out;
  }
}

/** Adds each container's requests in cores and bytes to `sum`, container by container. */
function addRequests(
  sum: { cpu: number; memory: number },
  list: { readonly cpu: Float64Array; readonly memory: Float64Array },
): void {
  for (let i = 0; i < list.cpu.length; i++) {
    sum.cpu += (list.cpu[i] as number) / 1000;
    sum.memory += (list.memory[i] as number) / 1000;
  }
}
