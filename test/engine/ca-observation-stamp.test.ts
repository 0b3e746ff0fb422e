/**
 * The observation stamp (src/engine/ca-observation-stamp.ts): after `set(t)` it holds until any counter it
 * reads moves or the next node time is reached. The replays (cluster-skip.test.ts and every cluster replay under
 * test/verify-shortcuts.ts) check that the stamp never holds when the observation changed; this checks each of
 * its guards on its own.
 */
import { describe, expect, it } from "vitest";
import { ObservationStamp, type StampSources } from "../../src/engine/ca-observation-stamp.js";
import type { ClusterNodes } from "../../src/engine/cluster-nodes.js";
import type { WorkloadShape } from "../../src/engine/pod-shapes.js";

function sources() {
  const nodes = { nodeChanges: 3, bindCount: 7, generation: 11, nextNodeTime: 100 };
  const clusterNodes = {
    get nodeChanges() {
      return nodes.nodeChanges;
    },
    get bindCount() {
      return nodes.bindCount;
    },
    get generation() {
      return nodes.generation;
    },
    nodeTimeAfter: (from: number) => (from < nodes.nextNodeTime ? nodes.nextNodeTime : Infinity),
  } as unknown as ClusterNodes;
  const workloads = [{ revision: 5 }, { revision: 9 }];
  const shapes = workloads.map((workload) => ({ workload }) as unknown as WorkloadShape);
  const pending = { unschedulableVersion: 2 };
  const src: StampSources = { nodes: clusterNodes, shapes, pending };
  return { nodes, workloads, pending, stamp: new ObservationStamp(src) };
}

describe("ObservationStamp", () => {
  it("holds with the same counters before the next node time", () => {
    const { stamp } = sources();
    expect(stamp.holds(10)).toBe(false); // nothing set yet
    stamp.set(10);
    expect(stamp.holds(20)).toBe(true);
    expect(stamp.holds(99)).toBe(true);
    expect(stamp.holds(100)).toBe(false); // a node registers, turns Ready or goes at 100
    stamp.clear();
    expect(stamp.holds(20)).toBe(false);
  });

  it.each([
    ["a node added, removed or tainted", (s: ReturnType<typeof sources>) => s.nodes.nodeChanges++],
    ["a pod bound", (s: ReturnType<typeof sources>) => s.nodes.bindCount++],
    ["room freed or a node registered (generation)", (s: ReturnType<typeof sources>) => s.nodes.generation++],
    [
      "a pod marked or cleared unschedulable",
      (s: ReturnType<typeof sources>) => s.pending.unschedulableVersion++,
    ],
    [
      "the first workload's pods changed",
      (s: ReturnType<typeof sources>) => (s.workloads[0] as { revision: number }).revision++,
    ],
    [
      "the second workload's pods changed",
      (s: ReturnType<typeof sources>) => (s.workloads[1] as { revision: number }).revision++,
    ],
  ])("no longer holds once %s", (_, change) => {
    const s = sources();
    s.stamp.set(10);
    change(s);
    expect(s.stamp.holds(20)).toBe(false);
    s.stamp.set(20); // checked again at 20: holds from there
    expect(s.stamp.holds(30)).toBe(true);
  });
});
