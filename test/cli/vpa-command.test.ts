/** `kube-whatif vpa recommend` end to end: the built CLI on small fixtures. */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const VPA = "test/fixtures/vpa/small-vpa.yaml";
/** 300m CPU and 400 MiB every 10 minutes for 6 h (37 rows; the recommender samples it every minute). */
const TRACE = "test/fixtures/vpa/usage-6h.csv";

// Loops at t = 0, 60, ..., 21600: 361 samples; confidence = min(21600 s / 1 d, 361 / 1440) = 0.25 days.
// CPU: 300m is in bucket 18, which ends at 305m; target = 305 + trunc(305 × 0.15) = 350m;
//      lower = trunc(350 × (1 + 0.001/0.25)^-2) = trunc(347.2) = 347m; upper = 350 × (1 + 1/0.25) = 1750m,
//      capped to maxAllowed "1".
// Memory: 400 MiB = 419430400 B is in bucket 23, which ends at 1e7 × (1.05^24 - 1) / 0.05 = 445019988 B;
//      target = 445019988 + trunc(66752998.2) = 511772986; lower = trunc(511772986 / 1.004^2) = 507703236;
//      upper = 5 × 511772986 > 1Gi, capped to maxAllowed, printed as written: 1Gi.
const EXPECTED_TABLE = `Name:         web
Namespace:    default
API Version:  autoscaling.k8s.io/v1
Kind:         VerticalPodAutoscaler
Spec:
  Target Ref:
    API Version:  apps/v1
    Kind:         Deployment
    Name:         web
  Update Policy:
    Update Mode:  Off
Status:
  Conditions:
    Status:  True
    Type:    RecommendationProvided
  Recommendation:
    Container Recommendations:
      Container Name:  app
      Lower Bound:
        Cpu:     347m
        Memory:  507703236
      Target:
        Cpu:     350m
        Memory:  511772986
      Uncapped Target:
        Cpu:     350m
        Memory:  511772986
      Upper Bound:
        Cpu:     1
        Memory:  1Gi

Replayed 361 recommender loops (one every 1m) over 6h of test/fixtures/vpa/usage-6h.csv: 1 pod, each using the trace's value.
`;

describe("kube-whatif vpa recommend", () => {
  it("prints the final recommendation as kubectl describe vpa does", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "--no-charts"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED_TABLE);
  });

  it("adds a chart of the target over time per resource", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "--width", "80"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(EXPECTED_TABLE.trimEnd())).toBe(true);
    expect(r.stdout).toContain("Container app: cpu target over time (m; max per");
    expect(r.stdout).toContain("Container app: memory target over time (MiB; max per");
    expect(r.stdout).toContain("── target   ── lower bound");
    const chartLines = r.stdout.slice(EXPECTED_TABLE.length).split("\n");
    expect(Math.max(...chartLines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it("JSON: the timeline every --every and the final recommendation, quantities as in the VPA status", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "-o", "json", "--every", "2h"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["vpa", "replay", "timeline", "final"]);
    expect(out.vpa).toEqual({
      name: "web",
      namespace: "default",
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      updateMode: "Off",
    });
    expect(out.replay).toMatchObject({ replicas: 1, usage: "per-pod", loops: 361, recordEverySeconds: 7200 });
    expect(out.timeline.map((p: { t: number }) => p.t)).toEqual([0, 7200, 14400, 21600]);
    expect(out.final).toEqual(out.timeline[3]);
    expect(out.final.containerRecommendations).toEqual([
      {
        containerName: "app",
        lowerBound: { cpu: "347m", memory: "507703236" },
        target: { cpu: "350m", memory: "511772986" },
        uncappedTarget: { cpu: "350m", memory: "511772986" },
        upperBound: { cpu: "1", memory: "1Gi" },
      },
    ]);
    expect(out.final.usage).toEqual({ app: { cpu: "300m", memory: "419430400" } });
  });

  it("CSV: raw millicores and bytes per point", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "-o", "csv", "--every", "6h"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "t,container,cpu_lower_bound_m,cpu_target_m,cpu_uncapped_target_m,cpu_upper_bound_m,cpu_usage_m,memory_lower_bound_bytes,memory_target_bytes,memory_uncapped_target_bytes,memory_upper_bound_bytes,memory_usage_bytes",
      // t = 0: one sample, confidence 0: lower = pod minimum 25m / 250Mi, upper = 1e14 capped to maxAllowed
      "0,app,25,350,350,1000,300,262144000,511772986,511772986,1073741824,419430400",
      "21600,app,347,350,350,1000,300,507703236,511772986,511772986,1073741824,419430400",
      "",
    ]);
  });

  it("--replicas N reads the trace as the total over N pods", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "--replicas", "2", "-o", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.replay).toMatchObject({ replicas: 2, usage: "total" });
    // 300m / 2 = 150m per pod
    expect(out.final.usage.app.cpu).toBe("150m");
  });

  it("a bad VPA manifest: exit 2, naming the file, object and field", () => {
    const r = runCli(["vpa", "recommend", "-f", "test/fixtures/vpa/bad-mode.yaml", "--trace", TRACE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'error: test/fixtures/vpa/bad-mode.yaml: VerticalPodAutoscaler "web": spec.resourcePolicy.containerPolicies[0].maxAllowed[memory]: Invalid value: "1Gi": max resource for memory is lower than min of "2Gi"\n',
    );
  });

  it("a bad trace: exit 2, naming the line and column", () => {
    const r = runCli(["vpa", "recommend", "-f", VPA, "--trace", "test/fixtures/vpa/bad-usage.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: test/fixtures/vpa/bad-usage.csv:3: column "cpu": expected a number, got "abc"\n',
    );
  });

  it("a missing column or file: exit 2", () => {
    const noColumn = runCli(["vpa", "recommend", "-f", VPA, "--trace", TRACE, "--memory-column", "mem"]);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toContain('no column named "mem"');
    const noFile = runCli(["vpa", "recommend", "-f", "nope.yaml", "--trace", TRACE]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe("error: nope.yaml: no such file\n");
  });

  it("a Deployment that is not the VPA's target: exit 2", () => {
    const r = runCli([
      "vpa",
      "recommend",
      "-f",
      VPA,
      "-f",
      "test/fixtures/vpa/other-deployment.yaml",
      "--trace",
      TRACE,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: test/fixtures/vpa/small-vpa.yaml: VerticalPodAutoscaler "web" targets Deployment "web", but the -f files hold Deployment "api"\n',
    );
  });

  it("the target Deployment gives the container name, requests and pod count", () => {
    const r = runCli([
      "vpa",
      "recommend",
      "-f",
      "examples/vpa/vpa.yaml",
      "-f",
      "examples/vpa/deployment.yaml",
      "--trace",
      TRACE,
      "-o",
      "json",
      "--every",
      "6h",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.replay).toMatchObject({ replicas: 3, usage: "per-pod" });
    expect(out.final.containerRecommendations[0].containerName).toBe("web");
  });
});
