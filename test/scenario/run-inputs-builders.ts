/** Builders for scenario-layer tests: manifests as YAML, read through the real readers. */
import type { HorizontalPodAutoscaler } from "../../src/hpa/api-types.js";
import { readHorizontalPodAutoscalers } from "../../src/scenario/hpa-manifest.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import type { ParsedScenario } from "../../src/scenario/scenario-types.js";
import { readWorkloads, type WorkloadManifest } from "../../src/scenario/workload-manifest.js";
import type { TimeSeries } from "../../src/trace/types.js";

/** A Deployment `web` (one container, 500m/256Mi requested, limits 1 CPU / 512Mi unless overridden). */
export function deploymentYaml(o: { name?: string; resources?: string; replicas?: number } = {}): string {
  const name = o.name ?? "web";
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    `metadata: {name: ${name}}`,
    "spec:",
    `  replicas: ${o.replicas ?? 2}`,
    `  selector: {matchLabels: {app: ${name}}}`,
    "  template:",
    `    metadata: {labels: {app: ${name}}}`,
    "    spec:",
    "      containers:",
    `      - name: ${name}`,
    `        resources: ${o.resources ?? '{requests: {cpu: 500m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}'}`,
  ].join("\n");
}

/** An autoscaling/v2 HPA `name` on Deployment `target`, with the given metrics (YAML flow list). */
export function hpaYaml(o: { name?: string; target?: string; kind?: string; metrics?: string } = {}): string {
  return [
    "apiVersion: autoscaling/v2",
    "kind: HorizontalPodAutoscaler",
    `metadata: {name: ${o.name ?? "web"}}`,
    "spec:",
    `  scaleTargetRef: {apiVersion: apps/v1, kind: ${o.kind ?? "Deployment"}, name: ${o.target ?? "web"}}`,
    "  maxReplicas: 10",
    `  metrics: ${o.metrics ?? "[{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]"}`,
  ].join("\n");
}

/** A Pods metric `http_requests_per_second` with an average target of 100. */
export const RPS_METRIC =
  "[{type: Pods, pods: {metric: {name: http_requests_per_second}, target: {type: AverageValue, averageValue: '100'}}}]";

/** HPAs and workloads read from YAML documents joined with `---`. */
export function readObjects(...docs: string[]): {
  hpas: HorizontalPodAutoscaler[];
  workloads: WorkloadManifest[];
} {
  const parsed = parseManifestDocuments(docs.join("\n---\n"), "manifests.yaml");
  return {
    hpas: readHorizontalPodAutoscalers(parsed, "manifests.yaml"),
    workloads: readWorkloads(parsed, "manifests.yaml"),
  };
}

/** A Scenario from its `spec` lines (YAML, indented by two spaces). */
export function scenarioWith(...specLines: string[]): ParsedScenario {
  const text = ["apiVersion: kube-whatif.dev/v1alpha1", "kind: Scenario", "metadata: {name: test}", "spec:"]
    .concat(specLines.length > 0 ? specLines : ["  {}"])
    .join("\n");
  return parseScenario(text.replace("spec:\n  {}", "spec: {}"), "scenario.yaml");
}

/** A trace with samples every `step` seconds. */
export function traceOf(values: readonly number[], step = 60): TimeSeries {
  return {
    t: Float64Array.from(values.map((_, i) => i * step)),
    v: Float64Array.from(values),
    startEpochSeconds: null,
    source: "trace.csv",
    notes: [],
  };
}
