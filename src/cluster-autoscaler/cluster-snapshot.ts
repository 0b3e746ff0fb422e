/**
 * The autoscaler's scratch copy of the cluster: nodes with their pods, and scheduling of a pod with the
 * filter chain (mirrors simulator/clustersnapshot/predicate/predicate_snapshot.go SchedulePod,
 * SchedulePodOnAnyNodeMatching, plugin_runner.go RunFiltersOnNode / RunFiltersUntilPassingNode and
 * scheduling_opts.go lastIndexOrderMapping).
 *
 * Upstream forks and reverts one snapshot; here `fork()` returns an independent copy that the caller drops
 * to revert, so estimations never touch live state.
 */
import { podRequests, type Requests, ZERO_REQUESTS } from "./pod-requests.js";
import { type FilterFailure, type NodeInfo, runFilters, runPreFilters } from "./predicates.js";
import type { Node, Pod } from "./types.js";

/** A failed scheduling attempt: the filter that rejected the pod (one node), or no node passed. */
export type SchedulingError =
  | { readonly type: "FailingPredicate"; readonly failure: FilterFailure }
  | { readonly type: "NoNodesPassingPredicates" };

interface MutableNodeInfo {
  readonly node: Node;
  pods: Pod[];
  requested: Requests;
  usedPorts: Set<number>;
}

function addRequests(a: Requests, b: Requests, sign: 1 | -1): Requests {
  return {
    cpuMilli: a.cpuMilli + sign * b.cpuMilli,
    memBytes: a.memBytes + sign * b.memBytes,
    gpus: a.gpus + sign * b.gpus,
  };
}

export class ClusterSnapshot {
  private readonly infos: MutableNodeInfo[] = [];
  private readonly byName = new Map<string, MutableNodeInfo>();
  /** lastIndexOrderMapping with offset 1: a search starts after the node that took the previous pod. */
  private lastIndex = 0;

  /** A snapshot of the nodes with the pods bound to them (`nodeName`); other pods are ignored. */
  static of(nodes: readonly Node[], pods: readonly Pod[] = []): ClusterSnapshot {
    const s = new ClusterSnapshot();
    for (const n of nodes) s.addNode(n);
    for (const p of pods) if (p.nodeName !== undefined && s.byName.has(p.nodeName)) s.addPod(p, p.nodeName);
    return s;
  }

  /** An independent copy (upstream Fork; dropping the copy is Revert). */
  fork(): ClusterSnapshot {
    const s = new ClusterSnapshot();
    for (const i of this.infos) {
      const copy: MutableNodeInfo = {
        node: i.node,
        pods: [...i.pods],
        requested: i.requested,
        usedPorts: new Set(i.usedPorts),
      };
      s.infos.push(copy);
      s.byName.set(i.node.name, copy);
    }
    s.lastIndex = this.lastIndex;
    return s;
  }

  nodeInfos(): readonly NodeInfo[] {
    return this.infos;
  }

  getNodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** Adds a node with its initial pods (template DaemonSet pods); throws if the name is taken. */
  addNode(node: Node, pods: readonly Pod[] = []): void {
    if (this.byName.has(node.name)) throw new Error(`node ${node.name} already in the snapshot`);
    const info: MutableNodeInfo = { node, pods: [], requested: ZERO_REQUESTS, usedPorts: new Set() };
    this.infos.push(info);
    this.byName.set(node.name, info);
    for (const p of pods) this.addPod(p, node.name);
  }

  /** Removes a node and its pods. */
  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (info === undefined) return;
    this.byName.delete(name);
    this.infos.splice(this.infos.indexOf(info), 1);
  }

  /** Binds a pod without checks (upstream StorePodInfo). */
  addPod(pod: Pod, nodeName: string): void {
    const info = this.byName.get(nodeName);
    if (info === undefined) throw new Error(`node ${nodeName} not in the snapshot`);
    info.pods.push(pod);
    info.requested = addRequests(info.requested, podRequests(pod), 1);
    for (const p of pod.hostPorts ?? []) info.usedPorts.add(p);
  }

  /** Unbinds a pod (by namespace and name). */
  removePod(pod: Pod, nodeName: string): void {
    const info = this.byName.get(nodeName);
    if (info === undefined) return;
    const i = info.pods.findIndex((p) => p.name === pod.name && p.namespace === pod.namespace);
    if (i < 0) return;
    const [removed] = info.pods.splice(i, 1);
    info.requested = addRequests(info.requested, podRequests(removed as Pod), -1);
    info.usedPorts = new Set(info.pods.flatMap((p) => p.hostPorts ?? []));
  }

  /** Runs the filters for one node (RunFiltersOnNode); undefined = fits. */
  checkPredicates(pod: Pod, nodeName: string): SchedulingError | undefined {
    const info = this.byName.get(nodeName);
    if (info === undefined) throw new Error(`node ${nodeName} not in the snapshot`);
    const failure = runFilters(pod, info, runPreFilters(pod, this.infos));
    return failure === undefined ? undefined : { type: "FailingPredicate", failure };
  }

  /** Checks and binds the pod to the node (SchedulePod). */
  schedulePod(pod: Pod, nodeName: string): SchedulingError | undefined {
    const err = this.checkPredicates(pod, nodeName);
    if (err === undefined) this.addPod(pod, nodeName);
    return err;
  }

  /**
   * Binds the pod to the first acceptable node that passes the filters, searching from the node after the
   * previous match and wrapping around (SchedulePodOnAnyNodeMatching with lastIndexOrderMapping).
   */
  schedulePodOnAnyNodeMatching(
    pod: Pod,
    isNodeAcceptable: (info: NodeInfo) => boolean = () => true,
  ): { readonly nodeName: string } | SchedulingError {
    const n = this.infos.length;
    if (n === 0) return { type: "NoNodesPassingPredicates" };
    const state = runPreFilters(pod, this.infos);
    for (let i = 0; i < n; i++) {
      const index = (i + 1 + this.lastIndex) % n;
      const info = this.infos[index] as MutableNodeInfo;
      if (info.node.unschedulable === true || !isNodeAcceptable(info)) continue;
      if (runFilters(pod, info, state) !== undefined) continue;
      this.lastIndex = index;
      this.addPod(pod, info.node.name);
      return { nodeName: info.node.name };
    }
    return { type: "NoNodesPassingPredicates" };
  }
}
