/**
 * Sticky memory with per-container usage models (spec.workload.usage.stickyMemory with usage.containers): each
 * container keeps the highest memory it has used since it started, as a JVM's heap or a proxy's buffers do;
 * metrics-server reports each container's own sticky value, the pod's is their sum, each container is OOM-killed
 * against its own limit at its sticky value, and a kill restarts only the killed container's memory.
 *
 * The pod: `app` using 100Mi + 2Mi per request/s and an `istio-proxy` sidecar using 40Mi + 0.5Mi per request/s;
 * the OOM cases give the app a 1Gi and the sidecar a 64Mi limit.
 */
import { describe, expect, it } from "vitest";
import { Workload } from "../../src/cluster/workload.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import type { ContainerTemplate, ContainerUsage, UsageModel } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import type { PodResourceMetrics } from "../../src/hpa/types.js";
import { makeRunInputs } from "./builders.js";
import { expectJumpEqualsEverySecond } from "./jump-check.js";

const Mi = 1024 * 1024;
const GiB_MILLI = 1024n * 1024n * 1024n * 1000n;
const LIMITED: ContainerTemplate[] = [
  { name: "app", requests: { cpu: 500n }, limits: { memory: GiB_MILLI } },
  { name: "istio-proxy", requests: { cpu: 100n }, limits: { memory: GiB_MILLI / 16n } },
];
const PARTS: ContainerUsage[] = [
  { name: "app", cpu: (l) => 0.01 * l, memory: (l) => 100 * Mi + 2 * Mi * l, main: true },
  { name: "istio-proxy", cpu: (l) => 0.001 * l, memory: (l) => 40 * Mi + 0.5 * Mi * l, main: false },
];
const usage = (stickyMemory: boolean): Partial<UsageModel> => ({
  cpu: (l) => 0.011 * l,
  memory: (l) => 140 * Mi + 2.5 * Mi * l,
  containers: PARTS,
  stickyMemory,
});

function workload(stickyMemory: boolean) {
  const inputs = makeRunInputs({
    demand: [[0, 0]],
    durationSeconds: 60,
    target: { containers: LIMITED },
    usage: usage(stickyMemory),
  });
  const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(1), new MinHeap());
  w.observeOoms = true;
  w.createInitialPods(1, -100);
  w.applyTransitions(0);
  return w;
}

/** Sets the per-pod load at t and folds it into the peaks, as the engine's memory-fold phase does. */
function load(w: Workload, perPod: number, t: number): void {
  w.setReadyLoad(perPod, t);
  w.foldMemoryPeaks(t);
}

describe("sticky memory per container", () => {
  it("each container keeps its own peak; the pod's memory is the sum of the containers' (not the peak of the sum)", () => {
    const w = workload(true);
    const p = w.pods[0];
    if (p === undefined) throw new Error("no pod");
    load(w, 40, 0); // app 180Mi, proxy 60Mi
    load(w, 10, 10); // app 120Mi, proxy 45Mi: both keep their peaks
    expect([0, 1].map((j) => w.containerMemoryInState(p, "ready", j) / Mi)).toEqual([180, 60]);
    expect(w.memoryInState(p, "ready") / Mi).toBe(240);
    // the peaks were reached at different loads: the proxy's 63.5Mi at 47, the app's 200Mi at 50 would be its
    load(w, 47, 20); // app 194Mi, proxy 63.5Mi
    expect(w.checkOom(20)).toBe(false);
    load(w, 5, 30); // app 110Mi, proxy 42.5Mi
    expect([0, 1].map((j) => w.containerMemoryInState(p, "ready", j) / Mi)).toEqual([194, 63.5]);
    expect(w.checkOom(30)).toBe(false); // 63.5Mi of 64Mi
    // without sticky memory each container uses what its load gives now
    const plain = workload(false);
    load(plain, 40, 0);
    load(plain, 10, 10);
    const q = plain.pods[0];
    if (q === undefined) throw new Error("no pod");
    expect([0, 1].map((j) => plain.containerMemoryInState(q, "ready", j) / Mi)).toEqual([120, 45]);
    expect(plain.memoryInState(q, "ready") / Mi).toBe(165);
  });

  it("a container over its own limit is killed; only its memory restarts from zero", () => {
    const w = workload(true);
    const p = w.pods[0];
    if (p === undefined) throw new Error("no pod");
    load(w, 60, 0); // app 220Mi (under 1Gi), proxy 70Mi (over 64Mi)
    expect(w.checkOom(0)).toBe(true);
    expect(w.takeOoms().map((o) => o.container)).toEqual(["istio-proxy"]);
    w.foldMemoryPeaks(0);
    // the app's 220Mi stays allocated; the proxy restarted: its peak is gone, it uses its idle 40Mi while down
    expect(p.memPeakParts?.[0]).toBe(220 * Mi);
    expect(p.memPeakParts?.[1] ?? 0).toBeLessThanOrEqual(40 * Mi);
    // the pod's memory: the app's kept 220Mi plus the restarted proxy's 40Mi (not the peak of the pod's sum)
    expect(w.memoryInState(p, "running") / Mi).toBe(260);
  });

  it("metrics-server reports each container's sticky memory; the replay's shortcuts stay exact", () => {
    // 4 pods (min = max = 4): 400 -> 100 requests/s at 300 s: per pod 100 -> 25 requests/s
    const o = {
      demand: [
        [0, 400],
        [300, 100],
      ] as [number, number][],
      durationSeconds: 900,
      replicas: 4,
      minReplicas: 4,
      maxReplicas: 4,
      target: { containers: LIMITED.map((c) => ({ ...c, limits: {} })) },
    };
    const seen = (sticky: boolean) => {
      const out: { t: number; metrics: readonly PodResourceMetrics[] }[] = [];
      simulate(makeRunInputs({ ...o, usage: usage(sticky) }), {
        onSync: (input) => out.push({ t: input.now, metrics: input.metrics.resourceMetrics }),
      });
      return out;
    };
    const memoryAt = (list: ReturnType<typeof seen>, t: number, name: string) =>
      list
        .find((s) => s.t === t)
        ?.metrics.map(
          (m) => Number(m.containers.find((c) => c.name === name)?.usage.memory ?? 0n) / 1000 / Mi,
        );
    const sticky = seen(true);
    const plain = seen(false);
    // before the drop both report 300Mi (app) and 90Mi (proxy) per pod
    expect(memoryAt(sticky, 285, "app")).toEqual([300, 300, 300, 300]);
    expect(memoryAt(sticky, 285, "istio-proxy")).toEqual([90, 90, 90, 90]);
    // after it the plain pods fall to 150Mi and 52.5Mi; the sticky ones keep 300Mi and 90Mi
    expect(memoryAt(plain, 600, "app")).toEqual([150, 150, 150, 150]);
    expect(memoryAt(plain, 600, "istio-proxy")).toEqual([52.5, 52.5, 52.5, 52.5]);
    expect(memoryAt(sticky, 600, "app")).toEqual([300, 300, 300, 300]);
    expect(memoryAt(sticky, 600, "istio-proxy")).toEqual([90, 90, 90, 90]);
    expectJumpEqualsEverySecond(makeRunInputs({ ...o, usage: usage(true) }));
  });
});
