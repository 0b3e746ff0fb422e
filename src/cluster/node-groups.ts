/**
 * Node groups (machine shape, price, sizes, delays) and simulated nodes with what is bound to them.
 *
 * Units follow the cluster autoscaler's types (src/cluster-autoscaler/types.ts): CPU in millicores, memory in
 * bytes, GPUs in whole devices, all plain `number`s; times in engine seconds; prices in currency units per
 * node-hour. Nothing here validates: the scenario layer checks inputs before they reach the model.
 */
import type { Requests } from "../cluster-autoscaler/pod-requests.js";
import { LABEL_HOSTNAME, type NodeResources } from "../cluster-autoscaler/types.js";

/** A node taint (core/v1 Taint). */
export interface Taint {
  readonly key: string;
  /** Empty string when the taint has no value. */
  readonly value: string;
  readonly effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** Requests of the DaemonSet / system pods every node of a group runs, and how many such pods there are. */
export interface DaemonSetOverhead {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly pods: number;
}

export const NO_OVERHEAD: DaemonSetOverhead = { cpuMilli: 0, memBytes: 0, pods: 0 };

/**
 * A delay in whole seconds: fixed, or drawn from a distribution with the run's seeded random source.
 * Samples are rounded to whole seconds and clamped to [min, max] (min defaults to 0).
 */
export type DelaySpec =
  | number
  | { readonly distribution: "uniform"; readonly min: number; readonly max: number }
  | {
      readonly distribution: "normal";
      readonly mean: number;
      readonly stddev: number;
      readonly min?: number;
      readonly max?: number;
    };

/** A uniform random number in [0, 1): the engine passes `() => rng.next()`. */
export type UniformRandom = () => number;

/** A node group (one machine shape) of the simulated cluster. */
export interface NodeGroupSpec {
  readonly name: string;
  /** status.capacity of one node. */
  readonly capacity: NodeResources;
  /** status.allocatable of one node (capacity minus kube/system reserved and eviction threshold). */
  readonly allocatable: NodeResources;
  /** Labels every node of the group carries (kubernetes.io/hostname is added per node). */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Price of one node for one hour. */
  readonly pricePerHour: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly initialSize: number;
  /** From the autoscaler's scale-up to the node registering with the API server. */
  readonly provisioningDelaySeconds: DelaySpec;
  /** From registration to the node's Ready condition (kubelet, CNI). */
  readonly startupToReadySeconds: DelaySpec;
  readonly daemonSetOverhead: DaemonSetOverhead;
}

/** Requests bound to a node by the scheduler (the DaemonSet overhead is kept apart). */
export interface BoundTotals {
  /** Sum of the bound pods' requests (what the NodeResourcesFit filter compares). */
  readonly requests: Requests;
  /** Sum of the bound pods' non-zero requests (what NodeResourcesFit scoring compares; see scheduler.ts). */
  readonly nonZeroCpuMilli: number;
  readonly nonZeroMemBytes: number;
  /** Number of bound pods. */
  readonly pods: number;
}

export const NOTHING_BOUND: BoundTotals = {
  requests: { cpuMilli: 0, memBytes: 0, gpus: 0 },
  nonZeroCpuMilli: 0,
  nonZeroMemBytes: 0,
  pods: 0,
};

/** A simulated node. Immutable: binding returns a new value ({@link bindRequests}). */
export interface SimNode {
  readonly name: string;
  /** The node group's name. */
  readonly group: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly capacity: NodeResources;
  readonly allocatable: NodeResources;
  readonly overhead: DaemonSetOverhead;
  /** Registered with the API server (seconds); before that the scheduler does not see the node. */
  readonly createdAt: number;
  /** Ready condition became True (seconds); null = not (yet) Ready. */
  readonly readyAt: number | null;
  /** ToBeDeletedByClusterAutoscaler taint set (seconds); null = not being deleted. */
  readonly deletingAt: number | null;
  /** Removed from the API (seconds); null = still there. */
  readonly goneAt: number | null;
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: boolean;
  readonly bound: BoundTotals;
}

/** What is left for pods on a node: allocatable minus DaemonSet overhead minus bound requests. */
export interface FreeResources {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly gpus: number;
  readonly pods: number;
}

/** `<group>-<ordinal>`, e.g. `general-3`: the name of a group's nth node (1-based). */
export function nodeName(group: string, ordinal: number): string {
  return `${group}-${ordinal}`;
}

/** Times a new node of a group goes through. */
export interface NodeTimes {
  readonly createdAt: number;
  readonly readyAt: number | null;
}

/**
 * A new, empty node of the group. `kubernetes.io/hostname` is set to the node name, as every kubelet does.
 *
 * @example newSimNode(group, "general-1", { createdAt: 0, readyAt: 0 })
 */
export function newSimNode(group: NodeGroupSpec, name: string, times: NodeTimes): SimNode {
  return {
    name,
    group: group.name,
    labels: { ...group.labels, [LABEL_HOSTNAME]: name },
    taints: group.taints,
    capacity: group.capacity,
    allocatable: group.allocatable,
    overhead: group.daemonSetOverhead,
    createdAt: times.createdAt,
    readyAt: times.readyAt,
    deletingAt: null,
    goneAt: null,
    unschedulable: false,
    bound: NOTHING_BOUND,
  };
}

/** The `initialSize` nodes of every group, registered and Ready at `now`, named `<group>-1 ... <group>-n`. */
export function initialNodes(groups: readonly NodeGroupSpec[], now: number): SimNode[] {
  const out: SimNode[] = [];
  for (const g of groups) {
    for (let i = 1; i <= g.initialSize; i++) {
      out.push(newSimNode(g, nodeName(g.name, i), { createdAt: now, readyAt: now }));
    }
  }
  return out;
}

/** Registered with the API server and not yet removed at `now`: the scheduler sees it. */
export function isNodeRegistered(node: SimNode, now: number): boolean {
  return node.createdAt <= now && (node.goneAt === null || node.goneAt > now);
}

/** Registered and its Ready condition is True at `now`. */
export function isNodeReady(node: SimNode, now: number): boolean {
  return isNodeRegistered(node, now) && node.readyAt !== null && node.readyAt <= now;
}

/** Carries the autoscaler's ToBeDeleted taint at `now`. */
export function isNodeDeleting(node: SimNode, now: number): boolean {
  return node.deletingAt !== null && node.deletingAt <= now;
}

/** Allocatable minus DaemonSet overhead minus bound requests (may be negative if the input over-commits). */
export function freeResources(node: SimNode): FreeResources {
  const a = node.allocatable;
  const o = node.overhead;
  const b = node.bound;
  return {
    cpuMilli: (a.cpuMilli ?? 0) - o.cpuMilli - b.requests.cpuMilli,
    memBytes: (a.memBytes ?? 0) - o.memBytes - b.requests.memBytes,
    gpus: (a.gpus ?? 0) - b.requests.gpus,
    pods: (a.pods ?? 0) - o.pods - b.pods,
  };
}

/** Requests in use on the node: DaemonSet overhead plus bound pods (the scheduler's NodeInfo.Requested). */
export function requestedOnNode(node: SimNode): Requests {
  return {
    cpuMilli: node.overhead.cpuMilli + node.bound.requests.cpuMilli,
    memBytes: node.overhead.memBytes + node.bound.requests.memBytes,
    gpus: node.bound.requests.gpus,
  };
}

/** A pod's requests as a node records them: the filter requests and the non-zero scoring requests. */
export interface BindingRequests {
  readonly requests: Requests;
  readonly nonZeroCpuMilli: number;
  readonly nonZeroMemBytes: number;
}

/** The node with one more pod bound (no checks: the scheduler decided it fits). */
export function bindRequests(node: SimNode, pod: BindingRequests): SimNode {
  return { ...node, bound: addBound(node.bound, pod, 1) };
}

/** The node with one pod unbound (terminated, evicted). */
export function unbindRequests(node: SimNode, pod: BindingRequests): SimNode {
  return { ...node, bound: addBound(node.bound, pod, -1) };
}

function addBound(b: BoundTotals, pod: BindingRequests, sign: 1 | -1): BoundTotals {
  return {
    requests: {
      cpuMilli: b.requests.cpuMilli + sign * pod.requests.cpuMilli,
      memBytes: b.requests.memBytes + sign * pod.requests.memBytes,
      gpus: b.requests.gpus + sign * pod.requests.gpus,
    },
    nonZeroCpuMilli: b.nonZeroCpuMilli + sign * pod.nonZeroCpuMilli,
    nonZeroMemBytes: b.nonZeroMemBytes + sign * pod.nonZeroMemBytes,
    pods: b.pods + sign,
  };
}

/**
 * One sample of a delay in whole seconds. A fixed delay draws nothing; uniform draws once (an integer in
 * [min, max], inclusive); normal draws twice (Box-Muller), rounds to the nearest second and clamps.
 *
 * @param random uniform in [0, 1); the engine's seeded source, so a run is reproducible
 * @example sampleDelaySeconds({ distribution: "uniform", min: 60, max: 120 }, () => 0.5) // 90
 */
export function sampleDelaySeconds(spec: DelaySpec, random: UniformRandom): number {
  if (typeof spec === "number") return Math.max(0, Math.round(spec));
  if (spec.distribution === "uniform") {
    const lo = Math.ceil(spec.min);
    const hi = Math.floor(spec.max);
    if (hi <= lo) return Math.max(0, lo);
    return Math.max(0, lo + Math.min(hi - lo, Math.floor(random() * (hi - lo + 1))));
  }
  const u1 = 1 - random(); // (0, 1]: log is finite
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  const value = Math.round(spec.mean + spec.stddev * z);
  return Math.min(spec.max ?? Number.POSITIVE_INFINITY, Math.max(spec.min ?? 0, 0, value));
}
