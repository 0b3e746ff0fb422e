/**
 * The result of one replay: what reporters render. Plain data (numbers and strings only), so JSON output is
 * byte-identical for the same input and seed. Times are integer seconds from the start of the replay.
 */

import type { BacktestSummary } from "./backtest-replicas.js";
import type { ReplicaStepsData } from "./replica-steps.js";

/** One metric of the HPA at one recorded step. */
export interface TimelineMetric {
  /** What the HPA last saw (the scraped / adapter value it used at its last sync); null before any sample. */
  readonly observed: number | null;
  /** The true value at this second (average over Ready pods), in the same unit. */
  readonly actual: number | null;
  /** The metric's target, in the same unit. */
  readonly target: number;
}

/** One recorded step. */
export interface TimelineRow {
  readonly t: number;
  /** Demand at t, in the trace's unit per second (e.g. requests/s, or cores). */
  readonly demand: number;
  /** Demand the Ready pods could take at t. */
  readonly served: number;
  /** demand - served (>= 0). */
  readonly unserved: number;
  /** The HPA's status.desiredReplicas after its last sync. */
  readonly desiredReplicas: number;
  /** The target's spec.replicas. */
  readonly replicas: number;
  /** Pods Ready and taking load. */
  readonly readyReplicas: number;
  /** Pods created but not scheduled yet (phase Pending, no node). */
  readonly pendingPods: number;
  /** Pods scheduled and starting (image pull, start-up) or Running but not Ready yet. */
  readonly startingPods: number;
  /** Pods terminating (out of the Service, still holding resources for their grace period). */
  readonly terminatingPods: number;
  /** Per HPA metric, keyed by {@link MetricInfo.key}. */
  readonly metrics: Readonly<Record<string, TimelineMetric>>;
  /** With a cluster model only: registered nodes per group at t, and their total. */
  readonly nodes?: TimelineNodes;
  /** With a cluster model only: node cost accumulated over [0, t), in the groups' price currency. */
  readonly cost?: number;
  /** With a VerticalPodAutoscaler only: requests and recommendation per container. */
  readonly vpa?: TimelineVpa;
  /** With a backtest only (backtest-replicas.ts): the replicas the real cluster recorded at t; null where unknown. */
  readonly recordedReplicas?: number | null;
}

/** Per container (by name): CPU in millicores, memory in bytes. */
export type PerContainer = Readonly<Record<string, { readonly cpu: number; readonly memory: number }>>;

/** What the VPA part of a timeline row holds. */
export interface TimelineVpa {
  /** Mean requests of the pods not deleted at t (pods created at different times may differ). */
  readonly requests: PerContainer;
  /** The VPA status target at t ({} before the recommender's first loop). */
  readonly target: PerContainer;
}

/** One container's recommendation (cpu millicores, memory bytes), as `kubectl describe vpa` lists it. */
export interface ContainerRecommendationSummary {
  readonly container: string;
  readonly target: { readonly cpu: number | null; readonly memory: number | null };
  readonly lowerBound: { readonly cpu: number | null; readonly memory: number | null };
  readonly upperBound: { readonly cpu: number | null; readonly memory: number | null };
  readonly uncappedTarget: { readonly cpu: number | null; readonly memory: number | null };
}

/** What a VerticalPodAutoscaler did over the run. */
export interface VpaSummary {
  readonly name: string;
  readonly updateMode: string;
  /** Pods evicted by the updater (EvictedByVPA). */
  readonly evictions: number;
  /** With PodDisruptionBudgets: evictions the API refused ("would violate the pod's disruption budget"). */
  readonly evictionsRefusedByBudget?: number;
  /** In-place resizes (InPlaceOrRecreate). */
  readonly resizes: number;
  /** The recommendation at the end of the run. */
  readonly recommendation: readonly ContainerRecommendationSummary[];
}

