/**
 * One workload's metrics pipeline in a replay: metrics-server scraping the pods every resolution, the adapter
 * (Prometheus) sampling custom and cluster metrics every interval, and the integrals of the cluster metrics
 * (functions of the total demand) the adapter reads. The engine calls it in the `scrape` and `adapter` phases of
 * tick-phases.ts and at every interval.
 */

import type { Workload } from "../cluster/workload.js";
import { MetricsAdapter } from "../metrics/metrics-adapter.js";
import { MetricsServer } from "../metrics/metrics-server.js";
import type { LoadFunction, RunInputs, WorkloadInputs } from "./run-inputs.js";

/** The first time >= `from` of the series offset + k * period. */
export function firstAtOrAfter(from: number, offset: number, period: number): number {
  return offset + Math.ceil((from - offset) / period) * period;
}

export class MetricsPipelineRun {
  readonly server: MetricsServer;
  readonly adapter: MetricsAdapter;
  /** The cluster (Object/External) metric names, sorted. */
  readonly clusterNames: readonly string[];
  private readonly clusterFns: readonly LoadFunction[];
  private readonly clusterCum: Float64Array;
  private readonly clusterRates: Float64Array;
  private nextScrape = 0;
  private nextAdapter = 0;
  /** The adapter has no metric to sample (no Pods metric, no cluster metric): it is never scheduled. */
  private readonly adapterIdle: boolean;

  constructor(
    private readonly mp: RunInputs["metricsPipeline"],
    w: WorkloadInputs,
  ) {
    this.server = new MetricsServer(w.target.containers);
    const clusterNames = Object.keys(w.usage.clusterMetrics).sort();
    this.clusterNames = clusterNames;
    this.clusterFns = clusterNames.map((n) => w.usage.clusterMetrics[n] as LoadFunction);
    this.clusterCum = new Float64Array(clusterNames.length);
    this.clusterRates = new Float64Array(clusterNames.length);
    this.adapterIdle = clusterNames.length === 0 && Object.keys(w.usage.podMetrics).length === 0;
    this.adapter = new MetricsAdapter(
      {
        intervalSeconds: mp.adapterIntervalSeconds,
        windowSeconds: mp.adapterWindowSeconds,
        lagSeconds: mp.adapterLagSeconds,
      },
      clusterNames,
    );
  }

  /** The first scrape and adapter times, at the start of the warm-up. */
  start(start: number): void {
    this.nextScrape = firstAtOrAfter(start, this.mp.resourceOffsetSeconds, this.mp.resourceResolutionSeconds);
    this.nextAdapter = this.adapterIdle
      ? Number.POSITIVE_INFINITY
      : firstAtOrAfter(start, 0, this.mp.adapterIntervalSeconds);
  }

  /** No adapter to sample: resource metrics only. */
  get resourceOnly(): boolean {
    return this.adapterIdle;
  }

  /** The next scrape will repeat the steady previous one (and so will every one after, while nothing changes). */
  steadyScrapes(w: Workload): boolean {
    return this.server.repeatsAt(w, this.nextScrape);
  }

  /** A metrics-server scrape is due at t. */
  scrapeDue(t: number): boolean {
    return t === this.nextScrape;
  }

  /** Phases 4-5 at t: the scrape (when `scrapeDue`) and the adapter's sample, when due. */
  collect(w: Workload, t: number, scrapeDue: boolean): void {
    if (scrapeDue) {
      this.server.scrape(w, t); // settles every pod to t first
      this.nextScrape += this.mp.resourceResolutionSeconds;
    }
    if (t === this.nextAdapter) {
      for (const p of w.pods) w.settle(p, t);
      this.adapter.sample(w, t, this.clusterCum);
      this.nextAdapter += this.mp.adapterIntervalSeconds;
    }
  }

  /** The cluster metrics' rates at the total demand, for the interval starting now. */
  setDemand(demand: number): void {
    for (let i = 0; i < this.clusterFns.length; i++)
      this.clusterRates[i] = (this.clusterFns[i] as LoadFunction)(demand);
  }

  /** Advances the cluster metrics' integrals over `dt` seconds. */
  integrate(dt: number): void {
    for (let i = 0; i < this.clusterRates.length; i++)
      this.clusterCum[i] = (this.clusterCum[i] as number) + (this.clusterRates[i] as number) * dt;
  }

  /** The next scrape or adapter sample. */
  nextEvent(): number {
    return Math.min(this.nextScrape, this.nextAdapter);
  }
}
