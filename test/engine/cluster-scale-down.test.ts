/**
 * Scale-down, hand-derived: the burst of cluster-burst.test.ts adds two nodes, the demand drops, the HPA
 * scales in, one added node is left at 25 % and is removed once it has been unneeded for more than
 * --scale-down-unneeded-time (10 min), never within --scale-down-delay-after-add (10 min) of the scale-up.
 * Upstream defaults throughout (DEFAULT_CA_CONFIG), CA loops every 10 s from t = 0.
 */
import { describe, expect, it } from "vitest";
import type { ClusterStepView } from "../../src/engine/cluster-phase.js";
import { simulate } from "../../src/engine/simulate.js";
import { burstThenDrop, clusterOf, generalGroup } from "./cluster-builders.js";

describe("cluster: scale-down of a node left underutilized after a burst", () => {
  const views: ClusterStepView[] = [];
  // the view's node list is the phase's live array: copy it to keep what each moment saw
  const r = simulate(burstThenDrop(clusterOf([generalGroup()]), 1200), {
    onClusterStep: (v) => views.push({ ...v, nodes: v.nodes.map((n) => ({ ...n })) }),
  });
  const row = (t: number) => r.timeline.find((x) => x.t === t);
  const viewAt = (t: number) => views.find((v) => v.t === t);
  const podsOn = (v: ClusterStepView | undefined, node: string) =>
    (v?.bindings ?? []).filter((b) => b.node === node).map((b) => b.pod);

  it("the burst as in cluster-burst.test.ts: scale-up at 20, general-2/-3 Ready at 110, 4 pods on each node", () => {
    const up = r.events.filter((e) => e.reason === "ScaledUpGroup");
    expect(up.map((e) => [e.t, e.message])).toEqual([
      [20, "Scale-up: setting group general size to 3 instead of 1 (max: 10)"],
    ]);
    const v = viewAt(110);
    expect(podsOn(v, "general-1")).toHaveLength(4);
    expect(podsOn(v, "general-2")).toHaveLength(4);
    expect(podsOn(v, "general-3")).toHaveLength(4);
  });

  it("the HPA scales 12 -> 6 at 315, the ReplicaSet deletes 3 of the new pods on each added node", () => {
    // scrape at 315 averages [300, 315): 150 req/s * 0.01 core = 1.5 cores / 12 pods = 125m = 25 % of 500m;
    // desired = ceil(12 * 25 / 50) = 6. The newest-Ready pods go first (Ready at 125 vs long ago on
    // general-1), so 6 of the 8 pods on general-2/-3 are deleted: 3 from each.
    const rescale = r.events.filter((e) => e.reason === "SuccessfulRescale");
    expect(rescale.map((e) => [e.t, e.message])).toEqual([
      [15, "New size: 12; reason: cpu resource utilization (percentage of request) above target"],
      [315, "New size: 6; reason: All metrics below target"],
    ]);
    expect(row(315)?.replicas).toBe(6);
    // the deleted pods terminate for 30 s (terminationGracePeriodSeconds) and release their node at 345
    const v = viewAt(345);
    expect(podsOn(v, "general-1")).toHaveLength(4);
    expect(podsOn(v, "general-2")).toHaveLength(1);
    expect(podsOn(v, "general-3")).toHaveLength(1);
  });

  it("not removed during the 10-minute delay after add, nor before 600 s unneeded: first loop > 950 is 960", () => {
    // Loop 340: general-2 still carries its 3 terminating pods: 4 * 500m / 2000m = 1.0 > 0.5, needed.
    // Loop 350: 1 * 500m / 2000m = 0.25 <= 0.5; its pod fits on general-3 (1500m free) -> unneeded since 350.
    //   general-3 then cannot move its pod (general-1 is full, general-2 is being removed): NoPlaceToMovePods.
    // Cooldown: lastScaleUpTime 20 + 600 s > now for loops up to 610; the unneeded timer runs through it.
    // Removable when since + 600 < now: 350 + 600 = 950 < now -> the loop at 960 (not 950: strictly).
    for (const v of views) {
      const tainted = v.nodes.filter((n) => n.deletingAt !== null);
      if (v.t < 960) expect(tainted).toEqual([]);
    }
    expect(r.events.filter((e) => e.reason.startsWith("ScaleDown") && e.t < 960)).toEqual([]);
    const sd = r.events.filter((e) => e.reason === "ScaleDown" || e.reason === "ScaleDownEmpty");
    const pod = podsOn(viewAt(345), "general-2")[0];
    // utilization {cpu mem gpu resource max}: cpu 500/2000 = 0.25, memory 256 MiB / 8 GiB = 0.03125
    expect(sd).toEqual([
      {
        t: 960,
        type: "Normal",
        reason: "ScaleDown",
        message: `Scale-down: removing node general-2, utilization: {0.25 0.03125 0 cpu 0.25}, pods to reschedule: ${pod}`,
        object: "ClusterAutoscaler",
      },
    ]);
    expect(viewAt(960)?.nodes.find((n) => n.name === "general-2")?.deletingAt).toBe(960);
  });

  it("drain after --node-delete-delay-after-taint (5 s): the pod is evicted at 965, recreated and bound on general-3", () => {
    const evicted = podsOn(viewAt(345), "general-2")[0] as string;
    // 960: tainted, the pod still runs there
    expect(podsOn(viewAt(960), "general-2")).toEqual([evicted]);
    expect(row(960)?.readyReplicas).toBe(6);
    // 965: evicted (terminating until 995); the ReplicaSet creates a replacement at 965, Pending, and the
    // scheduler binds it at once on general-3 (general-2 has the ToBeDeleted taint, general-1 is full)
    const before = new Set(viewAt(960)?.bindings.map((b) => b.pod));
    const fresh = (viewAt(965)?.bindings ?? []).filter((b) => !before.has(b.pod));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.node).toBe("general-3");
    expect(fresh[0]?.boundAt).toBe(965);
    expect(row(965)?.replicas).toBe(6);
    expect(row(965)?.pendingPods).toBe(0);
    expect(row(965)?.terminatingPods).toBe(1);
    // the replacement runs at 965 + 5 = 970 and is Ready at 970 + 10 = 980
    expect(row(975)?.readyReplicas).toBe(5);
    expect(row(980)?.readyReplicas).toBe(6);
  });

  it("the node leaves when its last pod is gone: 965 + 30 = 995; the timeline drops from 3 to 2 nodes", () => {
    expect(viewAt(965)?.nodes.find((n) => n.name === "general-2")?.goneAt).toBe(995);
    expect(row(990)?.nodes).toEqual({ perGroup: { general: 3 }, total: 3 });
    expect(row(995)?.nodes).toEqual({ perGroup: { general: 2 }, total: 2 });
    expect(views.at(-1)?.nodes.map((n) => n.name)).toEqual(["general-1", "general-3"]);
    // general-3 stays: nothing else is unneeded (general-3 at 1000m / 2000m = 0.5 but its pods have nowhere
    // to go: general-1 is full), and the group is not below its min size 1
    expect(r.events.filter((e) => e.reason.startsWith("ScaleDown"))).toHaveLength(1);
  });

  it("summary: 1 scale-down; node-seconds 1200 + (995 - 80) + (1200 - 80) = 3235", () => {
    const c = r.summary.cluster;
    expect(c?.nodeGroups.general?.scaleDowns).toBe(1);
    expect(c?.nodeGroups.general?.scaleUps).toBe(1);
    expect(c?.nodeGroups.general?.nodeHours).toBeCloseTo(3235 / 3600, 12);
    expect(c?.total.cost).toBeCloseTo((3235 * 0.36) / 3600, 12);
    // the replacement was bound the moment it was created: no Pending time beyond the burst's 8 * 95 s
    expect(c?.pendingPodSeconds).toBe(760);
  });
});
