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
  const result = simulate(inputs);
  const replayMs = performance.now() - t1;
  const duration = inputs.durationSeconds;
  const samples = inputs.demand.t.length.toLocaleString("en");
  console.log(
    `\n${name}  (${samples} samples, ${(duration / 86400).toFixed(1)} simulated days, ${result.summary.syncs.toLocaleString("en")} HPA syncs)`,
  );
  console.log(`  parse only           ${(parseMs / 1000).toFixed(3)} s`);
  console.log(
    `  whole replay         ${(replayMs / 1000).toFixed(3)} s   (read + parse + validate + simulate)`,
  );
  console.log(`  replay / parse       ${(replayMs / parseMs).toFixed(2)}x`);
  console.log(`  simulated s / wall s ${Math.round(duration / (replayMs / 1000)).toLocaleString("en")}`);
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
