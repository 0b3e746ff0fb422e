/** What `validate` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { readHorizontalPodAutoscalers } from "../../scenario/hpa-manifest.js";
export { parseManifestDocuments } from "../../scenario/read-manifests.js";
export { isScenarioDocument, readScenarioDocument } from "../../scenario/scenario-file.js";
export { readVerticalPodAutoscalers } from "../../scenario/vpa-manifest.js";
export { readWorkloads } from "../../scenario/workload-manifest.js";
