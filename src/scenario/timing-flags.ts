/**
 * The timing flags (`--pod-startup 90s`, `--sync-period 30s`, `--tolerance 0.05`, `--metric-resolution 60s`, ...)
 * over the Scenario's spec.pods, spec.controller and spec.metrics: each given field replaces the scenario's, checked
 * as the file's field is. A what-if on a pod's start-up time or a kube-controller-manager flag needs no file.
 *
 * As in the file, the other workloads (spec.otherWorkloads) take each lifecycle delay they do not give themselves
 * from spec.pods, so a pod flag reaches them too; and spec.controller.firstSyncSeconds, when not given, follows
 * the sync period.
 */
import { invalidValue } from "./field-violations.js";
import { integerField, numberField } from "./scenario-fields.js";
import type { ParsedScenario, ScenarioPods } from "./scenario-types.js";
import type { StrictObject } from "./strict-reader.js";
import type { FlagNote } from "./workload-flags.js";

/** The lifecycle delays a flag sets: the flag key and the spec.pods field. */
export const POD_TIMING_FLAGS = [
  ["podSchedulingSeconds", "schedulingSeconds"],
  ["podStartupSeconds", "startupSeconds"],
  ["podReadinessSeconds", "readinessSeconds"],
] as const satisfies readonly (readonly [string, keyof ScenarioPods])[];

/** The controller settings a flag sets (kube-controller-manager's --horizontal-pod-autoscaler-* flags): key = field. */
const CONTROLLER_SECONDS = [
  "syncPeriodSeconds",
  "cpuInitializationPeriodSeconds",
  "initialReadinessDelaySeconds",
  "downscaleStabilizationWindowSeconds",
] as const;

/** The keys this module reads. */
export const TIMING_FLAG_KEYS = [
  ...POD_TIMING_FLAGS.map(([k]) => k),
  ...CONTROLLER_SECONDS,
  "tolerance",
  "metricResolutionSeconds",
] as const;

type Timing = Pick<ParsedScenario, "pods" | "otherWorkloads" | "controller" | "metrics">;

/** `s` with the timing flags in `f` applied; changes go to `note`, problems to `f.problems`. */
export function mergeTimingFlags(s: Timing, f: StrictObject, note: FlagNote): Timing {
  if (!TIMING_FLAG_KEYS.some((k) => k in f.fields)) return s;
  let pods = s.pods;
  let others = s.otherWorkloads;
  for (const [key, field] of POD_TIMING_FLAGS) {
    const v = integerField(f, key, { min: 0 }, null);
    if (v === null) continue;
    note(key, v, s.pods[field]);
    pods = { ...pods, [field]: v };
    // an other workload without its own value took spec.pods' (scenario-file.ts readPods)
    others = others?.map((o) =>
      o.podsGiven.includes(field) ? o : { ...o, pods: { ...o.pods, [field]: v } },
    );
  }
  const c = s.controller;
  let controller = c;
  for (const key of CONTROLLER_SECONDS) {
    const v = integerField(f, key, { min: key === "syncPeriodSeconds" ? 1 : 0 }, null);
    if (v === null) continue;
    note(key, v, c[key]);
    controller = { ...controller, [key]: v };
    if (key === "syncPeriodSeconds" && !c.firstSyncGiven) controller = { ...controller, firstSyncSeconds: v };
  }
  const tolerance = numberField(f, "tolerance", { min: 0 }, null);
  if (tolerance !== null) {
    note("tolerance", tolerance, c.tolerance);
    controller = { ...controller, tolerance };
  }
  let metrics = s.metrics;
  const resolution = integerField(f, "metricResolutionSeconds", { min: 1 }, null);
  if (resolution !== null) {
    note("metricResolutionSeconds", resolution, metrics.resolutionSeconds);
    if (metrics.offsetSeconds >= resolution)
      f.problems.push(
        invalidValue(
          "metricResolutionSeconds",
          resolution,
          `must be greater than the scenario's spec.metrics.offsetSeconds (${metrics.offsetSeconds})`,
        ),
      );
    metrics = { ...metrics, resolutionSeconds: resolution };
  }
  return { pods, ...(others !== undefined ? { otherWorkloads: others } : {}), controller, metrics };
}
