/**
 * A custom/external metrics adapter in front of Prometheus (e.g. prometheus-adapter with `rate(x[1m])`):
 * Prometheus samples every `intervalSeconds`; a query at time t sees samples up to `t - lagSeconds` and
 * averages the metric over the last `windowSeconds` of samples (the rate between the newest visible sample and
 * the newest one at least a window older). Pods need two visible samples to have a value.
 */

import { podState, type SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { ExternalMetricSample, PodCustomMetric } from "../hpa/types.js";
import { valueToMilli } from "./quantize.js";

interface Sample {
  readonly t: number;
  readonly cum: Float64Array;
}

export interface AdapterConfig {
  readonly intervalSeconds: number;
  readonly windowSeconds: number;
  readonly lagSeconds: number;
}

function rateOver(
  samples: readonly Sample[],
  t: number,
  cfg: AdapterConfig,
  index: number,
): { value: number; at: number } | null {
  const visible = t - cfg.lagSeconds;
  let newest = -1;
  for (let i = samples.length - 1; i >= 0; i--) {
    if ((samples[i] as Sample).t <= visible) {
      newest = i;
      break;
    }
  }
  if (newest < 1) return null;
  const end = samples[newest] as Sample;
  let start = samples[0] as Sample;
  for (let i = newest - 1; i >= 0; i--) {
    start = samples[i] as Sample;
    if (end.t - start.t >= cfg.windowSeconds) break;
  }
  if (end.t <= start.t) return null;
  return {
    value: ((end.cum[index] as number) - (start.cum[index] as number)) / (end.t - start.t),
    at: end.t,
  };
}

/** Sample history per pod (Pods metrics) and for the cluster-level (Object/External) metrics. */
export class MetricsAdapter {
  private readonly podSamples = new Map<SimPod, Sample[]>();
  private readonly clusterSamples: Sample[] = [];
  private readonly keep: number;

  constructor(
    private readonly cfg: AdapterConfig,
    readonly clusterMetricNames: readonly string[],
  ) {
    this.keep = Math.ceil((cfg.windowSeconds + cfg.lagSeconds) / cfg.intervalSeconds) + 3;
  }

  /** Takes one Prometheus sample at `t` (pods settled to `t`; `clusterCum` = cumulative cluster metrics). */
  sample(workload: Workload, t: number, clusterCum: Float64Array): void {
    if (workload.customNames.length > 0) this.samplePods(workload, t);
    // cluster samples are only read by `clusterMetric`, i.e. when there are Object/External metrics
    if (this.clusterMetricNames.length === 0) return;
    this.clusterSamples.push({ t, cum: Float64Array.from(clusterCum) });
    if (this.clusterSamples.length > this.keep) this.clusterSamples.shift();
  }

  /** Per-pod samples (only read by `podsMetric`, so only taken when there are Pods metrics). */
  private samplePods(workload: Workload, t: number): void {
    const alive = new Set<SimPod>();
    for (const p of workload.pods) {
      const s = podState(p, t);
      if (s !== "running" && s !== "ready") continue;
      alive.add(p);
      let list = this.podSamples.get(p);
      if (list === undefined) {
        list = [];
        this.podSamples.set(p, list);
      }
      list.push({ t, cum: Float64Array.from(p.customCum) });
      if (list.length > this.keep) list.shift();
    }
    for (const p of this.podSamples.keys()) if (!alive.has(p)) this.podSamples.delete(p);
  }

  /** What the custom metrics API returns for a Pods metric at time t. */
  podsMetric(index: number, t: number): PodCustomMetric[] {
    const out: PodCustomMetric[] = [];
    for (const [p, samples] of this.podSamples) {
      const r = rateOver(samples, t, this.cfg, index);
      if (r !== null)
        out.push({
          pod: p.name,
          value: valueToMilli(r.value),
          timestamp: r.at,
          windowSeconds: this.cfg.windowSeconds,
        });
    }
    return out;
  }

  /** What the external (or custom object) metrics API returns for a cluster-level metric at time t. */
  clusterMetric(index: number, t: number): ExternalMetricSample[] {
    const r = rateOver(this.clusterSamples, t, this.cfg, index);
    return r === null ? [] : [{ value: valueToMilli(r.value), timestamp: r.at }];
  }
}
