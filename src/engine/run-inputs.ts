/**
 * Everything `simulate()` needs, validated and defaulted (the scenario layer builds it from manifests, a
 * scenario file and flags). Times are integer seconds; resource amounts are exact milli-units (bigint) where
 * they reach the HPA, plain numbers (cores, bytes) in the load model.
 */

import type { DisruptionBudgetSpec } from "../cluster/disruption-budget.js";
import type { Affinity } from "../cluster/node-affinity.js";
import type { NodeGroupSpec, SimNode } from "../cluster/node-groups.js";
import type { ScoringStrategy } from "../cluster/scheduler.js";
import type { TopologySpreadSpec } from "../cluster/scheduler-spread.js";
import type { Toleration } from "../cluster/taints.js";
import type { CaConfig } from "../cluster-autoscaler/config.js";
import type { Requests } from "../cluster-autoscaler/pod-requests.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import type { ControllerSettings, ResourceList } from "../hpa/types.js";
import type { VpaReplayInput } from "../vpa/replay/index.js";

/**
 * A compiled expression of `load`: for per-pod usage, this pod's share of the demand per second; for
 * Object/External metrics, the total demand per second.
 */
export type LoadFunction = (load: number) => number;

/** One container of the pod template. */
export interface ContainerTemplate {
  readonly name: string;
  /** milli-units per resource (cpu in millicores, memory in milli-bytes). */
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  /** `Always` for a restartable init container (sidecar). */
  readonly restartPolicy?: string;
  readonly init?: boolean;
}

/** The scale target: a Deployment or StatefulSet. */
export interface WorkloadTarget {
  readonly kind: "Deployment" | "StatefulSet";
  readonly name: string;
  readonly namespace: string;
  /** spec.replicas at the start. */
  readonly replicas: number;
  /** Labels of the pod template (the scale's status.selector is built from spec.selector.matchLabels). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** status.selector string, e.g. `app=web`. */
  readonly selector: string;
  readonly containers: readonly ContainerTemplate[];
  /** Pod-level spec.resources.requests, if set. */
  readonly podRequests?: ResourceList;
  readonly terminationGracePeriodSeconds: number;
  /** The pod template's placement constraints, as the scheduler filters them (cluster model only). */
  readonly scheduling?: PodPlacement;
  /** StatefulSet only: spec.podManagementPolicy (default OrderedReady: pods start and stop one at a time). */
  readonly podManagementPolicy?: "OrderedReady" | "Parallel";
  /** StatefulSet only: spec.minReadySeconds (default 0), how long a Ready pod waits to count as Available. */
  readonly minReadySeconds?: number;
  /** StatefulSet only: spec.ordinals.start (default 0), the first pod's ordinal. */
  readonly startOrdinal?: number;
}

/** spec.template.spec.nodeSelector / tolerations / affinity.nodeAffinity (required terms only) / topologySpreadConstraints. */
export interface PodPlacement {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly affinity?: Affinity;
  readonly topologySpreadConstraints?: readonly TopologySpreadSpec[];
}

/** How per-pod usage follows the load. Expressions are per pod; their units: cpu in cores, memory in bytes. */
export interface UsageModel {
  /** CPU cores used by one Ready pod at its load share. Default: 0 (no CPU model). */
  readonly cpu: LoadFunction | null;
  /** Memory bytes used by one Ready pod. */
  readonly memory: LoadFunction | null;
  /** Custom per-pod metrics (Pods metrics), by metric name, in the metric's unit. */
  readonly podMetrics: Readonly<Record<string, LoadFunction>>;
  /** Object and External metrics by metric name, as functions of the *total* demand (first argument). */
  readonly clusterMetrics: Readonly<Record<string, LoadFunction>>;
  /** Load one pod can serve per second; the rest is unserved. null = unlimited. */
  readonly maxLoadPerPod: number | null;
  /** Memory stays allocated: a pod's reported memory never decreases while it lives. */
  readonly stickyMemory: boolean;
  /**
   * Per-container usage (spec.workload.usage.containers), every container that reports usage (regular ones and
   * sidecars) in template order with its own functions; `cpu` and `memory` above are then their sums. null: the
   * pod's usage is its first regular container's, the others use nothing.
   */
  readonly containers?: readonly ContainerUsage[] | null;
}

/** One container's share of a pod's usage: its own functions of the pod's load (null: uses none). */
export interface ContainerUsage {
  readonly name: string;
  readonly cpu: LoadFunction | null;
  readonly memory: LoadFunction | null;
  /** The main container: the pod-level expressions, and the start-up CPU burst. */
  readonly main: boolean;
}

/** Pod start-up and shutdown timings. */
export interface PodLifecycle {
  /** Seconds from creation to being bound to a node (no cluster model: 0). */
  readonly schedulingSeconds: number;
  /** Seconds from binding (status.startTime) to containers running (image pull + container start). */
  readonly startupSeconds: number;
  /** Seconds from running to Ready (readiness probe initial delay + first success). */
  readonly readinessSeconds: number;
  /** Extra CPU cores a starting pod burns for `startupCpuBurstSeconds` after it starts running. */
  readonly startupCpuBurstCores: number;
  readonly startupCpuBurstSeconds: number;
}

