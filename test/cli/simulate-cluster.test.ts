/**
 * `kube-whatif simulate` with a cluster model, end to end: examples/worldcup/cluster-scenario.yaml over the
 * six hours of 29 June 1998 from noon, when the HPA scales web from 4 to 60 pods and the nodes must follow.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SCENARIO = "examples/worldcup/cluster-scenario.yaml";
const WINDOW = ["--from", "1998-06-29T12:00:00", "--duration", "6h"];

describe("kube-whatif simulate with spec.cluster", () => {
  const run = runCli(["simulate", "-s", SCENARIO, ...WINDOW, "-o", "json"]);
  const doc = JSON.parse(run.stdout);

  it("adds summary.cluster and nodes / cost to the timeline, and the node count rises", () => {
    expect(run.code).toBe(0);
    const cluster = doc.summary.cluster;
    expect(cluster).toBeDefined();
    expect(Object.keys(cluster.nodeGroups)).toEqual(["general"]);
    expect(cluster.total.peakNodes).toBeGreaterThan(1);
    expect(cluster.total.scaleUps).toBeGreaterThan(0);
    expect(cluster.total.cost).toBeCloseTo(cluster.total.nodeHours * 0.19, 6);
    const nodes: number[] = doc.timeline.map((r: { nodes: { total: number } }) => r.nodes.total);
    expect(nodes[0]).toBe(1);
    expect(Math.max(...nodes)).toBe(cluster.total.peakNodes);
    expect(doc.timeline.at(-1).cost).toBeGreaterThan(0);
    expect(doc.config.cluster.nodeGroups[0]).toMatchObject({
      name: "general",
      pricePerHour: 0.19,
      minSize: 1,
    });
  });

  it("prints the node lines in the text summary", () => {
    const text = runCli(["simulate", "-s", SCENARIO, ...WINDOW]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Nodes general {3}peak \d+, mean [\d.]+; [\d.]+ node-hours, cost [\d.]+/);
    expect(text.stdout).toContain("Pending pods");
  });

  it("the scenario without a cluster prints no cluster summary", () => {
    const plain = runCli(["simulate", "-s", "examples/worldcup/scenario.yaml", ...WINDOW, "-o", "json"]);
    expect(plain.code).toBe(0);
    const d = JSON.parse(plain.stdout);
    expect(d.summary.cluster).toBeUndefined();
    expect(d.timeline[0].nodes).toBeUndefined();
    expect(d.config.cluster).toBeUndefined();
  });
});
