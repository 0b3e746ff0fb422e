/**
 * What the HPA's metrics client returns, read from a MetricsObservation (mirrors metrics/client.go
 * restMetricsClient: GetResourceMetric, GetRawMetric, GetObjectMetric, GetExternalMetric).
 */

import { ComputeError } from "./compute-error.js";
import { DEFAULT_CUSTOM_METRIC_WINDOW_SECONDS } from "./config.js";
import type { PodMetric } from "./group-pods.js";
import type { MetricsObservation, PodResourceMetrics } from "./types.js";

export interface PodMetricsResult {
  readonly metrics: Map<string, PodMetric>;
  /** The first item's timestamp. */
  readonly timestamp: number;
}

/** Per-pod resource usage, whole pod or one container (mirrors client.go GetResourceMetric). */
export function getResourceMetric(
  obs: MetricsObservation,
  resource: string,
  container: string,
): PodMetricsResult {
  if (obs.errors?.resourceMetrics !== undefined) {
    throw new ComputeError(
      `unable to fetch metrics from resource metrics API: ${obs.errors.resourceMetrics}`,
    );
  }
  const items = obs.resourceMetrics;
  const first = items[0];
  if (first === undefined) throw new ComputeError("no metrics returned from resource metrics API");
  const metrics =
    container !== "" ? getContainerMetrics(items, resource, container) : getPodMetrics(items, resource);
  return { metrics, timestamp: first.timestamp };
}

// mirrors client.go getContainerMetrics: a pod without the container, or without the resource, is left out
function getContainerMetrics(
  items: readonly PodResourceMetrics[],
  resource: string,
  container: string,
): Map<string, PodMetric> {
  const res = new Map<string, PodMetric>();
  for (const m of items) {
    const c = m.containers.find((x) => x.name === container);
    const val = c?.usage[resource];
    if (val !== undefined)
      res.set(m.pod, { value: val, timestamp: m.timestamp, windowSeconds: m.windowSeconds });
  }
  return res;
}

// mirrors client.go getPodMetrics: the sum over containers; a pod with no containers or a container lacking the resource is left out
function getPodMetrics(items: readonly PodResourceMetrics[], resource: string): Map<string, PodMetric> {
  const res = new Map<string, PodMetric>();
  // items that share one (immutable) containers list and timing get one (immutable) PodMetric
  let last: PodMetric | null = null;
  let lastContainers: PodResourceMetrics["containers"] | null = null;
  for (const m of items) {
    if (
      last !== null &&
      m.containers === lastContainers &&
      m.timestamp === last.timestamp &&
      m.windowSeconds === last.windowSeconds
    ) {
      res.set(m.pod, last);
      continue;
    }
    if (m.containers.length === 0) continue;
    let sum = 0n;
    let missing = false;
    for (const c of m.containers) {
      const v = c.usage[resource];
      if (v === undefined) {
        missing = true;
        break;
      }
      sum += v;
    }
    if (!missing) {
      last = { value: sum, timestamp: m.timestamp, windowSeconds: m.windowSeconds };
      lastContainers = m.containers;
      res.set(m.pod, last);
    }
  }
  return res;
}

/** Per-pod custom metric values (mirrors client.go GetRawMetric). */
export function getRawMetric(obs: MetricsObservation, metricName: string): PodMetricsResult {
  if (obs.errors?.customMetrics !== undefined) {
    throw new ComputeError(`unable to fetch metrics from custom metrics API: ${obs.errors.customMetrics}`);
  }
  const items = obs.podsMetrics[metricName] ?? [];
  const first = items[0];
  if (first === undefined) throw new ComputeError("no metrics returned from custom metrics API");
  const metrics = new Map<string, PodMetric>();
  for (const m of items) {
    metrics.set(m.pod, {
      value: m.value,
      timestamp: m.timestamp,
      windowSeconds: m.windowSeconds ?? DEFAULT_CUSTOM_METRIC_WINDOW_SECONDS,
    });
  }
  return { metrics, timestamp: first.timestamp };
}

/** One object's metric value (mirrors client.go GetObjectMetric). */
export function getObjectMetric(
  obs: MetricsObservation,
  metricName: string,
  object: { readonly kind: string; readonly name: string },
): { value: bigint; timestamp: number } {
  if (obs.errors?.customMetrics !== undefined) {
    throw new ComputeError(`unable to fetch metrics from custom metrics API: ${obs.errors.customMetrics}`);
  }
  const found =
    obs.objectMetrics.find(
      (m) =>
        m.metric === metricName &&
        m.describedObject.kind === object.kind &&
        m.describedObject.name === object.name,
    ) ?? obs.objectMetrics.find((m) => m.metric === metricName);
  if (found === undefined) {
    throw new ComputeError(
      `unable to fetch metrics from custom metrics API: the server could not find the metric ${metricName} for ${object.kind} ${object.name}`,
    );
  }
  return { value: found.value, timestamp: found.timestamp };
}

/** All samples of an external metric (mirrors client.go GetExternalMetric). */
export function getExternalMetric(
  obs: MetricsObservation,
  metricName: string,
): { values: bigint[]; timestamp: number } {
  if (obs.errors?.externalMetrics !== undefined) {
    throw new ComputeError(
      `unable to fetch metrics from external metrics API: ${obs.errors.externalMetrics}`,
    );
  }
  const items = obs.externalMetrics[metricName] ?? [];
  const first = items[0];
  if (first === undefined) throw new ComputeError("no metrics returned from external metrics API");
  return { values: items.map((m) => m.value), timestamp: first.timestamp };
}
