/** Builds what the HPA reads at a sync from the simulated cluster, and runs one reconcile. */

import { toPodInfo } from "../cluster/sim-pod.js";
import type { Workload } from "../cluster/workload.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { reconcileAutoscaler, type SyncResult } from "../hpa/controller.js";
import type {
  ControllerState,
  ExternalMetricSample,
  MetricsObservation,
  PodCustomMetric,
} from "../hpa/types.js";
import type { MetricsAdapter } from "../metrics/metrics-adapter.js";
import type { MetricsServer } from "../metrics/metrics-server.js";
import type { RunInputs } from "./run-inputs.js";

/** The metrics APIs as the HPA would query them at `t`. */
export function observeMetrics(
  inputs: RunInputs,
  workload: Workload,
  server: MetricsServer,
  adapter: MetricsAdapter,
  t: number,
): MetricsObservation {
  const podsMetrics: Record<string, PodCustomMetric[]> = {};
  workload.customNames.forEach((name, i) => {
    podsMetrics[name] = adapter.podsMetric(i + 1, t);
  });
  const externalMetrics: Record<string, ExternalMetricSample[]> = {};
  const objectMetrics: MetricsObservation["objectMetrics"][number][] = [];
  adapter.clusterMetricNames.forEach((name, i) => {
    const samples = adapter.clusterMetric(i, t);
    externalMetrics[name] = samples;
    for (const spec of inputs.hpa.spec.metrics ?? []) {
      const o = spec.object;
      if (o !== undefined && o.metric.name === name && samples[0] !== undefined) {
        objectMetrics.push({
          describedObject: o.describedObject,
          metric: name,
          value: samples[0].value,
          timestamp: samples[0].timestamp,
        });
      }
    }
  });
  return { resourceMetrics: server.items, podsMetrics, objectMetrics, externalMetrics };
}

/** One HPA sync on the simulated cluster. */
export function runHpaSync(
  inputs: RunInputs,
  hpa: HorizontalPodAutoscaler,
  state: ControllerState,
  workload: Workload,
  specReplicas: number,
  metrics: MetricsObservation,
  t: number,
): SyncResult {
  const target = inputs.target;
  const pods = workload.pods.map((p) =>
    toPodInfo(p, t, target.podLabels, target.containers, target.podRequests),
  );
  return reconcileAutoscaler(
    {
      now: t,
      settings: inputs.controller,
      hpa,
      scaleTarget: { specReplicas, statusReplicas: workload.activePods(t).length, selector: target.selector },
      pods,
      metrics,
    },
    state,
  );
}
