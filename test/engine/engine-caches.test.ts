/**
 * The engine's caches hand the HPA shared, immutable objects: a PodInfo per pod until its visible state changes,
 * one usage list per distinct usage in metrics-server's items. Both must show exactly what a fresh build shows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { podTemplateInfo, toPodInfo } from "../../src/cluster/sim-pod.js";
import { Workload } from "../../src/cluster/workload.js";
import { PodInfoView } from "../../src/engine/hpa-sync.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { MetricsServer } from "../../src/metrics/metrics-server.js";
import { cpuCoresToMilli } from "../../src/metrics/quantize.js";
import { makeRunInputs } from "./builders.js";

interface Step {
  readonly dt: number;
  /** spec.replicas to reconcile to at this step; null = no change. */
  readonly replicas: number | null;
}

const arbSteps = fc.array(
  fc.record({
    dt: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(1, 5, 15, 30)),
    replicas: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 3 }),
  }),
  { minLength: 1, maxLength: 40 },
);

function workloadFor(inputs: RunInputs, initial: number): Workload {
  const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(7), new MinHeap());
  w.createInitialPods(initial, 0);
  return w;
}

describe("engine caches", () => {
  it("PodInfoView: every sync shows what a fresh toPodInfo shows, and reuses unchanged PodInfo", () => {
    let reused = 0;
    fc.assert(
      fc.property(
        arbSteps,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (steps: Step[], initial, startupSeconds, readinessSeconds) => {
          const inputs = makeRunInputs({
            demand: [[0, 1]],
            durationSeconds: 1,
            startupSeconds,
            readinessSeconds,
          });
          const w = workloadFor(inputs, initial);
          const view = new PodInfoView(inputs.target);
          const t0 = inputs.target;
          const template = podTemplateInfo(t0.podLabels, t0.containers, t0.podRequests);
          let t = 0;
          let previous = new Map<string, unknown>();
          for (const s of steps) {
            t += s.dt;
            w.applyTransitions(t);
            if (s.replicas !== null) {
              w.reconcileReplicas(s.replicas, t);
              w.applyTransitions(t);
            }
            const got = view.pods(w, t);
            expect(got).toEqual(w.pods.map((p) => toPodInfo(p, t, template)));
            for (const info of got) if (previous.get(info.name) === info) reused++;
            previous = new Map(got.map((p) => [p.name, p]));
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(reused).toBeGreaterThan(0);
  });

  it("MetricsServer: pods with equal usage share one usage list; values are the quantized rates", () => {
    const inputs = makeRunInputs({ demand: [[0, 1]], durationSeconds: 1 });
    const w = workloadFor(inputs, 3);
    const server = new MetricsServer(inputs.target.containers);
    w.setReadyLoad(10, 0); // 0.01 * 10 = 0.1 cores per Ready pod
    server.scrape(w, 0);
    w.integrate(15);
    for (const p of w.pods) w.settle(p, 15);
    server.scrape(w, 15);
    const [a, b, c] = server.items;
    expect(server.items).toHaveLength(3);
    expect(b?.containers).toBe(a?.containers);
    expect(c?.containers).toBe(a?.containers);
    expect(a?.containers[0]?.usage.cpu).toBe(cpuCoresToMilli(0.1)); // 100m
    expect(a?.containers[0]?.usage.cpu).toBe(100n);
    // a different rate gets its own list
    w.setReadyLoad(30, 15);
    w.integrate(15);
    for (const p of w.pods) w.settle(p, 30);
    server.scrape(w, 30);
    expect(server.items[0]?.containers).not.toBe(a?.containers);
    expect(server.items[0]?.containers[0]?.usage.cpu).toBe(300n);
  });
});
