/** Runs `reconcile` vectors (FORMAT.md §4): one complete sync of one HPA. */
import { reconcileAutoscaler } from "../hpa/controller.js";
import type { SyncInput } from "../hpa/types.js";
import { toControllerState, toHpa, toMetrics, toPod, toSettings } from "./hpa-case-input.js";
import type { Actual } from "./hpa-replica-calc-case.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

/** Builds the core's SyncInput from a reconcile vector's input. */
export function toSyncInput(input: Json): SyncInput {
  const scaleErrors: { getScale?: string; updateScale?: string } = {};
  if (input.apiErrors?.getScale !== undefined) scaleErrors.getScale = input.apiErrors.getScale;
  if (input.apiErrors?.updateScale !== undefined) scaleErrors.updateScale = input.apiErrors.updateScale;
  return {
    now: input.now,
    settings: toSettings(input.settings),
    hpa: toHpa(input.hpa),
    scaleTarget: input.scaleTarget,
    pods: (input.pods ?? []).map(toPod),
    metrics: toMetrics(input),
    otherHPAs: input.otherHPAs ?? [],
    scaleErrors,
  };
}

/** Evaluates one reconcile case. */
export function runReconcile(input: Json): Actual {
  const r = reconcileAutoscaler(toSyncInput(input), toControllerState(input.controllerState));
  const cpu = (r.status.currentMetrics ?? []).find((m) => m.type === "Resource" && m.name === "cpu");
  return {
    desiredReplicas: r.status.desiredReplicas,
    scaleUpdated: r.scaleUpdated,
    conditions: (r.status.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
    })),
    cpuUtilization: cpu?.current?.averageUtilization,
    events: r.events,
    statusUpdated: r.statusUpdated,
  };
}
