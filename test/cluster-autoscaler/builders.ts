/**
 * Builders for cluster-autoscaler inputs with defaults a test overrides field by field.
 * CPU in millicores, memory in bytes, times in seconds.
 */
import type { ExpansionOption } from "../../src/cluster-autoscaler/expander/types.js";
import type {
  Node,
  NodeGroup,
  NodeTemplate,
  Pod,
  PodEquivalenceGroup,
} from "../../src/cluster-autoscaler/types.js";

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
/** The clock of every test in this folder. */
export const NOW = 10_000;

/** A pod with one container requesting `cpuMilli` / `memBytes`. */
export function makePod(name: string, cpuMilli: number, memBytes: number, over: Partial<Pod> = {}): Pod {
  return { name, namespace: "default", containers: [{ cpuMilli, memBytes }], ...over };
}

/** A ready node with allocatable = capacity and room for 110 pods. */
export function makeNode(name: string, cpuMilli: number, memBytes: number, over: Partial<Node> = {}): Node {
  const r = { cpuMilli, memBytes, pods: 110 };
  return { name, allocatable: r, capacity: r, ...over };
}

export function makeTemplate(cpuMilli: number, memBytes: number, over: Partial<Node> = {}): NodeTemplate {
  return { node: makeNode("template", cpuMilli, memBytes, over) };
}

/** `count` copies of one pod (upstream repeats one pod object). */
export function makeGroup(pod: Pod, count: number): PodEquivalenceGroup {
  return { pods: Array.from({ length: count }, () => pod) };
}

export function makeNodeGroup(id: string, minSize: number, maxSize: number, targetSize: number): NodeGroup {
  return { id, minSize, maxSize, targetSize };
}

export function makeOption(
  nodeGroupId: string,
  nodeCount: number,
  pods: readonly Pod[] = [],
): ExpansionOption {
  return { nodeGroupId, nodeCount, pods };
}
