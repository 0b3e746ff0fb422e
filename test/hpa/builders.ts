/**
 * Builders for HPA decision-core inputs: a pod, an HPA, a whole SyncInput, with sensible defaults that a test
 * overrides field by field. All resource amounts are bigint milli-units (types.ts); times are seconds.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerSpec,
  MetricSpec,
} from "../../src/hpa/api-types.js";
import { DEFAULT_CONTROLLER_SETTINGS } from "../../src/hpa/config.js";
import type {
  ControllerState,
  MetricsObservation,
  PodInfo,
  PodResourceMetrics,
  ResourceList,
  SyncInput,
} from "../../src/hpa/types.js";

/** The simulation clock of every test in this folder. */
export const NOW = 100_000;
/** Labels of the target's pods and the scale subresource's selector. */
export const APP_LABELS: Readonly<Record<string, string>> = { app: "web" };
export const SELECTOR = "app=web";
/** Window of a metrics-server sample. */
export const METRIC_WINDOW_SECONDS = 60;

/** 1 MiB in milli-bytes. */
export const MI = 1024n * 1024n * 1000n;

/** Default per-container requests: app 200m cpu / 256Mi, sidecar 100m cpu / 64Mi. */
export const DEFAULT_APP_REQUESTS: ResourceList = { cpu: 200n, memory: 256n * MI };
export const DEFAULT_SIDECAR_REQUESTS: ResourceList = { cpu: 100n, memory: 64n * MI };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A Running, Ready pod started an hour ago (outside the cpu initialization period) with two containers. */
export function makePod(name: string, overrides: Partial<PodInfo> = {}): PodInfo {
  return {
    name,
    labels: APP_LABELS,
    phase: "Running",
    startTime: NOW - 3600,
    ready: { status: "True", lastTransitionTime: NOW - 3500 },
    deleted: false,
    containers: [
      { name: "app", requests: DEFAULT_APP_REQUESTS },
      { name: "sidecar", requests: DEFAULT_SIDECAR_REQUESTS },
    ],
    initContainers: [],
    ...overrides,
  };
}

/** One metrics-server item for a pod: per-container usage, sampled at `timestamp` (default NOW) over 60 s. */
export function makePodMetrics(
  pod: string,
  usage: { app: ResourceList; sidecar: ResourceList },
  timestamp: number = NOW,
): PodResourceMetrics {
  return {
    pod,
    timestamp,
    windowSeconds: METRIC_WINDOW_SECONDS,
    containers: [
      { name: "app", usage: usage.app },
      { name: "sidecar", usage: usage.sidecar },
    ],
  };
}

export function cpuUtilizationMetric(averageUtilization: number): MetricSpec {
  return { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization } } };
}

export interface HpaOverrides {
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly metrics?: MetricSpec[];
  /** `undefined` (or absent) = no behavior: the legacy normalization path. */
  readonly behavior?: HorizontalPodAutoscalerSpec["behavior"] | undefined;
  readonly status?: HorizontalPodAutoscaler["status"];
}

/** HPA "web" on Deployment "web": min 1, max 10, cpu at 50 % of request, no behavior. */
export function makeHpa(o: HpaOverrides = {}): HorizontalPodAutoscaler {
  const spec: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    minReplicas: o.minReplicas ?? 1,
    maxReplicas: o.maxReplicas ?? 10,
    metrics: o.metrics ?? [cpuUtilizationMetric(50)],
  };
  // exactOptionalPropertyTypes: an absent behavior must be absent, not `undefined`
  if (o.behavior !== undefined) spec.behavior = o.behavior;
  const hpa: HorizontalPodAutoscaler = { metadata: { name: "web", namespace: "default" }, spec };
  if (o.status !== undefined) hpa.status = o.status;
  return hpa;
}

export function emptyMetrics(): MetricsObservation {
  return { resourceMetrics: [], podsMetrics: {}, objectMetrics: [], externalMetrics: {} };
}

export const FRESH_STATE: ControllerState = { recommendations: null, scaleUpEvents: [], scaleDownEvents: [] };

export interface SyncInputOverrides extends Partial<SyncInput> {
  /** scale.spec.replicas (and status.replicas unless scaleTarget is given). Default: the number of pods. */
  readonly replicas?: number;
}

/**
 * A sync at NOW of `makeHpa()` over three default pods, each using 100m cpu per container (300m of a 300m
 * request: 100 %), 128Mi/32Mi memory; resource metrics for every pod stamped NOW with a 60 s window.
 */
export function makeSyncInput(o: SyncInputOverrides = {}): SyncInput {
  const pods = o.pods ?? [makePod("web-0"), makePod("web-1"), makePod("web-2")];
  const replicas = o.replicas ?? pods.length;
  const metrics: MetricsObservation = o.metrics ?? {
    ...emptyMetrics(),
    resourceMetrics: pods.map((p) =>
      makePodMetrics(p.name, {
        app: { cpu: 100n, memory: 128n * MI },
        sidecar: { cpu: 100n, memory: 32n * MI },
      }),
    ),
  };
  const input: Mutable<SyncInput> = {
    now: o.now ?? NOW,
    settings: o.settings ?? DEFAULT_CONTROLLER_SETTINGS,
    hpa: o.hpa ?? makeHpa(),
    scaleTarget: o.scaleTarget ?? { specReplicas: replicas, statusReplicas: replicas, selector: SELECTOR },
    pods,
    metrics,
  };
  if (o.otherHPAs !== undefined) input.otherHPAs = o.otherHPAs;
  if (o.scaleErrors !== undefined) input.scaleErrors = o.scaleErrors;
  return input;
}

/** JSON with bigints as `"<n>n"` strings (for determinism / immutability comparisons). */
export function serialize(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x));
}

/** Recursively freezes objects and arrays (bigints and other primitives are immutable already). */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
