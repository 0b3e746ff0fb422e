/**
 * The VPA inside the replay: four pods requesting 100m and using 300m each, the HPA pinned at 4 replicas.
 * The recommender's first loops have little history, so its lower bound starts low and rises as the
 * confidence grows (see test/vpa/replay/engine-loop.test.ts); the updater acts once the lower bound passes
 * the pods' 100m request.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";
import { vpaRun } from "./vpa-builders.js";

const cpuRequest = (row: { vpa?: { requests: Record<string, { cpu: number }> } } | undefined) =>
  row?.vpa?.requests.app?.cpu;

describe("VPA in Recreate mode", () => {
  const r = simulate(vpaRun("Recreate"));
  const evictions = r.events.filter((e) => e.reason === "EvictedByVPA");

  it("evicts every pod once, at most floor(4 x 0.5) = 2 per updater loop, on minute boundaries", () => {
    expect(evictions).toHaveLength(4);
    const perLoop = new Map<number, number>();
    for (const e of evictions) perLoop.set(e.t, (perLoop.get(e.t) ?? 0) + 1);
    for (const [t, n] of perLoop) {
      expect(t % 60).toBe(0);
      expect(n).toBeLessThanOrEqual(2);
    }
    expect(r.summary.vpa?.evictions).toBe(4);
  });

  it("recreated pods carry the recommendation: at the end every pod requests the target", () => {
    const last = r.timeline[r.timeline.length - 1];
    const target = last?.vpa?.target.app?.cpu ?? 0;
    expect(target).toBeGreaterThan(300); // 300m used + the 15 % margin, rounded to histogram buckets
    expect(cpuRequest(last)).toBe(target);
    // requests only move from the template's 100m toward the target as pods are replaced
    for (const row of r.timeline) {
      expect(cpuRequest(row)).toBeGreaterThanOrEqual(100);
      expect(cpuRequest(row)).toBeLessThanOrEqual(target);
    }
  });

  it("the HPA's utilization follows the pods' own requests: 300 % of 100m before, below 100 % after", () => {
    const cpu = (t: number) => r.timeline.find((x) => x.t === t)?.metrics.cpu?.actual;
    expect(cpu(0)).toBeCloseTo(300, 9);
    expect(cpu(840)).toBeLessThan(100);
  });
});

describe("VPA in InPlaceOrRecreate mode", () => {
  const r = simulate(vpaRun("InPlaceOrRecreate"));

  it("resizes the pods in place instead of evicting them; they stay Ready", () => {
    expect(r.summary.vpa?.evictions).toBe(0);
    expect(r.summary.vpa?.resizes).toBe(4);
    expect(r.events.filter((e) => e.reason === "InPlaceResizedByVPA")).toHaveLength(4);
    for (const row of r.timeline) expect(row.readyReplicas).toBe(4);
    const last = r.timeline[r.timeline.length - 1];
    expect(cpuRequest(last)).toBe(last?.vpa?.target.app?.cpu);
  });
});

describe("VPA in Off mode", () => {
  const r = simulate(vpaRun("Off"));
  it("recommends but never changes a pod", () => {
    expect(r.summary.vpa?.evictions).toBe(0);
    expect(r.summary.vpa?.resizes).toBe(0);
    expect(r.summary.vpa?.recommendation[0]?.target.cpu).toBeGreaterThan(300);
    for (const row of r.timeline) expect(cpuRequest(row)).toBe(100);
  });
});

describe("VPA with a cluster: bigger requests no longer fit", () => {
  // one node of 1000m, at its maximum: 4 x 100m fit; after the VPA raises the requests past 250m, the
  // recreated pods do not all fit and wait Pending with the scheduler's reason
  const r = simulate(
    vpaRun("Recreate", {
      cluster: clusterOf([
        generalGroup({
          capacity: { cpuMilli: 1000, memBytes: 8 * 1024 ** 3, pods: 110 },
          allocatable: { cpuMilli: 1000, memBytes: 8 * 1024 ** 3, pods: 110 },
          initialSize: 1,
          maxSize: 1,
        }),
      ]),
    }),
  );

  it("leaves recreated pods Pending with Insufficient cpu", () => {
    const last = r.timeline[r.timeline.length - 1];
    expect(last?.pendingPods).toBeGreaterThan(0);
    const failed = r.events.filter((e) => e.reason === "FailedScheduling");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });
});

describe("VPA in InPlaceOrRecreate mode on a full node", () => {
  // one node of 1000m at its maximum; four pods of 100m. The recommendation (~350m) fits two resized pods
  // beside the others (300 + 350 = 650, then 200 + 700 = 900); the third and fourth resizes would need
  // 1150m: the kubelet defers them, and after the updater's 5-minute timeout for a Deferred resize it
  // falls back to evicting those pods, whose replacements then wait Pending for room.
  const r = simulate(
    vpaRun("InPlaceOrRecreate", {
      durationSeconds: 1200,
      cluster: clusterOf([
        generalGroup({
          capacity: { cpuMilli: 1000, memBytes: 8 * 1024 ** 3, pods: 110 },
          allocatable: { cpuMilli: 1000, memBytes: 8 * 1024 ** 3, pods: 110 },
          initialSize: 1,
          maxSize: 1,
        }),
      ]),
    }),
  );

  it("applies the resizes that fit, defers the others, then evicts them after the timeout", () => {
    const resized = r.events.filter((e) => e.reason === "InPlaceResizedByVPA");
    const evicted = r.events.filter((e) => e.reason === "EvictedByVPA");
    expect(resized.length).toBe(4);
    expect(evicted.length).toBe(2);
    const firstResize = Math.min(...resized.map((e) => e.t));
    for (const e of evicted) expect(e.t).toBeGreaterThan(firstResize + 300);
    const last = r.timeline[r.timeline.length - 1];
    expect(last?.pendingPods).toBe(2);
    expect(last?.readyReplicas).toBe(2);
  });
});
