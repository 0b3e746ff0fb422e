/** Stabilization windows over the recommendation history (mirrors horizontal.go stabilizeRecommendation*). */
import type { TimestampedRecommendation } from "./types.js";

/** `considered` when it is not collected (never written to). */
const NOT_COLLECTED: TimestampedRecommendation[] = [];

export interface StabilizationResult {
  readonly stabilized: number;
  readonly recommendations: TimestampedRecommendation[];
  /** The recommendations inside the window(s) that shaped the result. */
  readonly considered: TimestampedRecommendation[];
  /** Window bounds: the lowest (scale-up window) and highest (scale-down window) recommendation. */
  readonly upRecommendation?: number;
  readonly downRecommendation: number;
}

/**
 * Legacy path: the max of `desired` and every recommendation not before `now - window`; the new raw
 * recommendation overwrites the last entry older than the window, or is appended (mirrors horizontal.go stabilizeRecommendation).
 */
export function stabilizeRecommendation(
  history: readonly TimestampedRecommendation[],
  desired: number,
  windowSeconds: number,
  now: number,
  /** False: leave `considered` empty (only the decision is wanted). */
  collect = true,
): StabilizationResult {
  const cutoff = now - windowSeconds;
  let max = desired;
  let oldIndex = -1;
  const considered: TimestampedRecommendation[] = collect ? [] : NOT_COLLECTED;
  for (let i = 0; i < history.length; i++) {
    const rec = history[i] as TimestampedRecommendation;
    if (rec.timestamp < cutoff) oldIndex = i;
    else {
      if (collect) considered.push(rec);
      if (rec.replicas > max) max = rec.replicas;
    }
  }
  const recommendations = replaceOrAppend(history, oldIndex, { replicas: desired, timestamp: now });
  return { stabilized: max, recommendations, considered, downRecommendation: max };
}

/**
 * Behavior path: both windows at once, strictly after each cutoff; the result is current clamped to
 * [min over the up window, max over the down window] (mirrors horizontal.go stabilizeRecommendationWithBehaviors).
 */
export function stabilizeRecommendationWithBehaviors(
  history: readonly TimestampedRecommendation[],
  current: number,
  desired: number,
  upWindowSeconds: number,
  downWindowSeconds: number,
  now: number,
  /** False: leave `considered` empty (only the decision is wanted). */
  collect = true,
): StabilizationResult & { readonly upRecommendation: number } {
  const upCutoff = now - upWindowSeconds;
  const downCutoff = now - downWindowSeconds;
  let up = desired;
  let down = desired;
  let oldIndex = -1;
  const considered: TimestampedRecommendation[] = collect ? [] : NOT_COLLECTED;
  for (let i = 0; i < history.length; i++) {
    const rec = history[i] as TimestampedRecommendation;
    const inUp = rec.timestamp > upCutoff;
    const inDown = rec.timestamp > downCutoff;
    if (inUp) up = Math.min(rec.replicas, up);
    if (inDown) down = Math.max(rec.replicas, down);
    if (collect && (inUp || inDown)) considered.push(rec);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  }
  let stabilized = current;
  if (stabilized < up) stabilized = up;
  if (stabilized > down) stabilized = down;
  const recommendations = replaceOrAppend(history, oldIndex, { replicas: desired, timestamp: now });
  return { stabilized, recommendations, considered, upRecommendation: up, downRecommendation: down };
}

function replaceOrAppend(
  history: readonly TimestampedRecommendation[],
  index: number,
  rec: TimestampedRecommendation,
): TimestampedRecommendation[] {
  const out = history.slice();
  if (index >= 0) out[index] = rec;
  else out.push(rec);
  return out;
}

/**
 * The history after recording `replicas` at each of `times` in turn, as the functions above record a
 * recommendation: it overwrites the last entry older than every window (`timestamp < now - oldestWindowSeconds`,
 * the longest window), or is appended. The same entries in the same places as that many calls, without their scans.
 */
export function recordRecommendations(
  history: readonly TimestampedRecommendation[],
  replicas: number,
  times: readonly number[],
  oldestWindowSeconds: number,
): TimestampedRecommendation[] {
  const out = history.slice();
  for (let k = 0; k < times.length; k++) {
    const now = times[k] as number;
    const cutoff = now - oldestWindowSeconds;
    // the last old entry, searched from the end
    let oldIndex = out.length - 1;
    while (oldIndex >= 0 && !((out[oldIndex] as TimestampedRecommendation).timestamp < cutoff)) oldIndex--;
    const rec = { replicas, timestamp: now };
    if (oldIndex >= 0) out[oldIndex] = rec;
    else out.push(rec);
  }
  return out;
}
