/**
 * runOnce end to end, hand-derived. Machine shape everywhere: 4000m CPU, 16 GiB, 110 pods.
 * Defaults: new-pod-scale-up-delay 0 s, all-pods-new buffer 2 s, max-node-provision-time 900 s,
 * backoff 300 s, scale-down-unneeded-time 600 s, scale-down-delay-after-add 600 s, threshold 0.5.
 */
import { describe, expect, it } from "vitest";
import type { ObservedPod } from "../../src/cluster-autoscaler/cluster-state.js";
import { type CaState, INITIAL_CA_STATE, runOnce } from "../../src/cluster-autoscaler/controller.js";
import { GIB } from "./builders.js";
import { bound, CFG, group, node, obs, pending, rng0, rsPod } from "./controller-builders.js";

/** Two full nodes: 4 x 1000m on each of pool-1, pool-2 (4000m allocatable -> 0 free). */
function fullNodes(): ObservedPod[] {
  const pods: ObservedPod[] = [];
  for (const n of ["pool-1", "pool-2"])
    for (let i = 0; i < 4; i++) pods.push(bound(rsPod(`${n}-p${i}`, 1000, GIB), n));
  return pods;
}

/** Eight 1000m pods created at t=100, marked unschedulable at t=101. */
function burst(count = 8, createdAt = 100): ObservedPod[] {
  return Array.from({ length: count }, (_, i) =>
    pending(rsPod(`web-${i}`, 1000, GIB, { createdAt }), createdAt + 1),
  );
}

const nodes2 = [node("pool-1", "pool"), node("pool-2", "pool")];

