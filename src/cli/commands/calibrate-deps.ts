/** What `calibrate` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { calibrateUsage } from "../../calibrate/calibrate-usage.js";
export { UnidentifiableFitError } from "../../calibrate/usage-fit.js";
export { renderCalibrationJson, renderCalibrationText } from "../../report/calibrate-text.js";
export { RATE_MEASURES_RE } from "../../scenario/scenario-trace-spec.js";
export { readTraceFile } from "../../trace/read-trace-file.js";
