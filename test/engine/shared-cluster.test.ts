/**
 * Two workloads on one node pool, hand-derived: the pool is full and at its maximum, so the workload that
 * scales first takes the free room and the other one's new pods stay Pending.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import { asOtherWorkload, makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";

/**
 * Nodes: 2 x 2000m, maxSize 2 (no scale-up possible); pods request 500m, so 8 fit.
 * `batch` (the main workload): 2 pods, maxReplicas 4, demand 50 -> 1000 req/s at t = 16.
 * `web` (the other): 4 pods, maxReplicas 8, demand 100 -> 1000 req/s at t = 1.
 * 6 pods at the start: 2 slots free.
 */
function inputs() {
  const batch = makeRunInputs({
    replicas: 2,
    maxReplicas: 4,
    demand: [
      [0, 50],
      [16, 1000],
    ],
    durationSeconds: 120,
    recordEverySeconds: 1,
    cluster: clusterOf([generalGroup({ initialSize: 2, maxSize: 2 })]),
  });
  const webRun = makeRunInputs({
    replicas: 4,
    maxReplicas: 8,
    demand: [
      [0, 100],
      [1, 1000],
    ],
    durationSeconds: 120,
  });
  const rename = (s: string) => s.replace(/^web$/, "batch");
  const main = {
    ...batch,
    hpa: {
      ...batch.hpa,
      metadata: { name: "batch", namespace: "default" },
      spec: { ...batch.hpa.spec, scaleTargetRef: { ...batch.hpa.spec.scaleTargetRef, name: "batch" } },
    },
    target: {
      ...batch.target,
      name: rename(batch.target.name),
      podLabels: { app: "batch" },
      selector: "app=batch",
    },
  };
  const web = asOtherWorkload(webRun);
  return { ...main, otherWorkloads: [web] };
}

describe("two workloads sharing a full node pool", () => {
  const r = simulate(inputs());
  const [batch, web] = r.workloads ?? [];
  const at = (rows: NonNullable<typeof batch>["timeline"], t: number) => rows.find((x) => x.t === t);

  it("reports both workloads, the main one first", () => {
    expect(r.workloads?.map((w) => w.workload)).toEqual(["Deployment/batch", "Deployment/web"]);
    expect(r.summary.peakReplicas).toBe(batch?.summary.peakReplicas);
    expect(r.timeline).toBe(batch?.timeline);
    // the run's Pending pod-seconds are both workloads'
    expect(r.summary.cluster?.pendingPodSeconds).toBe(
      (batch?.summary.cluster?.pendingPodSeconds ?? 0) + (web?.summary.cluster?.pendingPodSeconds ?? 0),
    );
  });

  it("web scales 4 -> 8 at 15 and takes the two free slots; two of its pods wait", () => {
    // web's scrape at 15 averages [0, 15): (100 * 1 + 1000 * 14) / 15 / 4 pods * 0.01 = 2.35 cores per pod,
    // 470 % of 500m against 50 %: desired ceil(4 * 9.4) = 38, default scale-up policy max(+100 %, +4) = 8,
    // maxReplicas 8. The 4 new pods are created at 15; 2 fit (6 x 500m on 4000m), 2 stay Pending.
    const rows = web?.timeline ?? [];
    expect(at(rows, 14)?.replicas).toBe(4);
    expect(at(rows, 15)?.replicas).toBe(8);
    expect(at(rows, 15)?.pendingPods).toBe(2);
    // bound at 15: running at 15 + 5 (startup), Ready at 20 + 10 (readiness)
    expect(at(rows, 29)?.readyReplicas).toBe(4);
    expect(at(rows, 30)?.readyReplicas).toBe(6);
    expect(at(rows, 119)?.readyReplicas).toBe(6);
    expect(at(rows, 119)?.pendingPods).toBe(2);
  });

  it("batch scales 2 -> 4 at 30 and finds no room: its new pods stay Pending to the end", () => {
    // sync at 15: 50 req/s / 2 pods * 0.01 = 0.25 core = 50 % of 500m: ratio 1, no change.
    // sync at 30: the scrape averages [15, 30): (50 * 1 + 1000 * 14) / 15 / 2 * 0.01 = 4.68 cores = 937 %:
    // desired 38, policy max(+100 %, +4) = 6, maxReplicas 4. Both nodes are full since 15: Pending.
    const rows = batch?.timeline ?? [];
    expect(at(rows, 29)?.replicas).toBe(2);
    expect(at(rows, 30)?.replicas).toBe(4);
    expect(at(rows, 30)?.pendingPods).toBe(2);
    expect(at(rows, 119)?.readyReplicas).toBe(2);
    expect(at(rows, 119)?.pendingPods).toBe(2);
    // 2 Ready pods serve at most what 2 pods can: with no per-pod cap they take it all; unserved stays 0
    expect(batch?.summary.unservedShare).toBe(0);
  });

  it("each pending pod has the scheduler's reason in the run's event log, when it first failed", () => {
    const failed = r.events.filter((e) => e.reason === "FailedScheduling");
    expect(failed.map((e) => [e.t, e.object.replace(/-[0-9a-f]{5}$/, "")])).toEqual([
      [15, "Pod/web"],
      [15, "Pod/web"],
      [30, "Pod/batch"],
      [30, "Pod/batch"],
    ]);
    for (const e of failed)
      expect(e.message).toBe(
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
      );
  });

  it("within one second, the main workload's new pods are queued before the other's (creation order)", () => {
    // both demands jump before the first sync: both HPAs scale at 15; batch (main) syncs first, so its
    // two pods take the two free slots and all four of web's wait
    const i = inputs();
    const both = simulate({
      ...i,
      demand: { ...i.demand, t: Float64Array.from([0, 1]), v: Float64Array.from([50, 1000]) },
    });
    const [b, w] = both.workloads ?? [];
    expect(at(b?.timeline ?? [], 15)?.pendingPods).toBe(0);
    expect(at(w?.timeline ?? [], 15)?.pendingPods).toBe(4);
  });
});

describe("per-workload events", () => {
  it("each workload's entry holds its own HPA's events; the run's log holds everything", () => {
    const r = simulate(inputs());
    const [batch, web] = r.workloads ?? [];
    for (const e of batch?.events ?? []) expect(e.object).toBe("HorizontalPodAutoscaler/batch");
    for (const e of web?.events ?? []) expect(e.object).toBe("HorizontalPodAutoscaler/web");
    // the FailedScheduling events of both workloads' pods are in the run's log only
    expect(r.events.filter((e) => e.reason === "FailedScheduling")).toHaveLength(4);
    expect(r.events.length).toBe(
      (batch?.events.length ?? 0) + (web?.events.length ?? 0) + 4 + caEvents(r.events),
    );
  });
});

function caEvents(events: readonly { object: string; reason: string }[]): number {
  return events.filter(
    (e) => !e.object.startsWith("HorizontalPodAutoscaler/") && e.reason !== "FailedScheduling",
  ).length;
}
