/**
 * The VPA as a pure controller for the replay engine (issue 5). Three steps, each `(input, state,
 * observation, now) -> { state, decisions }`, no clock and no I/O:
 *
 * - recommenderStep  every config.recommenderIntervalSeconds: pods + metrics-server list + OOMs -> the
 *   VPA status recommendation (recommender-step.ts);
 * - updaterStep      every config.updaterIntervalSeconds: live pods + replica count + recommendation ->
 *   evictions and in-place resizes (updater-step.ts);
 * - admitPod         whenever the engine creates a pod: template + recommendation -> the pod's requests
 *   and limits (admission.ts).
 *
 * Build the input once with buildVpaReplayInput(vpaManifest, template, overrides) (config.ts).
 */
export { type AdmissionResult, admitPod } from "./admission.js";
export {
  buildVpaReplayInput,
  DEFAULT_VPA_REPLAY_CONFIG,
  type VpaObject,
  type VpaReplayConfig,
  type VpaReplayConfigOverrides,
  type VpaReplayInput,
  vpaReplayConfig,
} from "./config.js";
export {
  newVpaRecommenderState,
  type RecommenderObservation,
  type RecommenderStepResult,
  recommenderStep,
  type VpaRecommenderState,
} from "./recommender-step.js";
export type * from "./types.js";
export {
  EVICTED_BY_VPA_MESSAGE,
  IN_PLACE_RESIZED_BY_VPA_MESSAGE,
  newVpaUpdaterState,
  type UpdaterObservation,
  type UpdaterStepResult,
  updaterStep,
  type VpaUpdaterState,
} from "./updater-step.js";
