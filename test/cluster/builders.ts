/**
 * Builders for the cluster model: node groups, SimNodes and scheduling pods with defaults a test overrides
 * field by field. CPU in millicores, memory in bytes, times in seconds.
 */
import type { NodeGroupSpec, SimNode } from "../../src/cluster/node-groups.js";
import { bindRequests, newSimNode } from "../../src/cluster/node-groups.js";
import { nonZeroRequests, type SchedulingPod } from "../../src/cluster/scheduler.js";
import type { SimPod } from "../../src/cluster/sim-pod.js";

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** A 4-core / 16 GiB / 110-pod group, no overhead, $0.20 per hour, 1..10 nodes. */
export function makeGroup(name: string, over: Partial<NodeGroupSpec> = {}): NodeGroupSpec {
  const shape = { cpuMilli: 4000, memBytes: 16 * GIB, pods: 110 };
  return {
    name,
    capacity: shape,
    allocatable: shape,
    labels: { "eks.amazonaws.com/nodegroup": name },
    taints: [],
    pricePerHour: 0.2,
    minSize: 1,
    maxSize: 10,
    initialSize: 1,
    provisioningDelaySeconds: 60,
    startupToReadySeconds: 30,
    daemonSetOverhead: { cpuMilli: 0, memBytes: 0, pods: 0 },
    ...over,
  };
}

/** A node of `group`, registered and Ready at 0, with `over` applied on top. */
export function makeNode(
  name: string,
  group: NodeGroupSpec = makeGroup("general"),
  over: Partial<SimNode> = {},
) {
  return { ...newSimNode(group, name, { createdAt: 0, readyAt: 0 }), ...over };
}

/** A pod requesting `cpuMilli` and `memBytes`, no GPUs, no constraints. */
export function makePod(
  cpuMilli: number,
  memBytes: number,
  over: Partial<SchedulingPod> = {},
): SchedulingPod {
  return { requests: { cpuMilli, memBytes, gpus: 0 }, ...over };
}

/** The node with the pod bound (filter and scoring totals both updated). */
export function bind(node: SimNode, pod: SchedulingPod): SimNode {
  const nz = nonZeroRequests(pod);
  return bindRequests(node, {
    requests: pod.requests,
    nonZeroCpuMilli: nz.cpuMilli,
    nonZeroMemBytes: nz.memBytes,
  });
}

/** A ReplicaSet's pod (ordinal -1) created, bound, running and Ready at 0, with no usage yet; fields overridden. */
export function makeSimPod(name: string, over: Partial<SimPod> = {}): SimPod {
  return {
    name,
    seq: 0,
    ordinal: -1,
    createdAt: 0,
    boundAt: 0,
    runningAt: 0,
    readyAt: 0,
    burstEndsAt: null,
    deletedAt: null,
    goneAt: null,
    cpuCum: 0,
    customCum: new Float64Array(0),
    cumAt: 0,
    readyIntegralsAt: new Float64Array(1),
    memPeak: 0,
    ...over,
  };
}
