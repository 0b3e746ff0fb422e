/**
 * A pod's effective requests and the pod classifications the autoscaler keys on
 * (mirrors utils/pod/pod.go PodRequests, IsDaemonSetPod, IsMirrorPod and utils/drain/drain.go IsPodLongTerminating).
 */
import type { ContainerRequests, Pod } from "./types.js";

/** Summed requests: millicores, bytes, whole GPUs (0 = not requested). */
export interface Requests {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly gpus: number;
}

export const ZERO_REQUESTS: Requests = { cpuMilli: 0, memBytes: 0, gpus: 0 };

/** Annotation marking a pod as a DaemonSet pod whatever its owner (utils/pod DaemonSetPodAnnotationKey). */
export const DAEMONSET_POD_ANNOTATION = "cluster-autoscaler.kubernetes.io/daemonset-pod";
/** Annotation the kubelet sets on mirror (static) pods (kubelet/types ConfigMirrorAnnotationKey). */
export const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
/** The API default of terminationGracePeriodSeconds (core/v1 DefaultTerminationGracePeriodSeconds). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** utils/drain PodLongTerminatingExtraThreshold: 30 s beyond the grace period. */
export const POD_LONG_TERMINATING_EXTRA_SECONDS = 30;

function asRequests(c: ContainerRequests): Requests {
  return { cpuMilli: c.cpuMilli ?? 0, memBytes: c.memBytes ?? 0, gpus: c.gpus ?? 0 };
}

function add(a: Requests, b: Requests): Requests {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memBytes: a.memBytes + b.memBytes, gpus: a.gpus + b.gpus };
}

function max(a: Requests, b: Requests): Requests {
  return {
    cpuMilli: Math.max(a.cpuMilli, b.cpuMilli),
    memBytes: Math.max(a.memBytes, b.memBytes),
    gpus: Math.max(a.gpus, b.gpus),
  };
}

/**
 * The scheduler's effective pod request: max(sum of containers + sidecars, the largest init-container step)
 * plus overhead. Each non-restartable init container runs alongside the sidecars started before it
 * (mirrors component-helpers resource/helpers.go PodRequests, as utils/pod PodRequests calls it).
 */
export function podRequests(pod: Pick<Pod, "containers" | "initContainers" | "overhead">): Requests {
  let reqs = pod.containers.reduce<Requests>((acc, c) => add(acc, asRequests(c)), ZERO_REQUESTS);
  let sidecars = ZERO_REQUESTS;
  let initMax = ZERO_REQUESTS;
  for (const ic of pod.initContainers ?? []) {
    const r = asRequests(ic);
    if (ic.restartPolicy === "Always") {
      reqs = add(reqs, r);
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(sidecars, r));
    }
  }
  reqs = max(reqs, initMax);
  return pod.overhead === undefined ? reqs : add(reqs, asRequests(pod.overhead));
}

/** Sum of the effective requests of the pods. */
export function sumRequests(pods: readonly Pod[]): Requests {
  return pods.reduce<Requests>((acc, p) => add(acc, podRequests(p)), ZERO_REQUESTS);
}

/** Owned by a DaemonSet, or annotated as a DaemonSet pod (mirrors utils/pod IsDaemonSetPod). */
export function isDaemonSetPod(pod: Pod): boolean {
  if (pod.owner?.kind === "DaemonSet") return true;
  return pod.annotations?.[DAEMONSET_POD_ANNOTATION] === "true";
}

/** Carries the kubelet's mirror annotation (mirrors utils/pod IsMirrorPod). */
export function isMirrorPod(pod: Pod): boolean {
  return pod.annotations !== undefined && MIRROR_POD_ANNOTATION in pod.annotations;
}

/**
 * Deleted longer ago than its grace period plus 30 s: `deletedAt + grace + 30 < now`
 * (mirrors utils/drain IsPodLongTerminating).
 */
export function isPodLongTerminating(pod: Pod, now: number): boolean {
  if (pod.deletedAt === undefined) return false;
  const grace = pod.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  return pod.deletedAt + grace + POD_LONG_TERMINATING_EXTRA_SECONDS < now;
}

/** Requests at least one GPU (mirrors utils/gpu PodRequestsGpu for nvidia.com/gpu). */
export function podRequestsGpu(pod: Pod): boolean {
  return podRequests(pod).gpus > 0;
}
