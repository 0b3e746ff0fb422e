/**
 * Builders for runOnce observations: a node group with a 4-core / 16 GiB machine shape, nodes with
 * ReplicaSet pods bound to them, pending pods marked unschedulable. CPU in millicores, memory in bytes,
 * times in seconds.
 */
import type {
  CaObservation,
  ObservedNode,
  ObservedNodeGroup,
  ObservedPod,
} from "../../src/cluster-autoscaler/cluster-state.js";
import { type CaConfig, DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import type { Pod } from "../../src/cluster-autoscaler/types.js";
import { GIB, makeNode } from "./builders.js";

export const CFG: CaConfig = DEFAULT_CA_CONFIG;

/** A fixed "random" source: always the first option among ties. */
export const rng0 = () => 0;

export function group(
  id: string,
  targetSize: number,
  over: { min?: number; max?: number; cpuMilli?: number; memBytes?: number; price?: number } = {},
): ObservedNodeGroup {
  const cpu = over.cpuMilli ?? 4000;
  const mem = over.memBytes ?? 16 * GIB;
  return {
    group: { id, minSize: over.min ?? 1, maxSize: over.max ?? 10, targetSize },
    template: { node: makeNode(`template-node-for-${id}`, cpu, mem) },
    pricePerHour: over.price ?? 0.2,
  };
}

export function node(
  name: string,
  groupId: string,
  over: { cpuMilli?: number; memBytes?: number } = {},
): ObservedNode {
  return { node: makeNode(name, over.cpuMilli ?? 4000, over.memBytes ?? 16 * GIB), groupId };
}

/** A ReplicaSet pod (movable by the drain rules). */
export function rsPod(name: string, cpuMilli: number, memBytes: number, over: Partial<Pod> = {}): Pod {
  return {
    name,
    namespace: "default",
    containers: [{ cpuMilli, memBytes }],
    owner: { kind: "ReplicaSet", name: "web-rs", apiGroup: "apps" },
    createdAt: 0,
    ...over,
  };
}

export function bound(pod: Pod, nodeName: string): ObservedPod {
  return { pod: { ...pod, nodeName } };
}

export function pending(pod: Pod, unschedulableSince: number): ObservedPod {
  return { pod, unschedulableSince };
}

export function obs(
  nodeGroups: readonly ObservedNodeGroup[],
  nodes: readonly ObservedNode[],
  pods: readonly ObservedPod[],
): CaObservation {
  return { nodeGroups, nodes, pods };
}
