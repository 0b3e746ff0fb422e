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
): ReadonlyMap<string, bigint> {
  const m = lastCalculation;
  if (
    m !== null &&
    m.container === container &&
    m.resource === resource &&
    m.podLevel === podLevelResourcesEnabled &&
    samePods(m.pods, pods)
  )
    return m.requests;
  const requests = computeRequests(pods, container, resource, podLevelResourcesEnabled);
  lastCalculation = { pods: pods.slice(), container, resource, podLevel: podLevelResourcesEnabled, requests };
  return requests;
}

/**
 * The last calculation: a sync every 15 s over mostly the same pods asks again. PodInfo is immutable, so the
 * same PodInfo objects in the same order give the same requests.
 */
let lastCalculation: {
  readonly pods: readonly PodInfo[];
  readonly container: string;
  readonly resource: string;
  readonly podLevel: boolean;
  readonly requests: ReadonlyMap<string, bigint>;
} | null = null;

function samePods(a: readonly PodInfo[], b: readonly PodInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function computeRequests(
  pods: readonly PodInfo[],
  container: string,
  resource: string,
  podLevelResourcesEnabled: boolean,
): Map<string, bigint> {
  const requests = new Map<string, bigint>();
  // pods built from one template share their container lists: their request is computed once
  let last: PodInfo | null = null;
  let lastRequest = 0n;
  for (const pod of pods) {
    if (
      last !== null &&
      pod.containers === last.containers &&
      pod.initContainers === last.initContainers &&
      pod.podRequests === last.podRequests
    ) {
      requests.set(pod.name, lastRequest);
      continue;
    }
    const usePodLevel = podLevelResourcesEnabled && isPodLevelRequestsSet(pod) && container === "";
    const request = usePodLevel
      ? calculatePodLevelRequests(pod, resource)
      : calculatePodRequestsFromContainers(pod, container, resource);
    requests.set(pod.name, request);
    last = pod;
    lastRequest = request;
  }
  return requests;
}

// mirrors component-helpers resource.IsPodLevelRequestsSet
function isPodLevelRequestsSet(pod: PodInfo): boolean {
  return pod.podRequests !== undefined && Object.keys(pod.podRequests).length > 0;
}

/** Resources that may be set at pod level (mirrors component-helpers resource.IsSupportedPodLevelResource). */
const POD_LEVEL_RESOURCES = new Set(["cpu", "memory"]);

/**
 * mirrors replica_calculator.go calculatePodLevelRequests over component-helpers resource.PodRequests: the
 * container aggregate, overridden by the pod-level request of supported resources.
 */
function calculatePodLevelRequests(pod: PodInfo, resource: string): bigint {
  const podLevel = pod.podRequests?.[resource];
  if (podLevel !== undefined && POD_LEVEL_RESOURCES.has(resource)) return podLevel;
  const aggregate = aggregateContainerRequests(pod, resource);
  if (aggregate === undefined)
    throw new ComputeError(`missing pod-level request for ${resource} in Pod ${pod.name}`);
  return aggregate;
}

/**
 * The effective container request of one resource (mirrors component-helpers resource.AggregateContainerRequests):
 * regular containers plus sidecars, or the largest init container (plus the sidecars started before it) if larger.
 * undefined when no container requests the resource.
 */
function aggregateContainerRequests(pod: PodInfo, resource: string): bigint | undefined {
  let found = false;
  let sum = 0n;
  for (const c of pod.containers) {
    const r = c.requests[resource];
    if (r !== undefined) {
      found = true;
      sum += r;
    }
  }
  let sidecars = 0n;
  let initMax = 0n;
  for (const c of pod.initContainers) {
    const r = c.requests[resource];
    if (r !== undefined) found = true;
    if (c.restartPolicy === "Always") {
      sidecars += r ?? 0n;
      if (sidecars > initMax) initMax = sidecars;
    } else if (r !== undefined && sidecars + r > initMax) {
      initMax = sidecars + r;
    }
  }
  if (!found) return undefined;
  const total = sum + sidecars;
  return total > initMax ? total : initMax;
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
