/**
 * Two workloads sharing a node pool, as a user runs it (examples/shared-cluster): one section per workload in
 * the text output, `workloads` in the JSON, a `workload` column in the CSV, the run's cluster totals over both.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SCENARIO = "examples/shared-cluster/scenario.yaml";
// one day keeps the test quick: the evening burst of report jobs at 20:00 is in it
const ARGS = ["simulate", "--scenario", SCENARIO, "--duration", "1d"];

interface Summary {
  peakReplicas: number;
  cluster: { pendingPodSeconds: number; total: { peakNodes: number } };
}

describe("simulate: two workloads on one cluster", () => {
  const json = runCli([...ARGS, "-o", "json"]);
  const doc = JSON.parse(json.stdout) as {
    summary: Summary;
    events: { reason: string; object: string }[];
    workloads: { workload: string; hpa: string; summary: Summary; events: { object: string }[] }[];
  };

  it("lists both workloads, the main one first, each with its own HPA's events", () => {
    expect(json.code).toBe(0);
    expect(doc.workloads.map((w) => [w.workload, w.hpa])).toEqual([
      ["Deployment/web", "web"],
      ["Deployment/reports", "reports"],
    ]);
    for (const w of doc.workloads)
      for (const e of w.events) expect(e.object).toBe(`HorizontalPodAutoscaler/${w.hpa}`);
    const objects = new Set(doc.events.map((e) => e.object));
    expect(objects.has("HorizontalPodAutoscaler/web")).toBe(true);
    expect(objects.has("HorizontalPodAutoscaler/reports")).toBe(true);
  });

  it("the run's Pending pod-seconds are the sum of the workloads'", () => {
    const [web, reports] = doc.workloads;
    expect(doc.summary.cluster.pendingPodSeconds).toBe(
      (web?.summary.cluster.pendingPodSeconds ?? 0) + (reports?.summary.cluster.pendingPodSeconds ?? 0),
    );
    expect(doc.summary.peakReplicas).toBe(web?.summary.peakReplicas);
    expect(reports?.summary.peakReplicas).toBeGreaterThan(1); // the evening burst scales the report builder
  });

  it("prints one section per workload and the cluster totals", () => {
    const text = runCli([...ARGS, "--no-charts"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Workload Deployment\/web: replay of /m);
    expect(text.stdout).toMatch(/^Workload Deployment\/reports: replay of expression: /m);
    expect(text.stdout).toMatch(
      /^All workloads: \d+ Pending pod-seconds, the longest wait \d+ s; nodes peak \d+, cost /m,
    );
  });

  it("CSV: every workload's rows, led by the workload", () => {
    const csv = runCli([...ARGS, "-o", "csv", "--record-every", "1h"]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]?.startsWith("workload,t,time,demand,")).toBe(true);
    expect(lines.filter((l) => l.startsWith("Deployment/web,"))).toHaveLength(24);
    expect(lines.filter((l) => l.startsWith("Deployment/reports,"))).toHaveLength(24);
  });
});
