/**
 * The summary's "load unserved while pods were Pending", integrated by hand: RunRecorder fed intervals
 * directly, so every figure below is arithmetic on the table of intervals.
 */
import { describe, expect, test } from "vitest";
import { type IntervalState, RunRecorder } from "../../src/results/run-recorder.js";

/** One interval of the replay: [t, t + dt) with this demand, unserved load, Pending pods and nodes. */
interface Step {
  readonly t: number;
  readonly dt: number;
  readonly demand: number;
  readonly unserved: number;
  readonly pending: number;
  readonly nodes: readonly number[];
}

function state(s: Step): IntervalState {
  return {
    demand: s.demand,
    served: s.demand - s.unserved,
    unserved: s.unserved,
    desiredReplicas: 3,
    replicas: 3,
    readyReplicas: 2,
    pendingPods: s.pending,
    startingPods: 0,
    terminatingPods: 0,
    observed: [],
    actual: [],
    limitedAtMax: false,
    nodeCounts: s.nodes,
  };
}

// biome-ignore format: a table
const STEPS: readonly Step[] = [
  { t: 0,   dt: 30, demand: 10, unserved: 0, pending: 0, nodes: [1, 0] }, // nothing unserved, nothing Pending
  { t: 30,  dt: 15, demand: 20, unserved: 8, pending: 2, nodes: [1, 0] }, // counted: 8 * 15 = 120
  { t: 45,  dt: 55, demand: 20, unserved: 4, pending: 1, nodes: [1, 1] }, // counted: 4 * 55 = 220
  { t: 100, dt: 60, demand: 20, unserved: 5, pending: 0, nodes: [1, 1] }, // unserved (300) but no pod Pending
  { t: 160, dt: 40, demand: 10, unserved: 0, pending: 3, nodes: [1, 1] }, // Pending but all served: 0
];

function replay(recordEvery: number, cluster = true): RunRecorder {
  const rec = new RunRecorder([], recordEvery);
  if (cluster) rec.enableCluster(["a", "b"], [0.5, 1]);
  for (const s of STEPS) rec.interval(s.t, s.dt, state(s));
  return rec;
}

describe("unserved load while pods were Pending", () => {
  test("the integral of unserved over the intervals with pendingPods > 0, and its share of demand", () => {
    const summary = replay(60).summary(200, 3);
    // demand: 10*30 + 20*15 + 20*55 + 20*60 + 10*40 = 300 + 300 + 1100 + 1200 + 400 = 3300
    expect(summary.totalDemand).toBe(3300);
    // unserved: 120 + 220 + 300 = 640
    expect(summary.totalUnserved).toBe(640);
    const c = summary.cluster;
    expect(c?.unservedWhilePending).toBe(340); // 120 + 220; the 300 at t = 100 had no pod Pending
    expect(c?.unservedWhilePendingShare).toBe(340 / 3300); // 0.10303...
    // Pending pod-seconds: 2*15 + 1*55 + 3*40 = 30 + 55 + 120 = 205
    expect(c?.pendingPodSeconds).toBe(205);
  });

  test("the same whatever the recording period (the timeline rows only sample it)", () => {
    for (const every of [1, 7, 60, 3600]) {
      const c = replay(every).summary(200, 3).cluster;
      expect(c?.unservedWhilePending).toBe(340);
      expect(c?.unservedWhilePendingShare).toBe(340 / 3300);
    }
    // every 60 s: rows at 0, 60, 120, 180 (none at 30 or 45, where the Pending intervals start)
    expect(replay(60).rows.map((r) => [r.t, r.pendingPods, r.unserved])).toEqual([
      [0, 0, 0],
      [60, 1, 4],
      [120, 0, 5],
      [180, 3, 0],
    ]);
  });

  test("no demand: share 0; no cluster model: no cluster summary", () => {
    const rec = new RunRecorder([], 60);
    rec.enableCluster(["a"], [1]);
    rec.interval(0, 100, state({ t: 0, dt: 100, demand: 0, unserved: 0, pending: 4, nodes: [1] }));
    expect(rec.summary(100, 3).cluster).toMatchObject({
      unservedWhilePending: 0,
      unservedWhilePendingShare: 0,
    });
    expect(replay(60, false).summary(200, 3).cluster).toBeUndefined();
  });
});
