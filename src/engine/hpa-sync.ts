/** Builds what the HPA reads at a sync from the simulated cluster, and runs one reconcile. */

import {
  type PodTemplateInfo,
  podInfoState,
  podTemplateInfo,
  type SimPod,
  toPodInfo,
} from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import type {
  ExternalMetricSample,
  MetricsObservation,
  PodCustomMetric,
  PodInfo,
  ScaleTarget,
  SyncInput,
} from "../hpa/types.js";
import type { MetricsAdapter } from "../metrics/metrics-adapter.js";
import type { MetricsServer } from "../metrics/metrics-server.js";
import { objectList } from "./object-list.js";
import type { RunInputs, WorkloadTarget } from "./run-inputs.js";

const NO_PODS_METRICS: MetricsObservation["podsMetrics"] = {};
const NO_EXTERNAL: MetricsObservation["externalMetrics"] = {};
const NO_OBJECT_METRICS: MetricsObservation["objectMetrics"] = [];
/**
 * The metrics APIs as the HPA would query them at `t`. `last` is the caller's previous observation of the same
 * server: with resource metrics only, it is answered again while metrics-server publishes the same items.
 */
export function observeMetrics(
  inputs: RunInputs,
  workload: Workload,
  server: MetricsServer,
  adapter: MetricsAdapter,
  t: number,
  last: MetricsObservation | null = null,
): MetricsObservation {
  if (workload.customNames.length === 0 && adapter.clusterMetricNames.length === 0) {
    // resource metrics only: the other APIs answer with the same (immutable) empty lists, and the whole
    // observation is the same object until metrics-server publishes new items
    const items = server.items;
    if (last !== null && last.resourceMetrics === items) return last;
    return {
      resourceMetrics: items,
      podsMetrics: NO_PODS_METRICS,
      objectMetrics: NO_OBJECT_METRICS,
      externalMetrics: NO_EXTERNAL,
    };
  }
  const podsMetrics: Record<string, PodCustomMetric[]> = {};
  workload.customNames.forEach((name, i) => {
    podsMetrics[name] = adapter.podsMetric(i, t);
  });
  const externalMetrics: Record<string, ExternalMetricSample[]> = {};
  const objectMetrics: MetricsObservation["objectMetrics"][number][] = [];
  adapter.clusterMetricNames.forEach((name, i) => {
    const samples = adapter.clusterMetric(i, t);
    externalMetrics[name] = samples;
    for (const spec of inputs.hpa.spec.metrics ?? []) {
      const o = spec.object;
      if (o !== undefined && o.metric.name === name && samples[0] !== undefined) {
        objectMetrics.push({
          describedObject: o.describedObject,
          metric: name,
          value: samples[0].value,
          timestamp: samples[0].timestamp,
        });
      }
    }
  });
  return { resourceMetrics: server.items, podsMetrics, objectMetrics, externalMetrics };
}

interface CachedPodInfo {
  readonly state: number;
  readonly boundAt: number | null;
  readonly readyAt: number | null;
  readonly template: PodTemplateInfo | undefined;
  readonly unreadySince: number | undefined;
  readonly info: PodInfo;
}

/**
 * The pods as the HPA's informer sees them. PodInfo is immutable, so a pod's PodInfo is built again only when
 * what it shows changed (bound, running, Ready, deleted, unready since, its own template), and pods share the template's lists.
 */
export class PodInfoView {
  private readonly template: PodTemplateInfo;
  private readonly cache = new WeakMap<SimPod, CachedPodInfo>();

  constructor(target: WorkloadTarget) {
    this.template = podTemplateInfo(target.podLabels, target.containers, target.podRequests);
  }

  private lastScale: ScaleTarget | null = null;

  /** The target's scale subresource as the HPA reads it (the same immutable object while it is unchanged). */
  scaleTarget(specReplicas: number, statusReplicas: number, selector: string): ScaleTarget {
    const last = this.lastScale;
    if (
      last !== null &&
      last.specReplicas === specReplicas &&
      last.statusReplicas === statusReplicas &&
      last.selector === selector
    )
      return last;
    const scale: ScaleTarget = { specReplicas, statusReplicas, selector };
    this.lastScale = scale;
    return scale;
  }

