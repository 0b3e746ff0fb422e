/** Builders for replays with a cluster model: one node group, the cluster inputs with upstream defaults. */
import type { NodeGroupSpec } from "../../src/cluster/node-groups.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import type { ClusterInputs } from "../../src/engine/run-inputs.js";

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
