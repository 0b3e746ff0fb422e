/**
 * Replica proposals from per-pod metrics: Resource / ContainerResource (Utilization and AverageValue) and Pods
 * (mirrors replica_calculator.go GetResourceReplicas, GetRawResourceReplicas, GetMetricReplicas, calcPlainMetricReplicas).
 */
import { float64ToInt32 } from "../units/quantity.js";
import { ComputeError } from "./compute-error.js";
import { groupPods, type PodGroups, type PodMetric } from "./group-pods.js";
import { calculateRequests } from "./pod-requests.js";
import type { ReplicaCalcDetail, ReplicaCalcResult } from "./replica-calc-result.js";
import { isWithin, type Tolerances } from "./tolerances.js";
import type { ControllerSettings, PodInfo } from "./types.js";
import { getMetricUsageRatio, getResourceUtilizationRatio } from "./usage-ratio.js";

/** What a per-pod calculation needs besides the metric values. */
export interface PodCalcContext {
  readonly currentReplicas: number;
  readonly tolerances: Tolerances;
  /** Pods matching the target's selector. */
  readonly pods: readonly PodInfo[];
  readonly settings: ControllerSettings;
  readonly now: number;
}

function groupAndFilter(ctx: PodCalcContext, metrics: Map<string, PodMetric>, resource: string): PodGroups {
  if (ctx.pods.length === 0)
    throw new ComputeError("no pods returned by selector while calculating replica count");
  const groups = groupPods(
    ctx.pods,
    metrics,
    resource,
    ctx.settings.cpuInitializationPeriodSeconds,
    ctx.settings.initialReadinessDelaySeconds,
    ctx.now,
  );
  for (const p of groups.ignored) metrics.delete(p);
  for (const p of groups.unready) metrics.delete(p);
  if (metrics.size === 0)
    throw new ComputeError("did not receive metrics for targeted pods (pods might be unready)");
  return groups;
}

function groupsDetail(g: PodGroups): NonNullable<ReplicaCalcDetail["groups"]> {
  return {
    ready: g.ready,
    unready: listOf(g.unready),
    missing: listOf(g.missing),
    ignored: listOf(g.ignored),
  };
}

function listOf(names: ReadonlySet<string>): string[] {
  return names.size === 0 ? [] : [...names];
}

/**
 * The shared tail of both per-pod calculators: the simple case, or the rebalance of missing and unready pods
 * with the direction-flip and tolerance guards. `fillMissing` is what a missing pod is assumed to use on a scale-down.
 */
function proposeWithRebalance(
  ctx: PodCalcContext,
  metrics: Map<string, PodMetric>,
  groups: PodGroups,
  usageRatio: number,
  fillMissingOnScaleDown: (pod: string) => bigint,
  recompute: (m: Map<string, PodMetric>) => number,
  detail: ReplicaCalcDetail,
): number {
  const current = ctx.currentReplicas;
  const scaleUpWithUnready = groups.unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (isWithin(ctx.tolerances, usageRatio)) {
      detail.outcome = "within-tolerance";
      return current;
    }
    const replicas = float64ToInt32(Math.ceil(usageRatio * groups.readyPodCount));
    detail.outcome = "scaled";
    detail.count = groups.readyPodCount;
    return replicas;
  }
  let missingAssumed: "request" | "zero" | "none" = "none";
  if (groups.missing.size > 0) {
    if (usageRatio < 1.0) {
      missingAssumed = "request";
      for (const p of groups.missing)
        metrics.set(p, { value: fillMissingOnScaleDown(p), timestamp: 0, windowSeconds: 0 });
    } else if (usageRatio > 1.0) {
      missingAssumed = "zero";
      for (const p of groups.missing) metrics.set(p, { value: 0n, timestamp: 0, windowSeconds: 0 });
    }
  }
  if (scaleUpWithUnready) {
    for (const p of groups.unready) metrics.set(p, { value: 0n, timestamp: 0, windowSeconds: 0 });
  }
  const newUsageRatio = recompute(metrics);
  const rebalance = { missingAssumed, unreadyAsZero: scaleUpWithUnready, newUsageRatio, count: metrics.size };
  detail.rebalance = rebalance;
  if (isWithin(ctx.tolerances, newUsageRatio)) {
    detail.outcome = "rebalanced-within-tolerance";
    return current;
  }
  if ((usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
    detail.outcome = "direction-flipped";
    return current;
  }
  const newReplicas = float64ToInt32(Math.ceil(newUsageRatio * metrics.size));
  detail.count = metrics.size;
  if ((newUsageRatio < 1.0 && newReplicas > current) || (newUsageRatio > 1.0 && newReplicas < current)) {
    detail.outcome = "count-reversed";
    detail.rejectedProposal = newReplicas;
    return current;
  }
  detail.outcome = "scaled";
  return newReplicas;
}

/** Utilization target: percent of request (mirrors replica_calculator.go GetResourceReplicas). */
export function getResourceReplicas(
  ctx: PodCalcContext,
  fetched: { metrics: Map<string, PodMetric>; timestamp: number },
  targetUtilization: number,
  resource: string,
  container: string,
): ReplicaCalcResult {
  const metrics = fetched.metrics;
  const groups = groupAndFilter(ctx, metrics, resource);
  const requests = calculateRequests(
    ctx.pods,
    container,
    resource,
    ctx.settings.featureGates.PodLevelResources,
  );
  const r = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  const detail: ReplicaCalcDetail = {
    groups: groupsDetail(groups),
    usageRatio: r.usageRatio,
    tolerances: ctx.tolerances,
    outcome: "scaled",
  };
  const fallbackUtilization = BigInt(Math.max(100, targetUtilization));
  const replicas = proposeWithRebalance(
    ctx,
    metrics,
    groups,
    r.usageRatio,
    (pod) => ((requests.get(pod) ?? 0n) * fallbackUtilization) / 100n,
    (m) => getResourceUtilizationRatio(m, requests, targetUtilization).usageRatio,
    detail,
  );
  return {
    replicas,
    current: { averageUtilization: r.utilization, averageValue: r.rawAverage },
    timestamp: fetched.timestamp,
    detail,
  };
}

/**
 * AverageValue target on per-pod values: resource usage or a Pods metric
 * (mirrors replica_calculator.go calcPlainMetricReplicas). `resource` is "" for Pods metrics (no cpu rules).
 */
export function getPlainMetricReplicas(
  ctx: PodCalcContext,
  fetched: { metrics: Map<string, PodMetric>; timestamp: number },
  targetUsage: bigint,
  resource: string,
): ReplicaCalcResult {
  const metrics = fetched.metrics;
  const groups = groupAndFilter(ctx, metrics, resource);
  const r = getMetricUsageRatio(metrics, targetUsage);
  const detail: ReplicaCalcDetail = {
    groups: groupsDetail(groups),
    usageRatio: r.usageRatio,
    tolerances: ctx.tolerances,
    outcome: "scaled",
  };
  const replicas = proposeWithRebalance(
    ctx,
    metrics,
    groups,
    r.usageRatio,
    () => targetUsage,
    (m) => getMetricUsageRatio(m, targetUsage).usageRatio,
    detail,
  );
  if (detail.rebalance?.missingAssumed === "request") detail.rebalance.missingAssumed = "target";
  return { replicas, current: { averageValue: r.usage }, timestamp: fetched.timestamp, detail };
}
