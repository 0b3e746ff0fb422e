/**
 * The cluster autoscaler's view of the cluster: pods with their requests, nodes with allocatable and
 * capacity, node groups with their sizes. Units: CPU in millicores, memory in bytes, GPUs in whole
 * devices, times in seconds (the engine's clock; any consistent origin).
 *
 * Only what the CA decision core reads is modelled (mirrors the fields of k8s.io/api core/v1 Pod and Node
 * that cluster-autoscaler/simulator and /estimator consult).
 */
import type { TopologySpreadConstraint } from "../cluster/pod-topology-spread.js";

/** Requests of one container (absent = not requested). */
export interface ContainerRequests {
  readonly cpuMilli?: number;
  readonly memBytes?: number;
  readonly gpus?: number;
}

/** An init container; `restartPolicy: "Always"` makes it a sidecar (its requests add to the pod's). */
export interface InitContainer extends ContainerRequests {
  readonly restartPolicy?: "Always";
}

/** The pod's controller (metav1.GetControllerOf). `apiGroup` is "apps" for DaemonSet/ReplicaSet/StatefulSet. */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup?: string;
}

/** A `topologySpreadConstraints` entry (shared with the replay's scheduler: src/cluster/pod-topology-spread.ts). */
export type { TopologySpreadConstraint };

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

/** A pod as the autoscaler sees it. */
export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly containers: readonly ContainerRequests[];
  readonly initContainers?: readonly InitContainer[];
  /** RuntimeClass overhead, added to the requests. */
  readonly overhead?: ContainerRequests;
  /** Host ports (TCP, any address) the pod binds. */
  readonly hostPorts?: readonly number[];
  /** `spec.nodeSelector`. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly topologySpread?: readonly TopologySpreadConstraint[];
  readonly owner?: OwnerRef;
  /** Creation time, seconds. */
  readonly createdAt?: number;
  /** Deletion timestamp, seconds (the pod is terminating). */
  readonly deletedAt?: number;
  /** `spec.terminationGracePeriodSeconds`; absent = the API default 30 s. */
  readonly terminationGracePeriodSeconds?: number;
  readonly phase?: PodPhase;
  /** `spec.priority`; absent = 0. */
  readonly priority?: number;
  /** Uses a hostPath or non-memory emptyDir volume not listed as safe to evict. */
  readonly localStorage?: boolean;
  /** `spec.nodeName`. */
  readonly nodeName?: string;
}

/** Allocatable or capacity of a node; an absent key means the resource is not in the list. */
export interface NodeResources {
  readonly cpuMilli?: number;
  readonly memBytes?: number;
  /** Maximum number of pods; absent = 0, as upstream (no pod fits). */
  readonly pods?: number;
  readonly gpus?: number;
}

/** A node (or a node group's template node). */
export interface Node {
  readonly name: string;
  /** Labels; `kubernetes.io/hostname` defaults to the node name (every kubelet sets it). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly allocatable: NodeResources;
  /** Capacity (least-waste, price, resource totals); absent = same as allocatable. */
  readonly capacity?: NodeResources;
  /** Ready condition; absent = ready. */
  readonly ready?: boolean;
  /** `spec.unschedulable` (cordoned). */
  readonly unschedulable?: boolean;
  /** Time of the `ToBeDeletedByClusterAutoscaler` taint, seconds. */
  readonly toBeDeletedTaintAt?: number;
  /** Carries the `DeletionCandidateOfClusterAutoscaler` soft taint (PreferNoSchedule). */
  readonly deletionCandidate?: boolean;
}

/** A node group (cloud provider NodeGroup): sizes and whether it exists yet (autoprovisioning). */
export interface NodeGroup {
  readonly id: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly targetSize: number;
  /** False for a node group that would be created by the scale-up (node auto-provisioning). Default true. */
  readonly exists?: boolean;
}

/** A template node with the pods (DaemonSet pods) every new node of the group starts with. */
export interface NodeTemplate {
  readonly node: Node;
  readonly pods?: readonly Pod[];
}

/** Pods that are equivalent for scheduling (same controller, same spec); upstream PodEquivalenceGroup. */
export interface PodEquivalenceGroup {
  readonly pods: readonly Pod[];
}

/** A uniform random source in [0, 1) (the engine's seeded Rng satisfies it). */
export interface RandomSource {
  next(): number;
}

export const LABEL_HOSTNAME = "kubernetes.io/hostname";
export const LABEL_ZONE = "topology.kubernetes.io/zone";

/** A node label, with `kubernetes.io/hostname` defaulting to the node name. */
export function nodeLabel(node: Pick<Node, "name" | "labels">, key: string): string | undefined {
  const v = node.labels?.[key];
  if (v === undefined && key === LABEL_HOSTNAME) return node.name;
  return v;
}

/** Capacity, falling back to allocatable when no capacity is given. */
export function nodeCapacity(node: Node): NodeResources {
  return node.capacity ?? node.allocatable;
}