describe("runOnce scale-up", () => {
  it("a burst needing two new nodes triggers exactly one scale-up of +2 in one loop", () => {
    // Loop at t=110: pods are 10 s old (> 0 s delay, > 2 s buffer); nothing fits the 2 full nodes.
    // Binpacking: 8 x 1000m on 4000m templates = 2 nodes. least-waste has one option. 2 -> 4 (max 10).
    const { state, decision } = runOnce(
      INITIAL_CA_STATE,
      obs([group("pool", 2)], nodes2, [...fullNodes(), ...burst()]),
      CFG,
      110,
      rng0,
    );
    expect(decision.scaleUps).toEqual([
      { group: "pool", delta: 2, reason: "pod triggered scale-up: [{pool 2->4 (max: 10)}]" },
    ]);
    const triggered = decision.events.filter((e) => e.reason === "TriggeredScaleUp");
    expect(triggered).toHaveLength(8);
    expect(triggered[0]).toEqual({
      type: "Normal",
      reason: "TriggeredScaleUp",
      message: "pod triggered scale-up: [{pool 2->4 (max: 10)}]",
      object: "pod/default/web-0",
    });
    expect(decision.notTriggered).toEqual([]);
    // Request: increase 2 at 110, expected by 110 + 900 = 1010.
    expect(state.scaleUpRequests.get("pool")).toEqual({
      groupId: "pool",
      increase: 2,
      time: 110,
      expectedAddTime: 1010,
    });
    expect(state.lastScaleUpTime).toBe(110);
  });

  it("pods that fit upcoming nodes do not trigger a second scale-up; a new pod beyond them does", () => {
    const first = runOnce(
      INITIAL_CA_STATE,
      obs([group("pool", 2)], nodes2, [...fullNodes(), ...burst()]),
      CFG,
      110,
      rng0,
    );
    // t=120: target 4, 2 registered -> 2 upcoming template nodes hold the 8 pods (4 each).
    const second = runOnce(
      first.state,
      obs([group("pool", 4)], nodes2, [...fullNodes(), ...burst()]),
      CFG,
      120,
      rng0,
    );
    expect(second.decision.scaleUps).toEqual([]);
    expect(second.decision.events).toEqual([]);
    // t=130: one more 1000m pod (created 115): upcoming nodes are full -> +1, 4 -> 5.
    const extra = pending(rsPod("web-8", 1000, GIB, { createdAt: 115 }), 116);
    const third = runOnce(
      second.state,
      obs([group("pool", 4)], nodes2, [...fullNodes(), ...burst(), extra]),
      CFG,
      130,
      rng0,
    );
    expect(third.decision.scaleUps).toEqual([
      { group: "pool", delta: 1, reason: "pod triggered scale-up: [{pool 4->5 (max: 10)}]" },
    ]);
    // RegisterScaleUp adds to the increase and resets the times: 2 + 1 = 3, expected by 130 + 900.
    expect(third.state.scaleUpRequests.get("pool")).toEqual({
      groupId: "pool",
      increase: 3,
      time: 130,
      expectedAddTime: 1030,
    });
  });

  it("pods younger than the 2 s all-pods-new buffer wait one loop", () => {
    // Created 109, loop 110: 109 + 2 = 111 > 110 -> every pending pod is new: skip this loop.
    const r = runOnce(
      INITIAL_CA_STATE,
      obs([group("pool", 2)], nodes2, [...fullNodes(), ...burst(8, 109)]),
      CFG,
      110,
      rng0,
    );
    expect(r.decision.scaleUps).toEqual([]);
  });

  it("a provisioning timeout backs off the group, lowers the target and frees the pods", () => {
    const o = (target: number) => obs([group("pool", target)], nodes2, [...fullNodes(), ...burst()]);
    let s: CaState = runOnce(INITIAL_CA_STATE, o(2), CFG, 110, rng0).state;
    // expected-by 1010; at t=1010 not yet timed out (1010 < 1010 false).
    const at1010 = runOnce(s, o(4), CFG, 1010, rng0);
    expect(at1010.decision.scaleUpTimeouts).toEqual([]);
    expect(at1010.decision.scaleUps).toEqual([]);
    s = at1010.state;
    // t=1020: 1010 < 1020 -> timeout after 1020 - 110 = 910 s = 15m10s; backoff 300 s -> until 1320.
    const at1020 = runOnce(s, o(4), CFG, 1020, rng0);
    expect(at1020.decision.scaleUpTimeouts).toEqual([{ group: "pool", delta: 2 }]);
    expect(at1020.decision.events[0]).toEqual({
      type: "Warning",
      reason: "ScaleUpTimedOut",
      message: "Nodes added to group pool failed to register within 15m10s",
      object: "nodegroup/pool",
    });
    expect(at1020.state.scaleUpRequests.size).toBe(0);
    expect(at1020.state.backoff.get("pool")?.backoffUntil).toBe(1320);
    // Same loop: placeholders gone, pods unschedulable again, group backed off -> no scale-up.
    expect(at1020.decision.scaleUps).toEqual([]);
    expect(at1020.decision.notTriggered[0]).toEqual({
      pod: "pod/default/web-0",
      reasons: ["1 in backoff after failed scale-up"],
    });
    expect(at1020.decision.events[1]?.message).toBe(
      "pod didn't trigger scale-up: 1 in backoff after failed scale-up",
    );
    // t=1320: still backed off (now <= until); t=1330: scale-up again, 2 -> 4.
    s = at1020.state;
    expect(runOnce(s, o(2), CFG, 1320, rng0).decision.scaleUps).toEqual([]);
    expect(runOnce(s, o(2), CFG, 1330, rng0).decision.scaleUps).toEqual([
      { group: "pool", delta: 2, reason: "pod triggered scale-up: [{pool 2->4 (max: 10)}]" },
    ]);
  });

  it("a pod bigger than every machine shape gives NotTriggerScaleUp with the reason and never a scale-up", () => {
    // 64000m > 4000m (small) and > 16000m (big): both templates reject with Insufficient cpu.
    const giant = pending(rsPod("giant", 64000, GIB, { createdAt: 0 }), 1);
    const groups = [
      group("small", 1, { max: 5 }),
      group("big", 1, { max: 5, cpuMilli: 16000, memBytes: 64 * GIB }),
    ];
    const nodes = [node("small-1", "small"), node("big-1", "big", { cpuMilli: 16000, memBytes: 64 * GIB })];
    let s = INITIAL_CA_STATE;
    for (let t = 10; t <= 3600; t += 10) {
      const r = runOnce(s, obs(groups, nodes, [giant]), CFG, t, rng0);
      expect(r.decision.scaleUps).toEqual([]);
      expect(r.decision.notTriggered).toEqual([
        { pod: "pod/default/giant", reasons: ["2 Insufficient cpu"] },
      ]);
      s = r.state;
    }
  });

  it("reasons are aggregated over groups: max size reached and Insufficient cpu", () => {
    const big = pending(rsPod("big-pod", 6000, GIB, { createdAt: 0 }), 1);
    const groups = [group("a", 3, { max: 3 }), group("b", 2, { max: 2 }), group("c", 1, { max: 5 })];
    const nodes = [
      node("a-1", "a"),
      node("a-2", "a"),
      node("a-3", "a"),
      node("b-1", "b"),
      node("b-2", "b"),
      node("c-1", "c"),
    ];
    const r = runOnce(INITIAL_CA_STATE, obs(groups, nodes, [big]), CFG, 10, rng0);
    expect(r.decision.events).toEqual([
      {
        type: "Normal",
        reason: "NotTriggerScaleUp",
        message: "pod didn't trigger scale-up: 2 max node group size reached, 1 Insufficient cpu",
        object: "pod/default/big-pod",
      },
    ]);
  });
});

