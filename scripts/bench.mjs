#!/usr/bin/env node
/**
 * `npm run bench`: wall-clock figures of parsing and replaying, printed (never asserted in tests).
 *
 * For each workload: parse only (trace file -> series), the whole replay (parse + build inputs + simulate),
 * their ratio, and simulated seconds per wall second. Run on the built dist/ (npm run bench builds first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { simulate } from "../dist/engine/simulate.js";
import { loadSimulationInputs } from "../dist/scenario/load-simulation-inputs.js";
import { readTraceFile } from "../dist/trace/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** A 30-day trace at 1 s: a diurnal wave with deterministic noise (written once, reused). */
function syntheticCsv() {
  const dir = join(tmpdir(), "kube-whatif-bench");
  const file = join(dir, "synthetic-30d-1s.csv");
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const lines = ["t,rps"];
  for (let t = 0; t < 30 * 86400; t++) {
    const v = 400 + 300 * Math.sin((2 * Math.PI * t) / 86400) + 40 * (rand() - 0.5);
    lines.push(`${t},${v.toFixed(2)}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** The bundled WorldCup example's manifests with a Scenario around `traceFile` (the real pipeline). */
function sources(traceFile, traceSpec) {
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

function bench(name, file, traceOptions, traceSpec) {
  const t0 = performance.now();
  readTraceFile(file, traceOptions);
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const { inputs } = loadSimulationInputs(sources(file, traceSpec));
  const t2 = performance.now();
  const result = simulate(inputs);
  const replayMs = performance.now() - t1;
  const inputsMs = t2 - t1;
  const duration = inputs.durationSeconds;
  const samples = inputs.demand.t.length.toLocaleString("en");
  console.log(
    `\n${name}  (${samples} samples, ${(duration / 86400).toFixed(1)} simulated days, ${result.summary.syncs.toLocaleString("en")} HPA syncs)`,
  );
  console.log(`  parse only           ${(parseMs / 1000).toFixed(3)} s`);
  console.log(
    `  whole replay         ${(replayMs / 1000).toFixed(3)} s   (read + parse + validate + simulate)`,
  );
  console.log(
    `    of which inputs    ${(inputsMs / 1000).toFixed(3)} s   (read + parse + validate + compile usage, mathjs's first load)`,
  );
  console.log(`    of which simulate  ${((replayMs - inputsMs) / 1000).toFixed(3)} s`);
  console.log(`  replay / parse       ${(replayMs / parseMs).toFixed(2)}x`);
  console.log(
    `    (inputs / parse    ${(inputsMs / parseMs).toFixed(2)}x: the ratio if simulate() took no time at all)`,
  );
  console.log(`  simulated s / wall s ${Math.round(duration / (replayMs / 1000)).toLocaleString("en")}`);
  // a sweep replays many configurations in one process: the second simulate() runs on warmed-up code
  const t3 = performance.now();
  simulate(inputs);
  const warmMs = performance.now() - t3;
  console.log(
    `  simulate, 2nd run    ${(warmMs / 1000).toFixed(3)} s   (warm, as in a sweep: ${Math.round(duration / (warmMs / 1000)).toLocaleString("en")} simulated s / wall s)`,
  );
  console.log(
    `  peak replicas ${result.summary.peakReplicas}, unserved share ${(result.summary.unservedShare * 100).toFixed(2)}%`,
  );
}

console.log(`kube-whatif bench — node ${process.version}, ${new Date().toISOString()}`);
bench("synthetic 30 days at 1 s (CSV)", syntheticCsv(), { valueColumn: "rps" }, [
  "valueColumn: rps",
  "measures: requests/s",
]);
bench(
  "WorldCup98 requests/min (bundled, 87 days)",
  join(root, "traces/worldcup98-requests-per-minute.csv"),
  { valueColumn: "count" },
  ["timeColumn: period", "valueColumn: count", "measures: requests/min"],
);

/**
 * A whole-model replay from a Scenario text: wall time of loading (read, parse, validate, build) and of
 * simulate() separately, and simulated seconds per wall second of the simulation.
 */
function benchScenario(name, scenarioText, describe) {
  const t0 = performance.now();
  const { inputs } = loadSimulationInputs({
    manifests: [],
    scenario: { path: join(root, "examples", "bench.yaml"), text: scenarioText },
    readFile: (p) => readFileSync(p, "utf8"),
  });
  const t1 = performance.now();
  const result = simulate(inputs);
  const t2 = performance.now();
  const duration = inputs.durationSeconds;
  console.log(`\n${name}  (${(duration / 86400).toFixed(1)} simulated days)`);
  console.log(`  load inputs          ${((t1 - t0) / 1000).toFixed(3)} s   (read + parse + validate)`);
  console.log(`  simulate             ${((t2 - t1) / 1000).toFixed(3)} s`);
  console.log(`  simulated s / wall s ${Math.round(duration / ((t2 - t1) / 1000)).toLocaleString("en")}`);
  console.log(`  ${describe(result)}`);
}

const days30 = 30 * 86400;
benchScenario(
  "cluster: 100 nodes, two workloads (web + reports), 30 days at 1 s",
  `apiVersion: kube-whatif.dev/v1alpha1
kind: Scenario
metadata: {name: bench-cluster}
spec:
  manifests: [worldcup/web.yaml, shared-cluster/reports.yaml]
  hpa: web
  trace: {expression: "3000 + 2500 * sin(2 * pi * t / 86400)", step: 1, measures: requests/s}
  workload: {usage: {cpu: 20m + 4m * load, memory: 120Mi + 100Ki * load}}
  otherWorkloads:
    - hpa: reports
      trace: {expression: "2 + 8 * (mod(t, 86400) >= 72000 and mod(t, 86400) < 79200)", step: 60, measures: jobs/s}
      workload: {usage: {cpu: 50m + 1.2 * load, memory: 1Gi}}
  simulation: {seed: 1, durationSeconds: ${days30}}
  cluster:
    nodeGroups:
      - name: general
        machine: {cpu: "4", memory: 16Gi, pods: 110}
        pricePerHour: 0.19
        minSize: 90
        maxSize: 150
        initialSize: 100
        provisioningDelaySeconds: 60
        startupToReadySeconds: 20
`,
  (r) => {
    const c = r.summary.cluster;
    const w = (r.workloads ?? []).map((x) => `${x.workload} peak ${x.summary.peakReplicas}`).join(", ");
    return `${w}; nodes peak ${c.total.peakNodes}, cost ${c.total.cost.toFixed(2)}`;
  },
);
benchScenario(
  "VPA: HPA x VPA fight (examples/hpa-vpa-fight), 30 days at 60 s",
  readFileSync(join(root, "examples/hpa-vpa-fight/scenario.yaml"), "utf8")
    .replace("duration: 172800", `duration: ${days30}`)
    .replace("manifests: [manifests.yaml]", "manifests: [hpa-vpa-fight/manifests.yaml]"),
  (r) =>
    `peak replicas ${r.summary.peakReplicas}, VPA evictions ${r.summary.vpa?.evictions}, OOM kills ${r.summary.oomKills}`,
);
