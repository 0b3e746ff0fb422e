/**
 * A Scenario file after reading: every field validated and every default that does not depend on other
 * inputs filled in. `null` marks a default that is resolved later from the manifests or the trace (see the
 * field's comment); build-run-inputs.ts resolves those.
 */

import type { FeatureGates } from "../hpa/types.js";
import type { ColumnRef, TimeBound } from "../trace/types.js";
import type { ScenarioBacktest } from "./scenario-backtest.js";
import type { ScenarioCluster } from "./scenario-cluster.js";

/** Trace formats a file may be read as (`null` = detect from the content). */
export type TraceFileFormat = "csv" | "prometheus" | "grafana";

/** Where the demand comes from and what its numbers mean (spec.trace). */
export interface ScenarioTrace {
  /** A trace file, as written (relative to the scenario file); exclusive with `expression`. */
  readonly file: string | null;
  /** What a relative `file` is relative to: the scenario file's folder, or the working directory (command line). */
  readonly fileBase: "scenario" | "cwd";
  /** A mathjs expression of `t` (seconds); exclusive with `file`. */
  readonly expression: string | null;
  /** File format; null = detected from the content. */
  readonly format: TraceFileFormat | null;
  readonly timeColumn?: ColumnRef | null;
  readonly valueColumn?: ColumnRef;
  /** Grafana exports: sum these series columns. */
  readonly sumColumns?: readonly ColumnRef[];
  /** Prometheus responses: keep the series with these labels. */
  readonly series?: Readonly<Record<string, string>>;
  /** Seconds between rows of a CSV without a time column; an expression's sample step (default 1 s). */
  readonly step: number | null;
  /** An expression's length in seconds; null = simulation.durationSeconds, else 86400 s. */
  readonly duration: number | null;
  /** Seed of an expression's `noise()`; null = simulation.seed. */
  readonly seed: number | null;
  readonly from?: TimeBound;
  readonly to?: TimeBound;
  /** Reject out-of-order and duplicate timestamps instead of sorting and merging them. */
  readonly strict: boolean;
  /** What the values count: `<thing>/s`, `<thing>/min`, `<thing>/h`, `cores`, `utilization`, `utilization-percent`. */
  readonly measures: string;
  /** Every value is multiplied by this (>= 0). */
  readonly scale: number;
  /** Replicas the utilization was observed with (measures utilization*), when one number; null otherwise. */
  readonly observedReplicas: number | null;
  /**
   * The replicas the utilization was observed with over time (measures utilization*; a file such as
   * kube_deployment_status_replicas_available), instead of one number.
   */
  readonly observedReplicasTrace?: ScenarioTrace;
}

/** How a pod's usage follows its load (spec.workload.usage), as expression texts. */
export interface ScenarioUsage {
  /** Cores per Ready pod; null = `load` when the trace measures cores or utilization, else none. */
  readonly cpu: string | null;
  /** Bytes per Ready pod; null = none. */
  readonly memory: string | null;
  readonly stickyMemory: boolean;
  /** Pods metrics by name; a Pods metric of the HPA missing here gets `load`. */
  readonly podMetrics: Readonly<Record<string, string>>;
  /** Object/External metrics by name, of the total demand; a metric of the HPA missing here gets `load`. */
  readonly clusterMetrics: Readonly<Record<string, string>>;
  /**
   * Per-container usage by container name (sidecars): each listed container uses its own expressions of the
   * pod's load; `cpu` and `memory` above are then the main container's (the first regular one not listed).
   */
  readonly containers: Readonly<Record<string, ScenarioContainerUsage>>;
}

/** One container's usage (spec.workload.usage.containers.<name>), as expression texts; null = none. */
export interface ScenarioContainerUsage {
  readonly cpu: string | null;
  readonly memory: string | null;
}

export interface ScenarioWorkload {
  readonly usage: ScenarioUsage;
  /** Load one pod serves per second; `unlimited`; or null = derived from the CPU limit when possible. */
  readonly maxLoadPerPod: number | "unlimited" | null;
  /** The usage fields a command-line flag set (`cpu`, `podMetrics.rps`, ...): their errors name the flag. */
  readonly fromFlags?: readonly string[];
}

export interface ScenarioPods {
  readonly schedulingSeconds: number;
  readonly startupSeconds: number;
  readonly readinessSeconds: number;
  readonly startupCpuBurst: { readonly cores: number; readonly seconds: number };
}

export interface ScenarioMetrics {
  readonly resolutionSeconds: number;
  readonly offsetSeconds: number;
  readonly adapter: {
    readonly intervalSeconds: number;
    readonly windowSeconds: number;
    readonly lagSeconds: number;
  };
}

export interface ScenarioController {
  readonly syncPeriodSeconds: number;
  readonly firstSyncSeconds: number;
  /** Whether the file gave firstSyncSeconds (else it follows the sync period, also one a flag sets). */
  readonly firstSyncGiven: boolean;
  readonly tolerance: number;
  readonly cpuInitializationPeriodSeconds: number;
  readonly initialReadinessDelaySeconds: number;
  readonly downscaleStabilizationWindowSeconds: number;
  readonly featureGates: FeatureGates;
}

export interface ScenarioSimulation {
  /** null = the trace's span (last sample time + the last sample's step). */
  readonly durationSeconds: number | null;
  readonly seed: number;
  /** null = {@link defaultRecordEverySeconds} of the duration. */
  readonly recordEverySeconds: number | null;
  /** The replica count the replay starts with; null = the scale target's spec.replicas (initial-replicas.ts). */
  readonly initialReplicas: number | "recorded" | null;
}

/** One entry of spec.otherWorkloads. */
export interface ScenarioOtherWorkload {
  /** The HPA (`name` or `namespace/name`) among the manifests. */
  readonly hpa: string;
  readonly trace: ScenarioTrace | null;
  readonly workload: ScenarioWorkload;
  /** Pod timings; absent fields take the main workload's (spec.pods). */
  readonly pods: ScenarioPods;
  /** The lifecycle delays the entry gives itself (the others follow spec.pods, also where a flag sets it). */
  readonly podsGiven: readonly (keyof ScenarioPods)[];
}

/** A read Scenario (or the all-defaults one when there is no file). */
export interface ParsedScenario {
  /** The file as the user named it; "" when there is none. */
  readonly file: string;
  readonly name: string;
  /** Manifest paths as written (relative to the scenario file). */
  readonly manifests: readonly string[];
  /** The HPA to replay (`name` or `namespace/name`); null = the only one. */
  readonly hpa: string | null;
  /** null = no trace in the scenario (the command line must give one). */
  readonly trace: ScenarioTrace | null;
  readonly workload: ScenarioWorkload;
  readonly pods: ScenarioPods;
  readonly metrics: ScenarioMetrics;
  readonly controller: ScenarioController;
  readonly simulation: ScenarioSimulation;
  /**
   * spec.otherWorkloads: more HPAs replayed alongside the main one, each with its own trace and usage model,
   * sharing the cluster, the metrics pipeline and the controller settings.
   */
  readonly otherWorkloads?: readonly ScenarioOtherWorkload[];
  /** spec.cluster: the node model; absent = none (pods bind after pods.schedulingSeconds). */
  readonly cluster?: ScenarioCluster;
  /** spec.assertions: what must hold of the run (results/assertion-expression.ts), as texts. */
  readonly assertions?: readonly string[];
  /** spec.backtest: the replica counts the real cluster recorded, to compare the replay's with. */
  readonly backtest?: ScenarioBacktest;
  /** Overrides applied on top of the file (command-line flags), as sentences. */
  readonly notes: readonly string[];
}
