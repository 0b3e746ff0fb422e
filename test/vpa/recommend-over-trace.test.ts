/**
 * The recommender replayed over a trace, checked against hand-derived values (the arithmetic is in the
 * comments; the same vectors as recommender.test.ts, reached through recommenderOverTrace's loop).
 */
import { describe, expect, it } from "vitest";
import type { TimeSeries } from "../../src/trace/types.js";
import {
  type ContainerUsageTrace,
  recommendOverTrace,
  usageAmounts,
} from "../../src/vpa/recommend-over-trace.js";
import { T0 } from "./builders.js";

const MiB = 1024 * 1024;
const DAY = 86400;

/** A series holding `value` from t = 0 (hold-last: one sample is enough). */
function constant(value: number): TimeSeries {
  return {
    t: Float64Array.of(0),
    v: Float64Array.of(value),
    startEpochSeconds: null,
    source: "test",
    notes: [],
  };
}

function app(
  cpuCores: number,
  memoryBytes: number,
  request?: { cpu?: number; memory?: number },
): ContainerUsageTrace {
  return {
    containerName: "app",
    cpu: constant(cpuCores),
    memory: constant(memoryBytes),
    ...(request !== undefined ? { request } : {}),
  };
}

describe("recommendOverTrace: constant 300m CPU for 8 days", () => {
  // Loops at t = 0, 60, ..., 11519 × 60: 8 × 1440 = 11520 CPU samples of 300m, as in recommender.test.ts.
  const result = recommendOverTrace(
    { containers: [app(0.3, 0)], replicas: 1, usageIs: "per-pod" },
    { startTime: T0, endSeconds: 11519 * 60 },
  );
  const final = result.final?.recommendations[0];

  it("runs one loop a minute", () => {
    expect(result.loops).toBe(11520);
  });

  it("target = end of bucket 18 (0.30539 core -> 305m) + trunc(305 × 0.15) = 350m", () => {
    expect(final?.target.cpu).toBe(350);
    expect(final?.uncappedTarget?.cpu).toBe(350);
  });

  it("lower = trunc(350 × (1 + 0.001/7.99931)^-2) = 349m; upper = trunc(350 × (1 + 1/7.99931)) = 393m", () => {
    // confidence = min(lifespan 11519 min / 1440, 11520 samples / 1440) = 7.99931 days
    expect(final?.lowerBound.cpu).toBe(349);
    expect(final?.upperBound.cpu).toBe(393);
  });

  it("memory at 0 bytes: bucket 0 ends at 1e7 -> 11.5 MB, below the pod minimum 250 MiB = 262144000", () => {
    expect([final?.target.memory, final?.lowerBound.memory, final?.upperBound.memory]).toEqual([
      262144000, 262144000, 262144000,
    ]);
  });

  it("records a point every hour plus the last loop", () => {
    // hours 0..191 (t = 191 × 3600 = 687600 <= 691140) and the last loop at 691140
    expect(result.timeline.length).toBe(193);
    expect(result.timeline[0]?.t).toBe(0);
    expect(result.timeline[result.timeline.length - 1]?.t).toBe(11519 * 60);
  });

  it("the first loop has one sample: confidence 0 -> upper bound 1e14, lower bound the pod minimum 25m", () => {
    const first = result.timeline[0]?.recommendations[0];
    expect(first?.upperBound.cpu).toBe(1e14);
    expect(first?.lowerBound.cpu).toBe(25);
    expect(first?.target.cpu).toBe(350);
  });

  it("upper bound after 1 day = trunc(trunc(p95 305 × 1.15 = 350) × (1 + 1/1)) = 700m", () => {
    // at t = 24 h: 1441 samples, lifespan 1440 min -> confidence min(1440/1440, 1441/1440) = 1
    const day = result.timeline.find((p) => p.t === DAY)?.recommendations[0];
    expect(day?.upperBound.cpu).toBe(700);
  });
});

