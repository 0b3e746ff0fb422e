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
import { normalize } from "./normalize.js";
import { restabilizeRepeat } from "./repeat-stabilization.js";
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
 * before it, on the same HPA), else undefined: {@link repeatedProposal}, then its normalization. The replay
 * (engine/hpa-controller-run.ts) composes the same steps over a memory that may defer the stabilization.
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
   * {@link restabilizeRepeat}).
   */
  lastNormalized?: RepeatedNormalization,
): RepeatedSync | undefined {
  const p = repeatedProposal(input, state, previous, known);
  if (p === undefined) return undefined;
  if (lastNormalized?.proposal === p.proposal && lastNormalized.current === p.current) {
    const again = restabilizeRepeat(input.hpa.spec, input.settings, input.now, state, lastNormalized);
    if (again !== undefined) return finish(again, p, lastNormalized);
  }
  return renormalizeRepeat(input, state, previous, p);
}

/** Steps 1-2 of a repeated sync: its metric computation and the proposal that enters normalization. */
export interface RepeatedProposal {
  readonly metrics: MetricsComputation;
  readonly proposal: number;
  /** The current replica count c. */
  readonly current: number;
  /** The status the sync read (R's, or what a repeat of it returned). */
  readonly given: SyncResult["status"];
  /** R's status. */
  readonly status: SyncResult["status"];
}

/**
 * Steps 1-2 of the argument for the sync on `input` after `previous`: undefined when they do not hold. Of `state` it
 * reads only whether the history is null.
 */
export function repeatedProposal(
  input: SyncInput,
  state: ControllerState,
  previous: SyncResult,
  known?: MetricsComputation,
): RepeatedProposal | undefined {
  const prior = previous.explanation;
  const computed = prior.metrics;
  const status = previous.status;
  // R's status, or what a repeat of it returned (R's with other current metrics, which no decision reads)
  const given = input.hpa.status;
  const current = input.scaleTarget.specReplicas;
  if (
    prior.path !== "from-metrics" ||
    prior.normalization === undefined ||
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
  return { metrics: m, proposal: Math.max(m.replicas, 0), current, given, status };
}

/** Step 3 for a proposal of {@link repeatedProposal}: the full normalization on `state`, undefined when it decides otherwise. */
export function renormalizeRepeat(
  input: SyncInput,
  state: ControllerState,
  previous: SyncResult,
  p: RepeatedProposal,
): RepeatedSync | undefined {
  const prevNorm = previous.explanation.normalization;
  const spec = input.hpa.spec;
  const { current, proposal } = p;
  const history = state.recommendations;
  if (history === null) return undefined;
  const n = normalize({
    behavior: spec.behavior,
    settings: input.settings,
    history,
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
    prevNorm === undefined ||
    n.desired !== current ||
    n.conditions[0] !== prevNorm.conditions[0] ||
    n.conditions[1] !== prevNorm.conditions[1]
  )
    return undefined;
  const next = controllerState(n.recommendations, state.scaleUpEvents, state.scaleDownEvents);
  const stabilized = n.stabilization.stabilized;
  return finish(next, p, { current, proposal, stabilized });
}

/** The repeated sync's answer: the state after its normalization, and {@link repeatedStatus}. */
function finish(next: ControllerState, p: RepeatedProposal, normalized: RepeatedNormalization): RepeatedSync {
  return { state: next, status: repeatedStatus(p), metrics: p.metrics, normalized };
}

/**
 * A repeated sync's status (step 4): R's with this sync's metric statuses (the given status itself when they are
 * the same object).
 */
export function repeatedStatus({
  metrics: m,
  given,
  status,
  current,
}: RepeatedProposal): SyncResult["status"] {
  if (m.statuses === given.currentMetrics) return given;
  // reconcileAutoscaler's finish: the same keys in the same order
  const changed: SyncResult["status"] = {
    currentReplicas: current,
    desiredReplicas: current,
    lastScaleTime: status.lastScaleTime ?? null,
    conditions: status.conditions ?? [],
  };
  if (m.statuses !== null) changed.currentMetrics = m.statuses;
  return changed;
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
