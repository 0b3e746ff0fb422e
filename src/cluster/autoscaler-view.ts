/**
 * The cluster model as the cluster-autoscaler decision core sees it (src/cluster-autoscaler/types.ts):
 * SimNode -> Node, NodeGroupSpec -> NodeGroup and template NodeTemplate with DaemonSet pods, and a check
 * that a group's template passes the scheduler's filters for a pod.
 *
 * The autoscaler's predicates model neither taints nor required node affinity, so the engine should offer
 * the estimator only the groups for which {@link groupCanHost} holds (upstream checks each pod against the
 * template node with the full scheduler framework, orchestrator.go computeExpansionOption).
 */
import { DELETION_CANDIDATE_TAINT } from "../cluster-autoscaler/soft-taints.js";
import type { Node, NodeGroup, NodeTemplate, Pod } from "../cluster-autoscaler/types.js";
import { isNodeDeleting, isNodeReady, type NodeGroupSpec, newSimNode, type SimNode } from "./node-groups.js";
import { runFilterChain, type SchedulingPod } from "./scheduler.js";

/** The autoscaler's Node for a SimNode at `now` (ready, cordoned, ToBeDeleted taint time). */
export function toAutoscalerNode(node: SimNode, now: number): Node {
  return {
    name: node.name,
    labels: node.labels,
    allocatable: node.allocatable,
    capacity: node.capacity,
    ready: isNodeReady(node, now),
    unschedulable: node.unschedulable,
    ...(isNodeDeleting(node, now) && node.deletingAt !== null ? { toBeDeletedTaintAt: node.deletingAt } : {}),
    ...(node.taints.some((x) => x.key === DELETION_CANDIDATE_TAINT) ? { deletionCandidate: true } : {}),
  };
}

/** The cloud provider's node group with the engine's current target size. */
export function toAutoscalerNodeGroup(group: NodeGroupSpec, targetSize: number): NodeGroup {
  return { id: group.name, minSize: group.minSize, maxSize: group.maxSize, targetSize };
}

/**
 * The DaemonSet pods standing for a group's overhead: `pods` pods owned by a DaemonSet, the CPU and memory
 * split evenly (the first pod takes the remainder) so their sum is exact. Overhead with zero pods has no
 * pods to carry it; {@link templateFor} then takes it off the template's allocatable.
 */
export function daemonSetPods(group: NodeGroupSpec, nodeName: string): Pod[] {
  const o = group.daemonSetOverhead;
  const n = o.pods;
  const cpuEach = n > 0 ? Math.floor(o.cpuMilli / n) : 0;
  const memEach = n > 0 ? Math.floor(o.memBytes / n) : 0;
  return Array.from({ length: n }, (_, i) => ({
    name: `${nodeName}-ds-${i + 1}`,
    namespace: "kube-system",
    owner: { kind: "DaemonSet", name: `overhead-${i + 1}`, apiGroup: "apps" },
    containers: [
      {
        cpuMilli: i === 0 ? o.cpuMilli - cpuEach * (n - 1) : cpuEach,
        memBytes: i === 0 ? o.memBytes - memEach * (n - 1) : memEach,
      },
    ],
    nodeName,
  }));
}

/** The group's template node info: a new node of the group with its DaemonSet pods (cloud TemplateNodeInfo). */
export function templateFor(group: NodeGroupSpec): NodeTemplate {
  const name = `template-node-for-${group.name}`;
  const o = group.daemonSetOverhead;
  const a = group.allocatable;
  const allocatable =
    o.pods > 0
      ? a
      : { ...a, cpuMilli: (a.cpuMilli ?? 0) - o.cpuMilli, memBytes: (a.memBytes ?? 0) - o.memBytes };
  const node: Node = {
    name,
    labels: { ...group.labels, "kubernetes.io/hostname": name },
    allocatable,
    capacity: group.capacity,
  };
  return { node, pods: daemonSetPods(group, name) };
}

/**
 * A fresh, Ready, empty node of the group passes the scheduler's filters for the pod: the taints,
 * nodeSelector / affinity and the machine shape allow it at all.
 */
export function groupCanHost(pod: SchedulingPod, group: NodeGroupSpec): boolean {
  const template = newSimNode(group, `template-node-for-${group.name}`, { createdAt: 0, readyAt: 0 });
  return runFilterChain(pod, template, 0) === undefined;
}
