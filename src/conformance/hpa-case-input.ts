/**
 * Converts the neutral JSON of ../shared/conformance/hpa (FORMAT.md §1) into the decision core's inputs:
 * quantities to exact milli-units, pods and metrics to the observation types.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerStatus,
  MetricStatus,
  QuantityInput,
} from "../hpa/api-types.js";
import { DEFAULT_CONTROLLER_SETTINGS, DEFAULT_FEATURE_GATES } from "../hpa/config.js";
import type {
  ContainerInfo,
  ControllerSettings,
  ControllerState,
  MetricsObservation,
  PodInfo,
  PodPhase,
  ResourceList,
  TimestampedScaleEvent,
} from "../hpa/types.js";
import { parseMilli } from "../units/quantity.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

export function toResourceList(r: Record<string, QuantityInput> | undefined | null): ResourceList {
  const out: Record<string, bigint> = {};
  for (const [k, v] of Object.entries(r ?? {})) out[k] = parseMilli(v);
  return out;
}

function toContainer(c: Json): ContainerInfo {
  const out: { name: string; requests: ResourceList; restartPolicy?: string } = {
    name: c.name ?? "",
    requests: toResourceList(c.requests),
  };
  if (c.restartPolicy !== undefined && c.restartPolicy !== null) out.restartPolicy = c.restartPolicy;
  return out;
}

/** FORMAT.md §1.4 pod -> PodInfo. */
export function toPod(p: Json): PodInfo {
  const pod: { -readonly [K in keyof PodInfo]: PodInfo[K] } = {
    name: p.name,
    labels: p.labels ?? {},
    phase: (p.phase ?? "") as PodPhase,
    startTime: p.startTime ?? null,
    ready: p.readyCondition
      ? { status: p.readyCondition.status, lastTransitionTime: p.readyCondition.lastTransitionTime ?? 0 }
      : null,
    deleted: p.deleted === true,
    containers: (p.containers ?? []).map(toContainer),
    initContainers: (p.initContainers ?? []).map(toContainer),
  };
  if (p.requests !== undefined && p.requests !== null) pod.podRequests = toResourceList(p.requests);
  return pod;
}

/** FORMAT.md §1.6 observed metrics -> MetricsObservation. */
export function toMetrics(i: Json): MetricsObservation {
  const podsMetrics: Record<string, MetricsObservation["podsMetrics"][string]> = {};
  for (const [name, items] of Object.entries(i.podsMetrics ?? {}) as [string, Json[]][]) {
    podsMetrics[name] = items.map((m) => {
      const v: { pod: string; value: bigint; timestamp: number; windowSeconds?: number } = {
        pod: m.pod,
        value: parseMilli(m.value),
        timestamp: m.timestamp ?? 0,
      };
      if (m.windowSeconds !== undefined) v.windowSeconds = m.windowSeconds;
      return v;
    });
  }
  const externalMetrics: Record<string, MetricsObservation["externalMetrics"][string]> = {};
  for (const [name, items] of Object.entries(i.externalMetrics ?? {}) as [string, Json[]][]) {
    externalMetrics[name] = items.map((m) => ({ value: parseMilli(m.value), timestamp: m.timestamp ?? 0 }));
  }
  const errors: Record<string, string> = {};
  for (const k of ["resourceMetrics", "customMetrics", "externalMetrics"] as const) {
    if (i.apiErrors?.[k] !== undefined) errors[k] = i.apiErrors[k];
  }
  return {
    resourceMetrics: (i.resourceMetrics ?? []).map((m: Json) => ({
      pod: m.pod,
      timestamp: m.timestamp ?? 0,
      windowSeconds: m.windowSeconds ?? 60,
      containers: (m.containers ?? []).map((c: Json) => ({
        name: c.name ?? "",
        usage: toResourceList(c.usage),
      })),
    })),
    podsMetrics,
    objectMetrics: (i.objectMetrics ?? []).map((m: Json) => ({
      describedObject: m.describedObject,
      metric: m.metric,
      value: parseMilli(m.value),
      timestamp: m.timestamp ?? 0,
    })),
    externalMetrics,
    errors,
  };
}

/** FORMAT.md §4 settings -> ControllerSettings (unset fields take the production defaults). */
export function toSettings(s: Json): ControllerSettings {
  const d = DEFAULT_CONTROLLER_SETTINGS;
  return {
    tolerance: s?.tolerance ?? d.tolerance,
    cpuInitializationPeriodSeconds: s?.cpuInitializationPeriodSeconds ?? d.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: s?.initialReadinessDelaySeconds ?? d.initialReadinessDelaySeconds,
    downscaleStabilizationWindowSeconds:
      s?.downscaleStabilizationWindowSeconds ?? d.downscaleStabilizationWindowSeconds,
    scaleUpLimitFactor: s?.scaleUpLimitFactor ?? d.scaleUpLimitFactor,
    scaleUpLimitMinimum: s?.scaleUpLimitMinimum ?? d.scaleUpLimitMinimum,
    featureGates: { ...DEFAULT_FEATURE_GATES, ...(s?.featureGates ?? {}) },
  };
}

export function toScaleEvents(events: Json[] | undefined | null): TimestampedScaleEvent[] {
  return (events ?? []).map((e) => ({
    replicaChange: e.replicaChange,
    timestamp: e.timestamp,
    outdated: e.outdated === true,
  }));
}

export function toControllerState(s: Json): ControllerState {
  return {
    recommendations:
      s?.recommendations === null || s?.recommendations === undefined ? null : s.recommendations,
    scaleUpEvents: toScaleEvents(s?.scaleUpEvents),
    scaleDownEvents: toScaleEvents(s?.scaleDownEvents),
  };
}

/** An API-shaped MetricStatus (`{type, resource: {name, current}}`) -> the flat internal form. */
export function toMetricStatus(m: Json): MetricStatus {
  const inner = m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external;
  if (m.type === undefined || inner === undefined) return {};
  const cur = inner.current ?? {};
  const current: MetricStatus["current"] = {};
  if (cur.averageUtilization !== undefined) current.averageUtilization = cur.averageUtilization;
  if (cur.averageValue !== undefined) current.averageValue = parseMilli(cur.averageValue);
  if (cur.value !== undefined) current.value = parseMilli(cur.value);
  const out: MetricStatus = { type: m.type, name: inner.name ?? inner.metric?.name ?? "", current };
  if (inner.container !== undefined) out.container = inner.container;
  return out;
}

/** The input HPA with its status converted to internal form. */
export function toHpa(h: Json): HorizontalPodAutoscaler {
  const s = h.status ?? {};
  const status: HorizontalPodAutoscalerStatus = {
    currentReplicas: s.currentReplicas ?? 0,
    desiredReplicas: s.desiredReplicas ?? 0,
    lastScaleTime: s.lastScaleTime ?? null,
    conditions: s.conditions ?? [],
  };
  if (s.currentMetrics !== undefined && s.currentMetrics !== null)
    status.currentMetrics = s.currentMetrics.map(toMetricStatus);
  return { metadata: h.metadata, spec: h.spec, status };
}
