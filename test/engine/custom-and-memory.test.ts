/**
 * Hand-derived replays of a Pods metric through the custom-metrics adapter, and of the "memory is sticky" trap.
 * Model as in step-response.test.ts (4 pods, bound at once, running after 5 s, Ready 10 s later; syncs every
 * 15 s from t = 15); the adapter samples every 30 s (t = 0, 30, ...), averages over the newest visible sample
 * and the newest one at least 60 s older, no lag.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";

describe("Pods metric http_requests_per_second (averageValue 50) through the adapter", () => {
  // 200 rps / 4 pods = 50 each: ratio 1. Demand 400 from t = 600.
  // sync 615: newest sample 600, window from 540: 50 -> no change.
  // sync 630: newest 630, from 570: (30 s * 50 + 30 s * 100) / 60 = 75 -> ratio 1.5 -> ceil(1.5 * 4) = 6
  //   (legacy limit max(2 * 4, 4) = 8) -> 6; two pods created, running 635, Ready 645.
  // sync 645: newest sample still 630; the new pods have no sample -> missing, counted as 0 on a scale-up:
  //   4 * 75 / 6 = 50 -> new ratio 1.0, inside the tolerance -> keep 6.
  // sync 660: newest 660, from 600: old pods served 100 rps until 645, then 400/6: (45 * 100 + 15 * 66.667)/60
  //   = 91.667 (published as 91667m); new pods have one sample (660) -> still missing:
  //   4 * 91667m / 6 = 61111m -> ratio 1.2222 -> ceil(1.2222 * 6) = ceil(7.33) = 8 (limit 12) -> 8.
  const r = simulate(
    makeRunInputs({
      demand: [
        [0, 200],
        [600, 400],
      ],
      durationSeconds: 700,
      metrics: [
        {
          type: "Pods",
          pods: {
            metric: { name: "http_requests_per_second" },
            target: { type: "AverageValue", averageValue: "50" },
          },
        },
      ],
      usage: { podMetrics: { http_requests_per_second: (load) => load } },
    }),
  );
  it("scales 4 -> 6 at 630 and 6 -> 8 at 660", () => {
    expect(r.events.map((e) => [e.t, e.message])).toEqual([
      [630, "New size: 6; reason: pods metric http_requests_per_second above target"],
      [660, "New size: 8; reason: pods metric http_requests_per_second above target"],
    ]);
  });
});

describe("memory is sticky: a memory HPA that never scales back down", () => {
  // memory target 80% of 256Mi; a Ready pod uses 100Mi + 1Mi * load. 4 pods at 20 rps each: 120Mi = 46%.
  // From t = 300, 120 rps each (480 total) -> 220Mi = 85.9% -> floor 85 -> ratio 1.0625 (inside 1.1): no
  // change; at 600 demand 720 -> 180 each -> 280Mi = 109% -> ceil(1.36 * 4) = 6 pods -> 120 each = 220Mi.
  // From 1200 demand back to 80: non-sticky memory drops to 100Mi + 13.3Mi and the HPA scales in after the
  // 300 s stabilization; with sticky memory every pod keeps its peak and the HPA stays at 6.
  const base = {
    demand: [
      [0, 80],
      [300, 480],
      [600, 720],
      [1200, 80],
    ] as const,
    durationSeconds: 2400,
    metrics: [
      {
        type: "Resource" as const,
        resource: { name: "memory", target: { type: "Utilization" as const, averageUtilization: 80 } },
      },
    ],
  };
  const mem = (load: number) => (100 + load) * 1024 * 1024;
  const sticky = simulate(makeRunInputs({ ...base, usage: { memory: mem, stickyMemory: true } }));
  const plain = simulate(makeRunInputs({ ...base, usage: { memory: mem, stickyMemory: false } }));
  it("both scale out when memory rises; sticky memory scales out further (old pods keep their peak)", () => {
    expect(plain.summary.peakReplicas).toBe(6);
    expect(sticky.summary.peakReplicas).toBeGreaterThan(6);
  });
  it("only the non-sticky workload scales back in", () => {
    expect(plain.summary.finalReplicas).toBeLessThan(plain.summary.peakReplicas);
    expect(sticky.summary.finalReplicas).toBe(sticky.summary.peakReplicas);
    expect(sticky.summary.scaleDowns).toBe(0);
  });
});
