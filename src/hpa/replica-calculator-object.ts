/**
 * Replica proposals from Object and External metrics (mirrors replica_calculator.go GetObjectMetricReplicas,
 * GetObjectPerPodMetricReplicas, GetExternalMetricReplicas, GetExternalPerPodMetricReplicas).
 */
import { asInt64, float64ToInt32, INT32_MAX, INT64_MAX } from "../units/quantity.js";
import { ComputeError } from "./compute-error.js";
import type { ReplicaCalcDetail, ReplicaCalcResult } from "./replica-calc-result.js";
import { isWithin, type Tolerances } from "./tolerances.js";
import type { PodInfo } from "./types.js";

/**
 * Value target: ratio × Running+Ready pods, or ceil(ratio) from zero
 * (mirrors replica_calculator.go getUsageRatioReplicaCount). Reports the zero time as timestamp, as upstream does.
 */
export function getUsageRatioReplicaCount(
  currentReplicas: number,
  usageRatio: number,
  tolerances: Tolerances,
  pods: readonly PodInfo[],
): { replicas: number; detail: ReplicaCalcDetail } {
  const detail: ReplicaCalcDetail = { usageRatio, tolerances, outcome: "scaled" };
  if (currentReplicas === 0) {
    detail.outcome = "from-zero";
    return { replicas: float64ToInt32(Math.ceil(usageRatio)), detail };
  }
  if (isWithin(tolerances, usageRatio)) {
    detail.outcome = "within-tolerance";
    return { replicas: currentReplicas, detail };
  }
  const readyPodCount = getReadyPodsCount(pods);
  detail.count = readyPodCount;
  const f = usageRatio * readyPodCount;
  if (f > INT32_MAX) {
    detail.outcome = "capped-int32";
    return { replicas: INT32_MAX, detail };
  }
  return { replicas: float64ToInt32(Math.ceil(f)), detail };
}

// mirrors replica_calculator.go getReadyPodsCount: phase Running and Ready=True, nothing else considered
function getReadyPodsCount(pods: readonly PodInfo[]): number {
  if (pods.length === 0) {
    throw new ComputeError(
      "unable to calculate ready pods: no pods returned by selector while calculating replica count",
    );
  }
  let n = 0;
  for (const p of pods) if (p.phase === "Running" && p.ready?.status === "True") n++;
  return n;
}

/** Object or External metric with a Value target (usage = the object's value, or the sum of external samples). */
export function getValueTargetReplicas(
  currentReplicas: number,
  usage: bigint,
  targetUsage: bigint,
  tolerances: Tolerances,
  pods: readonly PodInfo[],
): ReplicaCalcResult {
  const usageRatio = Number(usage) / Number(targetUsage);
  const { replicas, detail } = getUsageRatioReplicaCount(currentReplicas, usageRatio, tolerances, pods);
  return { replicas, current: { value: usage }, timestamp: 0, detail };
}

/**
 * Object or External metric with an AverageValue target: divided over status.replicas
 * (mirrors GetObjectPerPodMetricReplicas / GetExternalPerPodMetricReplicas; the int32 cap is applied to both).
 */
export function getPerPodTargetReplicas(
  statusReplicas: number,
  usage: bigint,
  targetAverageUsage: bigint,
  tolerances: Tolerances,
  timestamp: number,
): ReplicaCalcResult {
  const usageRatio = Number(usage) / (Number(targetAverageUsage) * statusReplicas);
  const detail: ReplicaCalcDetail = { usageRatio, tolerances, outcome: "within-tolerance" };
  let replicas = statusReplicas;
  if (!isWithin(tolerances, usageRatio)) {
    const f = Math.ceil(Number(usage) / Number(targetAverageUsage));
    detail.outcome = f > INT32_MAX ? "capped-int32" : "per-pod-total";
    replicas = f > INT32_MAX ? INT32_MAX : float64ToInt32(f);
  }
  return { replicas, current: { averageValue: getPerPodUsage(usage, statusReplicas) }, timestamp, detail };
}

/** Sum of external samples for a Value target, saturating at the int64 maximum (mirrors GetExternalMetricReplicas' loop). */
export function sumExternalSamples(values: readonly bigint[]): bigint {
  let usage = 0n;
  for (const v of values) {
    if (v > 0n && usage > INT64_MAX - v) return INT64_MAX;
    usage += v;
  }
  return usage;
}

/** Sum of external samples for an AverageValue target: int64 wrap, negative = overflow (mirrors GetExternalPerPodMetricReplicas' loop). */
export function sumExternalSamplesPerPod(values: readonly bigint[]): bigint {
  let usage = 0n;
  for (const v of values) {
    usage = asInt64(usage + v);
    if (usage < 0n) return INT64_MAX;
  }
  return usage;
}

// mirrors replica_calculator.go getPerPodUsage
function getPerPodUsage(usage: bigint, statusReplicas: number): bigint {
  if (Number(usage) >= Number(INT64_MAX)) return INT64_MAX;
  if (statusReplicas === 0) return 0n;
  return BigInt(Math.ceil(Number(usage) / statusReplicas));
}
