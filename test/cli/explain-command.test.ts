/**
 * `kube-whatif explain` end to end on the seed examples (their derivations are in the YAML comments of
 * examples/explain/*.yaml) and on bad input.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

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
        'error: test/fixtures/snapshots/bad-quantity.yaml: "half a core" is not a Kubernetes quantity (expected e.g. "500m", "1.5", "512Mi", "2e3")\n',
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
