/**
 * What the cluster autoscaler sees at a loop (mirrors what static_autoscaler.go RunOnce lists from its
 * informers): the registered nodes, the node groups with their templates and target sizes, the DaemonSet pods
 * on each node, and the workloads' pods, Pending ones with the time they were marked unschedulable.
 */
import {
  daemonSetPods,
  templateFor,
  toAutoscalerNode,
  toAutoscalerNodeGroup,
} from "../cluster/autoscaler-view.js";
import {
  isNodeDeleting,
  isNodeReady,
  isNodeRegistered,
  type NodeGroupSpec,
  newSimNode,
  type SimNode,
} from "../cluster/node-groups.js";
import { runFilterChain, type SchedulingPod } from "../cluster/scheduler.js";
import type { SimPod } from "../cluster/sim-pod.js";
import type { CaObservation, ObservedPod } from "../cluster-autoscaler/cluster-state.js";
import type { Pod } from "../cluster-autoscaler/types.js";
import { podShape, type WorkloadShape } from "./pod-shapes.js";

/** The cluster phase's state the observation is built from (read only). */
export interface ObservationSource {
  readonly t: number;
  readonly nodes: readonly SimNode[];
  readonly groups: readonly NodeGroupSpec[];
  readonly groupIndex: ReadonlyMap<string, number>;
  readonly targetSize: readonly number[];
  readonly workloads: readonly WorkloadShape[];
  readonly nodeOf: ReadonlyMap<SimPod, string>;
  readonly unschedulableSince: ReadonlyMap<SimPod, number>;
}

function caPod(src: ObservationSource, shape: WorkloadShape, p: SimPod, t: number): Pod {
  const target = shape.target;
  const sts = target.kind === "StatefulSet";
  const node = src.nodeOf.get(p);
  const nodeSelector = target.scheduling?.nodeSelector;
  const spread = shape.schedPod.topologySpread;
  return {
    name: p.name,
    namespace: target.namespace,
    labels: shape.schedPod.labels,
    containers: podShape(p, shape).caContainers,
    owner: {
      kind: sts ? "StatefulSet" : "ReplicaSet",
      name: sts ? target.name : `${target.name}-rs`,
      apiGroup: "apps",
    },
    ...(nodeSelector !== undefined ? { nodeSelector } : {}),
    ...(spread !== undefined ? { topologySpread: spread } : {}),
    createdAt: p.createdAt,
    terminationGracePeriodSeconds: target.terminationGracePeriodSeconds,
    phase: p.runningAt !== null && p.runningAt <= t ? "Running" : "Pending",
    ...(node === undefined ? {} : { nodeName: node }),
    ...(p.deletedAt !== null && p.deletedAt <= t ? { deletedAt: p.deletedAt } : {}),
  };
}

/** Builds the observation runOnce reads. */
export function buildCaObservation(src: ObservationSource): CaObservation {
  const t = src.t;
  const registered = src.nodes.filter((n) => isNodeRegistered(n, t));
  const pods: ObservedPod[] = [];
  for (const n of registered) {
    const g = src.groups[src.groupIndex.get(n.group) ?? -1];
    if (g !== undefined) for (const pod of daemonSetPods(g, n.name)) pods.push({ pod });
  }
  // what the scheduler filters beyond the autoscaler's own predicates (taints, node affinity), per pod
  const schedPodOf = new Map<string, SchedulingPod>();
  for (const shape of src.workloads) {
    for (const p of shape.workload.pods) {
      if (p.goneAt !== null && p.goneAt <= t) continue;
      const since = src.unschedulableSince.get(p);
      const pod = caPod(src, shape, p, t);
      schedPodOf.set(`${pod.namespace}/${pod.name}`, podShape(p, shape).schedPod);
      pods.push(since === undefined || src.nodeOf.has(p) ? { pod } : { pod, unschedulableSince: since });
    }
  }
  return {
    nodes: registered.map((n) => ({
      node: toAutoscalerNode(n, t),
      groupId: n.group,
      createdAt: n.createdAt,
    })),
    nodeGroups: src.groups.map((g, i) => ({
      group: toAutoscalerNodeGroup(g, src.targetSize[i] as number),
      template: templateFor(g),
      pricePerHour: g.pricePerHour,
      rejects: (pod: Pod) => {
        const schedPod = schedPodOf.get(`${pod.namespace}/${pod.name}`);
        if (schedPod === undefined) return undefined;
        const node = newSimNode(g, `template-node-for-${g.name}`, { createdAt: 0, readyAt: 0 });
        return runFilterChain(schedPod, node, 0)?.reasons;
      },
    })),
    pods,
  };
}

const NODES_END = Symbol("nodes end");
const PODS_END = Symbol("pods end");

/** Takes the observation key's values one by one, in order; `stop` ends the walk early. */
interface KeySink {
  put(x: unknown): void;
  readonly stop: boolean;
}

/** Builds the key. */
class KeyBuilder implements KeySink {
  readonly key: unknown[] = [];
  readonly stop = false;
  put(x: unknown): void {
    this.key.push(x);
  }
}

/** Compares with a key built before, value by value, stopping at the first difference (nothing allocated). */
class KeyMatcher implements KeySink {
  i = 0;
  stop = false;
  constructor(private readonly key: readonly unknown[]) {}
  put(x: unknown): void {
    if (this.key[this.i++] !== x) this.stop = true;
  }
}

/**
 * Every value {@link buildCaObservation} reads from the cluster phase's state at `src.t`, in the order it
 * reads them (objects by identity: the engine replaces, never mutates, labels, resources, templates). The
 * node groups, their specs and templates and the workloads' targets are fixed for the run, so two equal keys
 * (same length, elements `===`) build equal observations, `rejects` included (same pod names, same shapes).
 * Time enters only through what is read at t: registered, Ready, tainted, Running, deleted, gone.
 */
function walkObservationKey(src: ObservationSource, sink: KeySink): void {
  const t = src.t;
  for (const n of src.nodes) {
    if (!isNodeRegistered(n, t)) continue;
    sink.put(n.name);
    sink.put(n.group);
    sink.put(n.labels);
    sink.put(n.taints);
    sink.put(n.allocatable);
    sink.put(n.capacity);
    sink.put(n.unschedulable);
    sink.put(n.createdAt);
    sink.put(isNodeReady(n, t));
    sink.put(isNodeDeleting(n, t) ? n.deletingAt : null);
    if (sink.stop) return;
  }
  sink.put(NODES_END);
  for (const size of src.targetSize) sink.put(size);
  for (const shape of src.workloads) {
    sink.put(shape);
    for (const p of shape.workload.pods) {
      if (p.goneAt !== null && p.goneAt <= t) continue;
      sink.put(p);
      sink.put(p.template);
      sink.put(src.nodeOf.get(p));
      sink.put(p.runningAt !== null && p.runningAt <= t);
      sink.put(p.deletedAt !== null && p.deletedAt <= t ? p.deletedAt : null);
      sink.put(src.unschedulableSince.get(p));
      if (sink.stop) return;
    }
    sink.put(PODS_END);
  }
}

/** The observation key at `src.t` (see {@link walkObservationKey}). */
export function observationKey(src: ObservationSource): unknown[] {
  const b = new KeyBuilder();
  walkObservationKey(src, b);
  return b.key;
}

/** The observation key at `src.t` equals `key` (same length, elements `===`); builds nothing. */
export function matchesObservationKey(src: ObservationSource, key: readonly unknown[]): boolean {
  const m = new KeyMatcher(key);
  walkObservationKey(src, m);
  return !m.stop && m.i === key.length;
}
