/**
 * Cluster-wide resource limits (--cores-total, --memory-total, capacity quotas) tracked as headroom:
 * `limit - usage` for scale-up, `usage - min` for scale-down; each node consumes its capacity
 * (mirrors resourcequotas/tracker.go Tracker, factory.go newQuotasTracker, usage.go, cache.go totalNodeResources
 * and core/utils GetNodeCoresAndMemory).
 */
import type { Node } from "./types.js";
import { nodeCapacity } from "./types.js";

export type QuotaResource = "cpu" | "memory" | "nodes" | "nvidia.com/gpu";

/** A quota: limits per resource (cpu in whole cores, memory in bytes), for the nodes it applies to. */
export interface Quota {
  readonly id: string;
  readonly limits: Readonly<Partial<Record<QuotaResource, number>>>;
  /** Default: every node. */
  readonly appliesTo?: (node: Node) => boolean;
}

/** What one node counts: capacity cores rounded up (Quantity.Value), memory bytes, 1 node, GPUs. */
export function totalNodeResources(node: Node): Readonly<Record<QuotaResource, number>> {
  const cap = nodeCapacity(node);
  return {
    cpu: Math.max(0, Math.ceil((cap.cpuMilli ?? 0) / 1000)),
    memory: Math.max(0, cap.memBytes ?? 0),
    nodes: 1,
    "nvidia.com/gpu": Math.max(0, cap.gpus ?? 0),
  };
}

/** The quotas a node exceeds and how many such nodes still fit (CheckDeltaResult). */
export interface CheckDeltaResult {
  readonly allowedDelta: number;
  readonly exceededQuotas: readonly {
    readonly id: string;
    readonly exceededResources: readonly QuotaResource[];
  }[];
}

interface QuotaStatus {
  readonly quota: Quota;
  readonly limitsLeft: Map<QuotaResource, number>;
}

/** Headroom per quota, consumed node by node. Mutable: one tracker serves one loop's decisions. */
export class QuotaTracker {
  private constructor(private readonly statuses: readonly QuotaStatus[]) {}

  /** Headroom to the maxima: `max(0, limit - usage)` (NewQuotasTracker for scale-up). */
  static forMaxima(quotas: readonly Quota[], nodes: readonly Node[]): QuotaTracker {
    return QuotaTracker.build(quotas, nodes, (usage, limit) => Math.max(0, limit - usage));
  }

  /** Headroom to the minima: `max(0, usage - min)` (NewMinQuotasTracker for scale-down). */
  static forMinima(quotas: readonly Quota[], nodes: readonly Node[]): QuotaTracker {
    return QuotaTracker.build(quotas, nodes, (usage, limit) => Math.max(0, usage - limit));
  }

  private static build(
    quotas: readonly Quota[],
    nodes: readonly Node[],
    left: (usage: number, limit: number) => number,
  ): QuotaTracker {
    const statuses = quotas.map((quota) => {
      const usage = new Map<QuotaResource, number>();
      for (const node of nodes) {
        if (quota.appliesTo !== undefined && !quota.appliesTo(node)) continue;
        for (const [r, v] of Object.entries(totalNodeResources(node)) as [QuotaResource, number][])
          usage.set(r, (usage.get(r) ?? 0) + v);
      }
      const limitsLeft = new Map<QuotaResource, number>();
      for (const [r, limit] of Object.entries(quota.limits) as [QuotaResource, number][])
        limitsLeft.set(r, left(usage.get(r) ?? 0, limit));
      return { quota, limitsLeft };
    });
    return new QuotaTracker(statuses);
  }

  private matching(node: Node): QuotaStatus[] {
    return this.statuses.filter((s) => s.quota.appliesTo === undefined || s.quota.appliesTo(node));
  }

  /** How many of `nodeDelta` nodes like `node` fit every matching quota (checkQuota). */
  checkDelta(node: Node, nodeDelta: number): CheckDeltaResult {
    const delta = totalNodeResources(node);
    let allowedDelta = nodeDelta;
    const exceededQuotas: { id: string; exceededResources: QuotaResource[] }[] = [];
    for (const s of this.matching(node)) {
      const exceeded: QuotaResource[] = [];
      for (const [r, d] of Object.entries(delta) as [QuotaResource, number][]) {
        if (d <= 0) continue;
        const left = s.limitsLeft.get(r);
        if (left === undefined) continue;
        if (left < d * nodeDelta) {
          allowedDelta = Math.min(allowedDelta, Math.trunc(left / d));
          exceeded.push(r);
        }
      }
      if (exceeded.length > 0) exceededQuotas.push({ id: s.quota.id, exceededResources: exceeded });
    }
    return { allowedDelta, exceededQuotas };
  }

  /** checkDelta, and when all `nodeDelta` nodes fit, subtract them from the headroom (ConsumeQuota). */
  consumeQuota(node: Node, nodeDelta: number): CheckDeltaResult {
    const result = this.checkDelta(node, nodeDelta);
    if (result.allowedDelta !== nodeDelta) return result;
    const delta = totalNodeResources(node);
    for (const s of this.matching(node)) {
      for (const [r, d] of Object.entries(delta) as [QuotaResource, number][]) {
        const left = s.limitsLeft.get(r);
        if (left !== undefined) s.limitsLeft.set(r, Math.max(left - nodeDelta * d, 0));
      }
    }
    return result;
  }
}

/** The cluster-wide --cores-total / --memory-total quota (cloud provider ResourceLimiter) as max and min quotas. */
export function clusterResourceLimits(cfg: {
  readonly minCoresTotal: number;
  readonly maxCoresTotal: number;
  readonly minMemoryTotalBytes: number;
  readonly maxMemoryTotalBytes: number;
}): { readonly max: Quota; readonly min: Quota } {
  return {
    max: { id: "cluster-wide", limits: { cpu: cfg.maxCoresTotal, memory: cfg.maxMemoryTotalBytes } },
    min: { id: "cluster-wide", limits: { cpu: cfg.minCoresTotal, memory: cfg.minMemoryTotalBytes } },
  };
}
