/**
 * `simulate --backtest-replicas` / `spec.backtest.replicas`, end to end: the replay's replicas against a recorded
 * replica trace (here made from the replay's own timeline, as a real cluster's kube_deployment_spec_replicas would
 * be exported), in table, JSON and CSV; assertions on the backtest's figures; bad input refused with exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { movableScenario, runCli } from "./run-cli.js";

const BASE = [
  "simulate",
  "-s",
  "examples/worldcup/scenario.yaml",
  "--duration",
  "6h",
  "--record-every",
  "15",
];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-backtest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  t: number;
  time: string;
  replicas: number;
  readyReplicas: number;
  recordedReplicas?: number | null;
}
let own: Row[] = [];
/** The replay's own replicas as a CSV of date-times (what a Prometheus CSV export of spec.replicas looks like). */
let sameCsv = "";

beforeAll(() => {
  const r = runCli([...BASE, "-o", "json"]);
  expect(r.code).toBe(0);
  own = JSON.parse(r.stdout).timeline;
  sameCsv = join(dir, "same.csv");
  writeFileSync(sameCsv, `time,replicas\n${own.map((x) => `${x.time},${x.replicas}`).join("\n")}\n`);
});

/** A Prometheus range-query export of kube_deployment_spec_replicas: the replay's replicas plus `add`. */
function promFile(name: string, add: number, epochShift = 0): string {
  const start = Date.parse(own[0]?.time ?? "") / 1000;
  const values = own.map((x) => [start + x.t + epochShift, String(x.replicas + add)]);
  const doc = {
    status: "success",
    data: {
      resultType: "matrix",
      result: [{ metric: { __name__: "kube_deployment_spec_replicas", deployment: "web" }, values }],
    },
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe("simulate --backtest-replicas", () => {
  it("the replay's own replicas: no error at all, in every output", () => {
    const json = runCli([...BASE, "--backtest-replicas", sameCsv, "-o", "json"]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.summary.backtest).toMatchObject({
      source: sameCsv,
      alignment: "date-time",
      comparedSeconds: 6 * 3600,
      meanAbsoluteError: 0,
      maxAbsoluteError: 0,
      bias: 0,
      exactShare: 1,
      withinOneShare: 1,
    });
    expect(doc.timeline.map((x: Row) => x.recordedReplicas)).toEqual(own.map((x) => x.replicas));
    expect(doc.config.backtest).toMatchObject({
      replicas: sameCsv,
      compare: "replicas",
      samples: own.length,
    });
    expect(doc.config.backtest.notes[0]).toMatch(/^read [\d,]+ rows of column "replicas"/);
    const csv = runCli([...BASE, "--backtest-replicas", sameCsv, "-o", "csv"])
      .stdout.trim()
      .split("\n");
    const header = csv[0]?.split(",") ?? [];
    const [rep, rec] = [header.indexOf("replicas"), header.indexOf("recordedReplicas")];
    expect(rec).toBe(header.indexOf("terminatingPods") + 1);
    expect(csv.slice(1).every((l) => l.split(",")[rep] === l.split(",")[rec])).toBe(true);
    const table = runCli([...BASE, "--backtest-replicas", sameCsv]).stdout;
    expect(table).toContain(`  Backtest        vs ${sameCsv} over 6h (aligned by date-time)\n`);
    expect(table).toContain("mean |error| 0 replicas");
    expect(table).toContain("exact 100.0% of the time, within one replica 100.0%");
    expect(table).toContain("Replicas: replay vs recorded");
  });

  it("--backtest-compare readyReplicas: the recorded available pods against the replay's Ready pods", () => {
    // the Ready pods change at any second (not only at syncs, as spec.replicas does): record them every second
    const perSecond: Row[] = JSON.parse(
      runCli([...BASE.slice(0, -2), "--record-every", "1", "-o", "json"]).stdout,
    ).timeline;
    const ready = join(dir, "ready.csv");
    writeFileSync(
      ready,
      `time,available\n${perSecond.map((x) => `${x.time},${x.readyReplicas}`).join("\n")}\n`,
    );
    const args = [...BASE, "--backtest-replicas", ready, "-o", "json"];
    const asReady = JSON.parse(runCli([...args, "--backtest-compare", "readyReplicas"]).stdout).summary
      .backtest;
    expect(asReady).toMatchObject({ compared: "readyReplicas", meanAbsoluteError: 0, exactShare: 1 });
    // against spec.replicas the same counts lag every scale-up by the pods' start-up
    const asSpec = JSON.parse(runCli(args).stdout).summary.backtest;
    expect(asSpec.compared).toBe("replicas");
    expect(asSpec.bias).toBeGreaterThan(0);
    const table = runCli([
      ...BASE,
      "--backtest-replicas",
      ready,
      "--backtest-compare",
      "readyReplicas",
    ]).stdout;
    expect(table).toContain("  Backtest        readyReplicas vs ");
    expect(table).toContain("Replicas: replay's readyReplicas vs recorded");
  });

  it("--initial-replicas recorded starts the replay from the recorded count; a number from that number", () => {
    const above = promFile("start-above.json", 3);
    const start = (args: string[]) => {
      const r = runCli([...BASE, ...args, "-o", "json"]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };
    const fromRecorded = start(["--backtest-replicas", above, "--initial-replicas", "recorded"]);
    expect(fromRecorded.timeline[0].replicas).toBe((own[0]?.replicas ?? 0) + 3);
    expect(fromRecorded.config.simulation.initialReplicas).toBe((own[0]?.replicas ?? 0) + 3);
    const rule = `initial replicas ${(own[0]?.replicas ?? 0) + 3}: the count ${above} records at the replay's start`;
    expect(fromRecorded.config.rules).toContain(rule);
    expect(start(["--initial-replicas", "9"]).timeline[0].replicas).toBe(9);
    const without = runCli([...BASE, "--initial-replicas", "recorded"]);
    expect(without.code).toBe(2);
    expect(without.stdout).toBe("");
    expect(without.stderr).toContain(
      'command line: --initial-replicas: Required value: "recorded" starts from the recorded replica counts',
    );
  });

  it("compares every second of the replay, whatever --record-every thins the timeline to", () => {
    const summary = (every: string) =>
      JSON.parse(
        runCli([...BASE.slice(0, -2), "--record-every", every, "--backtest-replicas", sameCsv, "-o", "json"])
          .stdout,
      ).summary.backtest;
    const fine = summary("15");
    expect(fine).toMatchObject({ meanAbsoluteError: 0, exactShare: 1 });
    // 10-minute rows would hold each row's count for 10 minutes: the backtest still reads the replay's own steps
    expect(summary("600")).toStrictEqual(fine);
  });

  it("a recorded trace one replica above (Prometheus JSON): bias -1; an assertion on it fails with exit 1", () => {
    const above = promFile("above.json", 1);
    const r = runCli([
      ...BASE,
      "--backtest-replicas",
      above,
      "-o",
      "json",
      "--assert",
      "backtest.bias > -0.5",
    ]);
    expect(r.code).toBe(1);
    const b = JSON.parse(r.stdout).summary.backtest;
    expect(b).toMatchObject({ meanAbsoluteError: 1, bias: -1, exactShare: 0, withinOneShare: 1 });
    expect(r.stderr).toContain("assertion failed: backtest.bias > -0.5 (backtest.bias = -1)");
  });

  it("aligned by date-time: a trace recorded an hour later covers only the last 5 hours", () => {
    const later = promFile("later.json", 0, 3600);
    const b = JSON.parse(runCli([...BASE, "--backtest-replicas", later, "-o", "json"]).stdout).summary
      .backtest;
    // the samples are the replay's own values, an hour late: compared over [3600, 6 h)
    expect(b.comparedSeconds).toBe(5 * 3600);
    expect(b.meanAbsoluteError).toBeGreaterThan(0);
  });

  it("a recorded trace without date-times against a dated demand: both from their start, with a warning", () => {
    const relative = join(dir, "relative.csv");
    writeFileSync(relative, `seconds,replicas\n${own.map((x) => `${x.t},${x.replicas}`).join("\n")}\n`);
    const r = runCli([...BASE, "--backtest-replicas", relative, "-o", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.backtest).toMatchObject({ alignment: "start", exactShare: 1 });
    expect(doc.warnings).toContain(
      `--backtest-replicas: ${relative} has no date-times but the demand trace has: its first sample is taken to be at the replay's start`,
    );
  });

  it("spec.backtest.replicas in the scenario (relative to it) is the same as the flag", () => {
    const scenario = join(dir, "scenario.yaml");
    writeFileSync(
      scenario,
      `${movableScenario("worldcup")}  backtest:\n    replicas:\n      file: same.csv\n      valueColumn: replicas\n`,
    );
    const r = runCli(["simulate", "-s", scenario, "--duration", "6h", "--record-every", "15", "-o", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.backtest).toMatchObject({ exactShare: 1, comparedSeconds: 6 * 3600 });
  });

  it("sweep: each combination's summary has its backtest", () => {
    const sweep = [
      "sweep",
      ...BASE.slice(1),
      "--backtest-replicas",
      sameCsv,
      "--vary",
      "hpa.spec.metrics[0].resource.target.averageUtilization=60,40",
      "--jobs",
      "1",
    ];
    const r = runCli([...sweep, "-o", "json"]);
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout).runs;
    expect(runs[0].summary.backtest.meanAbsoluteError).toBe(0);
    // a lower target runs more replicas than were recorded
    expect(runs[1].summary.backtest.bias).toBeGreaterThan(0);
    const table = runCli(sweep).stdout.split("\n");
    const cols = table[1]?.split(/ {2,}/) ?? [];
    const [mae, bias] = [cols.indexOf("backtest.meanAbsoluteError"), cols.indexOf("backtest.bias")];
    expect([mae, bias]).toEqual([
      cols.indexOf("secondsLimitedAtMax") + 1,
      cols.indexOf("secondsLimitedAtMax") + 2,
    ]);
    const first = table[3]?.split(/ {2,}/) ?? [];
    expect([first[mae], first[bias]]).toEqual(["0", "0"]);
  });

  it.each([
    [
      "a trace of another day",
      () => ["--backtest-replicas", promFile("other-day.json", 0, 86400 * 10)],
      "--backtest-replicas: ",
      "which does not overlap the replay (1998-06-28T00:00:00Z to 1998-06-28T06:00:00Z)",
    ],
    [
      "a missing file",
      () => ["--backtest-replicas", join(dir, "nope.csv")],
      "--backtest-replicas: cannot read",
      "",
    ],
    [
      "--backtest-compare without recorded replicas",
      () => ["--backtest-compare", "readyReplicas"],
      "--backtest-compare: Forbidden: needs recorded replicas",
      "",
    ],
    [
      "an unknown --backtest-compare",
      () => ["--backtest-replicas", sameCsv, "--backtest-compare", "pods"],
      '--backtest-compare: Unsupported value: "pods"',
      "",
    ],
    [
      "an assertion on a backtest the run does not have",
      () => ["--assert", "backtest.meanAbsoluteError < 1"],
      'the run has no figure "backtest.meanAbsoluteError"',
      "it has no recorded replicas to compare with (spec.backtest.replicas, --backtest-replicas)",
    ],
  ])("refuses %s: exit 2, nothing written", (_name, args, message, more) => {
    const r = runCli([...BASE, ...args()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(more);
  });

  it.each([
    ["backtest: {}", "spec.backtest.replicas: Required value"],
    ["backtest: {replicas: {valueColumn: replicas}}", "spec.backtest.replicas.file: Required value"],
    ["backtest: {replicas: {file: same.csv, measures: requests/s}}", "spec.backtest.replicas.measures"],
    [
      "backtest: {replicas: {file: same.csv}, compare: pods}",
      'spec.backtest.compare: Unsupported value: "pods"',
    ],
  ])("scenario %s: exit 2 naming the field", (yaml, message) => {
    const scenario = join(dir, "bad.yaml");
    writeFileSync(scenario, `${movableScenario("worldcup")}  ${yaml}\n`);
    const r = runCli(["simulate", "-s", scenario, "--duration", "1h"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
