/** Pod grouping before a replica calculation (mirrors replica_calculator.go groupPods). */
import type { PodInfo } from "./types.js";

/** A per-pod metric value as the metrics client returns it (mirrors metrics PodMetric). */
export interface PodMetric {
  /** Milli-units. */
  readonly value: bigint;
  readonly timestamp: number;
  readonly windowSeconds: number;
}

export interface PodGroups {
  readonly readyPodCount: number;
  readonly ready: string[];
  readonly unready: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly ignored: ReadonlySet<string>;
}

/** The empty group (most syncs have no unready, missing or ignored pod): one shared, never-written set. */
const NONE: ReadonlySet<string> = new Set<string>();

function added(set: ReadonlySet<string>, name: string): Set<string> {
  const out = set === NONE ? new Set<string>() : (set as Set<string>);
  out.add(name);
  return out;
}

/**
 * Puts every selected pod in exactly one group: ignored (deleted or terminal), unready (Pending, or for cpu
 * the initialization / readiness rules), missing (no metric), else ready. Times in seconds.
 */
export function groupPods(
  pods: readonly PodInfo[],
  metrics: ReadonlyMap<string, PodMetric>,
  resource: string,
  cpuInitializationPeriodSeconds: number,
  delayOfInitialReadinessStatusSeconds: number,
  now: number,
): PodGroups {
  const ready: string[] = [];
  let unready = NONE;
  let missing = NONE;
  let ignored = NONE;
  for (const pod of pods) {
    // mirrors podutil.IsPodTerminal: Failed or Succeeded
    if (pod.deleted || pod.phase === "Failed" || pod.phase === "Succeeded") {
      ignored = added(ignored, pod.name);
      continue;
    }
    if (pod.phase === "Pending") {
      unready = added(unready, pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (metric === undefined) {
      missing = added(missing, pod.name);
      continue;
    }
    if (
      resource === "cpu" &&
      isCpuUnready(
        pod,
        metric.timestamp,
        metric.windowSeconds,
        cpuInitializationPeriodSeconds,
        delayOfInitialReadinessStatusSeconds,
        now,
      )
    ) {
      unready = added(unready, pod.name);
      continue;
    }
    ready.push(pod.name);
  }
  return { readyPodCount: ready.length, ready, unready, missing, ignored };
}

/** The cpu readiness rule of groupPods for a Running pod whose metric was sampled at `timestamp` over `windowSeconds`. */
export function isCpuUnready(
  pod: PodInfo,
  timestamp: number,
  windowSeconds: number,
  cpuInit: number,
  readinessDelay: number,
  now: number,
): boolean {
  const condition = pod.ready;
  if (condition === null || pod.startTime === null) return true;
  if (pod.startTime + cpuInit > now) {
    // still initializing: unready if not ready, or the sample is not a full window after the last readiness change
    return condition.status === "False" || timestamp < condition.lastTransitionTime + windowSeconds;
  }
  // initialization over: unready only if it never became ready after the initial readiness delay
  return condition.status === "False" && pod.startTime + readinessDelay > condition.lastTransitionTime;
}
