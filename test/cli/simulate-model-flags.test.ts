/**
 * A what-if without a Scenario file, end to end: `--cpu`, `--memory`, `--pod-metric` and the trace-reading flags
 * (`--trace FILE#COLUMN`, `--time-column`, `--step`, `--series`) give the same replay as the Scenario fields they
 * stand for; bad values exit 2 naming the flag, with nothing on stdout; sweep refuses to vary what a flag sets.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-model-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WEB = join(ROOT, "examples/worldcup/web.yaml");
const TRACE = join(ROOT, "traces/worldcup98-requests-per-minute.csv");
const SLICE = ["--from", "1998-06-29T12:00:00", "--to", "1998-06-29T18:00:00", "--seed", "7"];

/** The parts of a JSON run that do not echo how its inputs were given. */
function replayed(stdout: string): unknown {
  const r = JSON.parse(stdout);
  return { summary: r.summary, timeline: r.timeline, events: r.events, conditions: r.conditions };
}

describe("usage-model and trace flags instead of a Scenario", () => {
  it("flags give the replay the equivalent Scenario gives, and are echoed as command-line rules", () => {
    const scenario = join(dir, "scenario.yaml");
    writeFileSync(
      scenario,
      [
        "apiVersion: kube-whatif.dev/v1alpha1",
        "kind: Scenario",
        "spec:",
        `  manifests: [${JSON.stringify(WEB)}]`,
        `  trace: {file: ${JSON.stringify(TRACE)}, timeColumn: period, valueColumn: count, measures: requests/min}`,
        "  workload: {usage: {cpu: 20m + 4m * load, memory: 120Mi + 100Ki * load}, maxLoadPerPod: 200}",
      ].join("\n"),
    );
    const byFile = runCli(["simulate", "-s", scenario, ...SLICE, "-o", "json"]);
    expect(byFile.code).toBe(0);
    const byFlags = runCli([
      "simulate",
      "-f",
      WEB,
      "--trace",
      `${TRACE}#count`,
      "--time-column",
      "period",
      "--measures",
      "requests/min",
      "--cpu",
      "20m + 4m * load",
      "--memory",
      "120Mi + 100Ki * load",
      "--max-load-per-pod",
      "200",
      ...SLICE,
      "-o",
      "json",
    ]);
    expect(byFlags.stderr).toBe("");
    expect(byFlags.code).toBe(0);
    expect(replayed(byFlags.stdout)).toStrictEqual(replayed(byFile.stdout));
    const rules: string[] = JSON.parse(byFlags.stdout).config.rules;
    expect(rules).toContain('command line: --cpu "20m + 4m * load" (scenario: default)');
    expect(rules).toContain('command line: --value-column "count" (scenario: default)');
    expect(rules).toContain("command line: --max-load-per-pod 200 (scenario: default)");
    // and the usage model does change the replay: a costlier pod needs more replicas
    const costlier = runCli(["simulate", "-s", scenario, ...SLICE, "--cpu", "20m + 8m * load", "-o", "json"]);
    expect(JSON.parse(costlier.stdout).summary.meanReplicas).toBeGreaterThan(
      JSON.parse(byFile.stdout).summary.meanReplicas,
    );
  });

  it("--help groups the options: inputs, reading the trace file, the usage model, then output", () => {
    const help = runCli(["simulate", "--help"]).stdout;
    const at = (heading: string) => help.indexOf(`\n${heading}\n`);
    const headings = [
      "Inputs:",
      "Reading the trace file (spec.trace):",
      "Usage model (spec.workload):",
      "Output and checks:",
    ];
    const positions = headings.map(at);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toStrictEqual(positions);
    const usage = help.slice(positions[2], positions[3]);
    for (const flag of [
      "--cpu <expr>",
      "--memory <expr>",
      "--pod-metric <name=expr>",
      "--max-load-per-pod <n>",
    ])
      expect(usage).toContain(flag);
    expect(help.slice(positions[3])).toContain("-o, --output <format>");
  });

  it("a headerless CSV without times: --time-column none and --step space its rows", () => {
    const csv = join(dir, "rows.csv");
    writeFileSync(csv, "120\n240\n360\n");
    const r = runCli(
      ["simulate", "-f", WEB, "--trace", csv, "--time-column", "none", "--step", "1m"].concat([
        "--cpu",
        "20m + 4m * load",
        "--record-every",
        "60",
        "-o",
        "csv",
      ]),
    );
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(rows.map((c) => [Number(c[0]), Number(c[1])])).toStrictEqual([
      [0, 120],
      [60, 240],
      [120, 360],
    ]);
  });

  it("--trace - reads the trace from stdin (curl ... | kube-whatif simulate --trace -); stdin serves one input", () => {
    const args = ["--cpu", "20m + 4m * load", "--record-every", "60", "-o", "csv"];
    const r = runCli(["simulate", "-f", WEB, "--trace", "-", ...args], "t,rps\n0,100\n60,200\n");
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split("\n")
        .slice(1, 3)
        .map((l) => l.split(",").slice(0, 2).join(",")),
    ).toStrictEqual(["0,100", "60,200"]);
    const bad = runCli(["simulate", "-f", WEB, "--trace", "-", "--cpu", "20m"], "t,rps\n0,abc\n");
    expect(bad.stderr).toContain('stdin:2: column "rps": expected a number, got "abc"');
    expect(bad.code).toBe(2);
    const twice = runCli(["simulate", "-f", "-", "--trace", "-", "--cpu", "20m"], "");
    expect(twice.stderr).toContain("-f and --trace both read stdin (-): only one input can come from it");
    expect(twice.code).toBe(2);
  });

  it("a Prometheus export: --series keeps the matching series and sums them", () => {
    const prom = join(dir, "rps.json");
    const series = (labels: object, v: number) => ({
      metric: labels,
      values: [0, 60, 120].map((s) => [1700000000 + s, String(v)]),
    });
    writeFileSync(
      prom,
      JSON.stringify({
        status: "success",
        data: {
          resultType: "matrix",
          result: [
            series({ job: "web", pod: "a" }, 100),
            series({ job: "web", pod: "b" }, 50),
            series({ job: "api", pod: "c" }, 7),
          ],
        },
      }),
    );
    const demand = (extra: string[]) => {
      const r = runCli([
        "simulate",
        "-f",
        WEB,
        "--trace",
        prom,
        "--cpu",
        "20m + 4m * load",
        ...extra,
        "-o",
        "json",
      ]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).timeline[0].demand;
    };
    expect(demand([])).toBe(157);
    expect(demand(["--series", "job=web"])).toBe(150);
    expect(demand(["--series", "job=web", "--series", "pod=b"])).toBe(50);
  });

  it.each([
    [["--cpu", "20m + 4m * lod"], 'command line: --cpu: unknown symbol "lod"'],
    [["--cpu", 'createUnit("x")'], 'command line: --cpu: function "createUnit" is not allowed'],
    [
      ["--cpu", "20m", "--pod-metric", "rps"],
      '--pod-metric: expected NAME=VALUE, e.g. http_requests_per_second=load, got "rps"',
    ],
    [
      ["--cpu", "20m", "--max-load-per-pod", "0"],
      "command line: --max-load-per-pod: Invalid value: 0: must be greater than 0",
    ],
    [
      ["--cpu", "20m", "--series", "job=web"],
      "series applies to a Prometheus query_range JSON response, and this is a CSV trace",
    ],
    [
      ["--cpu", "20m", "--step", "soon"],
      '--step: expected a duration such as 3600, 90s, 15m, 2h or 7d, got "soon"',
    ],
    [
      ["--cpu", "20m", "--value-column", "rps", "--expression", "100"],
      "command line: --value-column: Forbidden: applies to a trace file, not to an expression",
    ],
    [[], 'spec.workload.usage.cpu: Required value: HorizontalPodAutoscaler "web" scales on cpu'],
    // refused at a load the replay reaches, not at load 0
    [
      ["--cpu", "20m + sqrt(1 - load) * 10m"],
      'command line: --cpu: "20m + sqrt(1 - load) * 10m" is NaN at load ',
    ],
    [["--cpu", "20m - 1 * load"], 'command line: --cpu: "20m - 1 * load" is negative ('],
    [["--cpu", "20m", "--pod-metric", "__proto__=load"], '--pod-metric: "__proto__" cannot be a name here'],
  ])("%j: exit 2 naming the flag, nothing on stdout", (args, message) => {
    const trace = args.includes("--expression") ? [] : ["--trace", `${TRACE}#count`];
    const r = runCli(["simulate", "-f", WEB, ...trace, "--duration", "10m", ...args]);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("sweep without a Scenario file varies scenario fields all the same", () => {
    const r = runCli([
      "sweep",
      "-f",
      WEB,
      "--expression",
      "100 + 900 * (t >= 600)",
      "--duration",
      "40m",
      "--cpu",
      "20m + 4m * load",
      "--vary",
      "scenario.spec.pods.startupSeconds=5,120",
      "-o",
      "json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout).runs;
    expect(runs.map((x: { values: object }) => x.values)).toStrictEqual([
      { "scenario.spec.pods.startupSeconds": 5 },
      { "scenario.spec.pods.startupSeconds": 120 },
    ]);
    // pods that take two minutes to start leave load unserved for longer after the step
    expect(runs[1].summary.totalUnserved).toBeGreaterThan(runs[0].summary.totalUnserved);
  });

  it("sweep refuses to vary a field a flag sets (exit 2), and varies the others", () => {
    const scenario = join(ROOT, "examples/worldcup/scenario.yaml");
    const bad = runCli([
      "sweep",
      "-s",
      scenario,
      "--cpu",
      "30m + 4m * load",
      "--vary",
      "scenario.spec.workload.usage.cpu=20m + 4m * load,20m + 5m * load",
      "--duration",
      "1h",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain(
      "--vary scenario.spec.workload.usage.cpu: --cpu sets that field in every combination",
    );
    const ok = runCli([
      "sweep",
      "-s",
      scenario,
      "--cpu",
      "30m + 4m * load",
      "--vary",
      "hpa.spec.maxReplicas=10,20",
      "--duration",
      "1h",
      "-o",
      "json",
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).runs).toHaveLength(2);
    // --trace replaces the source only: the scenario's other trace fields still vary
    const scaled = runCli([
      "sweep",
      "-s",
      scenario,
      "--trace",
      TRACE,
      "--vary",
      "scenario.spec.trace.scale=1,2",
      "--duration",
      "1h",
      "-o",
      "json",
    ]);
    expect(scaled.code).toBe(0);
    const [once, twice] = JSON.parse(scaled.stdout).runs;
    expect(twice.summary.totalDemand).toBeCloseTo(2 * once.summary.totalDemand, 6);
  });
});
