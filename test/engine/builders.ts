/** Builders for replay inputs in tests: defaults and overrides. */

import type {
  ClusterInputs,
  RunInputs,
  UsageModel,
  WorkloadInputs,
  WorkloadTarget,
} from "../../src/engine/run-inputs.js";
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  MetricSpec,
} from "../../src/hpa/api-types.js";
import { DEFAULT_CONTROLLER_SETTINGS } from "../../src/hpa/config.js";

export interface ScenarioOptions {
  readonly replicas?: number;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly metrics?: MetricSpec[];
  readonly behavior?: HorizontalPodAutoscalerBehavior;
  /** [t, value] steps: the demand holds each value from its time on. */
  readonly demand: readonly (readonly [number, number])[];
  readonly durationSeconds: number;
  readonly cpuRequestMilli?: bigint;
  readonly usage?: Partial<UsageModel>;
  readonly recordEverySeconds?: number;
  readonly startupSeconds?: number;
  readonly readinessSeconds?: number;
  readonly seed?: number;
  /** The node model (absent: none, pods bind at once). */
  readonly cluster?: ClusterInputs;
  /** Overrides of the scale target (e.g. `kind: "StatefulSet"` and its pod management policy). */
  readonly target?: Partial<WorkloadTarget>;
}

/** A Deployment `web` with one container requesting 500m CPU, its HPA on cpu 50%, and a step demand. */
export function makeRunInputs(o: ScenarioOptions): RunInputs {
  const hpa: HorizontalPodAutoscaler = {
    metadata: { name: "web", namespace: "default" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: o.target?.kind ?? "Deployment", name: "web" },
      minReplicas: o.minReplicas ?? 1,
      maxReplicas: o.maxReplicas ?? 20,
      metrics: o.metrics ?? [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
        },
      ],
      ...(o.behavior !== undefined ? { behavior: o.behavior } : {}),
    },
  };
  return {
    hpa,
    target: {
      kind: "Deployment",
      name: "web",
      namespace: "default",
      replicas: o.replicas ?? 4,
      podLabels: { app: "web" },
      selector: "app=web",
      containers: [
        {
          name: "app",
          requests: { cpu: o.cpuRequestMilli ?? 500n, memory: 256n * 1024n * 1024n * 1000n },
          limits: {},
        },
      ],
      terminationGracePeriodSeconds: 30,
      ...o.target,
    },
    usage: {
      cpu: (load) => 0.01 * load,
      memory: () => 128 * 1024 * 1024,
      podMetrics: {},
      clusterMetrics: {},
      maxLoadPerPod: null,
      stickyMemory: false,
      ...o.usage,
    },
    lifecycle: {
      schedulingSeconds: 0,
      startupSeconds: o.startupSeconds ?? 5,
      readinessSeconds: o.readinessSeconds ?? 10,
      startupCpuBurstCores: 0,
      startupCpuBurstSeconds: 0,
    },
    metricsPipeline: {
      resourceResolutionSeconds: 15,
      resourceOffsetSeconds: 0,
      adapterIntervalSeconds: 30,
      adapterWindowSeconds: 60,
      adapterLagSeconds: 0,
    },
    hpaTimings: { syncPeriodSeconds: 15, firstSyncSeconds: 15 },
    controller: DEFAULT_CONTROLLER_SETTINGS,
    demand: {
      t: Float64Array.from(o.demand.map((d) => d[0])),
      v: Float64Array.from(o.demand.map((d) => d[1])),
      unit: "requests/s",
      source: "test",
    },
    durationSeconds: o.durationSeconds,
    seed: o.seed ?? 1,
    recordEverySeconds: o.recordEverySeconds ?? 15,
    effectiveConfig: {},
    warnings: [],
    ...(o.cluster !== undefined ? { cluster: o.cluster } : {}),
  };
}

/** A replay's workload as one of the other workloads sharing its cluster (RunInputs.otherWorkloads). */
export function asOtherWorkload(run: RunInputs): WorkloadInputs {
  return { hpa: run.hpa, target: run.target, usage: run.usage, demand: run.demand, lifecycle: run.lifecycle };
}
