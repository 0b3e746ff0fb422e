/**
 * An HPA's controller memory across a replay's syncs (ControllerState: the recommendation history and scale
 * events), where the stabilization of repeated syncs may be deferred. A repeated sync whose proposal is the one the
 * previous repeat normalized runs only the stabilization (hpa/repeat-stabilization.ts restabilizeRepeat); after one
 * did, the later ones are proved to stabilize the same while quietRepeatBound holds, so they only record their
 * recommendation, and those records are written into the history at once (recordQuietRepeats) when the state is
 * next read. The state read is always the one the syncs one by one would have left.
 */

import type { HorizontalPodAutoscalerSpec } from "../hpa/api-types.js";
import { quietRepeatBound, recordQuietRepeats, restabilizeRepeat } from "../hpa/repeat-stabilization.js";
import type { RepeatedNormalization } from "../hpa/repeat-sync.js";
import type { ControllerState, SyncInput } from "../hpa/types.js";

type Settings = SyncInput["settings"];

export class ControllerMemory {
  /** Tests: every deferred sync is also restabilized one by one, and the records written at once are checked against it. */
  static verify = false;
  /** Syncs whose stabilization was deferred, over all memories (diagnostics and tests). */
  static deferredSyncs = 0;
  /**
   * The deferred records are written into the history once this many have piled up. Writing them is a fold of
   * the same records in the same order (hpa/stabilization.ts recordRecommendations), so the state is the one
   * writing them later would give; only the memory is bounded: a flat stretch of a long replay (10 years at a 1 s
   * sync period is 315 million syncs) would otherwise keep one number per sync, past V8's largest array.
   */
  static flushEvery = 65_536;
  /** The state but for the deferred syncs' records. */
  private recorded: ControllerState = { recommendations: null, scaleUpEvents: [], scaleDownEvents: [] };
  /** Times of the deferred syncs, in order. */
  private deferred: number[] = [];
  /**
   * The normalization and settings the last restabilized sync ran on (null: none since the last set), and the bound
   * of the state it left, computed when a later sync first asks (no record is deferred before that).
   */
  private bound: {
    readonly normalized: RepeatedNormalization;
    readonly settings: Settings;
    holds: ((now: number) => boolean) | null;
  } | null = null;
  /** Tests ({@link verify}): the state after the deferred syncs one by one. */
  private shadow: ControllerState | null = null;

  constructor(private readonly spec: HorizontalPodAutoscalerSpec) {}

  /** The controller memory after every sync so far. */
  get state(): ControllerState {
    this.writeDeferred();
    return this.recorded;
  }

  /**
   * The state without the deferred syncs' records: for readers of whether the history is null only (records never
   * change that), which then do not write the records.
   */
  get withoutDeferred(): ControllerState {
    return this.recorded;
  }

  /** A sync's new state (the full reconcile's or a renormalized repeat's, computed from {@link state}). */
  set state(s: ControllerState) {
    this.writeDeferred();
    this.recorded = s;
    this.bound = null;
  }

  /** Writes the deferred syncs' records into the history. */
  private writeDeferred(): void {
    const bound = this.bound;
    if (this.deferred.length === 0 || bound === null) return;
    const p = bound.normalized.proposal;
    this.recorded = recordQuietRepeats(this.spec, bound.settings, this.recorded, p, this.deferred);
    this.deferred = [];
    if (this.shadow !== null) this.verifyRecorded(this.shadow);
  }

  /**
   * A repeated sync at `now` on normalization `n` within the bound of the last restabilized one: records it (as
   * {@link restabilize} would) and returns true; false (nothing changed) when that is not proved.
   */
  deferIfBound(now: number, settings: Settings, n: RepeatedNormalization): boolean {
    const bound = this.bound;
    if (bound === null || bound.normalized !== n || bound.settings !== settings) return false;
    bound.holds ??= quietRepeatBound(this.spec, settings, this.recorded, n);
    if (!bound.holds(now)) return false;
    this.deferred.push(now);
    ControllerMemory.deferredSyncs++;
    if (ControllerMemory.verify) this.verifyDeferred(now, settings, n);
    if (this.deferred.length >= ControllerMemory.flushEvery) this.writeDeferred();
    return true;
  }

  /**
   * The stabilization of a repeated sync at `now` on normalization `n` (the previous repeat's, with the same
   * proposal and current count): true when it came out where that one's did (the state then includes the sync's
   * record), false when it did not (the state is unchanged).
   */
  restabilize(now: number, settings: Settings, n: RepeatedNormalization): boolean {
    if (this.deferIfBound(now, settings, n)) return true;
    const state = restabilizeRepeat(this.spec, settings, now, this.state, n);
    if (state === undefined) return false;
    this.recorded = state;
    this.bound = { normalized: n, settings, holds: null };
    return true;
  }

  private verifyDeferred(now: number, settings: Settings, n: RepeatedNormalization): void {
    const again = restabilizeRepeat(this.spec, settings, now, this.shadow ?? this.recorded, n);
    if (again === undefined)
      throw new Error(`ControllerMemory: the sync at ${now} was deferred but does not repeat`);
    this.shadow = again;
  }

  private verifyRecorded(shadow: ControllerState): void {
    this.shadow = null;
    if (JSON.stringify(shadow.recommendations) !== JSON.stringify(this.recorded.recommendations))
      throw new Error("ControllerMemory: the deferred syncs' records differ from the syncs one by one");
  }
}
