/**
 * The usage bookkeeping of a workload's pods. Usage is piecewise constant between engine events: every Ready pod
 * uses the same per-pod rate, so Ready pods share global integrals (`readyIntegrals`) and a pod only needs
 * settling (its cumulative CPU / custom-metric counters brought up to a time) when its own state changes.
 * Memory is the usage model's at the pod's load, or with sticky memory the highest it has been.
 */

import { objectList } from "../engine/object-list.js";
import type { ContainerUsage, LoadFunction, PodLifecycle, UsageModel } from "../engine/run-inputs.js";
import { podState, type SimPod, type SimPodState } from "./sim-pod.js";

const zero: LoadFunction = () => 0;

export class PodUsageLedger {
  /** Live pods (gone pods are dropped), in creation order. */
  pods: SimPod[] = objectList();
  /**
   * Global integrals of the per-Ready-pod rates: [cpu core-seconds, then each Pods metric, then with per-container
   * usage each reporting container's cpu core-seconds].
   */
  readonly readyIntegrals: Float64Array;
  /** Current per-Ready-pod rates, same layout. */
  readonly readyRates: Float64Array;
  /** Current memory bytes of a Ready pod. */
  readyMemory = 0;
  /** The per-pod load the rates and memory were last set for (null: never). */
  private readyLoad: number | null = null;
  /**
   * Bumped whenever the per-Ready-pod rates (and memory) change: a reader that saw the same version at two times
   * knows every Ready pod used the same rates all the time in between.
   */
  ratesVersion = 0;
  /** When the current rates were set (the moment of the latest {@link ratesVersion} bump). */
  ratesSince = Number.NEGATIVE_INFINITY;
  /** Highest Ready-pod memory since the last fold into the pods' peaks (sticky memory). */
  private readyMemoryMaxSinceFold = 0;
  /** The same per container (sticky memory with per-container usage). */
  private readonly readyPartsMaxSinceFold: Float64Array;
  readonly customNames: readonly string[];
  private readonly customFns: readonly LoadFunction[];
  /** Idle rates (load 0) of a Running, not Ready pod: [cpu, customs...]. */
  private readonly idleRates: Float64Array;
  readonly idleMemory: number;
  /** With per-container usage: the containers (UsageModel.containers), else empty. */
  readonly containerUsage: readonly ContainerUsage[];
  /** Index of the first container's slot in a pod's customCum (its integral is slot + 1); -1 without. */
  readonly containerSlot: number;
  /** Memory bytes of each container of a Ready pod, and of a Running, not Ready one (per-container usage). */
  readonly readyMemoryParts: Float64Array;
  readonly idleMemoryParts: Float64Array;
  /** customCum index of the main container's CPU (the start-up burst's), -1 without per-container usage. */
  private readonly burstSlot: number;

  constructor(
    readonly usage: UsageModel,
    readonly lifecycle: PodLifecycle,
  ) {
    this.customNames = Object.keys(usage.podMetrics).sort();
    this.containerUsage = usage.containers ?? [];
    // the containers' CPU integrals ride after the Pods metrics' (settle integrates them the same way)
    this.customFns = [
      ...this.customNames.map((n) => usage.podMetrics[n] as LoadFunction),
      ...this.containerUsage.map((c) => c.cpu ?? zero),
    ];
    const containers = this.containerUsage.length;
    this.containerSlot = containers > 0 ? this.customNames.length : -1;
    const main = this.containerUsage.findIndex((c) => c.main);
    this.burstSlot = main < 0 ? -1 : this.containerSlot + main;
    this.readyMemoryParts = new Float64Array(containers);
    this.idleMemoryParts = Float64Array.from(this.containerUsage, (c) => c.memory?.(0) ?? 0);
    this.readyPartsMaxSinceFold = new Float64Array(containers);
    const k = 1 + this.customFns.length;
    this.readyIntegrals = new Float64Array(k);
    this.readyRates = new Float64Array(k);
    this.idleRates = new Float64Array(k);
    this.idleRates[0] = usage.cpu?.(0) ?? 0;
    this.customFns.forEach((f, i) => {
      this.idleRates[i + 1] = f(0);
    });
    this.idleMemory = usage.memory?.(0) ?? 0;
  }

  /** Sets the per-Ready-pod rates for the interval starting now, at `t`. */
  setReadyLoad(perPodLoad: number, t: number): void {
    // the usage functions are pure (compiled expressions): the same load gives the same rates again
    if (!Object.is(perPodLoad, this.readyLoad)) {
      this.readyLoad = perPodLoad;
      this.ratesVersion++;
      this.ratesSince = t;
      this.readyRates[0] = this.usage.cpu?.(perPodLoad) ?? 0;
      for (let i = 0; i < this.customFns.length; i++)
        this.readyRates[i + 1] = (this.customFns[i] as LoadFunction)(perPodLoad);
      this.readyMemory = this.usage.memory?.(perPodLoad) ?? 0;
      for (let j = 0; j < this.containerUsage.length; j++)
        this.readyMemoryParts[j] = (this.containerUsage[j] as ContainerUsage).memory?.(perPodLoad) ?? 0;
    }
    if (this.readyMemory > this.readyMemoryMaxSinceFold) this.readyMemoryMaxSinceFold = this.readyMemory;
    for (let j = 0; j < this.readyMemoryParts.length; j++) {
      const m = this.readyMemoryParts[j] as number;
      if (m > (this.readyPartsMaxSinceFold[j] as number)) this.readyPartsMaxSinceFold[j] = m;
    }
  }

