/**
 * `RunInputs.effectiveConfig`: every value the replay runs with, defaults filled in, as plain JSON with
 * key-sorted objects (so the same inputs always print the same bytes). Resource amounts print as
 * Kubernetes quantities; expressions as their text.
 */
import type { ClusterInputs, ContainerTemplate, RunInputs } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { defaultBehavior } from "../hpa/behavior-defaults.js";
import type { ResourceList } from "../hpa/types.js";
import type { TimeSeries } from "../trace/types.js";
import { formatResourceMilli } from "../units/quantity.js";
import type { ParsedScenario } from "./scenario-types.js";
import type { ResolvedUsage } from "./usage-model.js";
import type { WorkloadManifest } from "./workload-manifest.js";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Recursively sorts object keys (arrays keep their order) and drops undefined members. */
export function sortKeysDeep(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeysDeep(v);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return null;
}

function quantities(list: ResourceList | undefined): Record<string, string> | undefined {
  if (list === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) out[k] = formatResourceMilli(k, v);
  return out;
}

function container(c: ContainerTemplate): Record<string, unknown> {
  return {
    name: c.name,
    init: c.init === true,
    restartPolicy: c.restartPolicy,
    requests: quantities(c.requests),
    limits: quantities(c.limits),
  };
}

/** What the effective configuration is assembled from. */
export interface EffectiveConfigParts {
  readonly scenario: ParsedScenario;
  readonly hpa: HorizontalPodAutoscaler;
  readonly target: WorkloadManifest;
  readonly usage: ResolvedUsage;
  readonly trace: TimeSeries;
  readonly demandRule: string;
  /** Samples of the observed-replicas trace, when the utilization was recorded with one (observed-replicas.ts). */
  readonly observedReplicasSamples?: number;
  readonly cpuRequestCores: number;
  readonly inputs: Omit<RunInputs, "effectiveConfig" | "warnings">;
  readonly rules: readonly string[];
}

/** The effective configuration: sections cluster (only with a node model), controller, hpa, metrics, pods, rules, scenario, simulation, trace, usage, workload. */
export function buildEffectiveConfig(p: EffectiveConfigParts): Record<string, Json> {
  const { scenario, hpa, target, inputs } = p;
  const t = scenario.trace;
  const span = p.trace.t.length > 0 ? (p.trace.t[p.trace.t.length - 1] ?? 0) : 0;
  const config = {
    scenario: { name: scenario.name, file: scenario.file === "" ? null : scenario.file },
    hpa: {
      name: hpa.metadata.name,
      namespace: hpa.metadata.namespace ?? "default",
      spec: { ...hpa.spec, behavior: hpa.spec.behavior ? defaultBehavior(hpa.spec.behavior) : null },
    },
    workload: {
      kind: target.kind,
      name: target.name,
      namespace: target.namespace,
      replicas: target.replicas,
      selector: target.selector,
      podLabels: target.podLabels,
      containers: target.containers.map(container),
      podRequests: quantities(target.podRequests),
      podLimits: quantities(target.podLimits),
      cpuRequestPerPodCores: p.cpuRequestCores,
      terminationGracePeriodSeconds: target.terminationGracePeriodSeconds,
      podManagementPolicy: target.podManagementPolicy,
      minReadySeconds: target.minReadySeconds,
      startOrdinal: target.startOrdinal,
    },
    usage: {
      ...p.usage.texts,
      stickyMemory: inputs.usage.stickyMemory,
      maxLoadPerPod: inputs.usage.maxLoadPerPod,
      maxLoadPerPodRule: p.usage.capacityRule,
    },
    pods: scenario.pods,
    metrics: scenario.metrics,
    controller: { ...inputs.controller, ...inputs.hpaTimings },
    simulation: {
      durationSeconds: inputs.durationSeconds,
      seed: inputs.seed,
      recordEverySeconds: inputs.recordEverySeconds,
      initialReplicas: target.replicas,
    },
    trace: {
      source: p.trace.source,
      file: t?.file ?? null,
      expression: t?.expression ?? null,
      format: t?.expression ? "expression" : (t?.format ?? "detected"),
      measures: t?.measures ?? "requests/s",
      observedReplicas:
        t?.observedReplicasTrace !== undefined
          ? { file: t.observedReplicasTrace.file, samples: p.observedReplicasSamples ?? null }
          : (t?.observedReplicas ?? null),
      scale: t?.scale ?? 1,
      from: t?.from ?? null,
      to: t?.to ?? null,
      demandUnit: inputs.demand.unit,
      conversion: p.demandRule,
      samples: p.trace.t.length,
      lastSampleSeconds: span,
      startEpochSeconds: p.trace.startEpochSeconds,
      notes: p.trace.notes,
    },
    cluster: inputs.cluster === undefined ? undefined : clusterConfig(inputs.cluster),
    rules: [...scenario.notes, ...p.rules],
  };
  return sortKeysDeep(config) as Record<string, Json>;
}

/** spec.cluster as the replay runs it: CPU in millicores, memory in bytes, every autoscaler flag. */
function clusterConfig(c: ClusterInputs): Record<string, unknown> {
  return {
    nodeGroups: c.nodeGroups,
    scoring: c.scoring,
    autoscaler: c.ca,
  };
}
