/** The per-pod request used as the utilization denominator (mirrors replica_calculator.go calculateRequests). */
import { ComputeError } from "./compute-error.js";
import type { PodInfo } from "./types.js";

/**
 * Requests (milli) per pod for `resource`: the named container's request (ContainerResource), else the
 * pod-level request when the gate is on and the pod sets one, else the sum over regular containers and
 * restartable init containers (sidecars). A missing request fails the whole metric.
 */
export function calculateRequests(
  pods: readonly PodInfo[],
  container: string,
  resource: string,
  podLevelResourcesEnabled: boolean,
): Map<string, bigint> {
  const requests = new Map<string, bigint>();
  for (const pod of pods) {
    const usePodLevel = podLevelResourcesEnabled && isPodLevelRequestsSet(pod) && container === "";
    const request = usePodLevel
      ? calculatePodLevelRequests(pod, resource)
      : calculatePodRequestsFromContainers(pod, container, resource);
    requests.set(pod.name, request);
  }
  return requests;
}

// mirrors component-helpers resource.IsPodLevelRequestsSet
function isPodLevelRequestsSet(pod: PodInfo): boolean {
  return pod.podRequests !== undefined && Object.keys(pod.podRequests).length > 0;
}

// mirrors replica_calculator.go calculatePodLevelRequests
function calculatePodLevelRequests(pod: PodInfo, resource: string): bigint {
  const v = pod.podRequests?.[resource];
  if (v === undefined) throw new ComputeError(`missing pod-level request for ${resource} in Pod ${pod.name}`);
  return v;
}

// mirrors replica_calculator.go calculatePodRequestsFromContainers
function calculatePodRequestsFromContainers(pod: PodInfo, container: string, resource: string): bigint {
  const containers = [...pod.containers, ...pod.initContainers.filter((c) => c.restartPolicy === "Always")];
  let request = 0n;
  for (const c of containers) {
    if (container === "" || container === c.name) {
      const r = c.requests[resource];
      if (r === undefined) {
        throw new ComputeError(`missing request for ${resource} in container ${c.name} of Pod ${pod.name}`);
      }
      request += r;
    }
    if (container === c.name) return request;
  }
  if (container !== "") throw new ComputeError(`container ${container} not found in Pod ${pod.name}`);
  return request;
}
