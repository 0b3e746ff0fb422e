/** What `sweep` and `compare` run, imported by its action only, so that start-up loads none of it (see main.ts). */
export { compileAssertions } from "../../results/assertions.js";
export { replacedSources } from "../../scenario/compare-sources.js";
export { checkNotFixedByFlags, parseVariation } from "../../scenario/sweep-variations.js";
export { checkOutputPath, JUNIT_WITHOUT_ASSERTIONS } from "../output-file.js";
export { readInputText } from "../read-input.js";
export { jobsFlag } from "./jobs-flag.js";
export { compareCharts, compareHtml, runsProgress, sweepHtml, writeRuns } from "./runs-output.js";
export { describeCombination, runConfigurationsInParallel, runSweepInParallel } from "./sweep-run.js";
