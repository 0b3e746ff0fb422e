/**
 * Builders for RunResult fixtures: sensible defaults (one cpu metric with a 50% target, a short timeline) that a
 * test overrides field by field. Times are seconds from the start of the replay.
 */
import type {
  MetricInfo,
  MetricSummary,
  RunEvent,
  RunResult,
  RunSummary,
  TimelineMetric,
  TimelineRow,
} from "../../src/results/types.js";

/** The default metric: cpu utilization with a 50% target. */
export const CPU: MetricInfo = {
  key: "cpu",
  description: "cpu resource utilization (percentage of request)",
  unit: "%",
  target: 50,
};

/** A timeline metric value (target 50 unless given). */
export function makeMetric(observed: number | null, actual: number | null, target = 50): TimelineMetric {
  return { observed, actual, target };
}

/** A row at `t` with 2 ready replicas serving all of 10 units of demand, cpu observed = actual = 40%. */
export function makeRow(t: number, overrides: Partial<TimelineRow> = {}): TimelineRow {
  return {
    t,
    demand: 10,
    served: 10,
    unserved: 0,
    desiredReplicas: 2,
    replicas: 2,
    readyReplicas: 2,
    pendingPods: 0,
    startingPods: 0,
    terminatingPods: 0,
    metrics: { cpu: makeMetric(40, 40) },
    ...overrides,
  };
}

/** A metric summary for {@link CPU}: 10 minutes of 2 hours above target. */
export function makeMetricSummary(overrides: Partial<MetricSummary> = {}): MetricSummary {
  return {
    key: CPU.key,
    description: CPU.description,
    unit: CPU.unit,
    target: CPU.target,
    secondsAboveTarget: 600,
    shareAboveTarget: 600 / 7200,
    peakActual: 92.456,
    meanActual: 47.1,
    ...overrides,
  };
}

/** A 2-hour summary: replicas 2..10, 7 ups, 5 downs, 2 flaps, 5 minutes at max. */
export function makeSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    durationSeconds: 7200,
    peakReplicas: 10,
    meanReplicas: 6.25,
    finalReplicas: 4,
    replicaHours: 12.5,
    peakReadyReplicas: 9,
    oomKills: 0,
    metrics: [makeMetricSummary()],
    unservedShare: 0.0234,
    peakUnserved: 12.5,
    totalDemand: 1000,
    totalUnserved: 23.4,
    scaleUps: 7,
    scaleDowns: 5,
    flaps: 2,
    secondsLimitedAtMax: 300,
    syncs: 480,
    ...overrides,
  };
}

/** An HPA event at `t`. */
export function makeEvent(t: number, overrides: Partial<RunEvent> = {}): RunEvent {
  return {
    t,
    type: "Normal",
    reason: "SuccessfulRescale",
    message: "New size: 3; reason: cpu resource utilization (percentage of request) above target",
    object: "HorizontalPodAutoscaler/web",
    ...overrides,
  };
}

/** A whole RunResult: the default summary, the cpu metric, three rows at 0/60/120 s, no events. */
export function makeRunResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    summary: makeSummary(),
    metrics: [CPU],
    timeline: [makeRow(0), makeRow(60), makeRow(120)],
    events: [],
    conditions: [],
    seed: 42,
    config: { hpa: { minReplicas: 1, maxReplicas: 10 }, syncPeriodSeconds: 15 },
    warnings: [],
    ...overrides,
  };
}
