/**
 * What metrics-server serves (metrics.k8s.io PodMetrics). It scrapes every `--metric-resolution` (15 s); CPU
 * is the rate between the container's two latest cumulative samples (so a pod appears only at its second
 * scrape after it starts running), memory is the working set at the scrape. Timestamp = the later sample,
 * window = the time between the two samples.
 */

import { podState, type SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { bytesToMilli, cpuCoresToMilli } from "./quantize.js";

interface LastSample {
  readonly t: number;
  readonly cpuCum: number;
}

/** Holds the previous sample per pod and the latest published items. */
export class MetricsServer {
  private readonly last = new Map<SimPod, LastSample>();
  /** The items the API returns until the next scrape. */
  items: PodResourceMetrics[] = [];

  constructor(private readonly containers: readonly ContainerTemplate[]) {}

  /** Scrapes every running pod at `t` (pods must be settled to `t`). */
  scrape(workload: Workload, t: number): void {
    const items: PodResourceMetrics[] = [];
    const seen = new Set<SimPod>();
    for (const p of workload.pods) {
      const s = podState(p, t);
      if (s !== "running" && s !== "ready" && s !== "terminating") continue;
      if (s === "terminating" && p.runningAt === null) continue;
      seen.add(p);
      const prev = this.last.get(p);
      this.last.set(p, { t, cpuCum: p.cpuCum });
      if (prev === undefined || prev.t >= t) continue;
      const cores = (p.cpuCum - prev.cpuCum) / (t - prev.t);
      items.push({
        pod: p.name,
        timestamp: t,
        windowSeconds: t - prev.t,
        containers: this.containerUsage(cores, workload.memoryOf(p, t)),
      });
    }
    for (const p of this.last.keys()) if (!seen.has(p)) this.last.delete(p);
    this.items = items;
  }

  /** The pod's usage goes to its first regular container; the others report zero (but do report). */
  private containerUsage(cores: number, bytes: number): PodResourceMetrics["containers"] {
    let first = true;
    return this.containers
      .filter((c) => c.init !== true || c.restartPolicy === "Always")
      .map((c) => {
        const main = first && c.init !== true;
        if (main) first = false;
        return {
          name: c.name,
          usage: { cpu: main ? cpuCoresToMilli(cores) : 0n, memory: main ? bytesToMilli(bytes) : 0n },
        };
      });
  }
}
