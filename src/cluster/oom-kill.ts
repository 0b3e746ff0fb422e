/**
 * The OOM-kill rules the workload applies (Workload.checkOom): which limit a pod's memory is held to, when the
 * kubelet restarts a killed container, and what the VPA recommender's OOM observer records.
 */
import type { ContainerTemplate, PodLifecycle } from "../engine/run-inputs.js";
import type { SimPod, SimPodState } from "./sim-pod.js";

/** kubelet container restart back-off (pkg/kubelet/kubelet.go backOffPeriod 10 s, MaxContainerBackOff 300 s). */
export const OOM_BACKOFF_INITIAL_SECONDS = 10;
export const OOM_BACKOFF_MAX_SECONDS = 300;
/** flowcontrol.Backoff forgets an entry after 2 x the maximum without a new failure. */
export const OOM_BACKOFF_RESET_SECONDS = 600;

/** An OOM kill, as the VPA recommender's OOM observer reads it. */
export interface OomKill {
  readonly pod: string;
  readonly container: string;
  readonly t: number;
  /** The container's memory request then, bytes (what the observer reports for an OOMKilled status). */
  readonly memoryRequestBytes: number;
}

/** Memory limit of the first regular container in bytes (where the usage model puts a pod's memory); Infinity if none. */
export function firstContainerMemoryLimit(containers: readonly ContainerTemplate[]): number {
  const first = containers.find((c) => c.init !== true);
  const limit = first?.limits.memory;
  return limit === undefined ? Number.POSITIVE_INFINITY : Number((limit + 999n) / 1000n);
}

/**
 * When a container killed at t runs and is Ready again (mirrors kubelet kuberuntime doBackOff: the first
 * restart at once, then 10 s doubling to 300 s; the count resets after 600 s without a kill).
 */
export function restartAfterOomKill(
  p: SimPod,
  t: number,
  lc: PodLifecycle,
): {
  readonly streak: number;
  readonly restartAt: number;
  readonly readyAt: number;
  readonly lastOom: { readonly startedAt: number; readonly finishedAt: number };
} {
  const recent = p.lastOom !== undefined && t - p.lastOom.finishedAt < OOM_BACKOFF_RESET_SECONDS;
  const streak = recent ? (p.oomStreak ?? 0) + 1 : 1;
  const delay =
    streak === 1 ? 0 : Math.min(OOM_BACKOFF_MAX_SECONDS, OOM_BACKOFF_INITIAL_SECONDS * 2 ** (streak - 2));
  return {
    streak,
    restartAt: t + delay,
    readyAt: t + delay + lc.startupSeconds + lc.readinessSeconds,
    lastOom: { startedAt: p.restartAt ?? p.runningAt ?? t, finishedAt: t },
  };
}

/**
 * Marks `p` OOM-killed at t: restarted after the back-off, Ready again after start-up, memory from zero. With
 * per-container usage models (`containers`, in the order of SimPod.memPeakParts) only the killed container's
 * memory (SimPod.oomContainer) restarts; the others' stays allocated.
 */
export function markOomKilled(
  p: SimPod,
  t: number,
  lc: PodLifecycle,
  containers: readonly { readonly name: string }[] = [],
): void {
  const r = restartAfterOomKill(p, t, lc);
  p.lastOom = r.lastOom;
  p.oomStreak = r.streak;
  p.restarts = (p.restarts ?? 0) + 1;
  p.restartAt = r.restartAt;
  p.unreadySince = t;
  p.readyAt = r.readyAt;
  p.memPeak = 0;
  const part = containers.findIndex((c) => c.name === p.oomContainer);
  if (part >= 0 && p.memPeakParts !== undefined) p.memPeakParts[part] = 0;
}

/**
 * With per-container usage models: the first of pod `p`'s containers (in template order) whose memory in state `s`
 * is above its own memory limit (the kubelet's cgroup limit for that container), or null.
 */
export function containerOverLimit(
  ledger: {
    readonly containerUsage: readonly { readonly name: string }[];
    containerMemoryInState(p: SimPod, s: SimPodState, j: number): number;
  },
  containers: readonly ContainerTemplate[],
  p: SimPod,
  s: SimPodState,
): string | null {
  for (let j = 0; j < ledger.containerUsage.length; j++) {
    const name = (ledger.containerUsage[j] as { name: string }).name;
    const limit = containers.find((c) => c.name === name)?.limits.memory;
    if (limit === undefined) continue;
    if (ledger.containerMemoryInState(p, s, j) > Number((limit + 999n) / 1000n)) return name;
  }
  return null;
}

/**
 * What the OOM observer records of a kill: the killed container (SimPod.oomContainer, else the first regular one)
 * and its memory request (bytes).
 */
export function killedRecord(
  p: SimPod,
  t: number,
  templateContainers: readonly ContainerTemplate[],
): OomKill {
  const list = p.template?.containers ?? templateContainers;
  const container = list.find((c) => c.name === p.oomContainer) ?? list.find((c) => c.init !== true);
  return {
    pod: p.name,
    container: container?.name ?? "",
    t,
    memoryRequestBytes: Number(((container?.requests.memory ?? 0n) + 999n) / 1000n),
  };
}
