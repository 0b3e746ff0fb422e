/** What `vpa recommend` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
export { parseManifestDocuments } from "../../scenario/read-manifests.js";
export { readVerticalPodAutoscalers } from "../../scenario/vpa-manifest.js";
export { readWorkloads } from "../../scenario/workload-manifest.js";
export { readTraceFile } from "../../trace/read-trace-file.js";
export { RECOMMENDER_INTERVAL_SECONDS } from "../../vpa/config.js";
export { recommendOverTrace } from "../../vpa/recommend-over-trace.js";
export {
  renderReplaySummary,
  renderVpaCharts,
  renderVpaCsv,
  renderVpaDescribe,
  renderVpaJson,
} from "./vpa-output.js";
