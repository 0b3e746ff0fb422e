/**
 * The requests and limits VPA gives a pod's containers, shared by the admission controller (new pods)
 * and the updater's in-place resize patch (mirrors admission-controller/resource/pod/recommendation/
 * recommendation_provider.go GetContainersResourcesForPod + GetContainersResources with addAll = false,
 * and utils/vpa/limit_and_request_scaling.go GetProportionalLimit). No LimitRange is modelled, so there is
 * no default limit.
 */
import type { UpdateMode } from "../../scenario/vpa-manifest-types.js";
import { applyCappingProcessor, getContainerControlledValues } from "../capping.js";
import { getProportionalResourceLimit } from "../limit-proportion.js";
import {
  type ContainerRecommendation,
  type PodContainer,
  type PodResourcePolicy,
  RESOURCE_NAMES,
} from "../types.js";
import {
  milliFromQuantity,
  quantityFromAmount,
  quantityFromMilli,
  resourcesFromMilli,
} from "./quantities.js";
import type { ContainerResourcesUpdate, MilliResourceList } from "./types.js";

/** A container with its current requests and limits (engine units). */
export interface ResourcedContainer {
  readonly name: string;
  readonly requests: MilliResourceList;
  readonly limits: MilliResourceList;
}

/** The VPA fields the provider reads. */
export interface ProviderVpa {
  readonly updateMode: UpdateMode;
  readonly resourcePolicy: PodResourcePolicy | undefined;
}

/** Per container (same order as the pod's): the new values, or undefined when it has no recommendation. */
export interface ContainersResources {
  readonly containers: readonly (ContainerResourcesUpdate | undefined)[];
  /** Capping and limit annotations by container name ("cpu capped to maxAllowed", ...). */
  readonly annotations: ReadonlyMap<string, readonly string[]>;
}

/** The pod's containers as capping.ts reads them (current values as the spec). */
export function podContainersOf(containers: readonly ResourcedContainer[]): PodContainer[] {
  return containers.map((c) => ({
    name: c.name,
    spec: { requests: resourcesFromMilli(c.requests), limits: resourcesFromMilli(c.limits) },
  }));
}

/**
 * The limit for each resource of the new request that keeps the original limit : request ratio; a
 * resource without a new limit is left out (mirrors limit_and_request_scaling.go GetProportionalLimit).
 */
function getProportionalLimit(
  original: ResourcedContainer,
  newRequests: MilliResourceList,
): { readonly limits: Record<string, bigint>; readonly annotations: string[] } {
  const limits: Record<string, bigint> = {};
  const annotations: string[] = [];
  for (const r of RESOURCE_NAMES) {
    const out = getProportionalResourceLimit(
      r,
      quantityFromMilli(original.limits[r]),
      quantityFromMilli(original.requests[r]),
      quantityFromMilli(newRequests[r]),
      undefined,
    );
    if (out.annotation !== "") annotations.push(out.annotation);
    if (out.limit !== undefined) limits[r] = milliFromQuantity(out.limit);
  }
  return { limits, annotations };
}

/** A recommendation's target as a resource list in engine units (NewMilliQuantity / NewQuantity). */
function targetAsMilli(rec: ContainerRecommendation): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const r of RESOURCE_NAMES) {
    const q = quantityFromAmount(r, rec.target[r]);
    if (q !== undefined) out[r] = milliFromQuantity(q);
  }
  return out;
}

/**
 * Requests := the capped target; with RequestsAndLimits (not for a VPA in mode Off, whose policy is
 * ignored here) limits keep their ratio to the requests. Containers without a recommendation are left
 * alone (mirrors recommendation_provider.go GetContainersResourcesForPod).
 */
export function getContainersResourcesForPod(
  containers: readonly ResourcedContainer[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  vpa: ProviderVpa,
): ContainersResources {
  const annotations = new Map<string, string[]>();
  const processed =
    recommendation === undefined
      ? undefined
      : applyCappingProcessor(recommendation, podContainersOf(containers), vpa.resourcePolicy);
  for (const [name, list] of processed?.annotations ?? []) annotations.set(name, [...list]);
  const limitPolicy = vpa.updateMode !== "Off" ? vpa.resourcePolicy : undefined;
  const out = containers.map((c): ContainerResourcesUpdate | undefined => {
    const rec = processed?.recommendations.find((r) => r.containerName === c.name);
    if (rec === undefined) return undefined;
    const requests = targetAsMilli(rec);
    if (getContainerControlledValues(c.name, limitPolicy) !== "RequestsAndLimits") {
      return { name: c.name, requests, limits: {} };
    }
    const proportional = getProportionalLimit(c, requests);
    if (Object.keys(proportional.limits).length > 0 && proportional.annotations.length > 0) {
      annotations.set(c.name, [...(annotations.get(c.name) ?? []), ...proportional.annotations]);
    }
    return { name: c.name, requests, limits: proportional.limits };
  });
  return { containers: out, annotations };
}

/** The container after a patch: listed resources replaced, the others kept. */
export function applyResourcesUpdate(
  container: ResourcedContainer,
  update: ContainerResourcesUpdate | undefined,
): ResourcedContainer {
  if (update === undefined) return container;
  return {
    name: container.name,
    requests: { ...container.requests, ...update.requests },
    limits: { ...container.limits, ...update.limits },
  };
}
