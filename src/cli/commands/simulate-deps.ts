/** What `simulate` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { simulate } from "../../engine/simulate.js";
export { failedAssertionsText, renderAssertions } from "../../report/assertions-text.js";
export { renderExplainText } from "../../report/explain-text.js";
export { renderHtmlReport } from "../../report/html-report.js";
export { renderJunitXml } from "../../report/junit-xml.js";
export { createProgress } from "../../report/progress-bar.js";
export { isoTime, RELATIVE_CLOCK, traceClock } from "../../report/report-clock.js";
export { runJsonChunks } from "../../report/run-json.js";
export { toJson } from "../../report/table.js";
export { renderTimelineCsv } from "../../report/timeline-csv.js";
export { checkAssertions, compileAssertions } from "../../results/assertions.js";
export { withBacktest } from "../../results/backtest-replicas.js";
export { loadSimulationInputs } from "../../scenario/load-simulation-inputs.js";
export { parseDateTime } from "../../trace/civil-time.js";
export { checkOutputPath, JUNIT_WITHOUT_ASSERTIONS, writeOutputFile } from "../output-file.js";
export { renderSimulateTable } from "./simulate-table.js";
