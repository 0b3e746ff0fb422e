/** The headings of a replay's report (table and HTML): the replay, each workload sharing a cluster, the cluster's totals. */
import type { RunInputs, WorkloadInputs } from "../engine/run-inputs.js";
import type { SimulationResult } from "../results/workload-result.js";
import { fmtNumber } from "./text-format.js";

/** The heading of a replay of one workload (no trailing newline). */
export function replayHeading(inputs: RunInputs): string {
  return `Replay of ${inputs.demand.source} (${inputs.demand.unit}) through HorizontalPodAutoscaler ${inputs.hpa.metadata.namespace ?? "default"}/${inputs.hpa.metadata.name} -> ${inputs.target.kind}/${inputs.target.name}`;
}

/** The heading of one workload of several sharing a cluster (`spec`: its inputs). */
export function workloadHeading(workload: string, hpa: string, spec: WorkloadInputs | undefined): string {
  return `Workload ${workload}: replay of ${spec?.demand.source ?? ""} (${spec?.demand.unit ?? ""}) through HorizontalPodAutoscaler ${spec?.hpa.metadata.namespace ?? "default"}/${hpa}`;
}

/** The cluster's totals over all workloads sharing it. */
export function clusterTotalsLine(cluster: NonNullable<SimulationResult["summary"]["cluster"]>): string {
  return `All workloads: ${fmtNumber(cluster.pendingPodSeconds)} Pending pod-seconds, the longest wait ${cluster.longestPendingSeconds} s; nodes peak ${cluster.total.peakNodes}, cost ${fmtNumber(cluster.total.cost)}`;
}
