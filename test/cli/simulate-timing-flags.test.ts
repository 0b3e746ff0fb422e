/**
 * Timing what-ifs without a Scenario file, end to end: `--pod-startup`, `--pod-readiness`, `--sync-period`,
 * `--tolerance`, `--downscale-stabilization`, `--metric-resolution` (timing-flags.ts) give the replay the Scenario
 * fields they stand for give, change it as those fields do, are echoed in the effective configuration, and bad
 * values exit 2 naming the flag with nothing on stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-timing-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = join(ROOT, "examples/worldcup/scenario.yaml");
const SLICE = ["--from", "1998-06-29T12:00:00", "--to", "1998-06-29T18:00:00"];

function run(args: string[]) {
  const r = runCli(["simulate", "-s", SCENARIO, ...SLICE, ...args, "-o", "json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** The parts of a JSON run that do not echo how its inputs were given. */
const replayed = (r: { summary: unknown; timeline: unknown; events: unknown; conditions: unknown }) => ({
  summary: r.summary,
  timeline: r.timeline,
  events: r.events,
  conditions: r.conditions,
});

describe("pod lifecycle, controller and metrics timing flags", () => {
  it("give the replay the equivalent Scenario fields give, and are echoed", () => {
    const scenario = join(dir, "timings.yaml");
    writeFileSync(
      scenario,
      [
        "apiVersion: kube-whatif.dev/v1alpha1",
        "kind: Scenario",
        "spec:",
        `  manifests: [${JSON.stringify(join(ROOT, "examples/worldcup/web.yaml"))}]`,
        `  trace: {file: ${JSON.stringify(join(ROOT, "traces/worldcup98-requests-per-minute.csv"))}, timeColumn: period, valueColumn: count, measures: requests/min}`,
        "  workload: {usage: {cpu: 20m + 4m * load, memory: 120Mi + 100Ki * load}}",
        "  pods: {startupSeconds: 120, readinessSeconds: 20}",
        "  controller: {syncPeriodSeconds: 30, tolerance: 0.05, downscaleStabilizationWindowSeconds: 60}",
        "  metrics: {resolutionSeconds: 30}",
        "  simulation: {seed: 1998}",
      ].join("\n"),
    );
    const byFile = runCli(["simulate", "-s", scenario, ...SLICE, "-o", "json"]);
    expect(byFile.code).toBe(0);
    const flags = [
      ["--pod-startup", "2m"],
      ["--pod-readiness", "20s"],
      ["--sync-period", "30s"],
      ["--tolerance", "0.05"],
      ["--downscale-stabilization", "1m"],
      ["--metric-resolution", "30"],
    ];
    const byFlags = run(flags.flat());
    expect(replayed(byFlags)).toStrictEqual(replayed(JSON.parse(byFile.stdout)));
    expect(byFlags.config.pods).toMatchObject({ startupSeconds: 120, readinessSeconds: 20 });
    // the first sync follows the sync period (the scenario does not set it)
    expect(byFlags.config.controller).toMatchObject({
      syncPeriodSeconds: 30,
      firstSyncSeconds: 30,
      tolerance: 0.05,
      downscaleStabilizationWindowSeconds: 60,
    });
    expect(byFlags.config.metrics.resolutionSeconds).toBe(30);
    expect(byFlags.config.rules).toContain("command line: --pod-startup 120 (scenario: 8)");
    expect(byFlags.config.rules).toContain("command line: --sync-period 30 (scenario: 15)");
  });

  it("change the replay as the fields do: slower pods spend longer above target, no stabilization scales down sooner", () => {
    const base = run([]);
    const slow = run(["--pod-startup", "5m"]);
    const above = (r: { summary: { metrics: { secondsAboveTarget: number }[] } }) =>
      r.summary.metrics[0]?.secondsAboveTarget ?? Number.NaN;
    expect(above(slow)).toBeGreaterThan(above(base));
    const eager = run(["--downscale-stabilization", "0"]);
    expect(eager.summary.replicaHours).toBeLessThan(base.summary.replicaHours);
  });

  it("--help lists them under their own heading, before the output options", () => {
    const help = runCli(["simulate", "--help"]).stdout;
    const heading = help.indexOf(
      "\nPod lifecycle, controller and metrics timings (spec.pods, spec.controller, spec.metrics):\n",
    );
    expect(heading).toBeGreaterThan(help.indexOf("\nUsage model (spec.workload):\n"));
    expect(help.indexOf("--pod-startup <d>")).toBeGreaterThan(heading);
    expect(help.indexOf("\nOutput and checks:\n")).toBeGreaterThan(help.indexOf("--metric-resolution <d>"));
  });

  it.each([
    [
      ["--pod-startup", "soon"],
      '--pod-startup: expected a duration such as 3600, 90s, 15m, 2h or 7d, got "soon"',
    ],
    [
      ["--sync-period", "0"],
      "command line: --sync-period: Invalid value: 0: must be greater than or equal to 1",
    ],
    [
      ["--tolerance", "-1"],
      "command line: --tolerance: Invalid value: -1: must be greater than or equal to 0",
    ],
    [["--tolerance", "a lot"], '--tolerance: expected a number, got "a lot"'],
    // the clock counts whole seconds: a fraction is refused, not rounded (1.5m is 90 s)
    [["--pod-startup", "1.5"], '--pod-startup: expected a whole number of seconds, got "1.5" (1.5 s)'],
    [["--duration", "0.5s"], '--duration: expected a whole number of seconds, got "0.5s" (0.5 s)'],
  ])("%j: exit 2 naming the flag, nothing on stdout", (args, message) => {
    const r = runCli(["simulate", "-s", SCENARIO, "--duration", "10m", ...args]);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  it("sweep refuses to vary a field a timing flag sets", () => {
    const r = runCli([
      "sweep",
      "-s",
      SCENARIO,
      "--duration",
      "1h",
      "--pod-startup",
      "60",
      "--vary",
      "scenario.spec.pods.startupSeconds=5,60",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--pod-startup");
    expect(r.stdout).toBe("");
  });
});
