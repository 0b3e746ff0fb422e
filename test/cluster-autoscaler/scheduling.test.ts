import { describe, expect, it } from "vitest";
import { estimate } from "../../src/cluster-autoscaler/binpacking-estimator.js";
import { ClusterSnapshot } from "../../src/cluster-autoscaler/cluster-snapshot.js";
import {
  staticThreshold,
  ThresholdBasedEstimationLimiter,
} from "../../src/cluster-autoscaler/estimation-limiter.js";
import { ERR_REASON_CONSTRAINTS_NOT_MATCH } from "../../src/cluster-autoscaler/topology-spread.js";
import {
  LABEL_HOSTNAME,
  LABEL_ZONE,
  type Pod,
  type TopologySpreadConstraint,
} from "../../src/cluster-autoscaler/types.js";
import { makeGroup, makeNode, makePod, makeTemplate, NOW } from "./builders.js";

const spread = (maxSkew: number, topologyKey: string, minDomains = 1): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: "DoNotSchedule",
  selector: { app: "web" },
  minDomains,
});
const webPod = (name: string, cpu: number, c?: TopologySpreadConstraint): Pod =>
  makePod(name, cpu, 100, { labels: { app: "web" }, ...(c === undefined ? {} : { topologySpread: [c] }) });

describe("snapshot scheduling", () => {
  it("reports the failing filter and its reasons", () => {
    const s = ClusterSnapshot.of([
      makeNode("n", 1000, 1000, { allocatable: { cpuMilli: 1000, memBytes: 1000, pods: 1 } }),
    ]);
    expect(s.schedulePod(makePod("a", 600, 0), "n")).toBeUndefined();
    expect(s.checkPredicates(makePod("b", 600, 0), "n")).toEqual({
      type: "FailingPredicate",
      failure: { plugin: "NodeResourcesFit", reasons: ["Too many pods", "Insufficient cpu"] },
    });
    const cordoned = ClusterSnapshot.of([makeNode("c", 1000, 1000, { unschedulable: true })]);
    expect(cordoned.checkPredicates(makePod("a", 1, 0), "c")).toMatchObject({
      failure: { plugin: "NodeUnschedulable" },
    });
  });

  it("searches from the node after the previous match and wraps around", () => {
    const s = ClusterSnapshot.of(["n0", "n1", "n2"].map((n) => makeNode(n, 1000, 1000)));
    // lastIndex starts at 0 with offset 1: n1 first, then n2, n0, n1, ...
    const placed = [1, 2, 3, 4].map((i) => {
      const r = s.schedulePodOnAnyNodeMatching(makePod(`p${i}`, 1, 0));
      return "nodeName" in r ? r.nodeName : "none";
    });
    expect(placed).toEqual(["n1", "n2", "n0", "n1"]);
  });

  it("nodeSelector restricts nodes", () => {
    const s = ClusterSnapshot.of([
      makeNode("a", 1000, 1000, { labels: { pool: "x" } }),
      makeNode("b", 1000, 1000),
    ]);
    const r = s.schedulePodOnAnyNodeMatching(makePod("p", 1, 0, { nodeSelector: { pool: "x" } }));
    expect(r).toEqual({ nodeName: "a" });
  });
});

describe("topology spread", () => {
  it("hostname maxSkew=1 with a zero-pod domain allows one pod per node", () => {
    const s = ClusterSnapshot.of([makeNode("a", 1000, 1000), makeNode("b", 1000, 1000)]);
    const c = spread(1, LABEL_HOSTNAME);
    expect(s.schedulePod(webPod("p1", 1, c), "a")).toBeUndefined();
    // a has 1, b has 0: skew on a = 1 + 1 - 0 = 2 > 1
    expect(s.schedulePod(webPod("p2", 1, c), "a")).toMatchObject({
      failure: { reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH] },
    });
    expect(s.schedulePod(webPod("p2", 1, c), "b")).toBeUndefined();
  });

  it("minDomains above the domain count makes the global minimum 0", () => {
    const s = ClusterSnapshot.of([makeNode("a", 1000, 1000), makeNode("b", 1000, 1000)]);
    const c = spread(1, LABEL_HOSTNAME, 3);
    s.addPod(webPod("x", 1), "a");
    s.addPod(webPod("y", 1), "b");
    // min over 2 domains would be 1 (skew 1 + 1 - 1 = 1 fits), but 2 < minDomains 3 -> min 0 -> skew 2
    expect(s.checkPredicates(webPod("p", 1, c), "a")).toBeDefined();
  });

  it("the shared selector rules: matchExpressions, and nodeAffinityPolicy Ignore counts nodes the pod may not use", () => {
    const zone = (name: string, z: string, pool: string) =>
      makeNode(name, 1000, 1000, { labels: { [LABEL_ZONE]: z, pool } });
    const s = ClusterSnapshot.of([zone("a", "z1", "x"), zone("b", "z2", "y")]);
    s.addPod(makePod("w", 1, 0, { labels: { tier: "front" } }), "a");
    const c: TopologySpreadConstraint = {
      maxSkew: 1,
      topologyKey: LABEL_ZONE,
      whenUnsatisfiable: "DoNotSchedule",
      selector: {},
      matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }],
    };
    const pod = (policy?: "Ignore") =>
      makePod("p", 1, 0, {
        labels: { tier: "front" },
        nodeSelector: { pool: "x" },
        topologySpread: [{ ...c, ...(policy !== undefined ? { nodeAffinityPolicy: policy } : {}) }],
      });
    // Honor: b (pool y) is no domain, z1 = 1 is the minimum: 1 + 1 - 1 = 1
    expect(s.checkPredicates(pod(), "a")).toBeUndefined();
    // Ignore: z2 = 0 counts: 1 + 1 - 0 = 2 > 1
    expect(s.checkPredicates(pod("Ignore"), "a")).toMatchObject({
      failure: { plugin: "PodTopologySpread", reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH] },
    });
  });

  it("estimator: zonal spread against an empty zone lets only maxSkew pods in", () => {
    // oldnode in zone-jupiter holds 0 pods; all new nodes are in zone-mars: at most 2 there
    const old = makeNode("oldnode", 100, 100 * 1024 * 1024, { labels: { [LABEL_ZONE]: "zone-jupiter" } });
    const template = makeTemplate(1000, 5000 * 1024 * 1024, { labels: { [LABEL_ZONE]: "zone-mars" } });
    const pod = webPod("p", 20, spread(2, LABEL_ZONE));
    const r = estimate(
      [makeGroup(pod, 8)],
      template,
      ClusterSnapshot.of([old]),
      new ThresholdBasedEstimationLimiter([staticThreshold(0, 0)]),
      NOW,
    );
    expect([r.nodeCount, r.scheduledPods.length]).toEqual([1, 2]);
  });

  it("estimator: hostname spread retries other nodes, existing ones included", () => {
    // maxSkew 1, minDomains 3: the second pod fails on e-0 and lands on oldnode (counted, as upstream)
    const old = makeNode("oldnode", 100, 100 * 1024 * 1024);
    const pod = webPod("p", 20, spread(1, LABEL_HOSTNAME, 3));
    const r = estimate(
      [makeGroup(pod, 12)],
      makeTemplate(1000, 5000 * 1024 * 1024),
      ClusterSnapshot.of([old]),
      new ThresholdBasedEstimationLimiter([]),
      NOW,
    );
    expect([r.nodeCount, r.scheduledPods.length]).toEqual([3, 12]);
    expect(r.newNodeNames).toEqual(["e-0", "e-1"]);
    expect(r.snapshot.getNodeInfo("oldnode")?.pods).toHaveLength(4);
  });
});
