/** HPA status conditions (mirrors horizontal.go setConditionInList and removeCondition). */
import type { ConditionStatus, HPACondition } from "./api-types.js";

/**
 * Sets a condition in place of an existing one of the same type (keeping its list position) or appends it;
 * `lastTransitionTime` changes only when the status flips. Returns a new list.
 */
export function setCondition(
  list: readonly HPACondition[],
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): HPACondition[] {
  const out = list.slice();
  const i = out.findIndex((c) => c.type === type);
  const existing = i >= 0 ? out[i] : undefined;
  const lastTransitionTime =
    existing !== undefined && existing.status === status ? existing.lastTransitionTime : now;
  const cond: HPACondition = { type, status, reason, message };
  if (lastTransitionTime !== undefined) cond.lastTransitionTime = lastTransitionTime;
  if (i >= 0) out[i] = cond;
  else out.push(cond);
  return out;
}

/** Removes every condition of the type. */
export function removeCondition(list: readonly HPACondition[], type: string): HPACondition[] {
  return list.filter((c) => c.type !== type);
}

/** True if the list holds a condition of the type with status True. */
export function hasTrueCondition(list: readonly HPACondition[], type: string): boolean {
  const c = list.find((x) => x.type === type);
  return c?.status === "True";
}
