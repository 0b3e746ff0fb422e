/**
 * The scaling chain, hand-derived: the HPA adds pods, the one node is full, the pods go Pending, the
 * cluster autoscaler provisions two nodes, the pods land when the nodes are Ready.
 */
import { describe, expect, it } from "vitest";
import type { SimNode } from "../../src/cluster/node-groups.js";
import type { ClusterStepView } from "../../src/engine/cluster-phase.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";

function burst() {
  return makeRunInputs({
    replicas: 4,
    maxReplicas: 12,
    // one policy, +200% per 15 s: 4 -> 12 in one sync
    behavior: {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        policies: [{ type: "Percent", value: 200, periodSeconds: 15 }],
      },
    },
    demand: [
      [0, 100],
      [1, 1000],
    ],
    durationSeconds: 300,
    startupSeconds: 5,
    readinessSeconds: 10,
    recordEverySeconds: 5,
    cluster: clusterOf([generalGroup()]),
  });
}

describe("cluster: a burst that needs two new nodes", () => {
  const views: ClusterStepView[] = [];
  const r = simulate(burst(), { onClusterStep: (v) => views.push(v) });
  const row = (t: number) => r.timeline.find((x) => x.t === t);

  it("scales the workload to 12 at the first sync (t = 15)", () => {
    // cpu: 0.01 core per request/s; 1000 req/s over 4 pods = 2.5 cores per pod against a 0.5 core request,
    // the scrape at 15 averages [0, 15): (100 * 1 + 1000 * 14) / 15 / 4 * 0.01 = 2.35 cores = 470 % > 50 %:
    // desired 38, capped by the policy (4 * (1 + 200 %) = 12) and maxReplicas 12.
    expect(r.events.find((e) => e.reason === "SuccessfulRescale")?.t).toBe(15);
    expect(row(15)?.replicas).toBe(12);
  });

  it("the 8 new pods go Pending at 15: the one node holds 4 * 500m = 2000m of 2000m", () => {
    expect(row(10)?.pendingPods).toBe(0);
    expect(row(15)?.pendingPods).toBe(8);
    const failed = r.events.filter((e) => e.reason === "FailedScheduling");
    // one event per pod whenever its reason changes: at 15 (no room), at 80 (the new nodes registered, not Ready)
    expect(failed).toHaveLength(16);
    for (const e of failed.slice(0, 8)) {
      expect(e.t).toBe(15);
      expect(e.message).toBe(
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
      );
    }
    for (const e of failed.slice(8)) {
      expect(e.t).toBe(80);
      expect(e.message).toBe(
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
      );
    }
  });

  it("the loop at 20 triggers the scale-up (loops at 0, 10, 20; at 20 the pods are 5 s old >= 0 s delay and past the 2 s all-new buffer)", () => {
    const up = r.events.filter((e) => e.reason === "ScaledUpGroup");
    expect(up).toHaveLength(1);
    expect(up[0]?.t).toBe(20);
    // 8 pods * 500m = 4000m = two 2000m nodes
    expect(up[0]?.message).toBe("Scale-up: setting group general size to 3 instead of 1 (max: 10)");
    expect(r.events.filter((e) => e.reason === "TriggeredScaleUp").every((e) => e.t === 20)).toBe(true);
    expect(r.summary.cluster?.nodeGroups.general?.scaleUps).toBe(1);
  });

  it("the nodes register at 20 + 60 = 80 and are Ready at 80 + 30 = 110", () => {
    const added = (views.at(-1)?.nodes ?? []).filter((n: SimNode) => n.name !== "general-1");
    expect(added.map((n) => [n.name, n.createdAt, n.readyAt])).toEqual([
      ["general-2", 80, 110],
      ["general-3", 80, 110],
    ]);
    expect(row(75)?.nodes).toEqual({ perGroup: { general: 1 }, total: 1 });
    expect(row(80)?.nodes).toEqual({ perGroup: { general: 3 }, total: 3 });
  });

  it("the pods bind at 110, run at 110 + 5 = 115 and are Ready at 115 + 10 = 125", () => {
    expect(row(105)?.pendingPods).toBe(8);
    expect(row(110)?.pendingPods).toBe(0);
    expect(row(110)?.startingPods).toBe(8);
    expect(row(120)?.readyReplicas).toBe(4);
    expect(row(125)?.readyReplicas).toBe(12);
    const last = views.at(-1);
    const late = (last?.bindings ?? []).filter((b) => b.node !== "general-1");
    expect(late).toHaveLength(8);
    for (const b of late) expect(b.boundAt).toBe(110);
    // least-allocated spreads them: 4 on each new node
    expect(late.filter((b) => b.node === "general-2")).toHaveLength(4);
  });

  it("summary: Pending 8 pods * (110 - 15) s = 760 pod-seconds, longest 95 s; cost = node-seconds * 0.36 / 3600", () => {
    const c = r.summary.cluster;
    expect(c?.pendingPodSeconds).toBe(8 * 95);
    expect(c?.longestPendingSeconds).toBe(95);
    // general-1 for 300 s, general-2 and -3 from 80 to 300: 300 + 2 * 220 = 740 node-seconds
    expect(c?.nodeGroups.general?.nodeHours).toBeCloseTo(740 / 3600, 12);
    expect(c?.total.cost).toBeCloseTo((740 * 0.36) / 3600, 12);
    expect(c?.nodeGroups.general?.peakNodes).toBe(3);
    expect(c?.unschedulableAtEnd).toEqual([]);
  });
});

describe("cluster: a pod bigger than every machine shape", () => {
  it("stays Pending with the scheduler's reason, the autoscaler does not scale, and the run ends", () => {
    const inputs = makeRunInputs({
      replicas: 1,
      cpuRequestMilli: 5000n,
      demand: [[0, 10]],
      durationSeconds: 120,
      cluster: clusterOf([generalGroup()]),
    });
    const r = simulate(inputs);
    const failed = r.events.filter((e) => e.reason === "FailedScheduling");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    expect(r.events.some((e) => e.reason === "NotTriggerScaleUp")).toBe(true);
    expect(r.events.some((e) => e.reason === "ScaledUpGroup")).toBe(false);
    expect(r.summary.cluster?.unschedulableAtEnd).toHaveLength(1);
    expect(r.summary.cluster?.longestPendingSeconds).toBe(120);
    expect(r.timeline.at(-1)?.pendingPods).toBe(1);
  });
});
