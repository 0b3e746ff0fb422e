/**
 * Hand-derived replays: every replica change and its time worked out below and asserted exactly.
 *
 * Common model (test/engine/builders.ts): Deployment `web`, one container requesting 500m CPU, usage
 * cpu = 10m * load per Ready pod; 4 replicas at start (Ready for a day); HPA cpu 50%, 1..20 replicas;
 * metrics-server scrapes at t = 0, 15, 30, ... (CPU = average over the 15 s since the previous scrape);
 * HPA syncs at t = 15, 30, ... right after the scrape of the same second; new pods: bound at once, running
 * 5 s later, Ready 10 s after that (so Ready 15 s after creation); production controller defaults
 * (tolerance 0.1, CPU initialization 300 s, readiness delay 30 s, downscale stabilization 300 s).
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import type { RunResult } from "../../src/results/types.js";
import { makeRunInputs } from "./builders.js";

function rescales(r: RunResult): [number, string][] {
  return r.events.filter((e) => e.reason === "SuccessfulRescale").map((e) => [e.t, e.message]);
}

function replicasAt(r: RunResult, t: number): number | undefined {
  return r.timeline.find((row) => row.t === t)?.replicas;
}

describe("step 100 -> 400 requests/s at t=600, back to 100 at t=1200 (no behavior: legacy path)", () => {
  // t < 600: 100 rps / 4 pods = 25 rps -> 250m = 50% of 500m: ratio 1.0, no change.
  // scrape 600 still averages [585, 600) = 50%: sync 600 keeps 4.
  // scrape 615 averages [600, 615): 400/4 = 100 rps -> 1000m = 200%; ratio 200/50 = 4
  //   -> ceil(4 * 4 ready) = 16; legacy scale-up limit int(max(2 * 4, 4)) = 8 < max 20
  //   -> 8 (ScaleUpLimit). 4 new pods: bound 615, running 620, Ready 630.
  // scrape 630: the old 4 pods at 200% (the new pods were still starting during [615, 630)); the new pods
  //   have only one sample (620 is not a scrape; their first sample is at 630) -> no metric: "missing".
  //   ratio 200/50 = 4 > 1 with 4 missing pods -> missing count as 0: floor(4000m*100 / 4000m) = 100%
  //   -> new ratio 2 -> ceil(2 * 8) = 16; limit int(max(2 * 8, 4)) = 16 -> 16.
  // from 645: 400/16 = 25 rps -> 50%: stable.
  // t = 1200: 100 rps / 16 = 6.25 rps -> 62.5m, published as ceil(62.5) = 63m
  //   -> floor(63*16*100 / 8000) = 12% -> ratio 0.24 -> ceil(0.24 * 16) = ceil(3.84) = 4 (from sync 1215).
  //   Downscale stabilization keeps max(recommendations at or after now - 300): the last 16 was recorded
  //   at 1200, inside the window until now - 300 > 1200, i.e. the first sync after 1500: 1515 -> 4.
  const r = simulate(
    makeRunInputs({
      demand: [
        [0, 100],
        [600, 400],
        [1200, 100],
      ],
      durationSeconds: 1800,
    }),
  );

  it("scales 4 -> 8 at 615, 8 -> 16 at 630, 16 -> 4 at 1515", () => {
    expect(rescales(r)).toEqual([
      [615, "New size: 8; reason: cpu resource utilization (percentage of request) above target"],
      [630, "New size: 16; reason: cpu resource utilization (percentage of request) above target"],
      [1515, "New size: 4; reason: All metrics below target"],
    ]);
  });

  it("shows Ready replicas lagging spec.replicas by the 15 s start-up", () => {
    const row = (t: number) => r.timeline.find((x) => x.t === t);
    expect(row(615)).toMatchObject({ replicas: 8, readyReplicas: 4, startingPods: 4 });
    expect(row(630)).toMatchObject({ replicas: 16, readyReplicas: 8, startingPods: 8 });
    expect(row(645)).toMatchObject({ replicas: 16, readyReplicas: 16, startingPods: 0 });
  });

  it("reports what the HPA saw (pre-rebalance 200% at 630) and the truth", () => {
    const cpu = (t: number) => r.timeline.find((x) => x.t === t)?.metrics.cpu;
    expect(cpu(630)).toEqual({ observed: 200, actual: 100, target: 50 });
    expect(cpu(1500)).toEqual({ observed: 12, actual: 12.5, target: 50 });
  });

  it("holds 16 through the stabilization window (1215..1500) and is 4 from 1515", () => {
    expect(replicasAt(r, 1500)).toBe(16);
    expect(replicasAt(r, 1515)).toBe(4);
    expect(r.conditions.filter((c) => c.reason === "ScaleDownStabilized").map((c) => c.t)).toEqual([1215]);
  });

  it("summarises the run", () => {
    // replica-seconds: 4*615 + 8*15 + 16*(1515-630) + 4*(1800-1515) = 2460 + 120 + 14160 + 1140 = 17880
    expect(r.summary.replicaHours).toBeCloseTo(17880 / 3600, 12);
    expect(r.summary).toMatchObject({
      peakReplicas: 16,
      finalReplicas: 4,
      scaleUps: 2,
      scaleDowns: 1,
      flaps: 0,
      syncs: 119,
    });
    // true cpu above 50%: [600, 645) at 200% then 100% = 45 s
    expect(r.summary.metrics[0]?.secondsAboveTarget).toBe(45);
  });
});

describe("scale-down with behavior.scaleDown: window 300 s, Percent 10 per 60 s (the seed's policy)", () => {
  // 20 pods at 500 rps = 25 rps each = 50%. At t=600 demand drops to 100 rps: 5 rps -> 50m = 10%
  //   -> ratio 0.2 -> ceil(0.2 * 20) = 4 from sync 615 on.
  // Stabilization (strictly inside the window): the 20s recorded up to 600 keep it at 20 until
  //   now - 300 >= 600, i.e. sync 900: downRec = 4; scaleUp window 0 -> clamp(20, 4, 4) = 4.
  // Rate limit Percent 10 / 60 s: period start = current - added + removed (events strictly inside the
  //   last 60 s); limit = trunc(start * 0.9):
  //   900: 20 -> 18; 915..945: start 18 + 2 = 20 -> 18 (no change); 960 (event at 900 is at the cutoff,
  //   outside): 18 -> trunc(16.2) = 16; then every 60 s: 14, trunc(12.6) = 12, trunc(10.8) = 10, 9,
  //   trunc(8.1) = 8, 7, 6, 5, trunc(4.5) = 4.
  // The desired count stays 4 throughout (e.g. 5 pods: 20 rps -> 200m = 40% -> ceil(0.8 * 5) = 4).
  const r = simulate(
    makeRunInputs({
      replicas: 20,
      demand: [
        [0, 500],
        [600, 100],
      ],
      durationSeconds: 1800,
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 300,
          policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
        },
      },
    }),
  );

  it("steps down by at most 10% of the period-start count every 60 s", () => {
    expect(rescales(r).map(([t, m]) => [t, Number(/New size: (\d+)/.exec(m)?.[1])])).toEqual([
      [900, 18],
      [960, 16],
      [1020, 14],
      [1080, 12],
      [1140, 10],
      [1200, 9],
      [1260, 8],
      [1320, 7],
      [1380, 6],
      [1440, 5],
      [1500, 4],
    ]);
  });

  it("says why it is held: ScaleDownStabilized before 900, ScaleDownLimit after", () => {
    const reasons = r.conditions
      .filter((c) => c.type === "AbleToScale" || c.type === "ScalingLimited")
      .map((c) => [c.t, c.type, c.reason]);
    expect(reasons).toContainEqual([615, "AbleToScale", "ScaleDownStabilized"]);
    expect(reasons).toContainEqual([900, "ScalingLimited", "ScaleDownLimit"]);
  });
});

describe("capacity: maxLoadPerPod 60 makes the ramp visible as unserved load", () => {
  // 600..630: 400 rps over 4 Ready pods, each serving at most 60 -> served 240, unserved 160.
  // 630..645: 8 Ready pods -> 480 >= 400: all served. Load is conserved at every row.
  const r = simulate(
    makeRunInputs({
      demand: [
        [0, 100],
        [600, 400],
      ],
      durationSeconds: 900,
      recordEverySeconds: 1,
      usage: { maxLoadPerPod: 60 },
    }),
  );
  it("has 160 rps unserved for exactly 30 s", () => {
    expect(r.timeline.filter((x) => x.unserved > 0).map((x) => x.t)).toEqual(
      Array.from({ length: 30 }, (_, i) => 600 + i),
    );
    expect(r.timeline.find((x) => x.t === 610)).toMatchObject({ demand: 400, served: 240, unserved: 160 });
    expect(r.summary.peakUnserved).toBe(160);
    // 160 * 30 s unserved of total demand 100 * 600 + 400 * 300 = 180000
    expect(r.summary.unservedShare).toBeCloseTo(4800 / 180000, 12);
  });
});
