/**
 * `sweep --jobs N` and `compare --jobs N` end to end: configurations replayed on worker threads give exactly the
 * report of one thread (same rows, order, assertions, JUnit file, charts), edits to files the scenario lists reach
 * the workers, and an error in a worker stops the run with the error's own exit code and message.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, writeWorldcupHpa } from "./run-cli.js";

const INPUT = ["-s", "examples/worldcup/scenario.yaml", "--duration", "12h", "--no-progress"];
const SWEEP = [
  "sweep",
  ...INPUT,
  "--vary",
  "hpa.spec.maxReplicas=4,5",
  "--vary",
  "hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0,300",
];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--jobs", () => {
  it("sweep on 2 and 3 workers: byte-identical JSON to one thread, and the edits reached the workers", () => {
    const one = runCli([...SWEEP, "--jobs", "1", "-o", "json"]);
    expect(one.code, one.stderr).toBe(0);
    const doc = JSON.parse(one.stdout);
    // the HPA lives in web.yaml (listed by the scenario): each combination's maxReplicas is what capped it
    expect(doc.runs.map((r: { summary: { peakReplicas: number } }) => r.summary.peakReplicas)).toEqual([
      4, 4, 5, 5,
    ]);
    for (const jobs of ["2", "3"]) {
      const many = runCli([...SWEEP, "--jobs", jobs, "-o", "json"]);
      expect(many.code, many.stderr).toBe(0);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it("assertions and the JUnit report are the same; a failure still exits 1", () => {
    const files = ["1", "2"].map((jobs) => {
      const file = join(dir, `jobs-${jobs}.xml`);
      const r = runCli([...SWEEP, "--jobs", jobs, "--assert", "peakReplicas < 5", "--junit", file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        "combination hpa.spec.maxReplicas=5, hpa.spec.behavior.scaleDown.stabilizationWindowSeconds=0: assertion failed: peakReplicas < 5 (peakReplicas = 5)",
      );
      return { stdout: r.stdout, stderr: r.stderr, xml: readFileSync(file, "utf8") };
    });
    expect(files[1]).toEqual(files[0]);
  });

  it("compare on 2 workers: the same table and side-by-side charts (whole replays cross back)", () => {
    const proposed = writeWorldcupHpa(dir, "hpa-45.yaml", (t) =>
      t.replace("averageUtilization: 60}", "averageUtilization: 45}"),
    );
    const args = ["compare", ...INPUT, "--with", proposed, "--width", "90"];
    const one = runCli([...args, "--jobs", "1"]);
    const two = runCli([...args, "--jobs", "2"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("Ready replicas per configuration");
    expect(two).toEqual(one);
  });

  it("an error in a worker: the same exit code and message as in one thread, nothing written", () => {
    const args = [...SWEEP, "--assert", "cluster.total.cost < 5"];
    const one = runCli([...args, "--jobs", "1"]);
    const two = runCli([...args, "--jobs", "2"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('the run has no figure "cluster.total.cost"');
    expect(two).toEqual(one);
  });

  it.each(["0", "two", "-1", "1.5"])("--jobs %s is refused (exit 2)", (jobs) => {
    const r = runCli([...SWEEP, "--jobs", jobs]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`--jobs: expected a whole number of worker threads, 1 or more, got "${jobs}"`);
  });
});
