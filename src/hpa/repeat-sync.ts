/**
 * A sync proved to decide what the previous one decided, without running the rest of the reconcile. Not an
 * upstream function: horizontal.go reconcileAutoscaler runs in full every sync; this only skips work whose result
 * is known. The replay calls it before {@link reconcileAutoscaler} and runs the full reconcile whenever it
 * answers undefined.
 *
 * The argument. Let the previous sync P (result R) have gone the `from-metrics` way without rescaling and without
 * events, with desiredReplicas = currentReplicas = c, and let this sync S see the same HPA spec, the same settings,
 * c again and R's status (R's conditions list by identity, R's lastScaleTime; the status may be one a repeat
 * returned, R's with other current metrics, which no decision reads). Then:
 * 1. S takes the `from-metrics` way too (reconcileAutoscaler chooses its way from c, the spec and, at c = 0
 *    only, the conditions; c is within [minReplicas, maxReplicas] since P went that way).
 * 2. S's metric computation is run for real (computeReplicasForMetrics, recalled when metrics-memo.ts proves it
 *    the same). When it succeeds with no events and the ScalingActive condition P set (type, status, reason,
 *    message), its proposal D enters S's normalization, also run for real on S's history and clock.
 * 3. When that normalization yields c with the same AbleToScale and ScalingLimited updates (the same interned
 *    objects) as P's, S applies to R's conditions the very updates P applied to its prior list: every
 *    condition ends with R's type, status, reason and message, no status flips, so every lastTransitionTime
 *    stays and setConditionInPlace puts R's own condition objects back.
 * 4. No rescale: lastScaleTime stays, no scale event is stored, no event is emitted. The status S would build
 *    is R's with S's metric statuses (R's very object when the computation was recalled).
 * The controller state is S's: the recommendation history after S's normalization.
 */
