/**
 * How far a pod's requests are from its (capped) recommendation (mirrors
 * pkg/updater/priority/priority_processor.go GetUpdatePriority and utils/annotations vpa_observed_containers.go).
 */
import { containerRequestsAndLimits } from "./capping.js";
import {
  type ContainerRecommendation,
  type PodContainer,
  type PodPriority,
  RESOURCE_NAMES,
  type ResourceName,
} from "./types.js";

/** The pod annotation listing the containers the admission controller saw (annotations.VpaObservedContainersLabel). */
export const VPA_OBSERVED_CONTAINERS_ANNOTATION = "vpaObservedContainers";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The containers named by a `vpaObservedContainers` value ("a, b"); undefined when the annotation is
 * absent or does not parse, in which case every container counts (mirrors parseVpaObservedContainers and
 * ParseVpaObservedContainersValue: names must be DNS-1123 labels).
 */
export function parseVpaObservedContainers(annotation: string | undefined): ReadonlySet<string> | undefined {
  if (annotation === undefined) return undefined;
  if (annotation === "") return new Set();
  const names = annotation.split(", ");
  for (const n of names) if (n.length > 63 || !DNS1123_LABEL.test(n)) return undefined;
  return new Set(names);
}

/** Milli-units of an amount: millicores are already milli, bytes × 1000 (Quantity.MilliValue). */
function milli(r: ResourceName, amount: number): bigint {
  return r === "cpu" ? BigInt(amount) : BigInt(amount) * 1000n;
}

/**
 * For every observed container and every resource of its target: scaleUp if target > request,
 * outsideRecommendedRange if request < lowerBound or > upperBound; a missing request sets both.
 * resourceDiff = Σ over resources |Σ requests - Σ targets| / max(Σ requests, 1), in milli-units.
 */
export function getUpdatePriority(
  containers: readonly PodContainer[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  observedContainersAnnotation?: string,
): PodPriority {
  let outsideRecommendedRange = false;
  let scaleUp = false;
  const totalRequest = new Map<ResourceName, bigint>();
  const totalRecommended = new Map<ResourceName, bigint>();
  const observed = parseVpaObservedContainers(observedContainersAnnotation);
  for (const container of containers) {
    if (observed !== undefined && !observed.has(container.name)) continue;
    const rec = recommendation?.find((r) => r.containerName === container.name);
    if (rec === undefined) continue;
    const { requests } = containerRequestsAndLimits(container);
    for (const r of RESOURCE_NAMES) {
      const target = rec.target[r];
      if (target === undefined) continue;
      totalRecommended.set(r, (totalRecommended.get(r) ?? 0n) + milli(r, target));
      const request = requests[r];
      if (request === undefined) {
        // Upstream treats a container without a request as requesting 0 (ignoring namespace defaults).
        scaleUp = true;
        outsideRecommendedRange = true;
        continue;
      }
      totalRequest.set(r, (totalRequest.get(r) ?? 0n) + milli(r, request));
      if (milli(r, target) > milli(r, request)) scaleUp = true;
      const lower = rec.lowerBound[r];
      const upper = rec.upperBound[r];
      if ((lower !== undefined && request < lower) || (upper !== undefined && request > upper)) {
        outsideRecommendedRange = true;
      }
    }
  }
  let resourceDiff = 0.0;
  for (const [r, recommended] of totalRecommended) {
    const request = Math.max(Number(totalRequest.get(r) ?? 0n), 1.0);
    resourceDiff += Math.abs(request - Number(recommended)) / request;
  }
  return { outsideRecommendedRange, scaleUp, resourceDiff };
}

/** True if `p` should be updated after `other`: scale-ups first, then larger resourceDiff (mirrors PodPriority.Less). */
export function podPriorityLess(p: PodPriority, other: PodPriority): boolean {
  if (p.scaleUp !== other.scaleUp) return other.scaleUp;
  return p.resourceDiff < other.resourceDiff;
}
