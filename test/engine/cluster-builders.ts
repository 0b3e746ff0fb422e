/** Builders for replays with a cluster model: one node group, the cluster inputs with upstream defaults. */
import type { NodeGroupSpec } from "../../src/cluster/node-groups.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import type { ClusterInputs, RunInputs } from "../../src/engine/run-inputs.js";
import { makeRunInputs } from "./builders.js";

const GIB = 1024 ** 3;

/** 2 cores / 8 GiB / 110 pods: four 500m pods fill a node. Provisioning 60 s, then 30 s to Ready. */
export function generalGroup(over: Partial<NodeGroupSpec> = {}): NodeGroupSpec {
  return {
    name: "general",
    capacity: { cpuMilli: 2000, memBytes: 8 * GIB, pods: 110 },
    allocatable: { cpuMilli: 2000, memBytes: 8 * GIB, pods: 110 },
    labels: {},
    taints: [],
    pricePerHour: 0.36,
    minSize: 1,
    maxSize: 10,
    initialSize: 1,
    provisioningDelaySeconds: 60,
    startupToReadySeconds: 30,
    daemonSetOverhead: { cpuMilli: 0, memBytes: 0, pods: 0 },
    ...over,
  };
}

export function clusterOf(groups: NodeGroupSpec[]): ClusterInputs {
  return { nodeGroups: groups, scoring: "LeastAllocated", ca: DEFAULT_CA_CONFIG, caScanIntervalSeconds: 10 };
}

/** Scale-up +200 % per 15 s (4 -> 12 in one sync), scale-down -100 % per 15 s, no stabilization either way. */
export const burstBehavior = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    policies: [{ type: "Percent" as const, value: 200, periodSeconds: 15 }],
  },
  scaleDown: {
    stabilizationWindowSeconds: 0,
    policies: [{ type: "Percent" as const, value: 100, periodSeconds: 15 }],
  },
};

/**
 * 4 pods (at most 12) at 100 requests/s, 1000 from t = 1 (the HPA goes to 12 at 15, which needs two new
 * nodes), 150 from `dropAt` (it scales in, leaving a node underutilized; null: no drop); timeline every 5 s.
 */
export function burstThenDrop(
  cluster: ClusterInputs,
  durationSeconds = 1800,
  dropAt: number | null = 300,
): RunInputs {
  const demand: [number, number][] = [
    [0, 100],
    [1, 1000],
  ];
  if (dropAt !== null) demand.push([dropAt, 150]);
  return makeRunInputs({
    replicas: 4,
    maxReplicas: 12,
    behavior: burstBehavior,
    demand,
    durationSeconds,
    recordEverySeconds: 5,
    cluster,
  });
}
