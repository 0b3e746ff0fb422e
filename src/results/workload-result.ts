/**
 * A replay of several workloads sharing one cluster: each workload's own figures beside the run's. The run's
 * top-level fields are the main workload's (the first), with the whole event log; `workloads` lists every
 * workload, the main one first, each with only its own HPA's and VPA's events.
 */
import type { ConditionChange, MetricInfo, RunEvent, RunResult, RunSummary, TimelineRow } from "./types.js";

/** One workload's part of a replay. */
export interface WorkloadResult {
  /** `Deployment/web`. */
  readonly workload: string;
  /** The HPA's name. */
  readonly hpa: string;
  readonly summary: RunSummary;
  readonly metrics: readonly MetricInfo[];
  readonly timeline: readonly TimelineRow[];
  readonly events: readonly RunEvent[];
  readonly conditions: readonly ConditionChange[];
}

/** What simulate() returns: a RunResult, with `workloads` when more than one workload was replayed. */
export interface SimulationResult extends RunResult {
  readonly workloads?: readonly WorkloadResult[];
}