  /** Advances the global integrals over `dt` seconds at the current rates. */
  integrate(dt: number): void {
    for (let i = 0; i < this.readyRates.length; i++) {
      (this.readyIntegrals as Float64Array)[i] =
        (this.readyIntegrals[i] as number) + (this.readyRates[i] as number) * dt;
    }
  }

  /** Brings one pod's cumulative usage up to `t`, assuming its state did not change since `cumAt`. */
  settle(p: SimPod, t: number): void {
    const dt = t - p.cumAt;
    if (dt <= 0) return;
    const s = podState(p, p.cumAt);
    if (s === "ready") {
      p.cpuCum += (this.readyIntegrals[0] as number) - (p.readyIntegralsAt[0] as number);
      for (let i = 0; i < p.customCum.length; i++) {
        p.customCum[i] =
          (p.customCum[i] as number) +
          (this.readyIntegrals[i + 1] as number) -
          (p.readyIntegralsAt[i + 1] as number);
      }
    } else if (s === "running") {
      const burst =
        p.burstEndsAt !== null && p.cumAt < p.burstEndsAt ? this.lifecycle.startupCpuBurstCores : 0;
      p.cpuCum += ((this.idleRates[0] as number) + burst) * dt;
      for (let i = 0; i < p.customCum.length; i++)
        p.customCum[i] = (p.customCum[i] as number) + (this.idleRates[i + 1] as number) * dt;
      if (this.burstSlot >= 0)
        p.customCum[this.burstSlot] = (p.customCum[this.burstSlot] as number) + burst * dt;
    }
    p.cumAt = t;
    // an element loop, not TypedArray.set: the arrays hold one or a few values, and the builtin call dominates
    const at = p.readyIntegralsAt;
    const now = this.readyIntegrals;
    for (let i = 0; i < now.length; i++) at[i] = now[i] as number;
  }

  /**
   * Folds the highest Ready-pod memory since the last fold into the peak of every pod that was Ready during
   * that time (`stateTime` = any time in the folded span: the pod states did not change within it).
   */
  foldMemoryPeaks(stateTime: number): void {
    if (!this.usage.stickyMemory) return;
    const parts = this.readyPartsMaxSinceFold.length;
    for (const p of this.pods) {
      const s = podState(p, stateTime);
      if (s === "ready" && this.readyMemoryMaxSinceFold > p.memPeak) p.memPeak = this.readyMemoryMaxSinceFold;
      else if (s === "running" && this.idleMemory > p.memPeak) p.memPeak = this.idleMemory;
      if (parts === 0 || (s !== "ready" && s !== "running")) continue;
      // each container's own peak: a container's memory stays allocated whatever the others do
      if (p.memPeakParts === undefined) p.memPeakParts = new Float64Array(parts);
      const peaks = p.memPeakParts;
      const seen = s === "ready" ? this.readyPartsMaxSinceFold : this.idleMemoryParts;
      for (let j = 0; j < parts; j++)
        if ((seen[j] as number) > (peaks[j] as number)) peaks[j] = seen[j] as number;
    }
    this.readyMemoryMaxSinceFold = 0;
    this.readyPartsMaxSinceFold.fill(0);
  }

  /**
   * Memory bytes container `j` (of {@link containerUsage}) of pod `p` uses in state `s` (per-container usage; with
   * sticky memory the highest that container has used since it started).
   */
  containerMemoryInState(p: SimPod, s: SimPodState, j: number): number {
    const now =
      s === "ready"
        ? (this.readyMemoryParts[j] as number)
        : s === "running"
          ? (this.idleMemoryParts[j] as number)
          : 0;
    if (!this.usage.stickyMemory || (s !== "ready" && s !== "running")) return now;
    return Math.max(p.memPeakParts?.[j] ?? 0, now);
  }

  /** Memory bytes a pod's containers use at `t` (sticky: the highest seen). */
  memoryOf(p: SimPod, t: number): number {
    return this.memoryInState(p, podState(p, t));
  }

  /**
   * {@link memoryOf} for a pod in state `s` (its podState at the time asked about). Sticky with per-container
   * usage: the sum of each container's own sticky memory.
   */
  memoryInState(p: SimPod, s: SimPodState): number {
    const now = s === "ready" ? this.readyMemory : s === "running" ? this.idleMemory : 0;
    if (!this.usage.stickyMemory) return now;
    if (this.containerUsage.length === 0) return Math.max(p.memPeak, now);
    let total = 0;
    for (let j = 0; j < this.containerUsage.length; j++) total += this.containerMemoryInState(p, s, j);
    return total;
  }
}
