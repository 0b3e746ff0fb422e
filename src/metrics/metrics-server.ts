/**
 * What metrics-server serves (metrics.k8s.io PodMetrics). It scrapes every `--metric-resolution` (15 s); CPU
 * is the rate between the container's two latest cumulative samples (so a pod appears only at its second
 * scrape after it starts running), memory is the working set at the scrape. Timestamp = the later sample,
 * window = the time between the two samples. A container restarted (OOM-killed) since the previous scrape
 * starts its cumulative counter again, so that scrape publishes nothing for the pod (metrics-server's
 * storage drops a rate across a restart: its start time changed) and the next one does; a container waiting
 * in its restart back-off is not scraped at all.
 */

import { podState, type SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { bytesToMilli, cpuCoresToMilliNumber, roundBytes } from "./quantize.js";

interface LastSample {
  t: number;
  cpuCum: number;
  /** The scrape that last saw the pod (pods not seen by the latest scrape are forgotten). */
  scrape: number;
  /** The pod's container restarts at that sample. */
  restarts: number;
}

type ContainerUsage = PodResourceMetrics["containers"];

/** Holds the previous sample per pod and the latest published items. */
export class MetricsServer {
  private readonly last = new Map<SimPod, LastSample>();
  /** The items the API returns until the next scrape. */
  items: PodResourceMetrics[] = [];
  /** Containers that report usage: regular ones and sidecars (restartable init containers). */
  private readonly reporting: readonly ContainerTemplate[];
  private scrapes = 0;
  /** The last usage list built and the values it holds: pods with equal usage share one (immutable) list. */
  private lastUsage: ContainerUsage | null = null;
  private lastCpuMilli = -1;
  private lastBytes = -1;

  constructor(containers: readonly ContainerTemplate[]) {
    this.reporting = containers.filter((c) => c.init !== true || c.restartPolicy === "Always");
  }

  /** Scrapes every running pod at `t` (pods must be settled to `t`). */
  scrape(workload: Workload, t: number): void {
    const items: PodResourceMetrics[] = [];
    const scrape = ++this.scrapes;
    let seen = 0;
    for (const p of workload.pods) {
      const s = podState(p, t);
      if (s !== "running" && s !== "ready" && s !== "terminating") continue;
      if (s === "terminating" && p.runningAt === null) continue;
      if (p.restartAt !== undefined && p.restartAt > t) continue; // container down in its restart back-off
      seen++;
      const prev = this.last.get(p);
      if (prev === undefined) {
        this.last.set(p, { t, cpuCum: p.cpuCum, scrape, restarts: p.restarts ?? 0 });
        continue;
      }
      const prevT = prev.t;
      const prevCum = prev.cpuCum;
      const restarted = prev.restarts !== (p.restarts ?? 0);
      prev.t = t;
      prev.cpuCum = p.cpuCum;
      prev.scrape = scrape;
      prev.restarts = p.restarts ?? 0;
      if (restarted) continue;
      if (prevT >= t) continue;
      const cores = (p.cpuCum - prevCum) / (t - prevT);
      items.push({
        pod: p.name,
        timestamp: t,
        windowSeconds: t - prevT,
        containers: this.containerUsage(cores, workload.memoryOf(p, t)),
      });
    }
    if (this.last.size > seen) {
      for (const [p, sample] of this.last) if (sample.scrape !== scrape) this.last.delete(p);
    }
    this.items = items;
  }

  /** The pod's usage goes to its first regular container; the others report zero (but do report). */
  private containerUsage(cores: number, bytes: number): ContainerUsage {
    const cpuMilli = cpuCoresToMilliNumber(cores);
    const rounded = roundBytes(bytes);
    if (this.lastUsage !== null && cpuMilli === this.lastCpuMilli && rounded === this.lastBytes)
      return this.lastUsage;
    let first = true;
    const usage = this.reporting.map((c) => {
      const main = first && c.init !== true;
      if (main) first = false;
      return {
        name: c.name,
        usage: { cpu: main ? BigInt(cpuMilli) : 0n, memory: main ? bytesToMilli(rounded) : 0n },
      };
    });
    this.lastUsage = usage;
    this.lastCpuMilli = cpuMilli;
    this.lastBytes = rounded;
    return usage;
  }
}
