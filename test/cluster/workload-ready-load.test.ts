/**
 * Workload.setReadyLoad evaluates the usage functions only when the per-pod load changes; everything else it does
 * (the Ready-pod memory high-water mark for sticky memory) happens on every call.
 */
import { describe, expect, it } from "vitest";
import type { SimPod } from "../../src/cluster/sim-pod.js";
import { Workload } from "../../src/cluster/workload.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import { makeRunInputs } from "../engine/builders.js";

function workload(sticky: boolean) {
  const calls: number[] = [];
  const inputs = makeRunInputs({
    demand: [[0, 1]],
    durationSeconds: 1,
    usage: {
      cpu: (load) => {
        calls.push(load);
        return 0.01 * load;
      },
      memory: (load) => 1000 + load,
      podMetrics: { qps: (load) => 2 * load },
      stickyMemory: sticky,
    },
  });
  const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(1), new MinHeap());
  w.createInitialPods(1, 0);
  return { w, calls };
}

describe("Workload.setReadyLoad", () => {
  it("gives the rates of the load it is set to, evaluating the usage functions once per change", () => {
    const { w, calls } = workload(false);
    calls.length = 0; // the constructor's idle rates (load 0)
    for (const [t, load] of [10, 10, 20, 10, 10, 0, 0, 10].entries()) {
      w.setReadyLoad(load, t);
      expect([...w.readyRates]).toEqual([0.01 * load, 2 * load]);
      expect(w.readyMemory).toBe(1000 + load);
    }
    expect(calls).toEqual([10, 20, 10, 0, 10]);
  });

  it("an unchanged load still raises the sticky-memory high-water mark after a fold", () => {
    const { w } = workload(true);
    const pod = w.pods[0] as SimPod;
    w.setReadyLoad(50, 0);
    w.foldMemoryPeaks(1);
    expect(pod.memPeak).toBe(1050);
    pod.memPeak = 0; // as after an OOM kill: the peak is forgotten
    w.setReadyLoad(50, 1); // same load: the rates are kept, the mark must still be taken
    w.foldMemoryPeaks(2);
    expect(pod.memPeak).toBe(1050);
  });
});
