/** Runs `reconcile` vectors (FORMAT.md §4): one complete sync of one HPA. */
import { reconcileAutoscaler, type SyncResult } from "../hpa/controller.js";
import { toControllerState } from "./hpa-case-input.js";
import { toSyncInput } from "./hpa-case-input-sync.js";
import type { Actual } from "./hpa-replica-calc-case.js";

// biome-ignore lint/suspicious/noExplicitAny: the vectors are untyped JSON
type Json = any;

/** Evaluates one reconcile case. */
export function runReconcile(input: Json): Actual {
  return reconcileObservables(
    reconcileAutoscaler(toSyncInput(input), toControllerState(input.controllerState)),
  );
}

/** What a reconcile vector can assert about a sync (FORMAT.md §4 `expect`). */
export function reconcileObservables(r: SyncResult): Actual {
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
