/**
 * The scenario layer's composition: HPAs + workloads + Scenario + trace (+ command-line flags) -> one
 * validated, fully defaulted {@link RunInputs} for `simulate()`, with `effectiveConfig` echoing every value
 * and `warnings` for what the user should know. Pure: no files, no clock.
 */

import type { RunInputs } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { DEFAULT_CONTROLLER_SETTINGS } from "../hpa/config.js";
import type { ControllerSettings } from "../hpa/types.js";
import { describeLongDuration, MAX_REPLAY_SECONDS, MAX_REPLAY_TEXT } from "../trace/bounds.js";
import type { TimeSeries } from "../trace/types.js";
import { DemandUnitError, measuresCores, toDemandSeries, traceSpanSeconds } from "./demand-units.js";
import { buildEffectiveConfig } from "./effective-config.js";
import { InputError } from "./manifest-errors.js";
import { replicasAtSamples } from "./observed-replicas.js";
import { resolveScaleTarget, selectHpa } from "./resolve-target.js";
import { DEFAULT_MEASURES, defaultRecordEverySeconds, tooManyTimelineRows } from "./scenario-defaults.js";
import { applyFlags, type SimulationFlags } from "./scenario-flags.js";
import { scenarioNodesPath } from "./scenario-nodes.js";
import type { ParsedScenario } from "./scenario-types.js";
import { resolveUsage, scenarioLabel } from "./usage-model.js";
import type { WorkloadManifest } from "./workload-manifest.js";

/** What {@link buildRunInputs} combines. */
export interface RunInputParts {
  /** Every HPA read from the manifests (readHorizontalPodAutoscalers). */
  readonly hpas: readonly HorizontalPodAutoscaler[];
  /** Every Deployment and StatefulSet read (readWorkloads); a plain WorkloadTarget also fits. */
  readonly workloads: readonly WorkloadManifest[];
  /** The Scenario with its defaults (parseScenario, or defaultScenario() without a file). */
  readonly scenario: ParsedScenario;
  /** The trace as loaded: values as recorded; `scenario.trace.measures` says what they count. */
  readonly trace: TimeSeries;
  /** Command-line overrides (applied on top of the scenario). */
  readonly flags?: SimulationFlags;
  /** The replica trace `scenario.trace.observedReplicasTrace` names, loaded (observed-replicas.ts). */
  readonly observedReplicas?: TimeSeries | undefined;
  /** Where the trace is in the scenario, for errors (default `spec.trace`). */
  readonly traceField?: string;
}

/**
 * Builds the replay's inputs. Throws InputError for anything the replay cannot run with: no or ambiguous HPA,
 * a scale target not in the manifests, a metric without a usage expression, a bad expression (naming the
 * scenario file and field), a utilization trace without a CPU request.
 */
