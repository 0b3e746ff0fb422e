/**
 * Pending pods too young to trigger a scale-up: age must be strictly greater than the global
 * --new-pod-scale-up-delay or the pod's own delay annotation, which only counts when it parses and is not
 * shorter than the global value (mirrors core/static_autoscaler.go filterOutYoungPods, log lines included).
 */
import { GoDurationError, parseGoDuration } from "../units/go-duration.js";
import type { Pod } from "./types.js";

/** annotations.PodScaleUpDelayAnnotationKey. */
export const POD_SCALE_UP_DELAY_ANNOTATION = "cluster-autoscaler.kubernetes.io/pod-scale-up-delay";

const NS_PER_SECOND = 1_000_000_000;

export interface FilterYoungPodsResult {
  /** Pods old enough, in input order. */
  readonly kept: readonly Pod[];
  /** The error lines upstream logs (klog.Errorf) for bad annotations. */
  readonly log: readonly string[];
}

/** Pods created more than their scale-up delay before `now` (seconds; pods without createdAt count as age 0). */
export function filterOutYoungPods(
  pods: readonly Pod[],
  newPodScaleUpDelaySeconds: number,
  now: number,
): FilterYoungPodsResult {
  const kept: Pod[] = [];
  const log: string[] = [];
  const globalNs = BigInt(Math.round(newPodScaleUpDelaySeconds * NS_PER_SECOND));
  for (const pod of pods) {
    const ageNs = BigInt(Math.round((now - (pod.createdAt ?? now)) * NS_PER_SECOND));
    let delayNs = globalNs;
    const text = pod.annotations?.[POD_SCALE_UP_DELAY_ANNOTATION];
    if (text !== undefined) {
      try {
        const annotated = parseGoDuration(text);
        if (annotated < delayNs) {
          log.push(
            `Failed to set pod scale up delay for ${JSON.stringify(pod.name)} through annotation ${POD_SCALE_UP_DELAY_ANNOTATION}: ${annotated} is less then ${globalNs}`,
          );
        } else delayNs = annotated;
      } catch (e) {
        if (!(e instanceof GoDurationError)) throw e;
        log.push(
          `Failed to parse pod ${JSON.stringify(pod.name)} annotation ${POD_SCALE_UP_DELAY_ANNOTATION}: ${e.message}`,
        );
      }
    }
    if (ageNs > delayNs) kept.push(pod);
  }
  return { kept, log };
}

/**
 * The scale-up delay filterOutYoungPods applies to the pod, in seconds: the annotation when it parses and
 * is not shorter than the global delay, else the global delay.
 */
export function podScaleUpDelaySeconds(pod: Pod, newPodScaleUpDelaySeconds: number): number {
  const globalNs = BigInt(Math.round(newPodScaleUpDelaySeconds * NS_PER_SECOND));
  const text = pod.annotations?.[POD_SCALE_UP_DELAY_ANNOTATION];
  if (text === undefined) return Number(globalNs) / NS_PER_SECOND;
  try {
    const annotated = parseGoDuration(text);
    return Number(annotated < globalNs ? globalNs : annotated) / NS_PER_SECOND;
  } catch (e) {
    if (!(e instanceof GoDurationError)) throw e;
    return Number(globalNs) / NS_PER_SECOND;
  }
}
