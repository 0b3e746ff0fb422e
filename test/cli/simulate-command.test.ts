/**
 * `kube-whatif simulate` end to end, as a user runs it. test/fixtures/simulate/step.yaml is the scenario of
 * test/engine/step-response.test.ts written as manifests + a Scenario document, so the replica changes
 * derived there by hand (8 at 615 s, 16 at 630 s, 4 at 1515 s) must come out of the CLI too.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const STEP = "test/fixtures/simulate/step.yaml";

describe("kube-whatif simulate", () => {
  const json = runCli(["simulate", "-f", STEP, "-o", "json"]);
  const doc = JSON.parse(json.stdout);

  it("reproduces the hand-derived replica changes", () => {
    expect(json.code).toBe(0);
    expect(doc.events.map((e: { t: number; message: string }) => [e.t, e.message.split(";")[0]])).toEqual([
      [615, "New size: 8"],
      [630, "New size: 16"],
      [1515, "New size: 4"],
    ]);
  });

  it("prints one JSON document with summary, timeline, events, conditions, seed and the effective config", () => {
    expect(Object.keys(doc)).toEqual([
      "summary",
      "metrics",
      "timeline",
      "events",
      "conditions",
      "seed",
      "config",
      "warnings",
    ]);
    expect(doc.timeline).toHaveLength(120); // 1800 s / 15 s
    expect(doc.timeline[41]).toEqual({
      t: 615,
      demand: 400,
      served: 400,
      unserved: 0,
      desiredReplicas: 8,
      replicas: 8,
      readyReplicas: 4,
      pendingPods: 0,
      startingPods: 4,
      terminatingPods: 0,
      metrics: { cpu: { observed: 200, actual: 200, target: 50 } },
    });
    expect(doc.seed).toBe(1);
    expect(doc.config.controller).toMatchObject({
      syncPeriodSeconds: 15,
      tolerance: 0.1,
      cpuInitializationPeriodSeconds: 300,
      initialReadinessDelaySeconds: 30,
      downscaleStabilizationWindowSeconds: 300,
    });
    expect(doc.config.metrics).toMatchObject({ resolutionSeconds: 15 });
  });

  it("is deterministic: two runs print byte-identical JSON", () => {
    expect(runCli(["simulate", "-f", STEP, "-o", "json"]).stdout).toBe(json.stdout);
  });

  it("--record-every thins the timeline without changing the simulation", () => {
    const thin = JSON.parse(runCli(["simulate", "-f", STEP, "-o", "json", "--record-every", "60"]).stdout);
    expect(thin.timeline).toHaveLength(30);
    expect(thin.summary).toEqual(doc.summary);
    expect(thin.events).toEqual(doc.events);
    expect(thin.timeline[10]).toEqual(doc.timeline[40]); // t = 600
  });

  it("--output csv prints the timeline", () => {
    const r = runCli(["simulate", "-f", STEP, "-o", "csv"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "t,demand,served,unserved,desiredReplicas,replicas,readyReplicas,pendingPods,startingPods,terminatingPods,cpu.observed,cpu.actual,cpu.target",
    );
    expect(lines).toHaveLength(121);
    expect(lines[42]).toBe("615,400,400,0,8,8,4,0,4,0,200,200,50");
  });

  it("table output: summary, charts fitted to --width, events; nothing on stderr when piped", () => {
    const r = runCli(["simulate", "-f", STEP, "--width", "80"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Replicas        peak 16, mean 9.93, final 4");
    expect(r.stdout).toContain("Demand vs served load");
    expect(r.stdout).toContain(
      "New size: 16; reason: cpu resource utilization (percentage of request) above target",
    );
    const longest = Math.max(
      ...r.stdout
        .split("\n")
        .filter((l) => !l.includes("Normal  ") && !l.startsWith("Replay of"))
        .map((l) => l.length),
    );
    expect(longest).toBeLessThanOrEqual(80);
  });

  it("--explain-at explains the sync at that time step by step (the 630 s rebalance derived by hand)", () => {
    const r = runCli(["simulate", "-f", STEP, "--explain-at", "630"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("HPA sync at t=630 s");
    expect(r.stdout).toMatch(/pods: 4 ready \(.*\); 0 unready; 4 missing a metric/);
    expect(r.stdout).toContain("rebalanced ratio 2 over 8 pods");
    expect(r.stdout).toContain("ceil(2 × 8 pods in the rebalanced set) = 16");
    expect(r.stdout).toContain("recommendations in the window: 4 (x19, t=330..600), 16 (t=615)");
  });

  it("warns before the replay when a VPA in Auto mode fights the HPA over cpu", () => {
    const r = runCli(["simulate", "-f", STEP, "-f", "test/fixtures/vpa-fight/vpa-auto.yaml", "-o", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings[0]).toMatch(
      /controls the cpu requests of Deployment\/web, .* they fight/,
    );
  });

  it("replays a StatefulSet (OrderedReady by default): the same decisions, its pods Ready one every 15 s", () => {
    const sts = JSON.parse(
      runCli(["simulate", "-f", "test/fixtures/simulate/step-statefulset.yaml", "-o", "json"]).stdout,
    );
    expect(sts.warnings).toStrictEqual([]);
    expect(sts.events.map((e: { t: number }) => e.t)).toEqual([615, 630, 1515]);
    expect(sts.config.workload).toMatchObject({
      kind: "StatefulSet",
      podManagementPolicy: "OrderedReady",
      minReadySeconds: 0,
      startOrdinal: 0,
    });
    // web-4 created at 615 and Ready at 630, then each next pod created when the previous turns Ready:
    // 5 Ready at 630, 6 at 645, ..., 16 at 795 (the Deployment has all 16 Ready at 645)
    const ready = (d: typeof doc, t: number) =>
      d.timeline.find((r: { t: number }) => r.t === t).readyReplicas;
    expect([630, 645, 780, 795].map((t) => ready(sts, t))).toEqual([5, 6, 15, 16]);
    expect(ready(doc, 645)).toBe(16);
    // the pods above target for longer
    const above = (d: typeof doc) => d.summary.metrics[0].secondsAboveTarget;
    expect(above(sts)).toBeGreaterThan(above(doc));
  });

  it("replays a StatefulSet as its manifest says: Parallel starts the pods together, ordinals.start names them", () => {
    const text = readFileSync("test/fixtures/simulate/step-statefulset.yaml", "utf8").replace(
      "  serviceName: web",
      "  serviceName: web\n  podManagementPolicy: Parallel\n  ordinals: {start: 10}",
    );
    const parallel = JSON.parse(runCli(["simulate", "-f", "-", "-o", "json"], text).stdout);
    expect(parallel.config.workload).toMatchObject({ podManagementPolicy: "Parallel", startOrdinal: 10 });
    // as the Deployment: all 16 Ready at 645
    expect(parallel.timeline.find((r: { t: number }) => r.t === 645).readyReplicas).toBe(16);
    const explain = runCli(["simulate", "-f", "-", "--explain-at", "600"], text);
    expect(explain.stdout).toContain("pods: 4 ready (web-10, web-11, web-12, web-13)");
  });

  it("reads manifests from stdin with -f -", () => {
    const r = runCli(["simulate", "-f", "-", "-o", "json"], readFileSync(STEP, "utf8"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).events).toEqual(doc.events);
  });

  it("replays the bundled WorldCup98 scenario (first 6 hours)", () => {
    const r = runCli([
      "simulate",
      "--scenario",
      "examples/worldcup/scenario.yaml",
      "--duration",
      "6h",
      "-o",
      "json",
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).summary;
    expect(s.durationSeconds).toBe(21600);
    expect(s.syncs).toBe(1439);
    expect(s.peakReplicas).toBeGreaterThanOrEqual(4);
  });
});

describe("kube-whatif simulate: bad input exits 2 with a message naming the file and field", () => {
  const cases: { name: string; args: string[]; stderr: RegExp }[] = [
    { name: "no manifests or scenario", args: ["simulate"], stderr: /simulate needs manifests/ },
    {
      name: "missing manifest file",
      args: ["simulate", "-f", "nope.yaml"],
      stderr: /^error: nope\.yaml: no such file\n$/,
    },
    {
      name: "bad --output",
      args: ["simulate", "-f", STEP, "-o", "xml"],
      stderr: /--output: unsupported value "xml"/,
    },
    {
      name: "bad --duration",
      args: ["simulate", "-f", STEP, "--duration", "soon"],
      stderr: /--duration: expected a duration/,
    },
    { name: "bad expression", args: ["simulate", "-f", STEP, "--expression", "100 + foo"], stderr: /foo/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runCli(c.args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(c.stderr);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe("");
    });
  }
});

describe("kube-whatif simulate: the bundled StatefulSet example", () => {
  const SCENARIO = "examples/statefulset/scenario.yaml";
  const maxStarting = (stdout: string) =>
    Math.max(...JSON.parse(stdout).timeline.map((r: { startingPods: number }) => r.startingPods));

  it("starts the cache pods one at a time (OrderedReady), where Parallel starts several together", () => {
    const ordered = runCli(["simulate", "--scenario", SCENARIO, "-o", "json", "--record-every", "5"]);
    expect(ordered.code).toBe(0);
    expect(JSON.parse(ordered.stdout).warnings).toStrictEqual([]);
    expect(maxStarting(ordered.stdout)).toBe(1);
    // the same scenario with the manifest's policy switched, through stdin
    const manifest = readFileSync("examples/statefulset/cache.yaml", "utf8").replace(
      "  minReadySeconds: 10",
      "  minReadySeconds: 10\n  podManagementPolicy: Parallel",
    );
    const scenario = readFileSync(SCENARIO, "utf8")
      .replace("  manifests: [cache.yaml]\n", "")
      .replace("../../traces/", "traces/");
    const parallel = runCli(
      ["simulate", "-f", "-", "-o", "json", "--record-every", "5"],
      `${manifest}\n---\n${scenario}`,
    );
    expect(parallel.code).toBe(0);
    expect(maxStarting(parallel.stdout)).toBeGreaterThan(1);
  });
});
