/**
 * `kube-whatif simulate --assert` and a Scenario's spec.assertions, end to end as CI would run them: exit 0 when
 * every assertion holds, 1 (after the full report) when one fails, 2 with nothing written for an assertion that
 * cannot be judged. The run: the bundled WorldCup98 example's first hour (peak 6 replicas, nothing unserved).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { movableScenario, runCli } from "./run-cli.js";

const RUN = ["simulate", "-s", "examples/worldcup/scenario.yaml", "--duration", "1h", "--no-charts"];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-assert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulate --assert", () => {
  it("every assertion holds: exit 0, the report ends with them and the values read", () => {
    const r = runCli([
      ...RUN,
      "--assert",
      "peakReplicas <= 6",
      "--assert",
      "unservedShare == 0 and flaps == 0",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Assertions: 2 of 2 hold\n");
    expect(r.stdout).toMatch(/\n {2}ok {6}peakReplicas <= 6 {18}peakReplicas = 6\n/);
    expect(r.stdout).toContain("ok      unservedShare == 0 and flaps == 0  unservedShare = 0, flaps = 0");
  });

  it("one fails: the whole report on stdout, the failure on stderr, exit 1", () => {
    const r = runCli([...RUN, "--assert", "peakReplicas <= 5", "--assert", "max.pendingPods == 0"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Summary (1h simulated");
    expect(r.stdout).toContain("Assertions: 1 of 2 hold\n");
    expect(r.stdout).toContain("FAILED  peakReplicas <= 5");
    expect(r.stderr.trim()).toBe("assertion failed: peakReplicas <= 5 (peakReplicas = 6)");
  });

  it("JSON: `assertions` last, each with whether it holds and its values; CSV: the timeline, failures on stderr", () => {
    const json = runCli([...RUN, "-o", "json", "--assert", "peakReplicas <= 5"]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc).at(-1)).toBe("assertions");
    expect(doc.assertions).toEqual([
      { assertion: "peakReplicas <= 5", holds: false, values: { peakReplicas: 6 } },
    ]);
    expect(doc.summary.peakReplicas).toBe(6);
    const csv = runCli([...RUN, "-o", "csv", "--assert", "peakReplicas <= 5"]);
    expect(csv.code).toBe(1);
    expect(csv.stdout.startsWith("t,time,demand,")).toBe(true);
    expect(csv.stderr).toContain("assertion failed: peakReplicas <= 5");
  });

  it("a Scenario's spec.assertions are judged too, after the command line's", () => {
    const text = movableScenario("worldcup").concat(
      '  assertions:\n    - "metrics.cpu.peakActual < 200"\n    - "scaleUps >= 1"\n',
    );
    const path = join(dir, "asserted.yaml");
    writeFileSync(path, text);
    const r = runCli(["simulate", "-s", path, "--duration", "1h", "--no-charts", "--assert", "flaps == 0"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const at = lines.indexOf("Assertions: 3 of 3 hold");
    expect(lines.slice(at + 3, at + 6).map((l) => l.split(/ {2,}/)[2])).toEqual([
      "flaps == 0",
      "metrics.cpu.peakActual < 200",
      "scaleUps >= 1",
    ]);
  });

  it.each([
    [["--assert", "peakReplica <= 5"], '--assert: unknown name "peakReplica" in "peakReplica <= 5"'],
    [["--assert", "peakReplicas"], '--assert: "peakReplicas" does not compare'],
    [
      ["--assert", "metrics.memory.peakActual < 1"],
      'the run has no figure "metrics.memory.peakActual": this run has metrics.cpu.',
    ],
    [["--assert", "cluster.total.cost < 1"], "it has no cluster model (spec.cluster)"],
    [
      ["--assert", "flaps == 0", "--explain-at", "60"],
      "--explain-at explains one sync: it takes no assertions",
    ],
  ])("cannot be judged %j: exit 2, nothing on stdout", (flags, message) => {
    const r = runCli([...RUN, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it("validate judges a Scenario's assertions as simulate compiles them", () => {
    const path = join(dir, "bad-assertion.yaml");
    writeFileSync(
      path,
      'apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  assertions: ["peakReplica < 3"]\n',
    );
    const r = runCli(["validate", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('spec.assertions[0]: unknown name "peakReplica" in "peakReplica < 3"');
  });
});
