/**
 * Runners for the updater / admission kinds of ../shared/conformance/vpa: vpa.cappingProcessor,
 * vpa.applyPolicy, vpa.proportionalLimit, vpa.updatePriority, vpa.updateDecision and
 * vpa.evictionRestriction (FORMAT-vpa-ca.md).
 */
import { parseQuantityRational } from "../units/quantity.js";
import { applyCappingProcessor, applyVPAPolicy } from "../vpa/capping.js";
import { canEvict, evict, getGroupStats, type PodPhase } from "../vpa/eviction-restriction.js";
import {
  getProportionalResourceLimit,
  milliQuantity,
  type Quantity,
  quantityMilliValue,
  quantityValue,
  unitQuantity,
} from "../vpa/limit-proportion.js";
import { getUpdatePriority } from "../vpa/priority-processor.js";
import type {
  ContainerControlledValues,
  ContainerRecommendation,
  PodContainer,
  PodResourcePolicy,
} from "../vpa/types.js";
import { sortedUpdateQueue, type UpdateCandidate } from "../vpa/update-priority.js";
import { arr, fromBigAmount, fromResources, type Json, num, toResources } from "./vpa-case-input.js";

function toRecommendation(name: string, r: Json): ContainerRecommendation {
  const rec: ContainerRecommendation = {
    containerName: name,
    target: toResources(r?.target, "recommendation.target"),
    lowerBound: toResources(r?.lowerBound, "recommendation.lowerBound"),
    upperBound: toResources(r?.upperBound, "recommendation.upperBound"),
  };
  return r?.uncappedTarget === undefined
    ? rec
    : { ...rec, uncappedTarget: toResources(r.uncappedTarget, "recommendation.uncappedTarget") };
}

function fromRecommendation(r: ContainerRecommendation): Record<string, unknown> {
  return {
    target: fromResources(r.target),
    lowerBound: fromResources(r.lowerBound),
    upperBound: fromResources(r.upperBound),
    ...(r.uncappedTarget === undefined ? {} : { uncappedTarget: fromResources(r.uncappedTarget) }),
  };
}

/** vpa.cappingProcessor: the updater-side capping of one container, with its annotations. */
export function runCappingProcessor(input: Json): Record<string, unknown> {
  if (input.limitRange !== undefined && input.limitRange !== null)
    throw new Error("LimitRange capping is not modelled");
  const name = "ctr-name";
  const controlledValues: ContainerControlledValues = input.controlledValues ?? "RequestsAndLimits";
  // Without controlledValues, minAllowed and maxAllowed the VPA has no resource policy.
  const hasPolicy = (input.controlledValues ?? null) !== null || input.minAllowed || input.maxAllowed;
  const policy: PodResourcePolicy | undefined = hasPolicy
    ? {
        containerPolicies: [
          {
            containerName: "*",
            controlledValues,
            ...(input.minAllowed ? { minAllowed: toResources(input.minAllowed, "minAllowed") } : {}),
            ...(input.maxAllowed ? { maxAllowed: toResources(input.maxAllowed, "maxAllowed") } : {}),
          },
        ],
      }
    : undefined;
  const container: PodContainer = {
    name,
    spec: { requests: {}, limits: toResources(input.containerLimits, "containerLimits") },
    ...(input.containerStatusLimits
      ? {
          status: { requests: {}, limits: toResources(input.containerStatusLimits, "containerStatusLimits") },
        }
      : {}),
  };
  const recommendations =
    input.recommendation === null ? undefined : [toRecommendation(name, input.recommendation)];
  const capped = applyCappingProcessor(recommendations, [container], policy);
  // No recommendation and no policy: upstream returns nil (capping.go cappingRecommendationProcessor.Apply).
  if (capped === undefined) return { recommendation: null, target: null, lowerBound: null, upperBound: null };
  const rec = capped.recommendations[0];
  if (rec === undefined) return { error: "no recommendation for the container" };
  const annotations = capped.annotations.get(name) ?? [];
  return { ...fromRecommendation(rec), annotationContains: annotations, annotationsContain: annotations };
}

/** vpa.applyPolicy: the recommender-side capping to minAllowed / maxAllowed and the global maximum. */
export function runApplyPolicy(input: Json): Record<string, unknown> {
  // A nil recommendation stays nil (capping.go ApplyVPAPolicy).
  if (input.recommendation === null) {
    return { recommendation: null, target: null, lowerBound: null, upperBound: null, uncappedTarget: null };
  }
  const name = "foo";
  const cp = input.containerPolicy;
  const policy: PodResourcePolicy | undefined =
    cp === null || cp === undefined
      ? undefined
      : {
          containerPolicies: [
            {
              containerName: name,
              ...(cp.minAllowed
                ? { minAllowed: toResources(cp.minAllowed, "containerPolicy.minAllowed") }
                : {}),
              ...(cp.maxAllowed
                ? { maxAllowed: toResources(cp.maxAllowed, "containerPolicy.maxAllowed") }
                : {}),
            },
          ],
        };
  const global = input.globalMaxAllowed ? toResources(input.globalMaxAllowed, "globalMaxAllowed") : undefined;
  const [rec] = applyVPAPolicy([toRecommendation(name, input.recommendation)], policy, global);
  return rec === undefined ? {} : fromRecommendation(rec);
}

/** One of the `<field>Milli` / `<field>Bytes` / `<field>Quantity` inputs, absent = nil. */
function quantityField(input: Json, field: string): Quantity | undefined {
  if (input[`${field}Quantity`] !== undefined)
    return parseQuantityRational(String(input[`${field}Quantity`]));
  if (input[`${field}Milli`] !== undefined)
    return milliQuantity(BigInt(num(input[`${field}Milli`], `${field}Milli`)));
  if (input[`${field}Bytes`] !== undefined)
    return unitQuantity(BigInt(num(input[`${field}Bytes`], `${field}Bytes`)));
  return undefined;
}