export function buildRunInputs(parts: RunInputParts): RunInputs {
  const scenario = parts.flags !== undefined ? applyFlags(parts.scenario, parts.flags) : parts.scenario;
  const file = scenarioLabel(scenario);
  const gates = scenario.controller.featureGates;
  const hpa = selectHpa(parts.hpas, scenario.hpa, file);
  const target = resolveScaleTarget(hpa, parts.workloads, file);
  const warnings: string[] = [...(target.warnings ?? [])];
  const rules: string[] = [];

  const measures = scenario.trace?.measures ?? DEFAULT_MEASURES;
  const cpuRequestCores = cpuRequestPerPod(target, gates.PodLevelResources);
  const replicaTrace = scenario.trace?.observedReplicasTrace;
  if (replicaTrace !== undefined && parts.observedReplicas === undefined)
    throw new Error(
      "buildRunInputs: the scenario's observedReplicas file was not loaded (observed-replicas.ts)",
    );
  const observedAt =
    replicaTrace !== undefined && parts.observedReplicas !== undefined
      ? replicasAtSamples(parts.trace, parts.observedReplicas, {
          scenario,
          field: parts.traceField ?? "spec.trace",
          fromFlag: replicaTrace.fileBase === "cwd",
        })
      : undefined;
  if (observedAt !== undefined) {
    rules.push(...observedAt.notes);
    warnings.push(...observedAt.warnings);
  }
  let conversion: ReturnType<typeof toDemandSeries>;
  try {
    conversion = toDemandSeries(parts.trace, measures, {
      cpuRequestCores,
      observedReplicas: scenario.trace?.observedReplicas ?? null,
      observedReplicasAt: observedAt,
    });
  } catch (e) {
    if (!(e instanceof DemandUnitError)) throw e;
    throw new InputError({
      file,
      fieldPath: "spec.trace.measures",
      rule: "CPU request",
      detail: `spec.trace.measures: ${e.message}`,
    });
  }
  warnings.push(...conversion.warnings);

  const usage = resolveUsage({
    scenario,
    hpa,
    target,
    loadIsCores: measuresCores(measures),
    demandUnit: conversion.demand.unit,
  });
  rules.push(...usage.rules);
  warnings.push(...usage.warnings);

  const span = traceSpanSeconds(parts.trace.t);
  let durationSeconds = scenario.simulation.durationSeconds;
  if (durationSeconds === null) {
    if (span === null) {
      throw new InputError({
        file,
        fieldPath: "spec.simulation.durationSeconds",
        rule: "required",
        detail:
          "spec.simulation.durationSeconds: Required value: the trace has a single sample, so it has no span to default to",
      });
    }
    if (span > MAX_REPLAY_SECONDS) {
      // the trace itself spans at most MAX_REPLAY_SECONDS (trace/bounds.ts); its last step can take it over
      const last = parts.trace.t[parts.trace.t.length - 1] ?? 0;
      throw new InputError({
        file: parts.trace.source,
        fieldPath: "spec.simulation.durationSeconds",
        rule: "longest replay",
        detail: `the replay would default to the trace's span, ${span} s (${describeLongDuration(span)}: its last sample at ${last} s plus one step of ${span - last} s); a replay spans at most ${MAX_REPLAY_TEXT} (${MAX_REPLAY_SECONDS} s): set spec.simulation.durationSeconds (--duration), or replay a slice (--from/--to, spec.trace.from/to)`,
      });
    }
    durationSeconds = span;
    rules.push(`simulation.durationSeconds defaults to the trace's span: ${span} s (last sample + one step)`);
  } else if (span !== null && durationSeconds > span) {
    warnings.push(
      `the replay (${durationSeconds} s) runs past the end of the trace (${span} s): the last value holds after it`,
    );
  }
  const recordEverySeconds =
    scenario.simulation.recordEverySeconds ?? defaultRecordEverySeconds(durationSeconds);
  const tooMany = tooManyTimelineRows(recordEverySeconds, durationSeconds);
  if (tooMany !== null)
    throw new InputError({
      file,
      fieldPath: "spec.simulation.recordEverySeconds",
      rule: "rows",
      detail: tooMany,
    });
  warnings.push(...targetWarnings(hpa, target, scenario));

  const c = scenario.controller;
  const controller: ControllerSettings = {
    ...DEFAULT_CONTROLLER_SETTINGS,
    tolerance: c.tolerance,
    cpuInitializationPeriodSeconds: c.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: c.initialReadinessDelaySeconds,
    downscaleStabilizationWindowSeconds: c.downscaleStabilizationWindowSeconds,
    featureGates: c.featureGates,
  };
  const p = scenario.pods;
  const m = scenario.metrics;
  checkNodesLoaded(scenario);
  const inputs: Omit<RunInputs, "effectiveConfig" | "warnings"> = {
    hpa,
    target: {
      kind: target.kind,
      name: target.name,
      namespace: target.namespace,
      replicas: target.replicas,
      podLabels: target.podLabels,
      selector: target.selector,
      containers: target.containers,
      ...(target.podRequests !== undefined && gates.PodLevelResources
        ? { podRequests: target.podRequests }
        : {}),
      terminationGracePeriodSeconds: target.terminationGracePeriodSeconds,
      ...(target.scheduling !== undefined ? { scheduling: target.scheduling } : {}),
      ...(target.kind === "StatefulSet"
        ? {
            podManagementPolicy: target.podManagementPolicy ?? "OrderedReady",
            minReadySeconds: target.minReadySeconds ?? 0,
            startOrdinal: target.startOrdinal ?? 0,
          }
        : {}),
    },
    usage: usage.usage,
    lifecycle: {
      schedulingSeconds: p.schedulingSeconds,
      startupSeconds: p.startupSeconds,
      readinessSeconds: p.readinessSeconds,
      startupCpuBurstCores: p.startupCpuBurst.cores,
      startupCpuBurstSeconds: p.startupCpuBurst.seconds,
    },
    metricsPipeline: {
      resourceResolutionSeconds: m.resolutionSeconds,
      resourceOffsetSeconds: m.offsetSeconds,
      adapterIntervalSeconds: m.adapter.intervalSeconds,
      adapterWindowSeconds: m.adapter.windowSeconds,
      adapterLagSeconds: m.adapter.lagSeconds,
    },
    hpaTimings: { syncPeriodSeconds: c.syncPeriodSeconds, firstSyncSeconds: c.firstSyncSeconds },
    controller,
    demand: conversion.demand,
    durationSeconds,
    seed: scenario.simulation.seed,
    recordEverySeconds,
    ...(scenario.cluster !== undefined
      ? {
          cluster: {
            nodeGroups: scenario.cluster.nodeGroups,
            ...(scenario.cluster.initialNodes !== undefined
              ? { initialNodes: scenario.cluster.initialNodes }
              : {}),
            scoring: scenario.cluster.scoring,
            ca: scenario.cluster.autoscaler,
            caScanIntervalSeconds: scenario.cluster.autoscaler.scanIntervalSeconds,
          },
        }
      : {}),
  };
  if (hpa.spec.behavior === undefined) {
    rules.push(
      `HPA has no spec.behavior: the controller's legacy limits apply (scale up to at most max(${controller.scaleUpLimitFactor} x current, ${controller.scaleUpLimitMinimum}) per sync; scale-down stabilization ${controller.downscaleStabilizationWindowSeconds} s)`,
    );
  }
  const effectiveConfig = buildEffectiveConfig({
    scenario,
    hpa,
    target,
    usage,
    trace: parts.trace,
    demandRule: conversion.rule,
    ...(parts.observedReplicas !== undefined
      ? { observedReplicasSamples: parts.observedReplicas.t.length }
      : {}),
    cpuRequestCores,
    inputs,
    rules,
  });
  return { ...inputs, effectiveConfig, warnings };
}

