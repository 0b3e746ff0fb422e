/**
 * VpaPhase remembers each containers list's request numbers; a pod whose containers change (admission,
 * in-place resize: a new list) must be counted with its new requests at once, never with stale ones.
 */
import { describe, expect, it } from "vitest";
import type { SimPod } from "../../src/cluster/sim-pod.js";
import type { Workload } from "../../src/cluster/workload.js";
import type { ContainerTemplate } from "../../src/engine/run-inputs.js";
import { VpaPhase } from "../../src/engine/vpa-phase.js";
import { makeSimPod } from "../cluster/builders.js";
import { makeInput, makeRecommendation, snapshot } from "../vpa/replay/builders.js";

const MiB = 1024 * 1024;

function container(cpuMilli: number, memoryBytes: number, name = "app"): ContainerTemplate {
  return {
    name,
    requests: { cpu: BigInt(cpuMilli), memory: BigInt(memoryBytes) * 1000n },
    limits: {},
  };
}

function pod(name: string, readyAt: number | null): SimPod {
  return makeSimPod(name, { seq: 1, readyAt });
}

describe("VpaPhase request means", () => {
  it("follow a pod's new containers list at once (no stale cached numbers)", () => {
    const template = [container(300, 256 * MiB)];
    const pods = [pod("web-0", 0), pod("web-1", 0), pod("web-2", null)];
    const workload = {
      target: { containers: template, podRequests: undefined },
      pods,
      containersChanged: () => undefined,
    } as unknown as Workload;
    const phase = new VpaPhase(makeInput(), workload, {});
    expect(phase.readyRequests(10)).toEqual({ cpu: 0.3, memory: 256 * MiB });
    expect(phase.meanRequests(10)).toEqual({ app: { cpu: 300, memory: 256 * MiB } });

    // web-1 resized in place: a new containers list (as VpaPhase.setContainers builds it)
    (pods[1] as SimPod).template = {
      labels: {},
      containers: [container(500, 512 * MiB)],
      initContainers: [],
      podRequests: undefined,
    };
    expect(phase.readyRequests(10)).toEqual({ cpu: 0.4, memory: 384 * MiB });
    expect(phase.meanRequests(10)).toEqual({
      app: { cpu: (300 + 500 + 300) / 3, memory: ((256 + 512 + 256) * MiB) / 3 },
    });

    // web-0 gets the same numbers in another list object; web-2 turns Ready
    (pods[0] as SimPod).template = {
      labels: {},
      containers: [container(100, 128 * MiB)],
      initContainers: [],
      podRequests: undefined,
    };
    (pods[2] as SimPod).readyAt = 5;
    expect(phase.readyRequests(10)).toEqual({ cpu: 0.3, memory: ((128 + 512 + 256) * MiB) / 3 });
    expect(phase.meanRequests(10)).toEqual({
      app: { cpu: 300, memory: ((128 + 512 + 256) * MiB) / 3 },
    });
  });
});

describe("VpaPhase admission", () => {
  it("gives pods admitted with equal containers one template, and a new one when the values change", () => {
    const template = [container(300, 256 * MiB)];
    const pods = [pod("web-0", 0), pod("web-1", 0), pod("web-2", 0)];
    const workload = {
      target: { containers: template, podRequests: undefined },
      pods,
      containersChanged: () => undefined,
    } as unknown as Workload & { admit: (p: SimPod) => void };
    const phase = new VpaPhase(makeInput(), workload, {});
    phase.start();
    const rec = (cpu: number, upper: number) =>
      snapshot(
        makeRecommendation(
          { cpu, memory: 300 * MiB },
          { cpu: 100, memory: MiB },
          { cpu: upper, memory: 900 * MiB },
        ),
      );
    phase.recommendation = rec(400, 900);
    workload.admit(pods[0] as SimPod);
    phase.recommendation = rec(400, 950); // a new recommendation, same target: same requests
    workload.admit(pods[1] as SimPod);
    phase.recommendation = rec(450, 950);
    workload.admit(pods[2] as SimPod);
    const [a, b, c] = pods.map((p) => p.template);
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(a?.containers[0]?.requests).toEqual({ cpu: 400n, memory: 300n * BigInt(MiB) * 1000n });
    expect(c?.containers[0]?.requests).toEqual({ cpu: 450n, memory: 300n * BigInt(MiB) * 1000n });
  });
});
