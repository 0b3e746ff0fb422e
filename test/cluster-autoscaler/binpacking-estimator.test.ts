import { describe, expect, it } from "vitest";
import { estimate } from "../../src/cluster-autoscaler/binpacking-estimator.js";
import { ClusterSnapshot } from "../../src/cluster-autoscaler/cluster-snapshot.js";
import {
  staticThreshold,
  ThresholdBasedEstimationLimiter,
} from "../../src/cluster-autoscaler/estimation-limiter.js";
import { determineBestPEGToFastpath } from "../../src/cluster-autoscaler/fastpath-choice.js";
import { orderPodGroups } from "../../src/cluster-autoscaler/pod-orderer.js";
import { GIB, makeGroup, makeNode, makePod, makeTemplate, NOW } from "./builders.js";

const limiter = (maxNodes = 0) => new ThresholdBasedEstimationLimiter([staticThreshold(maxNodes, 0)]);
const empty = () => ClusterSnapshot.of([makeNode("oldnode", 100, 100 * 1024 * 1024)]);

describe("binpacking estimator", () => {
  it("packs by CPU: 350m pods on 1000m nodes", () => {
    // floor(1000 / 350) = 2 pods per node; ceil(10 / 2) = 5 nodes
    const r = estimate(
      [makeGroup(makePod("p", 350, 1000), 10)],
      makeTemplate(1000, 2000),
      empty(),
      limiter(),
      NOW,
    );
    expect(r.nodeCount).toBe(5);
    expect(r.scheduledPods).toHaveLength(10);
  });

  it("a host port conflict forces one pod per node", () => {
    // 8 pods of 200m fit 5 per 1000m node by CPU, but port 5555 allows one per node: 8 nodes
    const pod = makePod("p", 200, 1000, { hostPorts: [5555] });
    const r = estimate([makeGroup(pod, 8)], makeTemplate(1000, 5000), empty(), limiter(), NOW);
    expect(r.nodeCount).toBe(8);
  });

  it("the pods allocatable bounds a node", () => {
    // 10 pods per node (maxPods), 20 pods: 2 nodes although CPU would allow 1000
    const template = makeTemplate(10_000, 20 * GIB, {
      allocatable: { cpuMilli: 10_000, memBytes: 20 * GIB, pods: 10 },
    });
    const r = estimate([makeGroup(makePod("p", 10, 100), 20)], template, empty(), limiter(), NOW);
    expect(r.nodeCount).toBe(2);
  });

  it("larger groups go first and a denied node stops new nodes for later groups", () => {
    // high: 500m -> 2 per node -> 5 nodes = limit; small: 50m pods find no room and no new node
    const small = makeGroup(makePod("small", 50, 1000), 10);
    const high = makeGroup(makePod("high", 500, 1000), 10);
    const r = estimate([small, high], makeTemplate(1000, 5000), empty(), limiter(5), NOW);
    expect(r.nodeCount).toBe(5);
    expect(r.scheduledPods.every((p) => p.name === "high")).toBe(true);
  });

  it("later groups fill the room earlier groups left", () => {
    // big 600m: one per node, 3 nodes with 400m free each; small 200m: 2 per node there = 6 pods, 0 new nodes
    const r = estimate(
      [makeGroup(makePod("big", 600, 0), 3), makeGroup(makePod("small", 200, 0), 6)],
      makeTemplate(1000, GIB),
      empty(),
      limiter(),
      NOW,
    );
    expect(r.nodeCount).toBe(3);
    expect(r.scheduledPods).toHaveLength(9);
  });

  it("a pod that does not fit an empty template node opens no node", () => {
    const r = estimate(
      [makeGroup(makePod("huge", 5000, 0), 3)],
      makeTemplate(1000, GIB),
      empty(),
      limiter(),
      NOW,
    );
    // one node is created for the first pod, the pod fails on it, the group stops; the node stays empty
    expect(r.nodeCount).toBe(0);
    expect(r.newNodeNames).toEqual(["e-0"]);
  });

  it("template DaemonSet pods take their share of every new node", () => {
    // 1000m - 200m DaemonSet = 800m: 4 pods of 200m per node; 8 pods -> 2 nodes
    const ds = makePod("ds", 200, 0, { owner: { kind: "DaemonSet", name: "ds", apiGroup: "apps" } });
    const template = { ...makeTemplate(1000, GIB), pods: [ds] };
    const r = estimate([makeGroup(makePod("p", 200, 0), 8)], template, empty(), limiter(), NOW);
    expect(r.nodeCount).toBe(2);
  });

  it("works on a fork: the input snapshot is unchanged", () => {
    const snap = empty();
    estimate([makeGroup(makePod("p", 100, 0), 30)], makeTemplate(1000, GIB), snap, limiter(), NOW);
    expect(snap.nodeInfos().map((i) => i.node.name)).toEqual(["oldnode"]);
    expect(snap.getNodeInfo("oldnode")?.pods).toHaveLength(0);
  });

  it("the fast path agrees with full simulation for a single group (upstream asserts it)", () => {
    for (const [cpu, count, maxNodes] of [
      [350, 10, 0],
      [500, 20, 5],
      [10, 20, 0],
      [300, 7, 2],
    ] as const) {
      const groups = [makeGroup(makePod("p", cpu, 1000), count)];
      const slow = estimate(groups, makeTemplate(1000, 5000), empty(), limiter(maxNodes), NOW);
      const fast = estimate(groups, makeTemplate(1000, 5000), empty(), limiter(maxNodes), NOW, {
        fastpathBinpackingEnabled: true,
      });
      expect([fast.nodeCount, fast.scheduledPods.length]).toEqual([
        slow.nodeCount,
        slow.scheduledPods.length,
      ]);
    }
  });
});

describe("pod orderer and fast-path choice", () => {
  it("orders by cpu/alloc + mem/alloc, descending", () => {
    // alloc 4m / 600Mi: pg1 1/4 = 0.25, pg2 2/4 = 0.5, pg3 0.5 + 100/629145600
    const t = makeTemplate(4, 600 * 1024 * 1024);
    const pg1 = makeGroup(makePod("p1", 1, 1), 1);
    const pg2 = makeGroup(makePod("p2", 2, 1), 1);
    const pg3 = makeGroup(makePod("p3", 2, 100), 1);
    expect(orderPodGroups([pg1, pg3, pg2], t)).toEqual([pg3, pg2, pg1]);
  });

  it("picks the group saving most simulations, the later one on ties", () => {
    const t = makeTemplate(100, 100 * 1024 * 1024);
    // 60m x2: ceil(2*0.06/0.1) = 2 nodes, saves 2 - 2/2 = 1; 1m x100: 1 node, saves 100 - 100 = 0
    expect(
      determineBestPEGToFastpath([makeGroup(makePod("a", 60, 60), 2), makeGroup(makePod("b", 1, 5), 100)], t),
    ).toBe(0);
    // pods without containers: 0 nodes, saves 0 >= 0 -> the last one
    const bare = { name: "x", namespace: "default", containers: [] };
    expect(determineBestPEGToFastpath([makeGroup(bare, 2), makeGroup(bare, 4)], t)).toBe(1);
  });
});