/** What metrics-server and the custom/external metrics adapter expose, and when. */
export interface MetricsPipelineConfig {
  /** metrics-server --metric-resolution: scrape interval, also the CPU rate window (default 15 s). */
  readonly resourceResolutionSeconds: number;
  /** Offset of scrapes within the interval (scrapes at offset + k * resolution). */
  readonly resourceOffsetSeconds: number;
  /** Custom/external metrics: how often the adapter's value changes (Prometheus scrape interval). */
  readonly adapterIntervalSeconds: number;
  /** The adapter's rate window (e.g. `rate(x[1m])`). */
  readonly adapterWindowSeconds: number;
  /** Delay from a sample to its visibility through the adapter. */
  readonly adapterLagSeconds: number;
}

export interface HpaTimings {
  /** --horizontal-pod-autoscaler-sync-period (default 15 s). */
  readonly syncPeriodSeconds: number;
  /** Time of the first sync; then every sync period. */
  readonly firstSyncSeconds: number;
}

/** Demand over time, already in the model's unit per second, sampled at integer seconds (hold-last between samples). */
export interface DemandSeries {
  /** Sample times (seconds from the start), strictly increasing, first = 0. */
  readonly t: Float64Array;
  readonly v: Float64Array;
  /** What the numbers are, e.g. `requests/s`. */
  readonly unit: string;
  readonly source: string;
}

/**
 * The cluster the workload runs on: node groups, the scheduler's scoring and the cluster autoscaler
 * (src/engine/cluster-phase.ts). Absent = no node model: every pod binds after `lifecycle.schedulingSeconds`.
 */
export interface ClusterInputs {
  readonly nodeGroups: readonly NodeGroupSpec[];
  /**
   * The nodes at the start (registered and Ready before the warm-up; `createdAt` / `readyAt` are ignored).
   * Absent = `initialSize` nodes of every group, named `<group>-1 ... <group>-n`.
   */
  readonly initialNodes?: readonly SimNode[];
  /** NodeResourcesFit scoring strategy (upstream default LeastAllocated). */
  readonly scoring: ScoringStrategy;
  /** Cluster autoscaler flags (DEFAULT_CA_CONFIG from src/cluster-autoscaler/config.ts). */
  readonly ca: CaConfig;
  /** Seconds between autoscaler loops (--scan-interval, 10 s); loops run at k * interval from t = 0. */
  readonly caScanIntervalSeconds: number;
  /**
   * One pod's effective requests as the scheduler sums them (CPU millicores, memory bytes, GPUs).
   * Absent = derived from the pod template (see `podSchedulingRequests` in cluster-pod-requests.ts).
   */
  readonly podRequests?: Requests;
  /**
   * Skip autoscaler loops that provably decide nothing new (ca-actuation.ts, skip-loops.ts); default on.
   * Off only to check that skipping is exact.
   */
  readonly caLoopSkipping?: boolean;
}

export interface RunInputs {
  readonly hpa: HorizontalPodAutoscaler;
  readonly target: WorkloadTarget;
  readonly usage: UsageModel;
  readonly lifecycle: PodLifecycle;
  readonly metricsPipeline: MetricsPipelineConfig;
  readonly hpaTimings: HpaTimings;
  readonly controller: ControllerSettings;
  readonly demand: DemandSeries;
  /** Replay length in seconds (default: the trace's span, last sample included for one step). */
  readonly durationSeconds: number;
  readonly seed: number;
  /** Record a timeline row every N seconds (does not change the simulation). */
  readonly recordEverySeconds: number;
  /** Echoed in the results: the effective configuration with every default filled in. */
  readonly effectiveConfig: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** The node model; absent = none (pods bind at once). */
  readonly cluster?: ClusterInputs;
  /**
   * PodDisruptionBudgets over the run's pods: the VPA updater's evictions go through them, and the cluster
   * autoscaler's drain rules read them. Absent or empty: every eviction is allowed.
   */
  readonly disruptionBudgets?: readonly DisruptionBudgetSpec[];
  /**
   * More workloads replayed alongside this one, each with its own HPA and demand, sharing the clock, the
   * metrics pipeline, the controller settings and the cluster (so one can starve another of nodes).
   */
  readonly otherWorkloads?: readonly WorkloadInputs[];
  /** The main workload's VerticalPodAutoscaler (recommender, updater, admission), if it has one. */
  readonly vpa?: VpaReplayInput;
}

/** One workload of a replay: its HPA, scale target, usage model, demand and pod timings. */
export interface WorkloadInputs {
  readonly hpa: HorizontalPodAutoscaler;
  readonly target: WorkloadTarget;
  readonly usage: UsageModel;
  /** Beyond its last sample the demand holds its last value. */
  readonly demand: DemandSeries;
  readonly lifecycle: PodLifecycle;
  /** Its VerticalPodAutoscaler, if any. */
  readonly vpa?: VpaReplayInput;
}

/** Every workload of the run, the main one (RunInputs' own) first. */
export function runWorkloads(inputs: RunInputs): readonly WorkloadInputs[] {
  const main: WorkloadInputs = {
    hpa: inputs.hpa,
    target: inputs.target,
    usage: inputs.usage,
    demand: inputs.demand,
    lifecycle: inputs.lifecycle,
    ...(inputs.vpa !== undefined ? { vpa: inputs.vpa } : {}),
  };
  return [main, ...(inputs.otherWorkloads ?? [])];
}
