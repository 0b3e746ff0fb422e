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
  const fast = utilizationRatioSafe(metrics, requests, targetUtilization);
  if (fast !== null) return fast;
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

/**
 * {@link getResourceUtilizationRatio} in float64 when every amount is a non-negative integer whose sums (and the
 * total usage × 100) stay below 2^52: then every sum, product and truncated quotient is exact and no int64
 * wrap can occur, so it equals the bigint path. null when an amount is outside that range (or no request, which
 * the bigint path reports).
 */
function utilizationRatioSafe(
  metrics: ReadonlyMap<string, Pick<PodMetric, "value">>,
  requests: ReadonlyMap<string, bigint>,
  targetUtilization: number,
): UtilizationRatio | null {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let numEntries = 0;
  for (const [pod, metric] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    const v = Number(metric.value);
    const r = Number(request);
    if (!(v >= 0 && r >= 0)) return null;
    metricsTotal += v;
    requestsTotal += r;
    // integer sums below 2^52 are exact; a term or sum at or above it (rounded or not) is caught here
    if (metricsTotal * 100 >= SAFE_TOTAL || requestsTotal >= SAFE_TOTAL) return null;
    numEntries++;
  }
  if (requestsTotal === 0) return null;
  return utilizationOfSafeTotals(metricsTotal, requestsTotal, numEntries, targetUtilization);
}

/**
 * The tail of GetResourceUtilizationRatio on float64 totals of `numEntries` pods, for integers with
 * 0 <= metricsTotal * 100 < 2^52 and 0 < requestsTotal < 2^52 (the caller checks): then it equals the int64 rule.
 */
export function utilizationOfSafeTotals(
  metricsTotal: number,
  requestsTotal: number,
  numEntries: number,
  targetUtilization: number,
): UtilizationRatio {
  // int32(int64(total*100) / requests): a quotient below 2^53 is the int32 wrap of itself via `| 0`
  const utilization = truncQuotient(metricsTotal * 100, requestsTotal) | 0;
  return {
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverage: BigInt(truncQuotient(metricsTotal, numEntries)),
  };
}

/** Totals (usage × 100, requests) must stay below this for the float64 path. */
export const SAFE_TOTAL = 2 ** 52;

/** floor(a / b) for integers 0 <= a < 2^52, 0 < b < 2^52, exactly (the float quotient corrected by one step). */
function truncQuotient(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}
