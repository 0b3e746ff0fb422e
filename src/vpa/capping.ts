/**
 * Capping a recommendation to the VPA policy (mirrors pkg/utils/vpa/capping.go). Two users: the
 * recommender caps its status with minAllowed / maxAllowed (+ the global max, ApplyVPAPolicy); the
 * updater and admission controller cap it for a concrete pod (cappingRecommendationProcessor.Apply),
 * which with `controlledValues: RequestsOnly` also keeps every bound at or below the container's limit.
 * LimitRange capping is not modelled (upstream's tests use an empty LimitRange).
 */
import {
  type ContainerControlledValues,
  type ContainerRecommendation,
  type ContainerResourcePolicy,
  type ContainerResources,
  DEFAULT_CONTAINER_RESOURCE_POLICY,
  type PodContainer,
  type PodResourcePolicy,
  RESOURCE_NAMES,
  type ResourceName,
  type Resources,
} from "./types.js";

type MutableResources = { [R in ResourceName]?: number };

/** The policy named after the container, else the "*" policy, else none (mirrors api.go GetContainerResourcePolicy). */
export function getContainerResourcePolicy(
  containerName: string,
  policy: PodResourcePolicy | undefined,
): ContainerResourcePolicy | undefined {
  let defaultPolicy: ContainerResourcePolicy | undefined;
  for (const p of policy?.containerPolicies ?? []) {
    if (p.containerName === containerName) return p;
    if (p.containerName === DEFAULT_CONTAINER_RESOURCE_POLICY) defaultPolicy = p;
  }
  return defaultPolicy;
}

/** RequestsAndLimits unless the container's policy says otherwise (mirrors api.go GetContainerControlledValues). */
export function getContainerControlledValues(
  containerName: string,
  policy: PodResourcePolicy | undefined,
): ContainerControlledValues {
  return getContainerResourcePolicy(containerName, policy)?.controlledValues ?? "RequestsAndLimits";
}

/** Status resources when reported, else the spec (mirrors resourcehelpers.ContainerRequestsAndLimits). */
export function containerRequestsAndLimits(container: PodContainer): ContainerResources {
  return container.status ?? container.spec;
}

/** `min` when set, non-zero and larger (mirrors capping.go maybeCapToMin). */
function maybeCapToMin(recommended: number, r: ResourceName, minAllowed: Resources | undefined) {
  const min = minAllowed?.[r];
  return min !== undefined && min !== 0 && recommended < min
    ? { value: min, capped: true }
    : { value: recommended, capped: false };
}

/** `max` when set, non-zero and smaller (mirrors capping.go maybeCapToMax). */
function maybeCapToMax(recommended: number, r: ResourceName, maxAllowed: Resources | undefined) {
  const max = maxAllowed?.[r];
  return max !== undefined && max !== 0 && recommended > max
    ? { value: max, capped: true }
    : { value: recommended, capped: false };
}

function presentResources(resources: Resources): ResourceName[] {
  return RESOURCE_NAMES.filter((r) => resources[r] !== undefined);
}

/** Clamps to [minAllowed, maxAllowed] and names each capping (mirrors capping.go applyVPAPolicy). */
function applyContainerPolicy(
  recommendation: Resources,
  policy: ContainerResourcePolicy | undefined,
): { readonly resources: Resources; readonly annotations: string[] } {
  if (policy === undefined) return { resources: recommendation, annotations: [] };
  const out: MutableResources = { ...recommendation };
  const annotations: string[] = [];
  for (const r of presentResources(recommendation)) {
    const min = maybeCapToMin(recommendation[r] as number, r, policy.minAllowed);
    if (min.capped) annotations.push(`${r} capped to minAllowed`);
    const max = maybeCapToMax(min.value, r, policy.maxAllowed);
    if (max.capped) annotations.push(`${r} capped to maxAllowed`);
    out[r] = max.value;
  }
  return { resources: out, annotations };
}

/** Keeps each bound at or below the container's limit; unset limit = unbounded (mirrors capping.go capRecommendationToContainerLimit). */
function capRecommendationToContainerLimit(
  recommendation: Resources,
  containerLimits: Resources,
): { readonly resources: Resources; readonly annotations: string[] } {
  const out: MutableResources = { ...recommendation };
  const annotations: string[] = [];
  for (const r of presentResources(containerLimits)) {
    const limit = containerLimits[r] as number;
    const recommended = recommendation[r];
    if (recommended !== undefined && recommended > limit) {
      out[r] = limit;
      annotations.push(`${r} capped to container limit`);
    }
  }
  return { resources: out, annotations };
}

