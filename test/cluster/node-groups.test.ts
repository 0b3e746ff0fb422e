import { describe, expect, it } from "vitest";
import {
  freeResources,
  initialNodes,
  isNodeReady,
  isNodeRegistered,
  sampleDelaySeconds,
  unbindRequests,
} from "../../src/cluster/node-groups.js";
import { bind, GIB, makeGroup, makeNode, makePod } from "./builders.js";

describe("SimNode", () => {
  it("free = allocatable - DaemonSet overhead - bound requests", () => {
    const group = makeGroup("general", {
      allocatable: { cpuMilli: 3920, memBytes: 14 * GIB, pods: 58 },
      daemonSetOverhead: { cpuMilli: 250, memBytes: GIB, pods: 4 },
    });
    const node = bind(bind(makeNode("general-1", group), makePod(1000, 2 * GIB)), makePod(500, GIB));
    // cpu 3920 - 250 - 1500 = 2170; memory 14 - 1 - 3 = 10 GiB; pods 58 - 4 - 2 = 52
    expect(freeResources(node)).toStrictEqual({ cpuMilli: 2170, memBytes: 10 * GIB, gpus: 0, pods: 52 });
    const after = unbindRequests(node, {
      requests: { cpuMilli: 500, memBytes: GIB, gpus: 0 },
      nonZeroCpuMilli: 500,
      nonZeroMemBytes: GIB,
    });
    expect(freeResources(after)).toStrictEqual({ cpuMilli: 2670, memBytes: 11 * GIB, gpus: 0, pods: 53 });
    expect(after.bound.nonZeroCpuMilli).toBe(1000);
  });

  it("initial nodes: initialSize per group, named <group>-<n>, hostname label set, Ready at now", () => {
    const nodes = initialNodes([makeGroup("a", { initialSize: 2 }), makeGroup("b", { initialSize: 1 })], 0);
    expect(nodes.map((n) => n.name)).toStrictEqual(["a-1", "a-2", "b-1"]);
    expect(nodes[1]?.labels).toStrictEqual({
      "eks.amazonaws.com/nodegroup": "a",
      "kubernetes.io/hostname": "a-2",
    });
    expect(nodes.every((n) => isNodeReady(n, 0))).toBe(true);
  });

  it("registered from createdAt until goneAt; Ready from readyAt", () => {
    const n = makeNode("n", makeGroup("g"), { createdAt: 100, readyAt: 130, goneAt: 900 });
    expect(
      [99, 100, 129, 130, 899, 900].map((t) => [isNodeRegistered(n, t), isNodeReady(n, t)]),
    ).toStrictEqual([
      [false, false],
      [true, false],
      [true, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
  });
});

describe("sampleDelaySeconds", () => {
  it("fixed delays draw nothing", () => {
    expect(sampleDelaySeconds(90, () => Number.NaN)).toBe(90);
  });

  it("uniform: an integer in [min, max] inclusive", () => {
    const spec = { distribution: "uniform", min: 60, max: 120 } as const;
    // 60 + floor(u * 61)
    expect(sampleDelaySeconds(spec, () => 0)).toBe(60);
    expect(sampleDelaySeconds(spec, () => 0.5)).toBe(90);
    expect(sampleDelaySeconds(spec, () => 0.999999)).toBe(120);
  });

  it("normal: Box-Muller, rounded, clamped to [min, max] and never negative", () => {
    const spec = { distribution: "normal", mean: 120, stddev: 30 } as const;
    // u1 = 1 - 0 = 1 -> sqrt(-2 ln 1) = 0: the mean
    expect(sampleDelaySeconds(spec, () => 0)).toBe(120);
    // u1 = 1 - 0.9 = 0.1, u2 = 0.9: z = sqrt(-2 ln 0.1) * cos(1.8 pi) = 2.1460 * 0.8090 = 1.7362 -> 120 + 52.09
    let draws = [0.9, 0.9];
    expect(sampleDelaySeconds(spec, () => draws.shift() ?? 0)).toBe(172);
    // u2 = 0.5: cos(pi) = -1 -> 120 - 30 * 2.146 = 55.6, clamped to min 100
    draws = [0.9, 0.5];
    expect(sampleDelaySeconds({ ...spec, min: 100 }, () => draws.shift() ?? 0)).toBe(100);
    draws = [0.999999, 0.5];
    expect(sampleDelaySeconds({ ...spec, stddev: 300 }, () => draws.shift() ?? 0)).toBe(0);
  });
});
