/** Aggregation of per-pod values into a usage ratio (mirrors metrics/utilization.go). */
import { asInt32, asInt64 } from "../units/quantity.js";
import { ComputeError } from "./compute-error.js";
import type { PodMetric } from "./group-pods.js";

export interface UtilizationRatio {
  readonly usageRatio: number;
  /** Integer percent of request, truncated. */
  readonly utilization: number;
  /** Average raw usage (milli) over the counted pods, truncated. */
  readonly rawAverage: bigint;
}

/**
 * `floor(sum(usage)*100 / sum(requests))` over pods that have a request, with Go int64/int32 wrap-around
 * (mirrors utilization.go GetResourceUtilizationRatio). The ratio uses the truncated integer percent.
 */
export function getResourceUtilizationRatio(
  metrics: ReadonlyMap<string, Pick<PodMetric, "value">>,
  requests: ReadonlyMap<string, bigint>,
  targetUtilization: number,
): UtilizationRatio {
  let metricsTotal = 0n;
  let requestsTotal = 0n;
  // a number: a bigint `++` allocates (the sums stay bigint: V8 lowers asIntN(64, a + b) to int64 arithmetic)
  let numEntries = 0;
  for (const [pod, metric] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal = asInt64(metricsTotal + metric.value);
    requestsTotal = asInt64(requestsTotal + request);
    numEntries++;
  }
  if (requestsTotal === 0n) throw new ComputeError("no metrics returned matched known pods");
  const utilization = asInt32(asInt64(metricsTotal * 100n) / requestsTotal);
  return {
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverage: metricsTotal / BigInt(numEntries),
  };
}

export interface UsageRatio {
  readonly usageRatio: number;
  /** Average usage (milli), truncated. */
  readonly usage: bigint;
}

/** `floor(sum/count) / target` (mirrors utilization.go GetMetricUsageRatio). */
export function getMetricUsageRatio(
  metrics: ReadonlyMap<string, Pick<PodMetric, "value">>,
  targetUsage: bigint,
): UsageRatio {
  let metricsTotal = 0n;
  for (const m of metrics.values()) metricsTotal = asInt64(metricsTotal + m.value);
  const usage = metricsTotal / BigInt(metrics.size);
  return { usageRatio: Number(usage) / Number(targetUsage), usage };
}
