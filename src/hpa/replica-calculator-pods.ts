/**
 * Replica proposals from per-pod metrics: Resource / ContainerResource (Utilization and AverageValue) and Pods
 * (mirrors replica_calculator.go GetResourceReplicas, GetRawResourceReplicas, GetMetricReplicas, calcPlainMetricReplicas).
 */
import { float64ToInt32 } from "../units/quantity.js";
import { ComputeError } from "./compute-error.js";
import { groupPods, isCpuUnready, type PodGroups, type PodMetric } from "./group-pods.js";
import { calculateRequests, calculateRequestsWithTotal } from "./pod-requests.js";
import type { ReplicaCalcDetail, ReplicaCalcResult } from "./replica-calc-result.js";
import { isWithin, type Tolerances } from "./tolerances.js";
import type { ControllerSettings, PodInfo, PodResourceMetrics } from "./types.js";
import {
  getMetricUsageRatio,
  getResourceUtilizationRatio,
  SAFE_TOTAL,
  utilizationOfSafeTotals,
} from "./usage-ratio.js";

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
 * {@link getResourceReplicas} on a pod's (not a container's) resource usage, without the per-pod metrics map, in
 * the common case: the metrics items name exactly the selected pods, in the same order, each with the resource in
 * every container; every pod is Running (or phase ""), not deleted, and for cpu past the readiness rules (so
 * groupPods puts every pod in `ready` and removeMetricsForPods removes nothing); the names are distinct and every
 * amount is a non-negative integer whose totals stay below 2^52 (so float64 sums are the int64 sums). Then the
 * metrics map would hold one metric per pod, the ratio covers all of them, and no rebalance happens; the result is
 * built field for field as getResourceReplicas builds it. null when any of that does not hold: the caller then
 * takes the full path, which gives the same answer (and any error) from scratch.
 */
export function getResourceReplicasAligned(
  ctx: PodCalcContext,
  items: readonly PodResourceMetrics[],
  targetUtilization: number,
  resource: string,
): ReplicaCalcResult | null {
  const pods = ctx.pods;
  const n = pods.length;
  if (n === 0 || items.length !== n) return null;
  const cpu = resource === "cpu";
  const { cpuInitializationPeriodSeconds: cpuInit, initialReadinessDelaySeconds: delay } = ctx.settings;
  const now = ctx.now;
  let metricsTotal = 0;
  let lastContainers: PodResourceMetrics["containers"] | null = null;
  let lastPodTotal = 0;
  for (let i = 0; i < n; i++) {
    const pod = pods[i] as PodInfo;
    const item = items[i] as PodResourceMetrics;
    if (item.pod !== pod.name) return null;
    // groupPods: not ignored (deleted or terminal), not unready (Pending)
    if (pod.deleted || pod.phase === "Failed" || pod.phase === "Succeeded" || pod.phase === "Pending")
      return null;
    // getPodMetrics: the sum over containers; none, or one without the resource, would make the pod missing
    const containers = item.containers;
    if (containers !== lastContainers) {
      // (items sharing one immutable usage list, as pods with equal usage do, are summed once)
      if (containers.length === 0) return null;
      let podTotal = 0;
      for (let c = 0; c < containers.length; c++) {
        const v = (containers[c] as PodResourceMetrics["containers"][number]).usage[resource];
        if (v === undefined) return null;
        const x = Number(v);
        if (!(x >= 0)) return null;
        podTotal += x;
      }
      lastContainers = containers;
      lastPodTotal = podTotal;
    }
    metricsTotal += lastPodTotal;
    if (cpu && isCpuUnready(pod, item.timestamp, item.windowSeconds, cpuInit, delay, now)) return null;
  }
  // the terms are non-negative, so the float sums only grow and the total bounds every partial sum: a term or sum
  // at or above 2^52 / 100 (rounded or not) is caught here; below it every partial sum is exact
  if (metricsTotal * 100 >= SAFE_TOTAL) return null;
  const requests = calculateRequestsWithTotal(
    pods,
    "",
    resource,
    ctx.settings.featureGates.PodLevelResources,
  );
  const requestsTotal = requests.safeTotal;
  // NaN (names not distinct, or an amount out of range) or no request at all: the full path decides
  if (!(requestsTotal > 0)) return null;
  const r = utilizationOfSafeTotals(metricsTotal, requestsTotal, n, targetUtilization);
  // every pod is ready, in the pods' order
  const groups = allReady(pods);
  // proposeWithRebalance with no unready and no missing pod
  let detail: ReplicaCalcDetail;
  let replicas: number;
  if (isWithin(ctx.tolerances, r.usageRatio)) {
    detail = { groups, usageRatio: r.usageRatio, tolerances: ctx.tolerances, outcome: "within-tolerance" };
    replicas = ctx.currentReplicas;
  } else {
    replicas = float64ToInt32(Math.ceil(r.usageRatio * n));
    detail = { groups, usageRatio: r.usageRatio, tolerances: ctx.tolerances, outcome: "scaled", count: n };
  }
  return {
    replicas,
    current: { averageUtilization: r.utilization, averageValue: r.rawAverage },
    timestamp: (items[0] as PodResourceMetrics).timestamp,
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

type Groups = NonNullable<ReplicaCalcDetail["groups"]>;

/** The last pods array grouped, and its groups (immutable: the same pods array gives the same object). */
let groupedPods: readonly PodInfo[] | null = null;
let lastGroups: Groups | null = null;

/** The groups detail with every pod ready, in the pods' order. */
function allReady(pods: readonly PodInfo[]): Groups {
  if (pods !== groupedPods || lastGroups === null) {
    groupedPods = pods;
    lastGroups = { ready: pods.map((p) => p.name), unready: [], missing: [], ignored: [] };
  }
  return lastGroups;
}
