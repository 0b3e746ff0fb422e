/**
 * metrics-server's per-container usage with per-container usage models (spec.workload.usage.containers): like the
 * pod's, each container's CPU is the rate between its two latest cumulative samples (the kubelet reports every
 * container's counter; metrics-server's storage rates each), and its memory the working set at the scrape. Each
 * container's value is quantized on its own, as the containers of a PodMetrics are, so a Resource metric's pod sum
 * is the sum of the quantized containers. Without per-container usage models metrics-server.ts puts the pod's
 * usage on its first regular container (pod-usage-values.ts ContainerUsageLists) and none of this runs.
 */
import type { SimPod, SimPodState } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { bytesToMilli, cpuCoresToMilliNumber, roundBytes } from "./quantize.js";

type ContainerUsageList = PodResourceMetrics["containers"];

/** A pod's per-container samples at the last scrape that saw it (its containers' cumulative CPU then). */
const EMPTY = new Float64Array(0);

export class ContainerParts {
  /** The last list built and the quantized values it shows (pods with equal usage share one list). */
  private last: ContainerUsageList | null = null;
  private readonly cpu: number[] = [];
  private readonly bytes: number[] = [];

  /**
   * The containers' usage of pod `p` in state `s` at a scrape at `t` whose previous sample was at `prevT`: the
   * Ready pods' rate of each container when `exact` (Ready all through the window at rates set before it), else
   * the growth of each container's counter over the window; the containers' counters are kept as the pod's
   * sample of this scrape ({@link record}).
   */
  sample(
    workload: Workload,
    p: SimPod,
    s: SimPodState,
    exact: boolean,
    prevT: number,
    t: number,
  ): ContainerUsageList {
    const containers = workload.containerUsage;
    const slot = workload.containerSlot;
    const prev = p.scrapeParts ?? EMPTY;
    let same = this.last !== null;
    for (let j = 0; j < containers.length; j++) {
      const cores = exact
        ? (workload.readyRates[slot + 1 + j] as number)
        : ((p.customCum[slot + j] as number) - (prev[j] ?? 0)) / (t - prevT);
      const cpu = cpuCoresToMilliNumber(cores);
      const bytes = roundBytes(workload.containerMemoryInState(p, s, j));
      if (same && (this.cpu[j] !== cpu || this.bytes[j] !== bytes)) same = false;
      this.cpu[j] = cpu;
      this.bytes[j] = bytes;
    }
    this.record(workload, p); // after reading the previous sample
    if (same) return this.last as ContainerUsageList;
    const list = containers.map((c, j) => ({
      name: c.name,
      usage: { cpu: BigInt(this.cpu[j] as number), memory: bytesToMilli(this.bytes[j] as number) },
    }));
    this.last = list;
    return list;
  }

  /** Keeps pod `p`'s containers' cumulative CPU as its sample of this scrape. */
  record(workload: Workload, p: SimPod): void {
    const n = workload.containerUsage.length;
    let parts = p.scrapeParts;
    if (parts === undefined || parts.length !== n) {
      parts = new Float64Array(n);
      p.scrapeParts = parts;
    }
    const slot = workload.containerSlot;
    for (let j = 0; j < n; j++) parts[j] = p.customCum[slot + j] as number;
  }
}
