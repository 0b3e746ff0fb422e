/**
 * Which pods the updater queues for an update, in which order (mirrors
 * pkg/updater/priority/update_priority_calculator.go AddPod and GetSortedPods).
 */
import type { UpdateConfig } from "./config.js";
import { parseVpaObservedContainers, podPriorityLess } from "./priority-processor.js";
import type { ContainerScalingMode, PodPriority } from "./types.js";

/** The last termination of a container (corev1.ContainerStateTerminated), times in Unix seconds. */
export interface LastTermination {
  readonly reason: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** A pod offered to the calculator, with its priority already computed (see priority-processor.ts). */
export interface UpdateCandidate<P = unknown> {
  readonly pod: P;
  readonly priority: PodPriority;
  /** status.startTime, Unix seconds; undefined when not set. */
  readonly startTime?: number;
  readonly containerStatuses: readonly {
    readonly name: string;
    readonly lastTermination?: LastTermination;
  }[];
  /** The pod's `vpaObservedContainers` annotation, if any. */
  readonly observedContainersAnnotation?: string;
}

/** Why a candidate was admitted or not (upstream logs these at V(2)/V(4)). */
export type UpdateVerdict =
  | "OutsideRecommendedRange"
  | "QuickOOM"
  | "LongLivedAndChangedEnough"
  | "MissingStartTime"
  | "ShortLived"
  | "ResourceDiffTooLow"
  | "QuickOOMWithoutChange";

/**
 * True if a container the VPA scales (not mode Off, observed by the admission controller) was
 * OOM-killed after running less than the threshold (mirrors the quick-OOM loop of AddPod).
 */
export function hasQuickOOM(
  candidate: UpdateCandidate,
  evictAfterOOMThresholdSeconds: number,
  scalingModeOf: (containerName: string) => ContainerScalingMode | undefined = () => undefined,
): boolean {
  const observed = parseVpaObservedContainers(candidate.observedContainersAnnotation);
  return candidate.containerStatuses.some((cs) => {
    if (observed !== undefined && !observed.has(cs.name)) return false;
    if (scalingModeOf(cs.name) === "Off") return false;
    const t = cs.lastTermination;
    return (
      t !== undefined &&
      t.reason === "OOMKilled" &&
      t.finishedAt - t.startedAt < evictAfterOOMThresholdSeconds
    );
  });
}

/**
 * Admission to the update queue: outside [lower, upper] or a quick OOM -> yes (a quick OOM only if
 * resourceDiff > 0); otherwise only a pod started at least podLifetimeUpdateThreshold ago whose
 * resourceDiff reaches minChangePriority (mirrors update_priority_calculator.go AddPod).
 */
export function updateVerdict(
  candidate: UpdateCandidate,
  config: UpdateConfig,
  now: number,
  scalingModeOf?: (containerName: string) => ContainerScalingMode | undefined,
): { readonly admitted: boolean; readonly verdict: UpdateVerdict } {
  const { priority } = candidate;
  const quickOOM = hasQuickOOM(candidate, config.evictAfterOOMThresholdSeconds, scalingModeOf);
  if (!priority.outsideRecommendedRange && !quickOOM) {
    if (candidate.startTime === undefined) return { admitted: false, verdict: "MissingStartTime" };
    if (now < candidate.startTime + config.podLifetimeUpdateThresholdSeconds) {
      return { admitted: false, verdict: "ShortLived" };
    }
    if (priority.resourceDiff < config.minChangePriority)
      return { admitted: false, verdict: "ResourceDiffTooLow" };
  }
  if (quickOOM && priority.resourceDiff === 0) return { admitted: false, verdict: "QuickOOMWithoutChange" };
  const verdict = priority.outsideRecommendedRange
    ? "OutsideRecommendedRange"
    : quickOOM
      ? "QuickOOM"
      : "LongLivedAndChangedEnough";
  return { admitted: true, verdict };
}

/**
 * Admitted candidates, highest priority first: scale-ups, then larger resourceDiff (mirrors
 * GetSortedPods). Ties keep the input order: Go's slices.SortFunc does too for up to 12 pods
 * (insertion sort) but not beyond.
 */
export function sortedUpdateQueue<P>(
  candidates: readonly UpdateCandidate<P>[],
  config: UpdateConfig,
  now: number,
  scalingModeOf?: (containerName: string) => ContainerScalingMode | undefined,
): UpdateCandidate<P>[] {
  const admitted = candidates.filter((c) => updateVerdict(c, config, now, scalingModeOf).admitted);
  return admitted
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      if (podPriorityLess(b.c.priority, a.c.priority)) return -1;
      if (podPriorityLess(a.c.priority, b.c.priority)) return 1;
      return a.i - b.i;
    })
    .map(({ c }) => c);
}