/** spec.cluster.nodes must have been read (loadClusterNodes / applyClusterNodes) before the inputs are built. */
function checkNodesLoaded(scenario: ParsedScenario): void {
  const where = scenarioNodesPath(scenario);
  if (where === undefined || scenario.cluster?.initialNodes !== undefined) return;
  throw new InputError({
    file: scenarioLabel(scenario),
    fieldPath: where.field,
    rule: "nodes read",
    detail: `${where.field}: ${where.path} has not been read: apply it with loadClusterNodes or applyClusterNodes (scenario-nodes.ts) first`,
  });
}

/**
 * CPU request of one pod in cores, as the HPA sums it for utilization: pod-level requests.cpu when set (gate
 * PodLevelResources), else the regular containers plus restartable init containers (sidecars).
 */
export function cpuRequestPerPod(target: WorkloadManifest, podLevelResources: boolean): number {
  const podLevel = podLevelResources ? target.podRequests?.cpu : undefined;
  if (podLevel !== undefined) return Number(podLevel) / 1000;
  let milli = 0n;
  for (const c of target.containers) {
    if (c.init === true && c.restartPolicy !== "Always") continue;
    milli += c.requests.cpu ?? 0n;
  }
  return Number(milli) / 1000;
}

/** Things about the target the replay handles in a way the user may not expect. */
function targetWarnings(
  hpa: HorizontalPodAutoscaler,
  target: WorkloadManifest,
  scenario: ParsedScenario,
): string[] {
  const out: string[] = [];
  const ref = `${target.kind} "${target.name}"`;
  if (target.replicas === 0 && (hpa.spec.minReplicas ?? 1) > 0) {
    out.push(
      `${ref} has replicas: 0: the HPA does not scale a target scaled to zero (ScalingActive False, ScalingDisabled)`,
    );
  }
  const main = target.containers.find((c) => c.init !== true)?.name;
  const perContainer = Object.keys(scenario.workload.usage.containers).length > 0;
  for (const metric of hpa.spec.metrics ?? []) {
    const cr = metric.containerResource;
    if (cr === undefined) continue;
    if (!target.containers.some((c) => c.name === cr.container)) {
      out.push(
        `HPA metric on container "${cr.container}": ${ref} has no such container (the HPA reports FailedGetContainerResourceMetric)`,
      );
    } else if (cr.container !== main && !perContainer) {
      out.push(
        `HPA metric on container "${cr.container}": the replay puts a pod's usage on its first container "${main}", so this container reads 0 (give its usage under spec.workload.usage.containers)`,
      );
    }
  }
  const a = scenario.metrics.adapter;
  if (a.windowSeconds < a.intervalSeconds) {
    out.push(
      `spec.metrics.adapter.windowSeconds ${a.windowSeconds} is shorter than intervalSeconds ${a.intervalSeconds}: rates span one interval`,
    );
  }
  return out;
}
