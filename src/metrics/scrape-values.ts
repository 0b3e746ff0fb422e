/** metrics-server's record of what a scrape published (metrics-server.ts), kept to tell whether the next one differs. */

import type { SimPod } from "../cluster/sim-pod.js";
import { objectList } from "../engine/object-list.js";
import type { PodResourceMetrics } from "../hpa/types.js";
import type { ContainerUsageLists } from "./pod-usage-values.js";

type ContainerUsageList = PodResourceMetrics["containers"];

/**
 * What a scrape's items show, item by item: the pod, the window, the quantized CPU and memory, and with
 * per-container usage models the containers' list (container-parts.ts; null otherwise).
 */
export class ScrapeValues {
  count = 0;
  readonly pods: SimPod[] = objectList();
  readonly window: number[] = [];
  readonly cpu: number[] = [];
  readonly bytes: number[] = [];
  readonly parts: (ContainerUsageList | null)[] = objectList();

  /** Item i shows these values (i < count); container lists compare by identity (equal values share one). */
  holds(
    i: number,
    p: SimPod,
    window: number,
    cpu: number,
    bytes: number,
    parts: ContainerUsageList | null = null,
  ): boolean {
    return (
      i < this.count &&
      this.pods[i] === p &&
      this.window[i] === window &&
      this.cpu[i] === cpu &&
      this.bytes[i] === bytes &&
      this.parts[i] === parts
    );
  }

  set(
    i: number,
    p: SimPod,
    window: number,
    cpu: number,
    bytes: number,
    parts: ContainerUsageList | null = null,
  ): void {
    this.pods[i] = p;
    this.window[i] = window;
    this.cpu[i] = cpu;
    this.bytes[i] = bytes;
    this.parts[i] = parts;
  }

  /** Every item shows this CPU and memory, with no per-container list. */
  allShow(cpu: number, bytes: number): boolean {
    for (let i = 0; i < this.count; i++)
      if (this.cpu[i] !== cpu || this.bytes[i] !== bytes || this.parts[i] !== null) return false;
    return true;
  }

  /**
   * Every item now shows this CPU and memory, with no per-container list (the same pods and windows): the items
   * timestamped `t`, each with the one usage list `containers` of that usage.
   */
  showAll(t: number, cpu: number, bytes: number, containers: ContainerUsageList): PodResourceMetrics[] {
    const n = this.count;
    const items: PodResourceMetrics[] = new Array(n);
    for (let i = 0; i < n; i++) {
      this.cpu[i] = cpu;
      this.bytes[i] = bytes;
      this.parts[i] = null;
      items[i] = {
        pod: (this.pods[i] as SimPod).name,
        timestamp: t,
        windowSeconds: this.window[i] as number,
        containers,
      };
    }
    return items;
  }

  /** The items these values show, timestamped `t` (each pod without its own list gets the one of `lists`). */
  items(t: number, lists: ContainerUsageLists): PodResourceMetrics[] {
    const n = this.count;
    const items: PodResourceMetrics[] = new Array(n);
    for (let i = 0; i < n; i++) {
      items[i] = {
        pod: (this.pods[i] as SimPod).name,
        timestamp: t,
        windowSeconds: this.window[i] as number,
        containers: this.parts[i] ?? lists.of(this.cpu[i] as number, this.bytes[i] as number),
      };
    }
    return items;
  }

  /** Items 0..n-1 of `from`. */
  copyPrefix(from: ScrapeValues, n: number): void {
    for (let i = 0; i < n; i++)
      this.set(
        i,
        from.pods[i] as SimPod,
        from.window[i] as number,
        from.cpu[i] as number,
        from.bytes[i] as number,
        from.parts[i] ?? null,
      );
  }
}
