/**
 * The HPA x VPA fight end to end, as a user runs it: an HPA on 60 % CPU and a VPA in Auto on the same CPU
 * requests (examples/hpa-vpa-fight). The warning comes before the replay; the results show the VPA's
 * evictions, the requests it sets and the HPA's replica changes that follow.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SCENARIO = "examples/hpa-vpa-fight/scenario.yaml";

interface Row {
  t: number;
  replicas: number;
  vpa?: { requests: Record<string, { cpu: number }>; target: Record<string, { cpu: number }> };
  metrics: { cpu?: { observed: number | null } };
}

describe("simulate: HPA and VPA on the same CPU requests", () => {
  const json = runCli(["simulate", "--scenario", SCENARIO, "-o", "json"]);
  const doc = JSON.parse(json.stdout) as {
    warnings: string[];
    events: { t: number; reason: string; object: string }[];
    timeline: Row[];
    summary: {
      scaleUps: number;
      scaleDowns: number;
      vpa: { evictions: number; recommendation: { container: string }[] };
    };
  };

  it("warns that they fight, naming both objects and the resource", () => {
    expect(json.code).toBe(0);
    expect(doc.warnings[0]).toMatch(
      /^VerticalPodAutoscaler default\/api \(updateMode Auto\) controls the cpu requests of Deployment\/api, which HorizontalPodAutoscaler default\/api scales on cpu utilization: they fight/,
    );
  });

  it("shows the VPA's evictions as events and in the summary", () => {
    const evictions = doc.events.filter((e) => e.reason === "EvictedByVPA");
    expect(evictions.length).toBeGreaterThan(0);
    expect(doc.summary.vpa.evictions).toBe(evictions.length);
    // the first updater loop (t = 0) may evict at most floor(6 replicas x 0.5 tolerance) = 3 pods
    expect(evictions.filter((e) => e.t === 0).length).toBeLessThanOrEqual(3);
    for (const e of evictions) expect(e.object).toMatch(/^Pod\/api-[0-9a-f]{5}$/);
    expect(doc.summary.vpa.recommendation.map((r) => r.container)).toEqual(["api"]);
  });

  it("the timeline shows the requests moving to the VPA's target and the HPA changing replicas after", () => {
    const first = doc.timeline[0] as Row;
    const last = doc.timeline[doc.timeline.length - 1] as Row;
    // the template requests 200m; the recommender's target is far below (the pods use ~60 % of requests)
    expect(last.vpa?.requests.api?.cpu).toBeLessThan(200);
    expect(last.vpa?.requests.api?.cpu).toBeCloseTo(last.vpa?.target.api?.cpu ?? 0, -1);
    const firstEviction = doc.events.find((e) => e.reason === "EvictedByVPA")?.t ?? 0;
    const firstRescale = doc.events.find((e) => e.reason === "SuccessfulRescale")?.t ?? -1;
    // smaller requests raise utilization: the HPA scales up after the VPA acts
    expect(firstRescale).toBeGreaterThan(firstEviction);
    expect(doc.summary.scaleUps).toBeGreaterThan(0);
    expect(new Set(doc.timeline.map((r) => r.replicas)).size).toBeGreaterThan(2);
    expect(first.vpa).toBeDefined();
  });

  it("prints the warning and the VPA lines in the text summary", () => {
    const text = runCli(["simulate", "--scenario", SCENARIO, "--no-charts"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("they fight");
    expect(text.stdout).toMatch(/ {2}VPA +api \(updateMode Auto\): \d+ evictions, 0 in-place resizes/);
    expect(text.stdout).toMatch(/ {4}api +target \d+m\/[\d.]+Mi, lower/);
    expect(text.stdout).toContain("EvictedByVPA");
  });
});