  /** Tests: check every answer given from the revision against the per-pod rebuild (throws on a difference). */
  static verify = false;
  private lastWorkload: Workload | null = null;
  private lastRevision = -1;

  private verifyUnchanged(workload: Workload, t: number): void {
    const pods = workload.pods;
    const same =
      pods.length === this.last.length && pods.every((p, i) => this.entry(p, i, t).info === this.last[i]);
    if (!same) throw new Error(`PodInfoView: pods changed at ${t} without a Workload.revision bump`);
  }

  /** The list last returned: handed out again while every pod's PodInfo is the same object, in the same order. */
  private last: readonly PodInfo[] = objectList();
  /** The pods of the last call and their cache entries, by position (spares the WeakMap in the steady case). */
  private lastPods: SimPod[] = objectList();
  private lastEntries: CachedPodInfo[] = objectList();

  /**
   * PodInfo of every pod of the workload at `t`, in the workload's order. The list is immutable and is the very
   * same array as at the previous call when nothing the informer shows changed, so the HPA side can memoize on
   * its identity.
   */
  pods(workload: Workload, t: number): readonly PodInfo[] {
    // nothing the informer shows changed since the last call (Workload.revision)
    if (workload === this.lastWorkload && workload.revision === this.lastRevision) {
      if (PodInfoView.verify) this.verifyUnchanged(workload, t);
      return this.last;
    }
    this.lastWorkload = workload;
    this.lastRevision = workload.revision;
    const pods = workload.pods;
    const last = this.last;
    const n = pods.length;
    let i = 0;
    if (n === last.length) {
      while (i < n && this.entry(pods[i] as SimPod, i, t).info === last[i]) i++;
      if (i === n) return last;
    }
    const out: PodInfo[] = last.slice(0, i);
    for (; i < n; i++) out.push(this.entry(pods[i] as SimPod, i, t).info);
    this.last = out;
    if (this.lastPods.length > n) {
      this.lastPods.length = n;
      this.lastEntries.length = n;
    }
    return out;
  }

  /** The pod's cache entry at `t` (a new PodInfo only when what it shows changed); remembered at position `i`. */
  private entry(p: SimPod, i: number, t: number): CachedPodInfo {
    const state = podInfoState(p, t);
    const hit = this.lastPods[i] === p ? this.lastEntries[i] : this.cache.get(p);
    if (
      hit !== undefined &&
      hit.state === state &&
      hit.boundAt === p.boundAt &&
      hit.readyAt === p.readyAt &&
      hit.template === p.template &&
      hit.unreadySince === p.unreadySince
    ) {
      this.remember(p, i, hit);
      return hit;
    }
    const e: CachedPodInfo = {
      state,
      boundAt: p.boundAt,
      readyAt: p.readyAt,
      template: p.template,
      unreadySince: p.unreadySince,
      info: toPodInfo(p, t, this.template),
    };
    this.cache.set(p, e);
    this.remember(p, i, e);
    return e;
  }

  private remember(p: SimPod, i: number, e: CachedPodInfo): void {
    if (this.lastPods[i] === p && this.lastEntries[i] === e) return;
    this.lastPods[i] = p;
    this.lastEntries[i] = e;
  }
}

/** What the HPA reads at a sync on the simulated cluster. */
export function syncInput(
  inputs: RunInputs,
  hpa: HorizontalPodAutoscaler,
  workload: Workload,
  podView: PodInfoView,
  specReplicas: number,
  metrics: MetricsObservation,
  t: number,
): SyncInput {
  return {
    now: t,
    settings: inputs.controller,
    hpa,
    scaleTarget: podView.scaleTarget(specReplicas, workload.statusReplicas(t), inputs.target.selector),
    pods: podView.pods(workload, t),
    metrics,
  };
}
