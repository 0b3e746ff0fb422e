/** What `explain` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { compareExpectation } from "../../conformance/compare-expectation.js";
export { reconcileObservables } from "../../conformance/hpa-reconcile-case.js";
export { reconcileAutoscaler } from "../../hpa/controller.js";
export { mismatchData, renderExpectationText } from "../../report/explain-expectation.js";
export { renderExplainText } from "../../report/explain-text.js";
export { toJson } from "../../report/table.js";
export { parseHpaSnapshot } from "../../scenario/hpa-snapshot.js";
