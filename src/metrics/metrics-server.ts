/**
 * What metrics-server serves (metrics.k8s.io PodMetrics). It scrapes every `--metric-resolution` (15 s); CPU
 * is the rate between the container's two latest cumulative samples (so a pod appears only at its second
 * scrape after it starts running), memory is the working set at the scrape. Timestamp = the later sample,
 * window = the time between the two samples. A container restarted (OOM-killed) since the previous scrape
 * starts its cumulative counter again, so that scrape publishes nothing for the pod (metrics-server's
 * storage drops a rate across a restart: its start time changed) and the next one does; a container waiting
 * in its restart back-off is not scraped at all.
 */

import { podState } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { bytesToMilli, cpuCoresToMilliNumber, roundBytes } from "./quantize.js";

type ContainerUsage = PodResourceMetrics["containers"];

/**
 * Scrape ids, unique over all servers. A pod's previous sample lives on the pod (SimPod.scrapeId and the
 * fields after it): it is the pod's sample at its server's previous scrape iff `scrapeId` is that scrape's id.
 * A pod belongs to one workload, scraped by that workload's server only.
 */
let scrapeIds = 0;

/** Holds the latest published items; the previous sample of each pod is kept on the pod. */
export class MetricsServer {
  /** The items the API returns until the next scrape. */
  items: PodResourceMetrics[] = [];
  /** Containers that report usage: regular ones and sidecars (restartable init containers). */
  private readonly reporting: readonly ContainerTemplate[];
  /** The id of this server's latest scrape (0: none yet). Pods it did not see are forgotten. */
  private lastScrapeId = 0;
  /** The last usage list built and the values it holds: pods with equal usage share one (immutable) list. */
  private lastUsage: ContainerUsage | null = null;
  private lastCpuMilli = -1;
  private lastBytes = -1;
  /** The unquantized rate and memory that last asked for a list (equal inputs give `lastUsage` again). */
  private lastCores = Number.NaN;
  private lastMemory = Number.NaN;

  constructor(containers: readonly ContainerTemplate[]) {
    this.reporting = containers.filter((c) => c.init !== true || c.restartPolicy === "Always");
  }

  /**
   * Settles every pod of the workload to `t` (Workload.settle: each pod's own counters, from integrals the loop
   * does not change) and scrapes every running one.
   */
  scrape(workload: Workload, t: number): void {
    const items: PodResourceMetrics[] = [];
    const prevId = this.lastScrapeId;
    const id = ++scrapeIds;
    this.lastScrapeId = id;
    for (const p of workload.pods) {
      workload.settle(p, t);
      const s = podState(p, t);
      if (s !== "running" && s !== "ready" && s !== "terminating") continue;
      if (s === "terminating" && p.runningAt === null) continue;
      if (p.restartAt !== undefined && p.restartAt > t) continue; // container down in its restart back-off
      const known = prevId !== 0 && p.scrapeId === prevId;
      const prevT = p.scrapeT as number;
      const prevCum = p.scrapeCum as number;
      const restarts = p.restarts ?? 0;
      const restarted = p.scrapeRestarts !== restarts;
      p.scrapeId = id;
      p.scrapeT = t;
      p.scrapeCum = p.cpuCum;
      p.scrapeRestarts = restarts;
      if (!known || restarted || prevT >= t) continue;
      const cores = (p.cpuCum - prevCum) / (t - prevT);
      items.push({
        pod: p.name,
        timestamp: t,
        windowSeconds: t - prevT,
        containers: this.containerUsage(cores, workload.memoryInState(p, s)),
      });
    }
    this.items = items;
  }

  /** The pod's usage goes to its first regular container; the others report zero (but do report). */
  private containerUsage(cores: number, bytes: number): ContainerUsage {
    if (cores === this.lastCores && bytes === this.lastMemory) return this.lastUsage as ContainerUsage;
    this.lastCores = cores;
    this.lastMemory = bytes;
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
