/**
 * Hand-derived replays of a StatefulSet `web` scaled by its HPA: the StatefulSet controller's pod management
 * policy decides when the pods the HPA asks for exist (stateful_set_control.go updateStatefulSet).
 *
 * Common model (test/engine/builders.ts): one container requesting 500m CPU, cpu = 10m * load per Ready pod;
 * 4 replicas web-0..web-3 at start; HPA cpu 50%, 1..20; scrapes and syncs every 15 s at t = 0, 15, ...;
 * new pods bound at once, running 5 s later, Ready 10 s after that (Ready 15 s after creation); grace period
 * 30 s. Demand 100 rps, 200 rps from t = 600, 100 rps from t = 1200.
 *
 * The HPA's decisions are those of a Deployment: at 615 the scrape shows [600, 615) at 200/4 = 50 rps per pod
 * -> 500m = 100%, ratio 2 -> ceil(2 * 4) = 8 (legacy limit max(2 * 4, 4) = 8). At 1200 the load halves; the
 * 8 recorded at the 1200 sync leaves the 300 s downscale window at the first sync after 1500: 1515 -> 4.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import type { RunResult, TimelineRow } from "../../src/results/types.js";
import { makeRunInputs } from "./builders.js";

function run(podManagementPolicy: "OrderedReady" | "Parallel", everySecond = false): RunResult {
  const inputs = makeRunInputs({
    demand: [
      [0, 100],
      [600, 200],
      [1200, 100],
    ],
    durationSeconds: 1800,
    target: { kind: "StatefulSet", podManagementPolicy },
  });
  return simulate(inputs, { everySecond });
}

const at = (r: RunResult, t: number): TimelineRow | undefined => r.timeline.find((row) => row.t === t);

function rescales(r: RunResult): [number, string][] {
  return r.events.filter((e) => e.reason === "SuccessfulRescale").map((e) => [e.t, e.message]);
}

describe("StatefulSet OrderedReady: one pod at a time", () => {
  const r = run("OrderedReady");

  it("takes the same HPA decisions: 4 -> 8 at 615, 8 -> 4 at 1515", () => {
    expect(rescales(r)).toEqual([
      [615, "New size: 8; reason: cpu resource utilization (percentage of request) above target"],
      [1515, "New size: 4; reason: All metrics below target"],
    ]);
  });

  it("creates web-4..web-7 one after the other, each when the previous is Ready", () => {
    // web-4 created 615 -> Ready 630; web-5 created 630 -> Ready 645; web-6 645 -> 660; web-7 660 -> 675
    const ready = [600, 615, 630, 645, 660, 675, 690].map((t) => [
      t,
      at(r, t)?.readyReplicas,
      at(r, t)?.startingPods,
    ]);
    expect(ready).toEqual([
      [600, 4, 0],
      [615, 4, 1],
      [630, 5, 1],
      [645, 6, 1],
      [660, 7, 1],
      [675, 8, 0],
      [690, 8, 0],
    ]);
  });

  it("shows the HPA the slower relief (observed utilization, pre-rebalance)", () => {
    // scrape 630: [615, 630) on 4 pods -> 100%; 645: [630, 645) 200/5 = 40 rps -> 400m = 80%;
    // 660: 200/6 = 33.33 rps -> 333.33m, published as 334m -> floor(334 * 100 / 500) = 66%;
    // 675: 200/7 = 28.57 rps -> 286m -> 57%; 690: 200/8 = 25 rps -> 250m -> 50%
    const cpu = [630, 645, 660, 675, 690].map((t) => at(r, t)?.metrics.cpu?.observed);
    expect(cpu).toEqual([100, 80, 66, 57, 50]);
    // with a Deployment the 4 pods are all Ready at 630: 50% from 645 on
    const parallel = run("Parallel");
    expect([630, 645].map((t) => at(parallel, t)?.metrics.cpu?.observed)).toEqual([100, 50]);
  });

  it("deletes web-7..web-4 one at a time, each after the previous has terminated (30 s)", () => {
    // web-7 deleted 1515 (gone 1545), web-6 1545 (gone 1575), web-5 1575 (gone 1605), web-4 1605 (gone 1635);
    // a terminating pod leaves the Service at once
    const rows = [1500, 1515, 1545, 1575, 1605, 1635].map((t) => [
      t,
      at(r, t)?.replicas,
      at(r, t)?.readyReplicas,
      at(r, t)?.terminatingPods,
    ]);
    expect(rows).toEqual([
      [1500, 8, 8, 0],
      [1515, 4, 7, 1],
      [1545, 4, 6, 1],
      [1575, 4, 5, 1],
      [1605, 4, 4, 1],
      [1635, 4, 4, 0],
    ]);
  });

  it("is the same visiting every second", () => {
    const each = run("OrderedReady", true);
    expect(each.timeline).toEqual(r.timeline);
    expect(each.events).toEqual(r.events);
  });
});

describe("StatefulSet Parallel: all at once, highest ordinals removed", () => {
  const r = run("Parallel");

  it("creates web-4..web-7 together (Ready at 630) and deletes them together at 1515", () => {
    expect([615, 630].map((t) => [at(r, t)?.readyReplicas, at(r, t)?.startingPods])).toEqual([
      [4, 4],
      [8, 0],
    ]);
    expect([1515, 1530, 1545].map((t) => [at(r, t)?.readyReplicas, at(r, t)?.terminatingPods])).toEqual([
      [4, 4],
      [4, 4],
      [4, 0],
    ]);
  });
});

describe("StatefulSet OrderedReady with minReadySeconds 10", () => {
  it("creates each pod once the previous has been Ready for 10 s", () => {
    // web-4 created 615, Ready 630, Available 640 -> web-5 created 640, Ready 655, Available 665 -> web-6
    // created 665, Ready 680 -> web-7 created 690, Ready 705
    const r = simulate(
      makeRunInputs({
        demand: [
          [0, 100],
          [600, 200],
        ],
        durationSeconds: 900,
        recordEverySeconds: 1,
        target: { kind: "StatefulSet", podManagementPolicy: "OrderedReady", minReadySeconds: 10 },
      }),
    );
    const created = r.timeline
      .filter((row, i) => i > 0 && row.startingPods > (r.timeline[i - 1] as TimelineRow).startingPods)
      .map((row) => row.t);
    expect(created).toEqual([615, 640, 665, 690]);
    expect([629, 630, 654, 655, 704, 705].map((t) => at(r, t)?.readyReplicas)).toEqual([4, 5, 5, 6, 7, 8]);
  });
});

describe("StatefulSet OrderedReady with zero delays", () => {
  it("creates and removes every pod within the second: each event lets the controller go on at once", () => {
    // bound, running and Ready at creation: web-4 is Ready at 615, so web-5 is created at 615, and so on;
    // with a 0 s grace period a deleted pod is gone at once, so the next one is deleted in the same second
    const r = simulate(
      makeRunInputs({
        demand: [
          [0, 100],
          [600, 200],
          [1200, 100],
        ],
        durationSeconds: 1800,
        startupSeconds: 0,
        readinessSeconds: 0,
        target: {
          kind: "StatefulSet",
          podManagementPolicy: "OrderedReady",
          terminationGracePeriodSeconds: 0,
        },
      }),
    );
    expect([600, 615, 1500, 1515].map((t) => at(r, t)?.readyReplicas)).toEqual([4, 8, 8, 4]);
    expect(at(r, 1515)?.terminatingPods).toBe(0);
  });
});

describe("StatefulSet pods keep their names", () => {
  it("a quick scale-down and up waits for the terminating pods to go before recreating their ordinals", () => {
    // 8 pods at 100 rps -> 12.5 rps per pod = 25%; scaleDown policy Pods 4 per 15 s without stabilization:
    // sync 15 -> 4 (web-4..web-7 terminating until 45). Demand 400 rps from 15: scrape 30 shows [15, 30) with
    // 4 Ready pods -> 400/4 = 100 rps -> 200%, ratio 4 -> 16 at sync 30 (scaleUp Pods 20/15 s: no limit).
    // Parallel creates web-8..web-15 at 30 at once, but web-4..web-7 only once the old ones are gone at 45.
    const inputs = makeRunInputs({
      replicas: 8,
      demand: [
        [0, 100],
        [15, 400],
      ],
      durationSeconds: 120,
      recordEverySeconds: 1,
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: "Pods", value: 4, periodSeconds: 15 }],
        },
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: "Pods", value: 20, periodSeconds: 15 }],
        },
      },
      target: { kind: "StatefulSet", podManagementPolicy: "Parallel" },
    });
    const names: string[][] = [];
    const r = simulate(inputs, {
      onSync: (input) => names.push(input.pods.map((p) => `${p.name}${p.deleted ? "(deleted)" : ""}`)),
    });
    expect(rescales(r).map(([t, m]) => [t, m.slice(0, 12)])).toEqual([
      [15, "New size: 4;"],
      [30, "New size: 16"],
    ]);
    // the sync at 45 lists each name once: web-4..web-7 were gone at 45 and created again right after it
    // (phase 7 follows the sync), so the HPA sees them from the sync at 60
    const at45 = names[2] as string[];
    expect(new Set(at45).size).toBe(at45.length);
    expect(at45.some((n) => /^web-[4-7]\b/.test(n))).toBe(false);
    const at60 = names[3] as string[];
    expect([...at60].sort()).toEqual(Array.from({ length: 16 }, (_, i) => `web-${i}`).sort());
    // at 40 the 4 old pods still terminate and 8 new ones start; at 46 the recreated four start too
    expect([at(r, 40)?.terminatingPods, at(r, 40)?.startingPods]).toEqual([4, 8]);
    expect([at(r, 46)?.terminatingPods, at(r, 46)?.startingPods]).toEqual([0, 4]);
  });
});
