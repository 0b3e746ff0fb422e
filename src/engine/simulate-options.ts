/** Hooks and switches of `simulate()` (tests and the CLI's progress bar); none changes the result. */

import type { SyncResult } from "../hpa/controller.js";
import type { ControllerState, SyncInput } from "../hpa/types.js";
import type { ClusterStepView } from "./cluster-phase.js";

export interface SimulateOptions {
  /** Visit every second instead of jumping between moments of change (for testing that jumping is exact). */
  readonly everySecond?: boolean;
  /** Called now and then with the simulated time reached (the CLI draws a progress bar). */
  readonly onProgress?: (t: number) => void;
  /** Called after every HPA sync with what it read and decided (`simulate --explain-at`). */
  readonly onSync?: (input: SyncInput, state: ControllerState, result: SyncResult) => void;
  /**
   * Skip HPA syncs proved to repeat the previous one (hpa/repeat-sync.ts; default true, and off while `onSync`
   * is given, since it reports every sync's explanation). False runs every sync in full (tests of exactness).
   */
  readonly syncShortcut?: boolean;
  /** With a cluster model: called after the cluster phase of every visited moment (tests' invariants). */
  readonly onClusterStep?: (view: ClusterStepView) => void;
}
