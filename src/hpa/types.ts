/**
 * Inputs, state and decision of one HPA sync (mirrors the data upstream's HorizontalController reads and keeps).
 * All resource amounts are exact integer milli-units (`bigint`); all times are integer seconds on the
 * simulation clock (0 = Go's zero time, "very long ago").
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerStatus,
  HPACondition,
  MetricStatus,
  MetricValueStatus,
} from "./api-types.js";

/** Resource name -> milli-units. */
export type ResourceList = Readonly<Record<string, bigint>>;

/** core/v1 PodPhase; `""` = not set. `Unknown` (the node is unreachable) counts as Running does, as upstream. */
export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown" | "";

export interface ContainerInfo {
  readonly name: string;
  /** `Always` marks a restartable init container (sidecar). */
  readonly restartPolicy?: string;
  readonly requests: ResourceList;
}

/** What the HPA reads of one pod (from the informer cache). */
export interface PodInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly phase: PodPhase;
  /** status.startTime in seconds; null = no start time. */
  readonly startTime: number | null;
  /** The pod's Ready condition; null = the pod has no Ready condition. */
  readonly ready: {
    readonly status: "True" | "False" | "Unknown";
    readonly lastTransitionTime: number;
  } | null;
  /** The pod has a deletion timestamp. */
  readonly deleted: boolean;
  readonly containers: readonly ContainerInfo[];
  readonly initContainers: readonly ContainerInfo[];
  /** Pod-level spec.resources.requests (honoured only with gate PodLevelResources). */
  readonly podRequests?: ResourceList;
}

/** One item of the resource metrics API (metrics-server PodMetrics). */
export interface PodResourceMetrics {
  readonly pod: string;
  readonly timestamp: number;
  readonly windowSeconds: number;
  readonly containers: readonly { readonly name: string; readonly usage: ResourceList }[];
}

/** One per-pod value of the custom metrics API. */
export interface PodCustomMetric {
  readonly pod: string;
  readonly value: bigint;
  readonly timestamp: number;
  /** Defaults to 60 s when the API gives none. */
  readonly windowSeconds?: number;
}

/** One object metric value of the custom metrics API. */
export interface ObjectMetricValue {
  readonly describedObject: { readonly apiVersion?: string; readonly kind: string; readonly name: string };
  readonly metric: string;
  readonly value: bigint;
  readonly timestamp: number;
}

/** One sample of the external metrics API. */
export interface ExternalMetricSample {
  readonly value: bigint;
  readonly timestamp: number;
}

/** Failures of the metrics APIs: when a key is present, that API call fails with this message. */
export interface MetricsApiErrors {
  readonly resourceMetrics?: string;
  /** Pods and Object metrics (both from custom.metrics.k8s.io). */
  readonly customMetrics?: string;
  readonly externalMetrics?: string;
}

/** What the three metrics APIs return at the time of the sync. */
export interface MetricsObservation {
  readonly resourceMetrics: readonly PodResourceMetrics[];
  readonly podsMetrics: Readonly<Record<string, readonly PodCustomMetric[]>>;
  readonly objectMetrics: readonly ObjectMetricValue[];
  readonly externalMetrics: Readonly<Record<string, readonly ExternalMetricSample[]>>;
  readonly errors?: MetricsApiErrors;
}

export interface FeatureGates {
  /** On by default since 1.35. */
  readonly HPAConfigurableTolerance: boolean;
  /** Alpha: off by default. */
  readonly HPAScaleToZero: boolean;
  /** Beta since 1.34. */
  readonly PodLevelResources: boolean;
}

/** kube-controller-manager flags that shape HPA decisions (defaults in config.ts). */
export interface ControllerSettings {
  readonly tolerance: number;
  readonly cpuInitializationPeriodSeconds: number;
  readonly initialReadinessDelaySeconds: number;
  readonly downscaleStabilizationWindowSeconds: number;
  readonly scaleUpLimitFactor: number;
  readonly scaleUpLimitMinimum: number;
  readonly featureGates: FeatureGates;
}

export interface TimestampedRecommendation {
  readonly replicas: number;
  readonly timestamp: number;
}

export interface TimestampedScaleEvent {
  readonly replicaChange: number;
  readonly timestamp: number;
  readonly outdated: boolean;
}

/**
 * What upstream keeps in memory per HPA between syncs. `recommendations: null` = no history yet
 * (a fresh controller seeds it with the current size); `[]` = history exists and is empty.
 */
export interface ControllerState {
  readonly recommendations: readonly TimestampedRecommendation[] | null;
  readonly scaleUpEvents: readonly TimestampedScaleEvent[];
  readonly scaleDownEvents: readonly TimestampedScaleEvent[];
}

/** The scale subresource of the target. */
export interface ScaleTarget {
  readonly specReplicas: number;
  readonly statusReplicas: number;
  /** status.selector as a label-selector string; "" = none. */
  readonly selector: string;
}

/** Another HPA of the namespace, as last seen by this controller. */
export interface OtherHPA {
  readonly name: string;
  readonly namespace: string;
  readonly selector: string;
}

/** Everything one sync of one HPA reads. */
export interface SyncInput {
  readonly now: number;
  readonly settings: ControllerSettings;
  readonly hpa: HorizontalPodAutoscaler;
  readonly scaleTarget: ScaleTarget;
  /** Pods of the namespace (the controller keeps those matching the selector). */
  readonly pods: readonly PodInfo[];
  readonly metrics: MetricsObservation;
  readonly otherHPAs?: readonly OtherHPA[];
  /** Failures of the scale subresource: read (getScale) or write (updateScale). */
  readonly scaleErrors?: { readonly getScale?: string; readonly updateScale?: string };
}

export interface HPAEvent {
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  readonly message: string;
}

export type { HorizontalPodAutoscalerStatus, HPACondition, MetricStatus, MetricValueStatus };