describe("recommendOverTrace: OOM", () => {
  // 500 MiB every minute for 12 h (721 loops: t = 0 .. 720 min), 100m CPU, request 512 MiB.
  const base = {
    containers: [app(0.1, 500 * MiB, { memory: 512 * MiB })],
    replicas: 1,
    usageIs: "per-pod" as const,
  };
  const options = { startTime: T0, endSeconds: 720 * 60 };

  it("without an OOM: bucket 26 ends at 546691264 B; target = 546691264 + trunc(× 0.15) = 628694953", () => {
    const r = recommendOverTrace(base, options);
    expect(r.final?.recommendations[0]?.target.memory).toBe(546691264 + 82003689);
  });

  it("an OOM raises the peak to max(512Mi + 100Mi, trunc(512Mi × 1.2)) = 644245094 -> target 764046746", () => {
    // used = max(request 536870912, window peak 524288000) = 536870912
    // needed = max(536870912 + 104857600 = 641728512, trunc(536870912 × 1.2) = 644245094) = 644245094
    // it replaces the window's single peak; bucket 29 ends at 664388475 -> 664388475 + trunc(99658271.25)
    const r = recommendOverTrace({ ...base, ooms: [{ t: 720 * 60, containerName: "app" }] }, options);
    expect(r.final?.recommendations[0]?.target.memory).toBe(664388475 + 99658271);
    expect(r.discardedOoms).toEqual([]);
  });

  it("an OOM older than one window before the last memory sample is discarded", () => {
    // the OOM (finished 2 days before t = 0) is drained after the first sample at T0: T0 - 2 d < T0 - 24 h
    const late = recommendOverTrace(
      { ...base, ooms: [{ t: -2 * DAY, containerName: "app" }] },
      { startTime: T0, endSeconds: 0 },
    );
    expect(late.discardedOoms[0]).toContain("OOM event will be discarded - it is too old");
  });
});

describe("recommendOverTrace: replicas and policy", () => {
  it("a total over 4 pods: each pod uses a quarter (1.2 cores / 4 = 300m -> target 350m)", () => {
    const r = recommendOverTrace(
      { containers: [app(1.2, 0)], replicas: 4, usageIs: "total" },
      { startTime: T0, endSeconds: 3600 },
    );
    expect(r.final?.usage.app?.cpu).toBe(300);
    expect(r.final?.recommendations[0]?.target.cpu).toBe(350);
  });

  it("maxAllowed caps target and bounds but not uncappedTarget; mode Off drops the container", () => {
    const capped = recommendOverTrace(
      {
        containers: [app(0.3, 0)],
        replicas: 1,
        usageIs: "per-pod",
        policy: { containerPolicies: [{ containerName: "*", maxAllowed: { cpu: 200 } }] },
      },
      { startTime: T0, endSeconds: 3600 },
    );
    const rec = capped.final?.recommendations[0];
    expect([rec?.target.cpu, rec?.upperBound.cpu, rec?.uncappedTarget?.cpu]).toEqual([200, 200, 350]);
    const off = recommendOverTrace(
      {
        containers: [app(0.3, 0)],
        replicas: 1,
        usageIs: "per-pod",
        policy: { containerPolicies: [{ containerName: "app", mode: "Off" }] },
      },
      { startTime: T0, endSeconds: 3600 },
    );
    expect(off.final?.recommendations).toEqual([]);
  });

  it("controlledResources [cpu] leaves memory out", () => {
    const r = recommendOverTrace(
      {
        containers: [app(0.3, 0)],
        replicas: 1,
        usageIs: "per-pod",
        policy: { containerPolicies: [{ containerName: "*", controlledResources: ["cpu"] }] },
      },
      { startTime: T0, endSeconds: 60 },
    );
    expect(r.final?.recommendations[0]?.target).toEqual({ cpu: 350 });
  });

  it("reads usage as metrics-server reports it: millicores and bytes rounded up", () => {
    // 0.29 cores = 290000000 nanocores -> 290m exactly (no float 290.00000000000006 -> 291)
    expect(usageAmounts(0.29, 1.5)).toEqual({ cpu: 290, memory: 2 });
    expect(usageAmounts(0.2901, 100)).toEqual({ cpu: 291, memory: 100 });
  });

  it("is deterministic", () => {
    const run = () =>
      JSON.stringify(
        recommendOverTrace(
          { containers: [app(0.5, 300 * MiB)], replicas: 3, usageIs: "per-pod" },
          { startTime: T0, endSeconds: 6 * 3600 },
        ),
      );
    expect(run()).toBe(run());
  });
});
