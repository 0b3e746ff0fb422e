/** What the bench scripts replay: the bundled WorldCup example's manifests with a Scenario around a trace file. */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = fileURLToPath(new URL("..", import.meta.url));

/** The bundled WorldCup98 trace and the Scenario trace lines that read it. */
export const WORLDCUP_TRACE = join(root, "traces/worldcup98-requests-per-minute.csv");
export const WORLDCUP_SPEC = ["timeColumn: period", "valueColumn: count", "measures: requests/min"];

/** loadSimulationInputs' sources: the WorldCup web Deployment and HPA, a Scenario replaying `traceFile`. */
export function sources(traceFile, traceSpec) {
  const web = join(root, "examples/worldcup/web.yaml");
  const scenario = [
    "apiVersion: kube-whatif.dev/v1alpha1",
    "kind: Scenario",
    "metadata: {name: bench}",
    "spec:",
    "  trace:",
    `    file: ${JSON.stringify(traceFile)}`,
    ...traceSpec.map((l) => `    ${l}`),
    "  workload:",
    "    usage: {cpu: 20m + 4m * load, memory: 120Mi + 100Ki * load}",
    "  simulation: {seed: 1}",
  ].join("\n");
  return {
    manifests: [{ path: web, text: readFileSync(web, "utf8") }],
    scenario: { path: join(tmpdir(), "bench-scenario.yaml"), text: scenario },
    readFile: (p) => readFileSync(p, "utf8"),
  };
}