/** vpa.proportionalLimit: the new limit (millicores or bytes; null = none) and whether it is annotated. */
export function runProportionalLimit(input: Json): Record<string, unknown> {
  const resource = input.resource;
  if (resource !== "cpu" && resource !== "memory") throw new TypeError("resource: expected cpu or memory");
  const r = getProportionalResourceLimit(
    resource,
    quantityField(input, "originalLimit"),
    quantityField(input, "originalRequest"),
    quantityField(input, "recommendedRequest"),
    quantityField(input, "defaultLimit"),
  );
  const limit =
    r.limit === undefined
      ? null
      : fromBigAmount(resource === "cpu" ? quantityMilliValue(r.limit) : quantityValue(r.limit));
  return { [resource === "cpu" ? "limitMilli" : "limitBytes"]: limit, annotation: r.annotation !== "" };
}

/** vpa.updatePriority: the pod priority, or per `cases[]` annotation the resourceDiff (and flags). */
export function runUpdatePriority(input: Json): Record<string, unknown> {
  const containers = arr(input.containers, "containers");
  const pod: PodContainer[] = containers.map((c: Json, i: number) => ({
    name: String(c.name),
    spec: { requests: toResources(c.request, `containers[${i}].request`), limits: {} },
    ...(c.containerStatusRequest
      ? {
          status: {
            requests: toResources(c.containerStatusRequest, `containers[${i}].containerStatusRequest`),
            limits: {},
          },
        }
      : {}),
  }));
  const recommendation = containers.map((c: Json) => toRecommendation(String(c.name), c));
  if (input.cases === undefined) return { ...getUpdatePriority(pod, recommendation) };
  const priorities = arr(input.cases, "cases").map((c: Json) =>
    getUpdatePriority(
      pod,
      recommendation,
      c.annotation === null || c.annotation === undefined ? undefined : String(c.annotation),
    ),
  );
  return {
    outsideRecommendedRange: priorities.map((p) => p.outsideRecommendedRange),
    scaleUp: priorities.map((p) => p.scaleUp),
    resourceDiff: priorities.map((p) => p.resourceDiff),
  };
}

/** vpa.updateDecision: the pods admitted to the update queue, in order (now = 0, times in the past). */
export function runUpdateDecision(input: Json): Record<string, unknown> {
  const c = input.config ?? {};
  const config = {
    minChangePriority: num(c.minChangePriority, "config.minChangePriority"),
    podLifetimeUpdateThresholdSeconds:
      num(c.podLifetimeUpdateThresholdHours, "config.podLifetimeUpdateThresholdHours") * 3600,
    evictAfterOOMThresholdSeconds:
      num(c.evictAfterOOMThresholdMinutes, "config.evictAfterOOMThresholdMinutes") * 60,
  };
  const now = 0;
  const candidates: UpdateCandidate<string>[] = arr(input.pods, "pods").map((p: Json, i: number) => {
    const what = `pods[${i}]`;
    const age = p.podAgeHours ?? input.podAgeHours;
    const t = p.lastTermination;
    return {
      pod: String(p.name),
      priority: {
        outsideRecommendedRange: p.priority?.outsideRecommendedRange === true,
        scaleUp: p.priority?.scaleUp === true,
        resourceDiff: num(p.priority?.resourceDiff, `${what}.priority.resourceDiff`),
      },
      ...(age === null || age === undefined
        ? {}
        : { startTime: now - num(age, `${what}.podAgeHours`) * 3600 }),
      containerStatuses: [
        {
          name: String(p.containerName ?? ""),
          ...(t
            ? {
                lastTermination: {
                  reason: String(t.reason),
                  startedAt: now - num(t.startedMinutesAgo, `${what}.lastTermination.startedMinutesAgo`) * 60,
                  finishedAt:
                    now - num(t.finishedMinutesAgo, `${what}.lastTermination.finishedMinutesAgo`) * 60,
                },
              }
            : {}),
        },
      ],
      ...(typeof p.annotation === "string" ? { observedContainersAnnotation: p.annotation } : {}),
    };
  });
  return { order: sortedUpdateQueue(candidates, config, now).map((cand) => cand.pod) };
}

/** vpa.evictionRestriction: CanEvict for every pod before any eviction, then evictions in order. */
export function runEvictionRestriction(input: Json): Record<string, unknown> {
  const livePods = num(input.livePods, "livePods");
  const phases: PodPhase[] = input.livePodPhases
    ? arr(input.livePodPhases, "livePodPhases").map((p) => (p === "Pending" ? "Pending" : "Running"))
    : new Array<PodPhase>(livePods).fill("Running");
  let stats = getGroupStats(
    {
      configuredReplicas: num(input.configuredReplicas, "configuredReplicas"),
      podPhases: phases,
      ...(input.kind === "Job" ? { kind: "Job" as const } : {}),
    },
    num(input.minReplicas, "minReplicas"),
    num(input.evictionToleranceFraction, "evictionToleranceFraction"),
  );
  const answers = phases.map((p) => canEvict(stats, p));
  let successfulEvictions = 0;
  const attempts = num(input.evictAttempts, "evictAttempts");
  for (let i = 0; i < attempts; i++) {
    const outcome = evict(stats, phases[i % phases.length] ?? "Running");
    stats = outcome.stats;
    if (outcome.evicted) successfulEvictions++;
  }
  const uniform = answers.every((a) => a === answers[0]);
  return { canEvictEach: uniform ? (answers[0] ?? null) : answers, successfulEvictions };
}