describe("runOnce scale-down", () => {
  // pool-a and pool-b at 3000m / 4000m = 0.75; pool-c at 1000m / 4000m = 0.25 (memory 1 GiB / 16 GiB = 0.0625).
  const nodes3 = [node("pool-a", "pool"), node("pool-b", "pool"), node("pool-c", "pool")];
  const pods3 = [
    bound(rsPod("a1", 3000, GIB), "pool-a"),
    bound(rsPod("b1", 3000, GIB), "pool-b"),
    bound(rsPod("c1", 1000, GIB), "pool-c"),
  ];
  const o = obs([group("pool", 3)], nodes3, pods3);

  it("removes a node under 50% at the first loop after 600 s unneeded, not before", () => {
    // Scale-up at t=0 -> cooldown while 0 + 600 > t. pool-c unneeded from the first loop t=10.
    // Removable when 10 + 600 < t: t=610 is not, t=620 is (loops every 10 s).
    let s: CaState = { ...INITIAL_CA_STATE, lastScaleUpTime: 0 };
    let removedAt: number | undefined;
    for (let t = 10; t <= 700 && removedAt === undefined; t += 10) {
      const r = runOnce(s, o, CFG, t, rng0);
      s = r.state;
      if (r.decision.scaleDowns.length > 0) {
        removedAt = t;
        expect(r.decision.scaleDowns).toEqual([
          { node: "pool-c", group: "pool", reason: "underutilized", podsToReschedule: ["default/c1"] },
        ]);
        expect(r.decision.events).toEqual([
          {
            type: "Normal",
            reason: "ScaleDown",
            message:
              "Scale-down: removing node pool-c, utilization: {0.25 0.0625 0 cpu 0.25}, pods to reschedule: c1",
            object: "configmap/kube-system/cluster-autoscaler-status",
          },
        ]);
      } else if (t >= 10) expect(s.unneededSince.get("pool-c")).toBe(10);
    }
    expect(removedAt).toBe(620);
  });

  it("does not remove during the 600 s delay after a scale-up, then at its first loop out", () => {
    // pool-c unneeded since -5000 (long enough); scale-up at t=0: cooldown while 0 + 600 > t -> first at 600.
    let s: CaState = { ...INITIAL_CA_STATE, lastScaleUpTime: 0, unneededSince: new Map([["pool-c", -5000]]) };
    const removals: number[] = [];
    for (let t = 10; t <= 700; t += 10) {
      const r = runOnce(s, o, CFG, t, rng0);
      s = r.state;
      if (r.decision.scaleDowns.length > 0) removals.push(t);
    }
    expect(removals).toEqual([600]);
    expect(s.deletingNodes.get("pool-c")).toEqual({ groupId: "pool", since: 600, drain: true });
  });

  it("empty nodes go in bulk, never below the group min", () => {
    // 4 empty nodes, min 2: target 4 - 2 = 2 may go. Unneeded since -1000: removable at once.
    const names = ["e-1", "e-2", "e-3", "e-4"];
    const s: CaState = { ...INITIAL_CA_STATE, unneededSince: new Map(names.map((n) => [n, -1000])) };
    const r = runOnce(
      s,
      obs(
        [group("e", 4, { min: 2 })],
        names.map((n) => node(n, "e")),
        [],
      ),
      CFG,
      10,
      rng0,
    );
    expect(r.decision.scaleDowns.map((d) => d.node)).toEqual(["e-1", "e-2"]);
    expect(r.decision.events[0]?.message).toBe('Scale-down: removing empty node "e-1"');
  });

  it("a node whose pod has no controller is never removed", () => {
    // No controller: drain rule NotReplicated blocks (utilization 0.25 would otherwise qualify).
    const { owner: _none, ...orphan } = rsPod("c1", 1000, GIB);
    const lone: ObservedPod = bound(orphan, "pool-c");
    let s = INITIAL_CA_STATE;
    for (let t = 10; t <= 1500; t += 10) {
      const r = runOnce(
        s,
        obs([group("pool", 3)], nodes3, [pods3[0] as ObservedPod, pods3[1] as ObservedPod, lone]),
        CFG,
        t,
        rng0,
      );
      expect(r.decision.scaleDowns).toEqual([]);
      expect(r.decision.unremovable).toContainEqual({ node: "pool-c", reason: "BlockedByPod" });
      s = r.state;
    }
  });
});

