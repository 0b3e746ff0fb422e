/** What `sweep` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { createProgress } from "../../report/progress-bar.js";
export { renderSweepCsv, renderSweepJson, renderSweepTable } from "../../report/sweep-report.js";
export { compileAssertions } from "../../results/assertions.js";
export { parseVariation } from "../../scenario/sweep-variations.js";
export { describeCombination, runSweep } from "./sweep-run.js";
