/**
 * A sync proved to come out as the previous one did, without running it. Not an upstream function: horizontal.go
 * reconcileAutoscaler runs in full every sync; this only skips work whose result is known. The replay calls it
 * before {@link reconcileAutoscaler} and runs the full reconcile whenever it answers undefined.
 *
 * The argument. Let the previous sync P (result R) have gone the `from-metrics` way without rescaling and without
 * events, with desiredReplicas = currentReplicas = c, and let this sync S see the same HPA (spec and R's status,
 * by identity), the same settings and c again. Then:
 * 1. S takes the `from-metrics` way too (reconcileAutoscaler chooses its way from c, the spec and, at c = 0
 *    only, the conditions; c is within [minReplicas, maxReplicas] since P went that way).
 * 2. When metrics-memo.ts can recall the metric computation for S's read set, S's computation equals the one
 *    remembered, which is P's (the memo holds the last computation of these specs; P computed them, or
 *    recalled them, and every sync in between did too): the same statuses, condition, events (none) and
 *    proposal D, up to the proposals' metric timestamps, which the status does not hold.
 * 3. S's normalization is run for real, on S's history and clock: if it yields c with the same AbleToScale and
 *    ScalingLimited updates (the same interned objects) as P's, S applies to R's conditions the very updates P
 *    applied to its prior list: every condition ends with R's type, status, reason and message, no status
 *    flips, so every lastTransitionTime stays, and the list is R's.
 * 4. No rescale: lastScaleTime stays, no scale event is stored, no event is emitted; the status S would build
 *    equals R's status field for field, so R's status object is returned.
 * What differs is the controller state: the recommendation history after S's normalization (S's recommendation
 * replaces or is appended exactly as the full sync would do it).
 */
import { recallsReplicasForMetrics } from "./compute-metrics.js";
import { metricContextOf, NO_METRIC_SPECS, NO_OTHER_HPAS } from "./controller.js";
import { normalize } from "./normalize.js";
import { controllerState, type SyncResult } from "./sync-result.js";
import { tolerancesForHpa } from "./tolerances.js";
import type { ControllerState, SyncInput } from "./types.js";

/** What a repeated sync changes: the controller state only (the status is the previous one, no events). */
export interface RepeatedSync {
  readonly state: ControllerState;
  readonly status: SyncResult["status"];
}

/**
 * The outcome of the sync on `input` and `state` when it provably repeats `previous` (the result of the sync
 * before it, on the same HPA), else undefined.
 */
export function repeatSync(
  input: SyncInput,
  state: ControllerState,
  previous: SyncResult,
): RepeatedSync | undefined {
  const prior = previous.explanation;
  const prevNorm = prior.normalization;
  const computed = prior.metrics;
  const status = previous.status;
  const current = input.scaleTarget.specReplicas;
  if (
    prior.path !== "from-metrics" ||
    prevNorm === undefined ||
    computed === undefined ||
    previous.scaleUpdated ||
    previous.events.length !== 0 ||
    prior.raisedToMinFromZero === true ||
    input.hpa.status !== status ||
    input.scaleErrors !== undefined ||
    state.recommendations === null ||
    current === 0 ||
    status.currentReplicas !== current ||
    status.desiredReplicas !== current ||
    prior.currentReplicas !== current
  )
    return undefined;
  const spec = input.hpa.spec;
  const tolerances = tolerancesForHpa(spec, input.settings);
  if (
    !recallsReplicasForMetrics(
      metricContextOf(input, current, tolerances),
      input.hpa.metadata.name,
      spec.metrics ?? NO_METRIC_SPECS,
      input.scaleTarget.selector,
      input.pods,
      input.otherHPAs ?? NO_OTHER_HPAS,
    )
  )
    return undefined;
  // reconcileAutoscaler: the proposal enters normalization as max(0, the metrics' replicas)
  const desired = Math.max(computed.replicas, 0);
  const n = normalize({
    behavior: spec.behavior,
    settings: input.settings,
    history: state.recommendations,
    scaleUpEvents: state.scaleUpEvents,
    scaleDownEvents: state.scaleDownEvents,
    current,
    desired,
    minReplicas: spec.minReplicas ?? 1,
    maxReplicas: spec.maxReplicas,
    now: input.now,
    decisionOnly: true,
  });
  if (
    n.desired !== current ||
    n.conditions[0] !== prevNorm.conditions[0] ||
    n.conditions[1] !== prevNorm.conditions[1]
  )
    return undefined;
  return {
    state: controllerState(n.recommendations, state.scaleUpEvents, state.scaleDownEvents),
    status,
  };
}
