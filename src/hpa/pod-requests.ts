/** The per-pod request used as the utilization denominator (mirrors replica_calculator.go calculateRequests). */
import { ComputeError } from "./compute-error.js";
import type { PodInfo } from "./types.js";
import { SAFE_TOTAL } from "./usage-ratio.js";

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
  return calculateRequestsWithTotal(pods, container, resource, podLevelResourcesEnabled).requests;
}

/** {@link calculateRequests} and the float64 sum of all requests (for the aligned path of GetResourceReplicas). */
export interface PodRequests {
  readonly requests: ReadonlyMap<string, bigint>;
  /**
   * The sum of every pod's request when the pod names are distinct (one request per pod) and every request is a
   * non-negative integer with the sum below 2^52 (so the float64 sum is exact); NaN otherwise.
   */
  readonly safeTotal: number;
}

/** {@link calculateRequests} with {@link PodRequests.safeTotal}; throws as calculateRequests does. */
export function calculateRequestsWithTotal(
  pods: readonly PodInfo[],
  container: string,
  resource: string,
  podLevelResourcesEnabled: boolean,
): PodRequests {
  const m = lastCalculation;
  if (
    m !== null &&
    m.container === container &&
    m.resource === resource &&
    m.podLevel === podLevelResourcesEnabled &&
    samePods(m.pods, pods)
  )
    return m;
  const requests = computeRequests(pods, container, resource, podLevelResourcesEnabled);
  const safeTotal = safeTotalOf(requests, pods.length);
  lastCalculation = {
    pods: pods.slice(),
    container,
    resource,
    podLevel: podLevelResourcesEnabled,
    requests,
    safeTotal,
  };
  return lastCalculation;
}

function safeTotalOf(requests: ReadonlyMap<string, bigint>, podCount: number): number {
  // fewer entries than pods: two pods share a name, the map keeps one request for both
  if (requests.size !== podCount) return Number.NaN;
  let total = 0;
  for (const r of requests.values()) {
    const x = Number(r);
    if (!(x >= 0)) return Number.NaN;
    total += x;
    // a term or sum at or above 2^52 (rounded or not) is caught here; below it every partial sum is exact
    if (total >= SAFE_TOTAL) return Number.NaN;
  }
  return total;
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
  readonly safeTotal: number;
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
