/**
 * Which live pods the updater wants to update in this loop, highest priority first (mirrors updater.go
 * getPodsUpdateOrder: UpdatePriorityCalculator.AddPod for every pod, GetSortedPods filtered by the
 * scaling-direction eviction admission of updatePolicy.evictionRequirements). The priority and
 * admission arithmetic is priority-processor.ts / update-priority.ts; the pod's own
 * `vpaObservedContainers` annotation is not modelled (every replayed pod is admitted with the VPA in
 * place, so it would name every container).
 */
import type { EvictionRequirement } from "../../scenario/vpa-manifest-types.js";
import {
  applyCappingProcessor,
  getCappedRecommendationForContainer,
  getContainerControlledValues,
  getContainerResourcePolicy,
} from "../capping.js";
import { getUpdatePriority } from "../priority-processor.js";
import type {
  ContainerRecommendation,
  PodContainer,
  PodPriority,
  ResourceName,
  Resources,
} from "../types.js";
import { sortedUpdateQueue, type UpdateCandidate, updateVerdict } from "../update-priority.js";
import type { VpaReplayInput } from "./config.js";
import { podContainersOf } from "./container-resources.js";
import { milliFromAmount, resourcesFromMilli } from "./quantities.js";
import type { UpdateReason, VpaPod } from "./types.js";

/** A pod admitted to the update queue. */
export interface QueuedPod {
  readonly pod: VpaPod;
  readonly priority: PodPriority;
  readonly reason: UpdateReason;
}

/**
 * Capped container recommendations already computed in one updater loop: recommendation entry -> the
 * container's limits (as capping reads them; null when capping ignores limits) -> the capped entry.
 * Valid for one recommendation list and one policy; pods of a loop mostly share the result.
 */
export type CappingMemo = Map<ContainerRecommendation, Map<Resources | null, ContainerRecommendation>>;

/**
 * The capped recommendation for this pod (cappingRecommendationProcessor.Apply); undefined = nil. With a
 * memo (one per recommendation list and policy), each entry is capped once per distinct input: capping
 * reads only the entry, the policy and, for RequestsOnly, the container's limits.
 */
export function processedRecommendationFor(
  pod: VpaPod,
  recommendation: readonly ContainerRecommendation[] | undefined,
  input: VpaReplayInput,
  memo?: CappingMemo,
): readonly ContainerRecommendation[] | undefined {
  const policy = input.resourcePolicy;
  if (memo === undefined || recommendation === undefined) {
    return applyCappingProcessor(recommendation, podContainersOf(pod.containers), policy)?.recommendations;
  }
  const out: ContainerRecommendation[] = [];
  for (const rec of recommendation) {
    const container = pod.containers.find((c) => c.name === rec.containerName);
    if (container === undefined) continue;
    const key =
      getContainerControlledValues(container.name, policy) === "RequestsOnly"
        ? resourcesFromMilli(container.limits)
        : null;
    let byLimits = memo.get(rec);
    if (byLimits === undefined) {
      byLimits = new Map();
      memo.set(rec, byLimits);
    }
    let capped = byLimits.get(key);
    if (capped === undefined) {
      const [pc] = podContainersOf([container]);
      capped = getCappedRecommendationForContainer(pc as PodContainer, rec, policy).recommendation;
      byLimits.set(key, capped);
    }
    out.push(capped);
  }
  return out;
}

function isResourceName(r: string): r is ResourceName {
  return r === "cpu" || r === "memory";
}

/**
 * A container passes when, for every requirement, at least one of its resources changes in the
 * required direction; a container without a cpu or memory request always passes
 * (mirrors scaling_direction_pod_eviction_admission.go admitContainer / checkEvictionRequirementsForContainer).
 */
function admitContainer(
  requests: VpaPod["containers"][number]["requests"],
  target: ContainerRecommendation["target"],
  requirements: readonly EvictionRequirement[],
): boolean {
  if (requests.cpu === undefined || requests.memory === undefined) return true;
  return requirements.every((req) =>
    req.resources.some((r) => {
      const current = requests[r] ?? 0n; // Quantity.MilliValue() of a missing entry is 0
      const recommended = isResourceName(r) ? milliFromAmount(r, target[r] ?? 0) : 0n;
      if (req.changeRequirement === "TargetHigherThanRequests") return recommended > current;
      return recommended < current;
    }),
  );
}

/**
 * Admitted when some container with a recommendation satisfies every requirement; a VPA without
 * requirements admits every pod (mirrors scalingDirectionPodEvictionAdmission.Admit; LoopInit only
 * registers requirements of a VPA with an updatePolicy, approximated here by a non-empty list).
 */
export function admitByScalingDirection(
  pod: VpaPod,
  processed: readonly ContainerRecommendation[] | undefined,
  requirements: readonly EvictionRequirement[],
): boolean {
  if (requirements.length === 0) return true;
  return pod.containers.some((c) => {
    const rec = processed?.find((r) => r.containerName === c.name);
    return rec !== undefined && admitContainer(c.requests, rec.target, requirements);
  });
}

/** What one updater loop derives from a pod's containers list alone. */
interface ContainersFacts {
  readonly processed: readonly ContainerRecommendation[] | undefined;
  readonly priority: PodPriority;
  readonly containerStatuses: UpdateCandidate["containerStatuses"];
}

/**
 * The pods to update, highest priority first: scale-ups, then larger resourceDiff; ties keep the
 * order of `pods` (mirrors updater.go getPodsUpdateOrder).
 */
export function getPodsUpdateOrder(
  pods: readonly VpaPod[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  input: VpaReplayInput,
  now: number,
): QueuedPod[] {
  const scalingModeOf = (name: string) => getContainerResourcePolicy(name, input.resourcePolicy)?.mode;
  const processed = new Map<VpaPod, readonly ContainerRecommendation[] | undefined>();
  const memo: CappingMemo = new Map();
  // Everything below but the pod's name and times depends only on its containers list, an immutable
  // value that pods of one template share: worked out once per list in this loop.
  const byContainers = new Map<VpaPod["containers"], ContainersFacts>();
  const candidates: UpdateCandidate<VpaPod>[] = pods.map((pod) => {
    let facts = byContainers.get(pod.containers);
    if (facts === undefined) {
      const rec = processedRecommendationFor(pod, recommendation, input, memo);
      facts = {
        processed: rec,
        priority: getUpdatePriority(podContainersOf(pod.containers), rec),
        containerStatuses: pod.containers.map((c) =>
          c.lastTermination !== undefined
            ? { name: c.name, lastTermination: c.lastTermination }
            : { name: c.name },
        ),
      };
      byContainers.set(pod.containers, facts);
    }
    processed.set(pod, facts.processed);
    return {
      pod,
      priority: facts.priority,
      ...(pod.startTime !== undefined ? { startTime: pod.startTime } : {}),
      containerStatuses: facts.containerStatuses,
    };
  });
  const queue: QueuedPod[] = [];
  for (const c of sortedUpdateQueue(candidates, input.config.update, now, scalingModeOf)) {
    if (!admitByScalingDirection(c.pod, processed.get(c.pod), input.evictionRequirements)) continue;
    const { verdict } = updateVerdict(c, input.config.update, now, scalingModeOf);
    const reason: UpdateReason =
      verdict === "OutsideRecommendedRange" || verdict === "QuickOOM" ? verdict : "LongLivedAndChangedEnough";
    queue.push({ pod: c.pod, priority: c.priority, reason });
  }
  return queue;
}
