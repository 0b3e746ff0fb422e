/**
 * Exponential node-group backoff after failed scale-ups (mirrors utils/backoff/exponential_backoff.go
 * Backoff, BackoffStatus, RemoveBackoff, RemoveStaleBackoffData). The state is an explicit immutable map
 * from node-group id; times and durations share one unit (seconds in the engine).
 */

/** Cloud provider instance error (cloudprovider.InstanceErrorInfo). */
export interface InstanceErrorInfo {
  readonly errorClass?: string;
  readonly errorCode: string;
  readonly errorMessage?: string;
}

export interface BackoffEntry {
  readonly duration: number;
  readonly backoffUntil: number;
  readonly lastFailedExecution: number;
  readonly errorInfo: InstanceErrorInfo | undefined;
}

export type BackoffState = ReadonlyMap<string, BackoffEntry>;

export interface BackoffConfig {
  /** --initial-node-group-backoff-duration: 5 min. */
  readonly initialSeconds: number;
  /** --max-node-group-backoff-duration: 30 min. */
  readonly maxSeconds: number;
  /** --node-group-backoff-reset-timeout: 3 h after the last failure the entry is forgotten. */
  readonly resetSeconds: number;
}

export const EMPTY_BACKOFF: BackoffState = new Map();

/**
 * Records a failure at `now`: the first backs off for the initial duration; a failure after the previous
 * backoff expired doubles it (capped); a failure during a backoff restarts it with the same duration.
 */
export function backoffNodeGroup(
  state: BackoffState,
  key: string,
  errorInfo: InstanceErrorInfo | undefined,
  now: number,
  cfg: BackoffConfig,
): { readonly state: BackoffState; readonly backoffUntil: number } {
  let duration = cfg.initialSeconds;
  const prev = state.get(key);
  if (prev !== undefined) {
    duration = prev.duration;
    if (prev.backoffUntil < now) duration = Math.min(2 * prev.duration, cfg.maxSeconds);
  }
  const backoffUntil = now + duration;
  const next = new Map(state);
  next.set(key, { duration, backoffUntil, lastFailedExecution: now, errorInfo });
  return { state: next, backoffUntil };
}

/** Backed off while `now <= backoffUntil`, with the error that caused it. */
export function backoffStatus(
  state: BackoffState,
  key: string,
  now: number,
): { readonly isBackedOff: boolean; readonly errorInfo?: InstanceErrorInfo } {
  const entry = state.get(key);
  if (entry === undefined || entry.backoffUntil < now) return { isBackedOff: false };
  return entry.errorInfo === undefined
    ? { isBackedOff: true }
    : { isBackedOff: true, errorInfo: entry.errorInfo };
}

/** Forgets a group's backoff (after a successful scale-up). */
export function removeBackoff(state: BackoffState, key: string): BackoffState {
  if (!state.has(key)) return state;
  const next = new Map(state);
  next.delete(key);
  return next;
}

/** Drops entries whose last failure is more than the reset timeout ago: `last + reset < now`. */
export function removeStaleBackoffData(state: BackoffState, now: number, cfg: BackoffConfig): BackoffState {
  const next = new Map<string, BackoffEntry>();
  for (const [k, e] of state) if (!(e.lastFailedExecution + cfg.resetSeconds < now)) next.set(k, e);
  return next;
}
