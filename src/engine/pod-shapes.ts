/**
 * What the scheduler, the node accounting and the cluster autoscaler read of a pod: its effective requests
 * (component-helpers PodRequests over its containers) and its placement (nodeSelector, tolerations, required
 * node affinity). One shape per workload; a pod with its own containers (VPA) gets its own, cached.
 */
import type { BindingRequests } from "../cluster/node-groups.js";
import { nonZeroRequests, type SchedulingPod } from "../cluster/scheduler.js";
import type { PodTemplateInfo, SimPod } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { Requests } from "../cluster-autoscaler/pod-requests.js";
import type { Pod } from "../cluster-autoscaler/types.js";
import { podSchedulingRequests } from "./cluster-pod-requests.js";
import type { ClusterInputs, PodPlacement, WorkloadTarget } from "./run-inputs.js";

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
  readonly schedPod: SchedulingPod;
  readonly binding: BindingRequests;
  readonly caContainers: Pod["containers"];
}

function shapeOf(requests: Requests, placement: PodPlacement | undefined): PodShape {
  const schedPod: SchedulingPod = {
    requests,
    ...(placement?.nodeSelector !== undefined ? { nodeSelector: placement.nodeSelector } : {}),
    ...(placement?.tolerations !== undefined ? { tolerations: placement.tolerations } : {}),
    ...(placement?.affinity !== undefined ? { affinity: placement.affinity } : {}),
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
  };
}

export function workloadShape(cluster: ClusterInputs, w: ClusterWorkload, only: boolean): WorkloadShape {
  const requests = (only ? cluster.podRequests : undefined) ?? podSchedulingRequests(w.target);
  return { target: w.target, workload: w.workload, ...shapeOf(requests, w.target.scheduling) };
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
    hit = shapeOf(podSchedulingRequests(target), shape.target.scheduling);
    podShapes.set(own, hit);
  }
  return hit;
}
