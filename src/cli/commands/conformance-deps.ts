/** What `conformance` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { runCase } from "../../conformance/run-case.js";
export { renderConformanceText } from "../../report/conformance-text.js";
export { toJson } from "../../report/table.js";
