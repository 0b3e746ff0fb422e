/**
 * `kube-whatif explain` end to end on the seed examples (their derivations are in the YAML comments of
 * examples/explain/*.yaml) and on bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { badSnapshotText, exampleText } from "../scenario/snapshot-fixtures.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-explain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to `name` in a temporary folder; returns its path. */
function snapshotFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** cpu-50-percent.yaml with `edit` applied (the edit must change it). */
function editedExample(name: string, edit: (text: string) => string): string {
  const text = exampleText("cpu-50-percent");
  const edited = edit(text);
  if (edited === text) throw new Error(`the edit for ${name} changed nothing`);
  return snapshotFile(name, edited);
}

describe("kube-whatif explain (seed examples)", () => {
  it("cpu 50%: 4 pods at 80% -> ceil(1.6 × 4) = 7", () => {
    const r = runCli(["explain", "examples/explain/cpu-50-percent.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("current: 80% (400m) / 50%   usage ratio 1.6");
    expect(r.stdout).toContain("ceil(1.6 × 4 ready pods) = 7");
    expect(r.stdout).toContain("Desired replicas:  7   (scale written: 4 -> 7)");
    expect(r.stdout).toContain(
      "Normal  SuccessfulRescale  New size: 7; reason: cpu resource utilization (percentage of request) above target",
    );
    expect(r.stdout).toContain("matches the snapshot's expect block");
  });

  it("cpu 60% + memory 80% with scaleDown 300 s and Percent 10/60 s: stabilized at 7, limited to 9", () => {
    const r = runCli(["explain", "examples/explain/cpu-memory-scale-down.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("current: 39% (400Mi) / 80%   usage ratio 0.4875");
    expect(r.stdout).toContain("current clamped to [5, 7] = 7");
    expect(r.stdout).toContain("policy Percent 10 per 60 s: replicas at period start 11 -> limit 9");
    expect(r.stdout).toContain("7 -> 9 (ScaleDownLimit)");
    expect(r.stdout).toMatch(/ScalingLimited +True +ScaleDownLimit/);
  });

  it("pods metric 500/s with a Pending pod: rebalanced ratio 1.2 over 4 pods -> 5", () => {
    const r = runCli(["explain", "examples/explain/pods-metric-rps.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 unready (web-3)");
    expect(r.stdout).toContain("rebalance: unready pods counted at 0 (scale up)");
    expect(r.stdout).toContain("ceil(1.2 × 4 pods in the rebalanced set) = 5");
  });

  it("--output json gives the same decision as data", () => {
    const r = runCli(["explain", "examples/explain/cpu-memory-scale-down.yaml", "--output", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.decision).toEqual({
      currentReplicas: 10,
      desiredReplicas: 9,
      replicas: 9,
      scaleUpdated: true,
      statusUpdated: true,
    });
    expect(doc.explanation.normalization.stabilization.stabilized).toBe(7);
    expect(doc.explanation.normalization.limits).toMatchObject({
      desired: 9,
      reason: "ScaleDownLimit",
      rateLimit: 9,
    });
    expect(doc.status.currentMetrics[1]).toEqual({
      type: "Resource",
      name: "memory",
      current: { averageUtilization: 39, averageValue: "419430400" },
    });
    expect(doc.expectation.matches).toBe(true);
    expect(doc.stateAfter.scaleDownEvents).toHaveLength(2);
  });

  it("reads the snapshot from stdin with -", () => {
    const r = runCli(
      ["explain", "-"],
      '{"input": {"now": 10, "hpa": {"metadata": {"name": "x"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "x"}, "maxReplicas": 3}}, "scaleTarget": {"specReplicas": 0, "statusReplicas": 0, "selector": "a=b"}}}',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("autoscaling is disabled");
    expect(r.stdout).toMatch(/ScalingActive +False +ScalingDisabled/);
  });
});

describe("kube-whatif explain (bad input: exit 2, file and field named, nothing on stdout)", () => {
  const cases = [
    {
      file: "test/fixtures/snapshots/missing-scale-target.yaml",
      stderr:
        "error: test/fixtures/snapshots/missing-scale-target.yaml: input.scaleTarget.specReplicas: Required value\n",
    },
    {
      file: "test/fixtures/snapshots/bad-quantity.yaml",
      stderr:
        "error: test/fixtures/snapshots/bad-quantity.yaml: input.pods[0].containers[0].requests.cpu: Invalid value: \"half a core\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    },
    {
      file: "test/fixtures/snapshots/does-not-exist.yaml",
      stderr: "error: test/fixtures/snapshots/does-not-exist.yaml: no such file\n",
    },
  ];
  for (const c of cases) {
    it(c.file, () => {
      const r = runCli(["explain", c.file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(c.stderr);
      expect(r.stdout).toBe("");
    });
  }

  it("an unknown --output value", () => {
    const r = runCli(["explain", "examples/explain/cpu-50-percent.yaml", "--output", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output: unsupported value "xml"');
  });
});

describe("kube-whatif explain (bad snapshots of test/fixtures/explain/bad-snapshots.json: exit 2, stdout empty)", () => {
  const cases = [
    {
      name: "bug 2: recommendations a string",
      error: 'input.controllerState.recommendations: Invalid value: "x": must be a list',
    },
    {
      name: "bug 4: tolerance as a percentage string",
      error: 'input.settings.tolerance: Invalid value: "10%": must be a number',
    },
    {
      name: "bug 4: negative tolerance",
      error: "input.settings.tolerance: Invalid value: -1: must be greater",
    },
    { name: "bug 5: unknown expect field", error: 'strict decoding error: unknown field "expect.foo"' },
    {
      name: "bug 5: pod phase outside the Kubernetes values",
      error: 'input.pods[0].phase: Unsupported value: "Dancing"',
    },
  ];
  cases.forEach((c, i) => {
    it(c.name, () => {
      const file = snapshotFile(`bad-${i}.json`, badSnapshotText(c.name));
      const r = runCli(["explain", file]);
      expect(r.code).toBe(2);
      const prefix = `error: ${file}: ${c.error}`;
      expect(r.stderr.slice(0, prefix.length)).toBe(prefix);
      expect(r.stderr).not.toContain("internal error");
      expect(r.stdout).toBe("");
    });
  });

  it("every violation at once, one per line, also with -o json", () => {
    const file = snapshotFile("bad-many.json", badSnapshotText("every violation at once, at several levels"));
    for (const args of [[], ["-o", "json"]]) {
      const r = runCli(["explain", file, ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n")).toEqual([
        `error: ${file}: 5 errors:`,
        '  * strict decoding error: unknown field "extra"',
        '  * input.settings.tolerance: Invalid value: "10%": must be a number',
        '  * input.pods[4].phase: Unsupported value: "Dancing": supported values: "Pending", "Running", "Succeeded", "Failed", "Unknown"',
        '  * input.controllerState.recommendations[0].replicas: Invalid value: "x": must be an integer',
        '  * strict decoding error: unknown field "expect.foo"',
        "",
      ]);
    }
  });
});

describe("kube-whatif explain (expect blocks the fuzzer broke)", () => {
  it("an empty expect (YAML null) means no expectation: exit 0, no Expectation line", () => {
    const file = editedExample("empty-expect.yaml", (t) => t.replace(/\nexpect:\n[\s\S]*$/, "\nexpect:\n"));
    const r = runCli(["explain", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Desired replicas:  7   (scale written: 4 -> 7)");
    expect(r.stdout).not.toContain("Expectation");
    const json = runCli(["explain", file, "-o", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).expectation).toBeNull();
  });

  const failedSyncs = [
    {
      name: "no resource metrics",
      edit: (t: string) => t.replace(/ {2}resourceMetrics:\n( {4}- .*\n)+/, "  resourceMetrics: []\n"),
      why: "FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API)",
    },
    {
      name: "no pods",
      edit: (t: string) => t.replace(/ {2}pods:\n( {4}- .*\n)+/, "  pods: []\n"),
      why: "FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: no pods returned by selector while calculating replica count)",
    },
    {
      name: "a selector that does not parse",
      edit: (t: string) => t.replace("selector: app=web}", 'selector: "app in (("}'),
      why: "InvalidSelector: couldn't convert selector",
    },
  ];
  failedSyncs.forEach((c, i) => {
    it(`${c.name}: the missing cpu utilization is said in words, never undefined`, () => {
      const file = editedExample(`failed-sync-${i}.yaml`, c.edit);
      const r = runCli(["explain", file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("DIFFERS from the snapshot's expect block");
      expect(r.stdout).toContain(
        `  cpuUtilization: expected 80, got none: the sync computed no cpu utilization (${c.why}`,
      );
      expect(r.stdout).not.toContain("undefined");
      const json = runCli(["explain", file, "-o", "json"]);
      const mismatch = JSON.parse(json.stdout).expectation.mismatches.find(
        (m: { path: string }) => m.path === "cpuUtilization",
      );
      expect(mismatch.actual).toBeNull();
      expect(mismatch.missing).toContain(`the sync computed no cpu utilization (${c.why}`);
    });
  });
});
