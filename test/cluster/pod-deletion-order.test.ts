/**
 * ReplicaSet scale-down order (controller_utils.go ActivePodsWithRanks.Less, LogarithmicScaleDown on):
 * unbound < bound, Pending < Running, not Ready < Ready, then Ready for less time first and newer pods first,
 * both compared in log2 buckets of age in nanoseconds, UID breaking ties inside a bucket.
 */
import { describe, expect, it } from "vitest";
import { getPodsToDelete } from "../../src/cluster/pod-deletion-order.js";
import type { SimPod } from "../../src/cluster/sim-pod.js";
import { makeSimPod } from "./builders.js";

function pod(name: string, o: Partial<SimPod>): SimPod {
  return makeSimPod(name, o);
}

const uid = (p: SimPod) => p.name;
const NOW = 100000;

describe("getPodsToDelete", () => {
  const unbound = pod("unbound", { createdAt: NOW - 5, boundAt: null, runningAt: null, readyAt: null });
  const starting = pod("starting", {
    createdAt: NOW - 20,
    boundAt: NOW - 20,
    runningAt: NOW + 5,
    readyAt: NOW + 15,
  });
  const notReady = pod("not-ready", {
    createdAt: NOW - 30,
    boundAt: NOW - 30,
    runningAt: NOW - 25,
    readyAt: NOW + 5,
  });
  const readyNew = pod("ready-new", {
    createdAt: NOW - 70,
    boundAt: NOW - 70,
    runningAt: NOW - 65,
    readyAt: NOW - 60,
  });
  const readyOld = pod("ready-old", {
    createdAt: NOW - 90000,
    boundAt: NOW - 90000,
    runningAt: NOW - 90000,
    readyAt: NOW - 90000,
  });
  const all = [readyOld, readyNew, notReady, starting, unbound];

  it("deletes in upstream order", () => {
    expect(getPodsToDelete(all, 5, NOW, uid).map((p) => p.name)).toEqual(all.map((p) => p.name));
    expect(getPodsToDelete(all, 4, NOW, uid).map((p) => p.name)).toEqual([
      "unbound",
      "starting",
      "not-ready",
      "ready-new",
    ]);
    expect(getPodsToDelete(all, 2, NOW, uid).map((p) => p.name)).toEqual(["unbound", "starting"]);
  });

  it("compares ready times in log2 buckets: 100 s and 120 s ready are the same bucket, UID decides", () => {
    // log2(100e9) = 36.54 and log2(120e9) = 36.80: both bucket 36 -> tie -> lower UID first ("a" < "b")
    const a = pod("a", { readyAt: NOW - 120 });
    const b = pod("b", { readyAt: NOW - 100 });
    expect(getPodsToDelete([b, a], 1, NOW, uid).map((p) => p.name)).toEqual(["a"]);
    // 60 s (bucket 35) vs 100 s (bucket 36): the more recently Ready pod goes first whatever its UID
    const c = pod("c", { readyAt: NOW - 60 });
    expect(getPodsToDelete([b, c], 1, NOW, uid).map((p) => p.name)).toEqual(["c"]);
  });
});

describe("getPodsToDelete: co-location (rule 5) and restarts (rule 7)", () => {
  // four Ready pods of the same age: a and b share node-1, c is alone on node-2, d alone on node-3
  const ready = (name: string, o: Partial<SimPod> = {}) =>
    pod(name, { createdAt: NOW - 600, boundAt: NOW - 600, runningAt: NOW - 590, readyAt: NOW - 580, ...o });
  const [a, b, c, d] = [ready("a"), ready("b"), ready("c"), ready("d")];
  const nodes = new Map([
    [a, "node-1"],
    [b, "node-1"],
    [c, "node-2"],
    [d, "node-3"],
  ]);
  const nodeOf = (p: SimPod) => nodes.get(p);

  it("deletes doubled-up pods first (rank = the workload's active pods on the pod's node)", () => {
    // ranks: a 2, b 2, c 1, d 1 -> a and b first (uid order between them), then c
    expect(getPodsToDelete([d, c, b, a], 2, NOW, uid, nodeOf).map((p) => p.name)).toEqual(["a", "b"]);
    expect(getPodsToDelete([d, c, b, a], 3, NOW, uid, nodeOf).map((p) => p.name)).toEqual(["a", "b", "c"]);
  });

  it("without node names every pod ranks the same (uid decides)", () => {
    expect(getPodsToDelete([d, c, b, a], 1, NOW, uid).map((p) => p.name)).toEqual(["a"]);
  });

  it("readiness still comes before co-location", () => {
    const notReadyAlone = ready("z", { readyAt: NOW + 10 });
    nodes.set(notReadyAlone, "node-9");
    expect(getPodsToDelete([a, b, notReadyAlone], 1, NOW, uid, nodeOf)[0]?.name).toBe("z");
  });

  it("among equals, the pod with more container restarts goes first", () => {
    const crashy = ready("y", { restarts: 3 });
    const calm = ready("x", { restarts: 1 });
    expect(getPodsToDelete([calm, crashy], 1, NOW, uid)[0]?.name).toBe("y");
  });
});
