/** How many of a workload's pods are in each state at a time (the timeline's pod columns). */

import { podState, type SimPod } from "../cluster/sim-pod.js";

export interface PodCounts {
  readonly ready: number;
  readonly pending: number;
  /** Starting or Running but not Ready. */
  readonly starting: number;
  readonly terminating: number;
  /** Neither terminating nor gone. */
  readonly active: number;
}

export function countPods(pods: readonly SimPod[], now: number): PodCounts {
  let ready = 0;
  let pending = 0;
  let starting = 0;
  let terminating = 0;
  let active = 0;
  for (const p of pods) {
    const s = podState(p, now);
    if (s === "ready") ready++;
    else if (s === "pending") pending++;
    else if (s === "starting" || s === "running") starting++;
    else if (s === "terminating") terminating++;
    if (s !== "terminating" && s !== "gone") active++;
  }
  return { ready, pending, starting, terminating, active };
}

/** Writes the counts into a timeline interval's pod columns; returns the active pods. */
export function countPodsInto(
  iv: { readyReplicas: number; pendingPods: number; startingPods: number; terminatingPods: number },
  pods: readonly SimPod[],
  now: number,
): number {
  const c = countPods(pods, now);
  iv.readyReplicas = c.ready;
  iv.pendingPods = c.pending;
  iv.startingPods = c.starting;
  iv.terminatingPods = c.terminating;
  return c.active;
}