import { computeReplicasForMetrics, type MetricsComputation } from "./compute-metrics.js";
import { metricContextOf, NO_METRIC_SPECS, NO_OTHER_HPAS } from "./controller.js";
import { normalize, resolveBehavior } from "./normalize.js";
import {
  type StabilizationResult,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from "./stabilization.js";
import { controllerState, type SyncResult } from "./sync-result.js";
import { tolerancesForHpa } from "./tolerances.js";
import type { ControllerState, SyncInput } from "./types.js";

/** What a repeated sync changes: the controller state, and the status only in its current metrics (no events). */
export interface RepeatedSync {
  readonly state: ControllerState;
  readonly status: SyncResult["status"];
  /** The sync's metric computation (its proposals' timestamps may be an earlier sync's). */
  readonly metrics: MetricsComputation;
  readonly normalized: RepeatedNormalization;
}

/** A repeated sync's normalization: the current count, the proposal it took in and the stabilized recommendation. */
export interface RepeatedNormalization {
  readonly current: number;
  readonly proposal: number;
  readonly stabilized: number;
}

/**
 * The outcome of the sync on `input` and `state` when it provably repeats `previous` (the result of the sync
 * before it, on the same HPA), else undefined.
 */
export function repeatSync(
  input: SyncInput,
  state: ControllerState,
  previous: SyncResult,
  /**
   * The sync's metric computation, when the caller already has it (metrics-memo.ts recallUnchanged); else it is
   * computed here.
   */
  known?: MetricsComputation,
  /**
   * The normalization of the repeated sync just before this one (same HPA and spec), when the caller has it: with
   * the same current count and proposal, a stabilization that comes out the same decides the same (see
   * {@link restabilize}).
   */
  lastNormalized?: RepeatedNormalization,
): RepeatedSync | undefined {
  const prior = previous.explanation;
  const prevNorm = prior.normalization;
  const computed = prior.metrics;
  const status = previous.status;
  // R's status, or what a repeat of it returned (R's with other current metrics, which no decision reads)
  const given = input.hpa.status;
  const current = input.scaleTarget.specReplicas;
  if (
    prior.path !== "from-metrics" ||
    prevNorm === undefined ||
    computed === undefined ||
    previous.scaleUpdated ||
    previous.events.length !== 0 ||
    prior.raisedToMinFromZero === true ||
    given === undefined ||
    given.conditions !== status.conditions ||
    given.lastScaleTime !== status.lastScaleTime ||
    given.currentReplicas !== current ||
    given.desiredReplicas !== current ||
    input.scaleErrors !== undefined ||
    state.recommendations === null ||
    current === 0 ||
    status.currentReplicas !== current ||
    status.desiredReplicas !== current ||
    prior.currentReplicas !== current
  )
    return undefined;
  const spec = input.hpa.spec;
  const m =
    known ??
    computeReplicasForMetrics(
      metricContextOf(input, current, tolerancesForHpa(spec, input.settings)),
      input.hpa.metadata.name,
      spec.metrics ?? NO_METRIC_SPECS,
      input.scaleTarget.selector,
      input.pods,
      input.otherHPAs ?? NO_OTHER_HPAS,
      false, // the proposals' metric timestamps are not read here
    );
  if (m.replicas === -1 || m.events.length !== 0 || !sameCondition(m, computed)) return undefined;
  // reconcileAutoscaler: the proposal enters normalization as max(0, the metrics' replicas)
  const proposal = Math.max(m.replicas, 0);
  if (lastNormalized?.proposal === proposal && lastNormalized.current === current) {
    const again = restabilizeRepeat(spec, input.settings, input.now, state, lastNormalized);
    if (again !== undefined) return finish(again, m, given, status, current, lastNormalized);
  }
  const n = normalize({
    behavior: spec.behavior,
    settings: input.settings,
    history: state.recommendations,
    scaleUpEvents: state.scaleUpEvents,
    scaleDownEvents: state.scaleDownEvents,
    current,
    desired: proposal,
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
  const next = controllerState(n.recommendations, state.scaleUpEvents, state.scaleDownEvents);
  const stabilized = n.stabilization.stabilized;
  return finish(next, m, given, status, current, { current, proposal, stabilized });
}

/**
 * The repeated sync's answer: the state after its normalization, and R's status with this sync's metric statuses
 * (the given status itself when they are the same object).
 */
function finish(
  next: ControllerState,
  m: MetricsComputation,
  given: SyncResult["status"],
  status: SyncResult["status"],
  current: number,
  normalized: RepeatedNormalization,
): RepeatedSync {
  if (m.statuses === given.currentMetrics) return { state: next, status: given, metrics: m, normalized };
  // reconcileAutoscaler's finish: the same keys in the same order
  const changed: SyncResult["status"] = {
    currentReplicas: current,
    desiredReplicas: current,
    lastScaleTime: status.lastScaleTime ?? null,
    conditions: status.conditions ?? [],
  };
  if (m.statuses !== null) changed.currentMetrics = m.statuses;
  return { state: next, status: changed, metrics: m, normalized };
}

/**
 * The normalization of a sync at `now` whose proposal is the one the previous repeated sync normalized (`current`,
 * `proposal`, `stabilized` of that one), when its stabilization comes out where that one's did: the state after
 * it, else undefined. Then the rest of the normalization decides what the previous one did, since it reads nothing
 * else that changed:
 * - without behavior (horizontal.go normalizeDesiredReplicas), AbleToScale depends on the stabilized value and
 *   the proposal, and convertDesiredReplicasWithRules on the stabilized value, the current replicas, the bounds and
 *   the settings;
 * - with behavior (normalizeDesiredReplicasWithBehaviors), only when the stabilized value is the current count:
 *   then convertDesiredReplicasWithBehaviorRate applies no rate limit (the only part reading the clock and the
 *   scale events) and clamps to the bounds.
 */
export function restabilizeRepeat(
  spec: SyncInput["hpa"]["spec"],
  settings: SyncInput["settings"],
  now: number,
  state: ControllerState,
  { current, proposal, stabilized }: RepeatedNormalization,
): ControllerState | undefined {
  const history = state.recommendations ?? [];
  let st: StabilizationResult;
  if (spec.behavior === undefined) {
    const window = settings.downscaleStabilizationWindowSeconds;
    st = stabilizeRecommendation(history, proposal, window, now, false);
  } else {
    if (stabilized !== current) return undefined;
    const b = resolveBehavior(spec.behavior, settings.downscaleStabilizationWindowSeconds);
    const upW = b.scaleUp.stabilizationWindowSeconds ?? 0;
    const downW = b.scaleDown.stabilizationWindowSeconds ?? 0;
    st = stabilizeRecommendationWithBehaviors(history, current, proposal, upW, downW, now, false);
  }
  if (st.stabilized !== stabilized) return undefined;
  return controllerState(st.recommendations, state.scaleUpEvents, state.scaleDownEvents);
}

/** The ScalingActive update of both computations is the same (reconcileAutoscaler sets it with message ?? ""). */
function sameCondition(a: MetricsComputation, b: MetricsComputation): boolean {
  const x = a.condition;
  const y = b.condition;
  return (
    x === y ||
    (x.type === y.type &&
      x.status === y.status &&
      x.reason === y.reason &&
      (x.message ?? "") === (y.message ?? ""))
  );
}