describe("runOnce --max-nodes-total", () => {
  it("caps the +2 to +1 already in the estimator (cluster capacity threshold), without a warning", () => {
    // Limiter: maxNodesTotal - currentNodes = 3 - 2 = 1 new node granted, so the option is 1 node
    // (4 of the 8 pods); GetCappedNewNodeCount: 1 + 2 <= 3, nothing to cap, no MaxNodesTotalReached.
    const cfg = { ...CFG, maxNodesTotal: 3 };
    const r = runOnce(
      INITIAL_CA_STATE,
      obs([group("pool", 2)], nodes2, [...fullNodes(), ...burst()]),
      cfg,
      110,
      rng0,
    );
    expect(r.decision.scaleUps).toEqual([
      { group: "pool", delta: 1, reason: "pod triggered scale-up: [{pool 2->3 (max: 10)}]" },
    ]);
    expect(r.decision.events.map((e) => e.reason)).toEqual(Array(4).fill("TriggeredScaleUp"));
  });

  it("with ready nodes at the limit, pods get NotTriggerScaleUp: max total nodes in cluster reached", () => {
    const cfg = { ...CFG, maxNodesTotal: 2 };
    const r = runOnce(
      INITIAL_CA_STATE,
      obs([group("pool", 2)], nodes2, [...fullNodes(), ...burst(1)]),
      cfg,
      110,
      rng0,
    );
    expect(r.decision.scaleUps).toEqual([]);
    expect(r.decision.events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      "MaxNodesTotalReached: Max total nodes in cluster reached: 2",
      "NotTriggerScaleUp: pod didn't trigger scale-up: max total nodes in cluster reached",
    ]);
  });
});

describe("runOnce balancing", () => {
  it("spreads +4 over two similar groups when --balance-similar-node-groups", () => {
    // 16 x 1000m pods need 4 fresh nodes; zone-a and zone-b templates differ only in zone -> 2 each.
    const zone = (id: string, z: string) => {
      const g = group(id, 1, { max: 10 });
      return {
        ...g,
        template: { node: { ...g.template.node, labels: { "topology.kubernetes.io/zone": z } } },
      };
    };
    const cfg = { ...CFG, balanceSimilarNodeGroups: true };
    const nodes = [node("za-1", "zone-a"), node("zb-1", "zone-b")];
    const full = [bound(rsPod("fa", 4000, GIB), "za-1"), bound(rsPod("fb", 4000, GIB), "zb-1")];
    const r = runOnce(
      INITIAL_CA_STATE,
      obs([zone("zone-a", "a"), zone("zone-b", "b")], nodes, [...full, ...burst(16)]),
      cfg,
      110,
      rng0,
    );
    const msg = "pod triggered scale-up: [{zone-a 1->3 (max: 10)} {zone-b 1->3 (max: 10)}]";
    expect(r.decision.scaleUps).toEqual([
      { group: "zone-a", delta: 2, reason: msg },
      { group: "zone-b", delta: 2, reason: msg },
    ]);
  });
});
