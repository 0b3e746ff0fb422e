/**
 * metrics-server's steady scrapes, worked out by hand: a pod Ready all through a window at rates set before the
 * window began publishes exactly the Ready-pod rate; the next scrape with the same pods and rates repeats it
 * (same values version, new timestamp) without visiting the pods, and with rates changed between the two scrapes
 * it publishes the new Ready-pod rate without visiting them either; a rate change inside a window gives the
 * time-weighted mean from the cumulative counters (which the steady scrapes that skipped the pods keep right).
 */
import { describe, expect, it } from "vitest";
import { Workload } from "../../src/cluster/workload.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import { MetricsServer } from "../../src/metrics/metrics-server.js";
import { makeRunInputs } from "../engine/builders.js";

/**
 * Two pods Ready long before t = 0, CPU 0.01 cores per unit of load (makeRunInputs' usage); new pods run and are
 * Ready as soon as they are created.
 */
function setup() {
  const inputs = makeRunInputs({
    demand: [[0, 1]],
    durationSeconds: 1,
    startupSeconds: 0,
    readinessSeconds: 0,
  });
  const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(3), new MinHeap());
  w.createInitialPods(2, 0);
  const server = new MetricsServer(inputs.target.containers);
  const seen = () =>
    server.items.map((i) => ({
      t: i.timestamp,
      window: i.windowSeconds,
      cpu: i.containers[0]?.usage.cpu,
    }));
  return { w, server, seen };
}

describe("MetricsServer: steady scrapes", () => {
  it("publishes the Ready-pod rate, repeats it while pods and rates stay, and averages a rate changed mid-window", () => {
    const { w, server, seen } = setup();
    w.setReadyLoad(10, 0); // 0.1 cores from t = 0
    server.scrape(w, 0); // first samples: nothing published
    expect(server.items).toEqual([]);

    // 15: window [0, 15] at 0.1 cores all through (two engine moments in it: 7 + 8 s)
    w.integrate(7);
    w.integrate(8);
    server.scrape(w, 15);
    expect(seen()).toEqual([
      { t: 15, window: 15, cpu: 100n },
      { t: 15, window: 15, cpu: 100n },
    ]);
    const v15 = server.valuesVersion;

    // 30: same pods, same rates since the steady scrape at 15: the same values, stamped 30, not rebuilt
    w.integrate(15);
    server.scrape(w, 30);
    expect(server.steadyRepeats).toBe(1);
    expect(server.valuesVersion).toBe(v15);
    expect(seen()).toEqual([
      { t: 30, window: 15, cpu: 100n },
      { t: 30, window: 15, cpu: 100n },
    ]);

    // load 30 from t = 30 (after the scrape): window [30, 45] at 0.3 all through -> 300m, new values, published
    // from the steady items without visiting the pods
    w.setReadyLoad(30, 30);
    w.integrate(15);
    server.scrape(w, 45);
    expect(server.steadyRepeats).toBe(1);
    expect(server.steadyShifts).toBe(1);
    expect(server.valuesVersion).toBe(v15 + 1);
    expect(seen()).toEqual([
      { t: 45, window: 15, cpu: 300n },
      { t: 45, window: 15, cpu: 300n },
    ]);

    // load 10 from t = 52: window [45, 60] is 7 s at 0.3 and 8 s at 0.1 -> (2.1 + 0.8) / 15 = 0.19333 cores,
    // 193,333,333 nanocores, rounded up to 194m
    w.integrate(7);
    w.setReadyLoad(10, 52);
    w.integrate(8);
    server.scrape(w, 60);
    expect(server.steadyShifts).toBe(1); // a rate set inside the window: the pods' counters decide
    expect(seen().map((s) => s.cpu)).toEqual([194n, 194n]);

    // 75: window [60, 75] at 0.1 all through (set at 52, before it): 100m, a steady scrape but new values
    w.integrate(15);
    server.scrape(w, 75);
    expect(server.steadyRepeats).toBe(1);
    expect(server.steadyShifts).toBe(1); // the scrape at 60 was not steady: the pods are visited
    expect(seen().map((s) => s.cpu)).toEqual([100n, 100n]);

    // 90: repeats 75
    const v75 = server.valuesVersion;
    w.integrate(15);
    server.scrape(w, 90);
    expect(server.steadyRepeats).toBe(2);
    expect(server.valuesVersion).toBe(v75);
    expect(seen().map((s) => s.t)).toEqual([90, 90]);
  });

  it("a changed pod set ends the repeats: a new pod is first sampled, then published", () => {
    const { w, server, seen } = setup();
    w.setReadyLoad(10, 0);
    server.scrape(w, 0);
    for (const t of [15, 30]) {
      w.integrate(15);
      server.scrape(w, t);
    }
    expect(server.steadyRepeats).toBe(1);
    // a third pod, created and Ready at once
    w.reconcileReplicas(3, 30);
    w.applyTransitions(30);
    w.integrate(15);
    server.scrape(w, 45);
    expect(server.steadyRepeats).toBe(1);
    expect(seen()).toHaveLength(2); // the new pod's first sample publishes nothing
    w.integrate(15);
    server.scrape(w, 60);
    expect(seen()).toHaveLength(3);
    expect(seen().map((s) => s.cpu)).toEqual([100n, 100n, 100n]);
  });
});
