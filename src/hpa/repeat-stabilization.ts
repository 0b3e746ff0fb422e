/**
 * The stabilization of repeated syncs (repeat-sync.ts): a sync whose proposal is the one the previous repeat
 * normalized only runs the stabilization ({@link restabilizeRepeat}), and while {@link quietRepeatBound} holds, later
 * such syncs only record their recommendation ({@link recordQuietRepeats}, all at once). Not upstream functions: they
 * prove when horizontal.go stabilizeRecommendation(WithBehaviors) comes out as before.
 */
import { resolveBehavior } from "./normalize.js";
import type { RepeatedNormalization } from "./repeat-sync.js";
import {
  recordRecommendations,
  type StabilizationResult,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from "./stabilization.js";
import { controllerState } from "./sync-result.js";
import type { ControllerState, SyncInput, TimestampedRecommendation } from "./types.js";

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
    const { upW, downW } = windowsOf(spec.behavior, settings);
    st = stabilizeRecommendationWithBehaviors(history, current, proposal, upW, downW, now, false);
  }
  if (st.stabilized !== stabilized) return undefined;
  return controllerState(st.recommendations, state.scaleUpEvents, state.scaleDownEvents);
}

/** The stabilization windows of a spec with behavior (normalizeDesiredReplicasWithBehaviors). */
function windowsOf(
  behavior: NonNullable<SyncInput["hpa"]["spec"]["behavior"]>,
  settings: SyncInput["settings"],
): { upW: number; downW: number } {
  const b = resolveBehavior(behavior, settings.downscaleStabilizationWindowSeconds);
  return {
    upW: b.scaleUp.stabilizationWindowSeconds ?? 0,
    downW: b.scaleDown.stabilizationWindowSeconds ?? 0,
  };
}

const ALWAYS = (): boolean => true;

/**
 * After {@link restabilizeRepeat} returned `state` for a sync that normalized `normalized`, the times `now` at which a
 * later sync with the same proposal and current count, reading nothing new but the clock, stabilizes where that
 * one did, so that restabilizeRepeat would pass again, while the syncs in between only recorded that proposal. The
 * recommendations they add equal the proposal, which every stabilization already takes in, and the entries of
 * `state` only leave the windows as the clock runs (an entry a later record overwrites was out of every window):
 * - without behavior, the result is max(proposal, the window's entries): it stays while an entry of that value
 *   (the latest one) is in the window, or always when it is the proposal;
 * - with behavior, the current count stays within [min over the up window, max over the down window] while an
 *   entry at or below it stays in the up window (needed only when the proposal is above it) and one at or above
 *   it in the down window (needed only when the proposal is below it).
 */
export function quietRepeatBound(
  spec: SyncInput["hpa"]["spec"],
  settings: SyncInput["settings"],
  state: ControllerState,
  { current, proposal, stabilized }: RepeatedNormalization,
): (now: number) => boolean {
  const history = state.recommendations ?? [];
  if (spec.behavior === undefined) {
    if (stabilized === proposal) return ALWAYS;
    const window = settings.downscaleStabilizationWindowSeconds;
    const ts = latestTimestamp(history, (r) => r === stabilized);
    return (now) => ts >= now - window; // stabilizeRecommendation's test for an entry in the window
  }
  const { upW, downW } = windowsOf(spec.behavior, settings);
  const up = proposal <= current ? Number.POSITIVE_INFINITY : latestTimestamp(history, (r) => r <= current);
  const down = proposal >= current ? Number.POSITIVE_INFINITY : latestTimestamp(history, (r) => r >= current);
  return (now) => up > now - upW && down > now - downW; // stabilizeRecommendationWithBehaviors' tests
}

/** The latest timestamp of an entry whose replicas pass `test` (-Infinity: none). */
function latestTimestamp(
  history: readonly TimestampedRecommendation[],
  test: (replicas: number) => boolean,
): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const r of history) if (test(r.replicas) && r.timestamp > latest) latest = r.timestamp;
  return latest;
}

/**
 * The state after syncs at `times` that each only recorded `proposal` in the history, as their stabilization does
 * (quiet repeats within a {@link quietRepeatBound}): one new history for all of them.
 */
export function recordQuietRepeats(
  spec: SyncInput["hpa"]["spec"],
  settings: SyncInput["settings"],
  state: ControllerState,
  proposal: number,
  times: readonly number[],
): ControllerState {
  let oldest = settings.downscaleStabilizationWindowSeconds;
  if (spec.behavior !== undefined) {
    const { upW, downW } = windowsOf(spec.behavior, settings);
    oldest = Math.max(upW, downW);
  }
  const history = recordRecommendations(state.recommendations ?? [], proposal, times, oldest);
  return controllerState(history, state.scaleUpEvents, state.scaleDownEvents);
}
