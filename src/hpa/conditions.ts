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
  setConditionInPlace(out, type, status, reason, message, now);
  return out;
}

/** The keys of a condition setConditionInPlace builds, in order (lastTransitionTime when known). */
const KEYS = ["type", "status", "reason", "message", "lastTransitionTime"];

/** True if `c` has exactly the keys, in the order, of the condition setConditionInPlace would build from it. */
function canonical(c: HPACondition): boolean {
  let k = 0;
  for (const key in c) if (key !== KEYS[k++]) return false;
  return k === 4 || (k === 5 && c.lastTransitionTime !== undefined);
}

/**
 * {@link setCondition} on a list the caller owns (no copy). `prior`: the list before this sync's updates; a
 * condition of it equal to the one that would be built (keys, order, values) is put back as the same object.
 */
export function setConditionInPlace(
  list: HPACondition[],
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
  prior?: readonly HPACondition[],
): void {
  let i = -1;
  for (let k = 0; k < list.length; k++) {
    if ((list[k] as HPACondition).type === type) {
      i = k;
      break;
    }
  }
  const existing = i >= 0 ? list[i] : undefined;
  // unchanged, and the very object that would be built (same keys, order and values): keep the (immutable)
  // object, so the status compare of the next sync meets the same object
  if (
    existing !== undefined &&
    existing.status === status &&
    existing.reason === reason &&
    existing.message === message &&
    canonical(existing)
  )
    return;
  const lastTransitionTime =
    existing !== undefined && existing.status === status ? existing.lastTransitionTime : now;
  const cond =
    priorEqual(prior, type, status, reason, message, lastTransitionTime) ??
    built(type, status, reason, message, lastTransitionTime);
  if (i >= 0) list[i] = cond;
  else list.push(cond);
}

function built(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  lastTransitionTime: number | undefined,
): HPACondition {
  const cond: HPACondition = { type, status, reason, message };
  if (lastTransitionTime !== undefined) cond.lastTransitionTime = lastTransitionTime;
  return cond;
}

/** The condition of `prior` identical to what {@link built} would make of these values, if any. */
function priorEqual(
  prior: readonly HPACondition[] | undefined,
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  lastTransitionTime: number | undefined,
): HPACondition | undefined {
  if (prior === undefined) return undefined;
  for (const c of prior) {
    if (c.type !== type) continue;
    const same =
      c.status === status &&
      c.reason === reason &&
      c.message === message &&
      c.lastTransitionTime === lastTransitionTime &&
      canonical(c);
    return same ? c : undefined;
  }
  return undefined;
}

/** Removes every condition of the type. */
export function removeCondition(list: readonly HPACondition[], type: string): HPACondition[] {
  return list.filter((c) => c.type !== type);
}

/** True if the list holds a condition of the type with status True. */
export function hasTrueCondition(list: readonly HPACondition[], type: string): boolean {
  for (const c of list) if (c.type === type) return c.status === "True";
  return false;
}
