#!/usr/bin/env node
/**
 * `npm run bench`: wall-clock figures of parsing and replaying, printed (never asserted in tests).
 *
 * For each trace: parse only (trace file -> series), the whole replay (parse + build inputs + simulate), their
 * ratio, and simulated seconds per wall second, for the first round (what one CLI run sees, code not yet
 * optimized by the JIT) and the best of BENCH_ROUNDS rounds (default 3; what a sweep sees). Then whole-model
 * replays (cluster, VPA). Run on the built dist/ (npm run bench builds first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { simulate } from "../dist/engine/simulate.js";
import { loadSimulationInputs } from "../dist/scenario/load-simulation-inputs.js";
import { readTraceFile } from "../dist/trace/index.js";
import { root, sources, WORLDCUP_SPEC, WORLDCUP_TRACE } from "./bench-sources.mjs";

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

/** Rounds per trace (`BENCH_ROUNDS`, default 3): the first is what one CLI run sees, the best what a sweep sees. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`.padEnd(11);

function bench(name, file, traceOptions, traceSpec) {
  const rounds = [];
  let result;
  let inputs;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    readTraceFile(file, traceOptions);
    const parse = performance.now() - t0;
    const t1 = performance.now();
    inputs = loadSimulationInputs(sources(file, traceSpec)).inputs;
    const t2 = performance.now();
    result = simulate(inputs);
    const t3 = performance.now();
    rounds.push({ parse, whole: t3 - t1, inputs: t2 - t1, simulate: t3 - t2 });
  }
  const first = rounds[0];
  // best: the fastest whole replay (with its split) against the fastest parse
  const fastest = rounds.reduce((a, r) => (r.whole < a.whole ? r : a));
  const best = { ...fastest, parse: Math.min(...rounds.map((r) => r.parse)) };
  const duration = inputs.durationSeconds;
  const samples = inputs.demand.t.length.toLocaleString("en");
  const row = (label, f, note = "") =>
    console.log(`  ${label.padEnd(20)} ${f(first)}${ROUNDS > 1 ? f(best) : ""}${note}`);
  console.log(
    `\n${name}  (${samples} samples, ${(duration / 86400).toFixed(1)} simulated days, ${result.summary.syncs.toLocaleString("en")} HPA syncs)`,
  );
  if (ROUNDS > 1) console.log(`  ${"".padEnd(20)} ${"first run".padEnd(11)}best of ${ROUNDS}`);
  row("parse only", (r) => seconds(r.parse));
  row("whole replay", (r) => seconds(r.whole), "(read + parse + validate + simulate)");
  row(
    "  of which inputs",
    (r) => seconds(r.inputs),
    "(read + parse + validate + compile usage; mathjs's first load in the first run)",
  );
  row("  of which simulate", (r) => seconds(r.simulate));
  row("replay / parse", (r) => `${(r.whole / r.parse).toFixed(2)}x`.padEnd(11));
  row(
    "  (inputs / parse",
    (r) => `${(r.inputs / r.parse).toFixed(2)}x`.padEnd(11),
    "the ratio if simulate() took no time)",
  );
  row(
    "simulated s / wall s",
    (r) =>
      Math.round(duration / (r.whole / 1000))
        .toLocaleString("en")
        .padEnd(11),
    "(whole replay)",
  );
  row(
    "  simulate only",
    (r) =>
      Math.round(duration / (r.simulate / 1000))
        .toLocaleString("en")
        .padEnd(11),
    "(as in a sweep, inputs loaded once)",
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
bench("WorldCup98 requests/min (bundled, 87 days)", WORLDCUP_TRACE, { valueColumn: "count" }, WORLDCUP_SPEC);

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

/**
 * A sweep (`kube-whatif sweep`) over the whole WorldCup98 trace: 3 scale-down windows x 4 CPU targets, every
 * combination validated then replayed (runSweep, as the CLI runs it); wall time per combination, and what parsing
 * the trace once saves (one parse's time per combination after the first).
 */
{
  const { runSweep } = await import("../dist/cli/commands/sweep-run.js");
  const { parseVariation } = await import("../dist/scenario/sweep-variations.js");
  const variations = [
    parseVariation("hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0,60,300"),
    parseVariation("hpa.spec.metrics[0].resource.target.averageUtilization=50..80/10"),
  ];
  const t0 = performance.now();
  const runs = runSweep(
    { base: sources(WORLDCUP_TRACE, WORLDCUP_SPEC), variations, hpa: null },
    { assertions: [] },
  );
  const wall = (performance.now() - t0) / 1000;
  const days = runs.length * 87;
  console.log(
    `\nsweep: WorldCup98 (87 days) x ${runs.length} combinations (3 scale-down windows x 4 CPU targets)`,
  );
  console.log(`  whole sweep          ${wall.toFixed(3)} s   (validate every combination, then replay each)`);
  console.log(`  per combination      ${(wall / runs.length).toFixed(3)} s`);
  console.log(`  simulated days / s   ${(days / wall).toFixed(1)}`);
  const peaks = runs.map((r) => r.summary.peakReplicas);
  console.log(
    `  replica-hours ${Math.round(Math.min(...runs.map((r) => r.summary.replicaHours)))}..${Math.round(Math.max(...runs.map((r) => r.summary.replicaHours)))}, peak replicas ${Math.min(...peaks)}..${Math.max(...peaks)}`,
  );
  // the same sweep on worker threads (sweep --jobs N), one per available CPU
  const { runSweepInParallel } = await import("../dist/cli/commands/sweep-run.js");
  const { availableParallelism } = await import("node:os");
  const jobs = availableParallelism();
  const t1 = performance.now();
  const parallel = await runSweepInParallel(
    { base: sources(WORLDCUP_TRACE, WORLDCUP_SPEC), variations, hpa: null },
    { assertions: [], jobs },
  );
  const wallParallel = (performance.now() - t1) / 1000;
  const same = JSON.stringify(parallel) === JSON.stringify(runs);
  console.log(
    `  on ${jobs} worker threads  ${wallParallel.toFixed(3)} s   (${(wall / wallParallel).toFixed(2)}x; rows ${same ? "identical" : "DIFFER"})`,
  );
}
