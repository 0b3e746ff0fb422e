/** The per-direction history of scale events, used by behavior policies (mirrors horizontal.go storeScaleEvent and helpers). */
import type { HPAScalingPolicy } from "./api-types.js";
import type { TimestampedScaleEvent } from "./types.js";

/** Sum of changes strictly inside the last `periodSeconds` (mirrors horizontal.go getReplicasChangePerPeriod). */
export function getReplicasChangePerPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  now: number,
): number {
  const cutoff = now - periodSeconds;
  let replicas = 0;
  for (const e of events) if (e.timestamp > cutoff) replicas += e.replicaChange;
  return replicas;
}

/** Longest periodSeconds among the policies (mirrors horizontal.go getLongestPolicyPeriod). */
export function getLongestPolicyPeriod(policies: readonly HPAScalingPolicy[]): number {
  let longest = 0;
  for (const p of policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * Records `(|change|, now)`: marks events older than the longest period as outdated, then overwrites the last
 * outdated one or appends (mirrors horizontal.go storeScaleEvent + markScaleEventsOutdated). Returns a new list.
 */
export function storeScaleEvent(
  events: readonly TimestampedScaleEvent[],
  policies: readonly HPAScalingPolicy[],
  replicaChange: number,
  now: number,
): TimestampedScaleEvent[] {
  const cutoff = now - getLongestPolicyPeriod(policies);
  const marked = events.map((e) => (e.timestamp < cutoff && !e.outdated ? { ...e, outdated: true } : e));
  let oldIndex = -1;
  marked.forEach((e, i) => {
    if (e.outdated) oldIndex = i;
  });
  const event: TimestampedScaleEvent = { replicaChange, timestamp: now, outdated: false };
  if (oldIndex >= 0) marked[oldIndex] = event;
  else marked.push(event);
  return marked;
}
