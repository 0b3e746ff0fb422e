#!/usr/bin/env node
/**
 * `npm run bench`: wall-clock figures of parsing and replaying, printed (never asserted in tests).
 *
 * For each workload: parse only (trace file -> series), the whole replay (parse + build inputs + simulate),
 * their ratio, and simulated seconds per wall second. Run on the built dist/ (npm run bench builds first).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { simulate } from "../dist/engine/simulate.js";
import { DEFAULT_CONTROLLER_SETTINGS } from "../dist/hpa/config.js";
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

function inputsFor(series, unitDivisor, durationSeconds) {
  return {
    hpa: {
      metadata: { name: "web", namespace: "default" },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 2,
        maxReplicas: 200,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } },
          },
        ],
      },
    },
    target: {
      kind: "Deployment",
      name: "web",
      namespace: "default",
      replicas: 4,
      podLabels: { app: "web" },
      selector: "app=web",
      containers: [{ name: "app", requests: { cpu: 250n, memory: 268435456000n }, limits: {} }],
      terminationGracePeriodSeconds: 30,
    },
    usage: {
      cpu: (l) => 0.02 + 0.004 * l,
      memory: () => 134217728,
      podMetrics: {},
      clusterMetrics: {},
      maxLoadPerPod: 80,
      stickyMemory: false,
    },
    lifecycle: {
      schedulingSeconds: 0,
      startupSeconds: 5,
      readinessSeconds: 10,
      startupCpuBurstCores: 0,
      startupCpuBurstSeconds: 0,
    },
    metricsPipeline: {
      resourceResolutionSeconds: 15,
      resourceOffsetSeconds: 0,
      adapterIntervalSeconds: 30,
      adapterWindowSeconds: 60,
      adapterLagSeconds: 0,
    },
    hpaTimings: { syncPeriodSeconds: 15, firstSyncSeconds: 15 },
    controller: DEFAULT_CONTROLLER_SETTINGS,
    demand: {
      t: series.t,
      v: series.v.map((x) => x / unitDivisor),
      unit: "requests/s",
      source: series.source,
    },
    durationSeconds,
    seed: 1,
    recordEverySeconds: 60,
    effectiveConfig: {},
    warnings: [],
  };
}

function bench(name, file, traceOptions, unitDivisor) {
  const t0 = performance.now();
  const parsedOnly = readTraceFile(file, traceOptions);
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const series = readTraceFile(file, traceOptions);
  const last = series.t[series.t.length - 1];
  const step = series.t.length > 1 ? series.t[1] - series.t[0] : 1;
  const duration = last + step;
  const result = simulate(inputsFor(series, unitDivisor, duration));
  const replayMs = performance.now() - t1;
  const simMs = replayMs - parseMs;
  console.log(
    `\n${name}  (${series.t.length.toLocaleString("en")} samples, ${(duration / 86400).toFixed(1)} simulated days, ${result.summary.syncs.toLocaleString("en")} HPA syncs)`,
  );
  console.log(`  parse only           ${(parseMs / 1000).toFixed(3)} s`);
  console.log(
    `  whole replay         ${(replayMs / 1000).toFixed(3)} s   (parse + simulate; simulate ~${(simMs / 1000).toFixed(3)} s)`,
  );
  console.log(`  replay / parse       ${(replayMs / parseMs).toFixed(2)}x`);
  console.log(`  simulated s / wall s ${Math.round(duration / (replayMs / 1000)).toLocaleString("en")}`);
  console.log(
    `  peak replicas ${result.summary.peakReplicas}, unserved share ${(result.summary.unservedShare * 100).toFixed(2)}%`,
  );
  return parsedOnly;
}

console.log(`kube-whatif bench — node ${process.version}, ${new Date().toISOString()}`);
bench("synthetic 30 days at 1 s (CSV)", syntheticCsv(), { valueColumn: "rps" }, 1);
bench(
  "WorldCup98 requests/min (bundled)",
  join(root, "traces/worldcup98-requests-per-minute.csv"),
  { valueColumn: "count" },
  60,
);