/** A capped recommendation and the capping annotations of its target. */
export interface CappedContainerRecommendation {
  readonly recommendation: ContainerRecommendation;
  readonly annotations: readonly string[];
}

/**
 * Caps target, lower and upper bound to the policy and, for RequestsOnly, to the container's limits;
 * only the target's cappings are annotated (mirrors capping.go getCappedRecommendationForContainer).
 */
export function getCappedRecommendationForContainer(
  container: PodContainer,
  recommendation: ContainerRecommendation,
  policy: PodResourcePolicy | undefined,
): CappedContainerRecommendation {
  const containerPolicy = getContainerResourcePolicy(container.name, policy);
  const requestsOnly = getContainerControlledValues(container.name, policy) === "RequestsOnly";
  const { limits } = containerRequestsAndLimits(container);
  const annotations: string[] = [];
  const process = (resources: Resources, annotate: boolean): Resources => {
    const byPolicy = applyContainerPolicy(resources, containerPolicy);
    if (annotate) annotations.push(...byPolicy.annotations);
    if (!requestsOnly) return byPolicy.resources;
    const byLimit = capRecommendationToContainerLimit(byPolicy.resources, limits);
    if (annotate) annotations.push(...byLimit.annotations);
    return byLimit.resources;
  };
  return {
    recommendation: {
      ...recommendation,
      target: process(recommendation.target, true),
      lowerBound: process(recommendation.lowerBound, false),
      upperBound: process(recommendation.upperBound, false),
    },
    annotations,
  };
}

/** Capped recommendations for a pod, and the annotations per container name. */
export interface CappedPodRecommendation {
  readonly recommendations: readonly ContainerRecommendation[];
  readonly annotations: ReadonlyMap<string, readonly string[]>;
}

/**
 * The recommendation for a concrete pod: recommendations of containers the pod lacks are dropped
 * (mirrors capping.go cappingRecommendationProcessor.Apply without LimitRange). Returns undefined when
 * there is neither a recommendation nor a policy.
 */
export function applyCappingProcessor(
  recommendations: readonly ContainerRecommendation[] | undefined,
  containers: readonly PodContainer[],
  policy: PodResourcePolicy | undefined,
): CappedPodRecommendation | undefined {
  if (recommendations === undefined && policy === undefined) return undefined;
  const out: ContainerRecommendation[] = [];
  const annotations = new Map<string, readonly string[]>();
  for (const rec of recommendations ?? []) {
    const container = containers.find((c) => c.name === rec.containerName);
    if (container === undefined) continue;
    const capped = getCappedRecommendationForContainer(container, rec, policy);
    if (capped.annotations.length > 0) annotations.set(rec.containerName, capped.annotations);
    out.push(capped.recommendation);
  }
  return { recommendations: out, annotations };
}

/**
 * Recommender-side capping of target, lower and upper bound (not uncappedTarget) to minAllowed and
 * maxAllowed, where each resource missing from the policy's maxAllowed takes the global
 * --container-recommendation-max-allowed-* value (mirrors capping.go ApplyVPAPolicy / applyVPAPolicyForContainer).
 */
export function applyVPAPolicy(
  recommendations: readonly ContainerRecommendation[],
  policy: PodResourcePolicy | undefined,
  globalMaxAllowed: Resources | undefined,
): ContainerRecommendation[] {
  return recommendations.map((rec) => {
    const containerPolicy = getContainerResourcePolicy(rec.containerName, policy);
    const minAllowed = containerPolicy?.minAllowed;
    let maxAllowed = containerPolicy?.maxAllowed;
    if (maxAllowed === undefined) maxAllowed = globalMaxAllowed;
    else if (globalMaxAllowed !== undefined) maxAllowed = { ...globalMaxAllowed, ...maxAllowed };
    const process = (resources: Resources): Resources => {
      const out: MutableResources = { ...resources };
      for (const r of presentResources(resources)) {
        const min = maybeCapToMin(resources[r] as number, r, minAllowed);
        out[r] = maybeCapToMax(min.value, r, maxAllowed).value;
      }
      return out;
    };
    return {
      ...rec,
      target: process(rec.target),
      lowerBound: process(rec.lowerBound),
      upperBound: process(rec.upperBound),
    };
  });
}
