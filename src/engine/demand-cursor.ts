/** A replay's position in a workload's demand series (hold-last: the value at t is the last sample at or before t). */

import type { DemandSeries } from "./run-inputs.js";

export class DemandCursor {
  private i = 0;

  constructor(private readonly series: DemandSeries) {}

  /** The demand at `t` (times asked only grow). */
  valueAt(t: number): number {
    const times = this.series.t;
    while (this.i + 1 < times.length && (times[this.i + 1] as number) <= t) this.i++;
    return this.series.v[this.i] ?? 0;
  }

  /** The time of the next sample after the current one (+Infinity: none). */
  nextSample(): number {
    return this.series.t[this.i + 1] ?? Number.POSITIVE_INFINITY;
  }
}
