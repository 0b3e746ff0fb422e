/** metrics-server's record of what a scrape published (metrics-server.ts), kept to tell whether the next one differs. */

import type { SimPod } from "../cluster/sim-pod.js";

/** What a scrape's items show, item by item: the pod, the window, the quantized CPU and memory. */
export class ScrapeValues {
  count = 0;
  readonly pods: SimPod[] = [];
  readonly window: number[] = [];
  readonly cpu: number[] = [];
  readonly bytes: number[] = [];

  /** Item i shows these values (i < count). */
  holds(i: number, p: SimPod, window: number, cpu: number, bytes: number): boolean {
    return (
      i < this.count &&
      this.pods[i] === p &&
      this.window[i] === window &&
      this.cpu[i] === cpu &&
      this.bytes[i] === bytes
    );
  }

  set(i: number, p: SimPod, window: number, cpu: number, bytes: number): void {
    this.pods[i] = p;
    this.window[i] = window;
    this.cpu[i] = cpu;
    this.bytes[i] = bytes;
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
      );
  }
}
