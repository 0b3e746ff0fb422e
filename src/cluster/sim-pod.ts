/**
 * A simulated pod: its lifecycle times and usage bookkeeping. The engine owns these records and mutates
 * them in place (the controllers only ever see immutable PodInfo snapshots built from them).
 *
 * Lifecycle: created -> Pending (unbound) -> bound (status.startTime; still Pending while the image is
 * pulled and containers start) -> Running, not Ready -> Ready -> deleted (terminating: out of the Service at
 * once, resources held for the grace period) -> gone.
 */

import type { ContainerTemplate } from "../engine/run-inputs.js";
import type { PodInfo, ResourceList } from "../hpa/types.js";

export interface SimPod {
  readonly name: string;
  /** Creation order (1-based). */
  readonly seq: number;
  /** A StatefulSet pod's ordinal (its name is `<set>-<ordinal>`); -1 for a ReplicaSet's pod. */
  readonly ordinal: number;
  readonly createdAt: number;
  /** Bound to a node: status.startTime. null = not scheduled yet. */
  boundAt: number | null;
  /** Containers running (phase Running). */
  runningAt: number | null;
  /** Ready condition became True. */
  readyAt: number | null;
  /** End of the start-up CPU burst. */
  burstEndsAt: number | null;
  /** deletionTimestamp. */
  deletedAt: number | null;
  /** Removed from the API after its grace period. */
  goneAt: number | null;
  /** Cumulative CPU core-seconds up to `cumAt`. */
  cpuCum: number;
  /** Cumulative custom-metric value-seconds per Pods metric, up to `cumAt`. */
  customCum: Float64Array;
  cumAt: number;
  /** Global ready-usage integrals at `cumAt` (cpu, then each custom metric), when the pod was Ready. */
  readyIntegralsAt: Float64Array;
  /** Highest memory bytes seen while the pod lived (sticky memory). */
  memPeak: number;
  /** With per-container usage: each container's highest memory bytes since it (re)started (sticky memory). */
  memPeakParts?: Float64Array;
  /**
   * The pod's own containers when they differ from the workload's template (set by the VPA admission
   * controller at creation, replaced by an in-place resize); absent = the template's.
   */
  template?: PodTemplateInfo;
  /** Set by an OOM kill: Ready turned False at this time (the container restarts; phase stays Running). */
  unreadySince?: number;
  /** The last OOM kill of the pod's (first) container: killed at `finishedAt`, it had started at `startedAt`. */
  lastOom?: { readonly startedAt: number; readonly finishedAt: number };
  /** Container restarts (OOM kills) so far. */
  restarts?: number;
  /** Consecutive OOM kills (for the crash-loop back-off). */
  oomStreak?: number;
  /** After an OOM kill: when the container runs again (until then no OOM check; usage counts as idle). */
  restartAt?: number;
  /**
   * metrics-server's previous sample of the pod (src/metrics/metrics-server.ts): the full scrape that took it (a
   * number unique over all servers; 0 = none), the cumulative CPU then and the container restarts then. Only
   * valid while `scrapeId` is the id of its server's latest full scrape (steady repeats since leave the pods
   * alone: the server keeps how much their cumulative CPU grew).
   */
  scrapeId?: number;
  scrapeCum?: number;
  scrapeRestarts?: number;
  /** The container the last OOM kill killed, with per-container usage models (else the first regular one). */
  oomContainer?: string | undefined;
  /** With per-container usage models: each container's cumulative CPU at that scrape (container-parts.ts). */
  scrapeParts?: Float64Array | undefined;
}

export type SimPodState = "pending" | "starting" | "running" | "ready" | "terminating" | "gone";

/** The pod's state at time t (transitions take effect at their second). */
export function podState(p: SimPod, t: number): SimPodState {
  if (p.goneAt !== null && p.goneAt <= t) return "gone";
  if (p.deletedAt !== null && p.deletedAt <= t) return "terminating";
  if (p.readyAt !== null && p.readyAt <= t) return "ready";
  if (p.runningAt !== null && p.runningAt <= t) return "running";
  if (p.boundAt !== null && p.boundAt <= t) return "starting";
  return "pending";
}

/** What every pod of the workload shares in its PodInfo (lists built once per workload). */
export interface PodTemplateInfo {
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly ContainerTemplate[];
  readonly initContainers: readonly ContainerTemplate[];
  readonly podRequests: ResourceList | undefined;
}

/** Splits the template's containers into the regular and init lists a PodInfo holds. */
export function podTemplateInfo(
  labels: Readonly<Record<string, string>>,
  containers: readonly ContainerTemplate[],
  podRequests: ResourceList | undefined,
): PodTemplateInfo {
  return {
    labels,
    containers: containers.filter((c) => c.init !== true),
    initContainers: containers.filter((c) => c.init === true),
    podRequests,
  };
}

/**
 * The part of a pod's state its PodInfo shows at t, as bits (bound 1, running 2, ready 4, deleted 8): a PodInfo
 * stays valid while this (and the pod's boundAt / readyAt) is unchanged.
 */
export function podInfoState(p: SimPod, t: number): number {
  return (
    (p.boundAt !== null && p.boundAt <= t ? 1 : 0) |
    (p.runningAt !== null && p.runningAt <= t ? 2 : 0) |
    (p.readyAt !== null && p.readyAt <= t ? 4 : 0) |
    (p.deletedAt !== null && p.deletedAt <= t ? 8 : 0)
  );
}

/** The PodInfo the HPA reads (phase, start time, Ready condition, deletion), from the pod template. */
export function toPodInfo(p: SimPod, t: number, workloadTemplate: PodTemplateInfo): PodInfo {
  const template = p.template ?? workloadTemplate;
  const running = p.runningAt !== null && p.runningAt <= t;
  const ready = p.readyAt !== null && p.readyAt <= t;
  const bound = p.boundAt !== null && p.boundAt <= t;
  // The Ready condition exists once the kubelet has the pod; False since start, True since readyAt.
  const readyCondition = bound
    ? {
        status: ready ? ("True" as const) : ("False" as const),
        lastTransitionTime: ready ? (p.readyAt as number) : (p.unreadySince ?? (p.boundAt as number)),
      }
    : null;
  const info: { -readonly [K in keyof PodInfo]: PodInfo[K] } = {
    name: p.name,
    labels: template.labels,
    phase: running ? "Running" : "Pending",
    startTime: bound ? p.boundAt : null,
    ready: readyCondition,
    deleted: p.deletedAt !== null && p.deletedAt <= t,
    containers: template.containers,
    initContainers: template.initContainers,
  };
  if (template.podRequests !== undefined) info.podRequests = template.podRequests;
  return info;
}