/** Registered nodes at one recorded step. */
export interface TimelineNodes {
  /** Per node group (key-sorted; every group of the cluster, 0 included). */
  readonly perGroup: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Describes one HPA metric of the run. */
export interface MetricInfo {
  /** Stable key, e.g. `cpu`, `memory`, `pods/http_requests_per_second`, `external/queue_depth`. */
  readonly key: string;
  /** Upstream's description, e.g. `cpu resource utilization (percentage of request)`. */
  readonly description: string;
  /** Unit of observed/actual/target: `%` for utilization, else the metric's unit (`cores`, `bytes`, `1`). */
  readonly unit: string;
  readonly target: number;
}

export interface RunEvent {
  readonly t: number;
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  readonly message: string;
  /** The object the event is about, e.g. `HorizontalPodAutoscaler/web`. */
  readonly object: string;
}

/** A condition transition (recorded only when status, reason or message changes). */
export interface ConditionChange {
  readonly t: number;
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

export interface MetricSummary {
  readonly key: string;
  readonly description: string;
  readonly unit: string;
  readonly target: number;
  /** Seconds during which the true value was strictly above the target. */
  readonly secondsAboveTarget: number;
  readonly shareAboveTarget: number;
  readonly peakActual: number | null;
  readonly meanActual: number | null;
}

export interface RunSummary {
  readonly durationSeconds: number;
  readonly peakReplicas: number;
  readonly meanReplicas: number;
  readonly finalReplicas: number;
  /** Integral of spec.replicas over time, in replica-hours. */
  readonly replicaHours: number;
  readonly peakReadyReplicas: number;
  readonly metrics: readonly MetricSummary[];
  /** Total unserved / total demand (0 when there was no demand). */
  readonly unservedShare: number;
  readonly peakUnserved: number;
  readonly totalDemand: number;
  readonly totalUnserved: number;
  readonly scaleUps: number;
  readonly scaleDowns: number;
  /** Direction reversals of spec.replicas within 5 minutes of the previous change. */
  readonly flaps: number;
  /** Seconds the HPA had ScalingLimited=True with reason TooManyReplicas (held at maxReplicas). */
  readonly secondsLimitedAtMax: number;
  readonly syncs: number;
  /** Containers killed for using more memory than their limit (restarted by the kubelet). */
  readonly oomKills: number;
  /** With a cluster model only. */
  readonly cluster?: ClusterSummary;
  /** With a VerticalPodAutoscaler on the workload only. */
  readonly vpa?: VpaSummary;
  /** With a recorded replica trace (spec.backtest) only: how closely the replay's replicas follow it (backtest-replicas.ts). */
  readonly backtest?: BacktestSummary;
}

/** Nodes, cost and scaling of one node group (or of all groups) over the run. */
export interface NodeGroupSummary {
  readonly peakNodes: number;
  /** Time-weighted mean of the registered nodes. */
  readonly meanNodes: number;
  readonly nodeHours: number;
  /** nodeHours * price per hour. */
  readonly cost: number;
  /** Cluster autoscaler scale-ups of the group (loops that raised its target). */
  readonly scaleUps: number;
  /** Nodes the cluster autoscaler removed from the group. */
  readonly scaleDowns: number;
}

/** What the cluster model adds to the summary. */
export interface ClusterSummary {
  /** Per node group, key-sorted. */
  readonly nodeGroups: Readonly<Record<string, NodeGroupSummary>>;
  readonly total: NodeGroupSummary;
  /** Integral of the Pending (unbound) pods over [0, duration). */
  readonly pendingPodSeconds: number;
  /** Longest time any pod stayed Pending (until bound, deleted, or the end of the run). */
  readonly longestPendingSeconds: number;
  /**
   * Load left unserved while at least one pod was Pending: the integral of `unserved` over the moments with
   * `pendingPods > 0` (every interval of the replay, whatever the recording period), in load units
   * (the trace's unit per second × seconds, like {@link RunSummary.totalUnserved}).
   */
  readonly unservedWhilePending: number;
  /** {@link unservedWhilePending} over the total demand (0 when there was no demand). */
  readonly unservedWhilePendingShare: number;
  /** Pods still Pending at the end, with the scheduler's last reason (`0/3 nodes are available: ...`). */
  readonly unschedulableAtEnd: readonly { readonly pod: string; readonly reason: string }[];
}

/** Everything a replay produces. */
export interface RunResult {
  readonly summary: RunSummary;
  readonly metrics: readonly MetricInfo[];
  readonly timeline: readonly TimelineRow[];
  readonly events: readonly RunEvent[];
  readonly conditions: readonly ConditionChange[];
  readonly seed: number;
  /** The effective configuration with every default filled in (see the scenario docs). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Warnings found before or during the replay (e.g. an HPA and a VPA fighting over cpu). */
  readonly warnings: readonly string[];
  /** The replica counts at every change (not in the JSON document; the backtest reads it). */
  readonly replicaSteps?: ReplicaStepsData;
}
