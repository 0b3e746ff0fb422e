/**
 * What the scheduler, the node accounting and the cluster autoscaler read of a pod: its effective requests
 * (component-helpers PodRequests over its containers), its placement (nodeSelector, tolerations, required
 * node affinity) and what PodTopologySpread reads (namespace, labels, constraints, the owner's selector).
 * One shape per workload; a pod with its own containers (VPA) gets its own, cached.
 */
import type { BindingRequests } from "../cluster/node-groups.js";
import type { LabelSelectorRequirement, SpreadPod, SpreadSelector } from "../cluster/pod-topology-spread.js";
import { nonZeroRequests, type SchedulingPod } from "../cluster/scheduler.js";
import { effectiveSpreadConstraints } from "../cluster/scheduler-spread.js";
import type { PodTemplateInfo, SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { Requests } from "../cluster-autoscaler/pod-requests.js";
import type { Pod } from "../cluster-autoscaler/types.js";
import { parseSelector } from "../hpa/label-selector.js";
import { podSchedulingRequests } from "./cluster-pod-requests.js";
import type { ClusterInputs, WorkloadTarget } from "./run-inputs.js";

/** One workload on the cluster: its template (requests, placement) and its pods. */
export interface ClusterWorkload {
  readonly target: WorkloadTarget;
  readonly workload: Workload;
}

/** What the scheduler, the node accounting and the autoscaler read of one workload's pods. */
export interface WorkloadShape extends PodShape {
  readonly target: WorkloadTarget;
  readonly workload: Workload;
}

/** What the scheduler, the node accounting and the autoscaler read of one pod's requests and placement. */
export interface PodShape {
  readonly schedPod: SchedulingPod & { readonly namespace: string; readonly labels: Labels };
  readonly binding: BindingRequests;
  readonly caContainers: Pod["containers"];
  /** What PodTopologySpread counts of a bound, not terminating pod of the shape. */
  readonly spreadPod: SpreadPod;
}

type Labels = Readonly<Record<string, string>>;

/** apps/v1 DefaultDeploymentUniqueLabelKey: the Deployment controller's label on its ReplicaSet's pods. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/**
 * The pods' labels as the API server has them: the template's, plus `pod-template-hash` on a Deployment's pods
 * (the model has one ReplicaSet per Deployment; its hash value is the Deployment's name).
 */
export function podLabelsOf(target: WorkloadTarget): Labels {
  if (target.kind !== "Deployment") return target.podLabels;
  return { ...target.podLabels, [POD_TEMPLATE_HASH_LABEL]: target.name };
}

/**
 * The owning ReplicaSet's selector (the Deployment's plus `pod-template-hash`, as the Deployment controller
 * makes it) or the StatefulSet's: what helper.DefaultSelector gives the system default spreading.
 */
function ownerSelectorOf(target: WorkloadTarget, labels: Labels): SpreadSelector {
  const selector: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const r of parseSelector(target.selector).requirements) {
    if (r.op === "=") selector[r.key] = r.values[0] as string;
    else if (r.op === "in" || r.op === "notin" || r.op === "!=")
      matchExpressions.push({ key: r.key, operator: r.op === "in" ? "In" : "NotIn", values: r.values });
    else if (r.op === "exists" || r.op === "!")
      matchExpressions.push({ key: r.key, operator: r.op === "exists" ? "Exists" : "DoesNotExist" });
  }
  const hash = labels[POD_TEMPLATE_HASH_LABEL];
  if (target.kind === "Deployment" && hash !== undefined) selector[POD_TEMPLATE_HASH_LABEL] = hash;
  return { selector, ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

function shapeOf(requests: Requests, target: WorkloadTarget): PodShape {
  const placement = target.scheduling;
  const labels = podLabelsOf(target);
  const spread = effectiveSpreadConstraints(placement?.topologySpreadConstraints ?? [], labels);
  const schedPod = {
    requests,
    ...(placement?.nodeSelector !== undefined ? { nodeSelector: placement.nodeSelector } : {}),
    ...(placement?.tolerations !== undefined ? { tolerations: placement.tolerations } : {}),
    ...(placement?.affinity !== undefined ? { affinity: placement.affinity } : {}),
    namespace: target.namespace,
    labels,
    ...(spread.length > 0 ? { topologySpread: spread } : {}),
    ownerSelector: ownerSelectorOf(target, labels),
  };
  const nz = nonZeroRequests(schedPod);
  return {
    schedPod,
    binding: { requests, nonZeroCpuMilli: nz.cpuMilli, nonZeroMemBytes: nz.memBytes },
    caContainers: [
      {
        cpuMilli: requests.cpuMilli,
        memBytes: requests.memBytes,
        ...(requests.gpus > 0 ? { gpus: requests.gpus } : {}),
      },
    ],
    spreadPod: { namespace: target.namespace, labels },
  };
}

export function workloadShape(cluster: ClusterInputs, w: ClusterWorkload, only: boolean): WorkloadShape {
  const requests = (only ? cluster.podRequests : undefined) ?? podSchedulingRequests(w.target);
  return { target: w.target, workload: w.workload, ...shapeOf(requests, w.target) };
}

const podShapes = new WeakMap<PodTemplateInfo, PodShape>();

/** The pod's shape: its workload's, or its own when it has its own containers (VPA admission or resize). */
export function podShape(p: SimPod, shape: WorkloadShape): PodShape {
  const own = p.template;
  return own === undefined ? shape : templateShape(own, shape);
}

/** The shape of a pod of the workload with the containers of `own` (cached per template object). */
export function templateShape(own: PodTemplateInfo, shape: WorkloadShape): PodShape {
  let hit = podShapes.get(own);
  if (hit === undefined) {
    const target = {
      ...shape.target,
      containers: [...own.containers, ...own.initContainers],
      ...(own.podRequests !== undefined ? { podRequests: own.podRequests } : {}),
    };
    hit = shapeOf(podSchedulingRequests(target), target);
    podShapes.set(own, hit);
  }
  return hit;
}
