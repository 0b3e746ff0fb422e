/**
 * What metrics-server publishes for one pod's usage (metrics-server.ts): the rate and memory quantized as the API
 * shows them, and the containers' usage list. Both remember the last values, so pods with equal usage, as the
 * Ready pods of a replay have, quantize once and share one (immutable) list.
 */

import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import { bytesToMilli, cpuCoresToMilliNumber, roundBytes } from "./quantize.js";

type ContainerUsage = PodResourceMetrics["containers"];

/** A CPU rate (cores) and memory (bytes) as published: millicores and whole bytes. */
export class QuantizedUsage {
  private cores = Number.NaN;
  private memory = Number.NaN;
  cpuMilli = 0;
  bytes = 0;

  /** Quantizes this rate and memory (again only when they differ from the last). */
  set(cores: number, memory: number): void {
    if (cores === this.cores && memory === this.memory) return;
    this.cores = cores;
    this.memory = memory;
    this.cpuMilli = cpuCoresToMilliNumber(cores);
    this.bytes = roundBytes(memory);
  }
}

/** The containers' usage lists: the pod's usage goes to its first regular container, the others report zero. */
export class ContainerUsageLists {
  /** Containers that report usage: regular ones and sidecars (restartable init containers). */
  private readonly reporting: readonly ContainerTemplate[];
  private last: ContainerUsage | null = null;
  private lastCpuMilli = -1;
  private lastBytes = -1;

  constructor(containers: readonly ContainerTemplate[]) {
    this.reporting = containers.filter((c) => c.init !== true || c.restartPolicy === "Always");
  }

  /** The list for a pod using `cpuMilli` millicores and `bytes` of memory (the last one again for equal values). */
  of(cpuMilli: number, bytes: number): ContainerUsage {
    if (this.last !== null && cpuMilli === this.lastCpuMilli && bytes === this.lastBytes) return this.last;
    let first = true;
    const usage: { name: string; usage: Record<string, bigint> }[] = [];
    for (const c of this.reporting) {
      const main = first && c.init !== true;
      if (main) first = false;
      usage.push({
        name: c.name,
        usage: { cpu: main ? BigInt(cpuMilli) : 0n, memory: main ? bytesToMilli(bytes) : 0n },
      });
    }
    this.last = usage;
    this.lastCpuMilli = cpuMilli;
    this.lastBytes = bytes;
    return usage;
  }
}
