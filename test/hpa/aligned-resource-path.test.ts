/**
 * replica-calculator-pods.ts getResourceReplicasAligned (the pod-usage utilization path without the per-pod maps)
 * gives exactly what the full path (getResourceMetric -> getResourceReplicas: groupPods, removeMetricsForPods,
 * calculatePodRequests, GetResourceUtilizationRatio) gives, or declines (null) and leaves it to the full path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROLLER_SETTINGS } from "../../src/hpa/config.js";
import { getResourceMetric } from "../../src/hpa/metrics-client.js";
import type { ReplicaCalcResult } from "../../src/hpa/replica-calc-result.js";
import {
  getResourceReplicas,
  getResourceReplicasAligned,
  type PodCalcContext,
} from "../../src/hpa/replica-calculator-pods.js";
import type { MetricsObservation, PodInfo, PodResourceMetrics } from "../../src/hpa/types.js";
import { emptyMetrics, NOW } from "./builders.js";

/** Amounts: everyday, at and past the 2^52 / 100 edge of the float64 path, beyond 2^53, int64-wrapping, negative. */
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 0n, max: 5000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 52n / 100n - 3n, max: 2n ** 52n / 100n + 3n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 53n / 100n, max: 2n ** 60n / 100n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 52n - 3n, max: 2n ** 53n + 3n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 62n, max: 2n ** 63n - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -5000n, max: -1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 62n), max: -(2n ** 52n) }) },
);

/** Mostly everyday amounts (so that a whole pod list is often in range), now and then one of {@link amount}. */
const plainAmount = fc.oneof(
  { weight: 60, arbitrary: fc.bigInt({ min: 0n, max: 5000n }) },
  { weight: 1, arbitrary: amount },
);

interface PodCase {
  /** null: the pod's index (distinct names); else a name that may repeat another pod's. */
  name: number | null;
  phase: PodInfo["phase"];
  deleted: boolean;
  startAgo: number | null;
  ready: { status: "True" | "False" | "Unknown"; ago: number } | null;
  requests: (bigint | undefined)[];
  /** Per container usage; undefined = the container lacks the resource; [] = no containers. */
  usage: (bigint | undefined)[];
  timestampAgo: number;
  window: number;
}

const arbWildPod: fc.Arbitrary<PodCase> = fc.record({
  name: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }),
  phase: fc.oneof(
    { weight: 12, arbitrary: fc.constant("Running" as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("Pending" as const, "Succeeded" as const, "Failed" as const, "" as const),
    },
  ),
  deleted: fc.oneof(
    { weight: 5, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
  startAgo: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 20 }),
  ready: fc.option(
    fc.record({
      status: fc.constantFrom("True" as const, "True" as const, "False" as const, "Unknown" as const),
      ago: fc.integer({ min: 0, max: 1000 }),
    }),
    { freq: 20 },
  ),
  requests: fc.array(fc.option(amount, { freq: 30, nil: undefined }), { minLength: 1, maxLength: 2 }),
  usage: fc.array(fc.option(amount, { freq: 30, nil: undefined }), { minLength: 0, maxLength: 2 }),
  timestampAgo: fc.integer({ min: 0, max: 120 }),
  window: fc.constantFrom(15, 30, 60),
});

/** A Running pod past its cpu initialization, Ready long ago, with every amount set (the fast path's case). */
const arbPlainPod: fc.Arbitrary<PodCase> = fc.record({
  name: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 10 }),
  phase: fc.constant("Running" as const),
  deleted: fc.constant(false),
  startAgo: fc.integer({ min: 301, max: 100_000 }),
  ready: fc.record({ status: fc.constant("True" as const), ago: fc.integer({ min: 0, max: 1000 }) }),
  requests: fc.array(plainAmount, { minLength: 1, maxLength: 2 }),
  usage: fc.array(plainAmount, { minLength: 1, maxLength: 2 }),
  timestampAgo: fc.integer({ min: 0, max: 120 }),
  window: fc.constantFrom(15, 30, 60),
});

const arbPod = fc.oneof({ weight: 6, arbitrary: arbPlainPod }, { weight: 1, arbitrary: arbWildPod });

/** A Running, long-ready pod (the defaults of the hand-written case). */
const arbSample: PodCase = {
  name: null,
  phase: "Running",
  deleted: false,
  startAgo: 3600,
  ready: { status: "True", ago: 3500 },
  requests: [250n],
  usage: [100n],
  timestampAgo: 0,
  window: 60,
};

function podOf(c: PodCase, i: number): PodInfo {
  return {
    name: `web-${c.name ?? i}`,
    labels: { app: "web" },
    phase: c.phase,
    startTime: c.startAgo === null ? null : NOW - c.startAgo,
    ready: c.ready === null ? null : { status: c.ready.status, lastTransitionTime: NOW - c.ready.ago },
    deleted: c.deleted,
    containers: c.requests.map((r, i) => ({
      name: `c${i}`,
      requests: r === undefined ? {} : { cpu: r, memory: r },
    })),
    initContainers: [],
  };
}

function itemOf(c: PodCase, i: number): PodResourceMetrics {
  return {
    pod: `web-${c.name ?? i}`,
    timestamp: NOW - c.timestampAgo,
    windowSeconds: c.window,
    containers: c.usage.map((u, i) => ({
      name: `c${i}`,
      usage: u === undefined ? {} : { cpu: u, memory: u },
    })),
  };
}

/** JSON with bigints, so key order counts too. */
function text(r: ReplicaCalcResult): string {
  return JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

function outcome(f: () => ReplicaCalcResult | null): string | null {
  try {
    const r = f();
    return r === null ? null : text(r);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe("getResourceReplicasAligned", () => {
  it("equals the full path whenever it answers, and answers in the common case", () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(arbPod, { minLength: 0, maxLength: 7 }),
        fc.constantFrom("cpu", "memory"),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom("aligned", "aligned", "aligned", "shuffled", "extra", "dropped", "renamed", "shared"),
        fc.boolean(),
        (cases, resource, target, current, layout, podLevel) => {
          runs++;
          const pods = cases.map(podOf);
          let items = cases.map(itemOf);
          if (layout === "shuffled") items = [...items].reverse();
          if (layout === "extra") items = [...items, { ...itemOf(arbSample, 0), pod: "other" }];
          if (layout === "dropped") items = items.slice(1);
          // one usage list object for every pod (as metrics-server shares equal usage lists)
          if (layout === "shared")
            items = items.map((it) => ({ ...it, containers: (items[0] as PodResourceMetrics).containers }));
          if (layout === "renamed" && items.length > 0)
            items = [
              ...items.slice(0, -1),
              { ...(items[items.length - 1] as PodResourceMetrics), pod: "other" },
            ];
          const ctx: PodCalcContext = {
            currentReplicas: current,
            tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
            pods,
            settings: {
              ...DEFAULT_CONTROLLER_SETTINGS,
              featureGates: { ...DEFAULT_CONTROLLER_SETTINGS.featureGates, PodLevelResources: podLevel },
            },
            now: NOW,
          };
          const obs: MetricsObservation = { ...emptyMetrics(), resourceMetrics: items };
          const fast = outcome(() => getResourceReplicasAligned(ctx, items, target, resource));
          if (fast === null) return;
          answered++;
          const full = outcome(() =>
            getResourceReplicas(ctx, getResourceMetric(obs, resource, ""), target, resource, ""),
          );
          expect(fast).toBe(full);
        },
      ),
      { numRuns: 5000 },
    );
    // not vacuous: the fast path answers a good share of the cases
    expect(answered).toBeGreaterThan(runs / 10);
  });

  it("equals the full path on all-ready pods with amounts at and past the edges of float64", () => {
    fc.assert(
      fc.property(
        // a request of 1 makes the utilization the usage total × 100 itself, so any rounding of it shows
        fc.array(
          fc.tuple(fc.array(amount, { minLength: 1, maxLength: 2 }), fc.oneof(fc.constant(1n), amount)),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.integer({ min: 1, max: 200 }),
        (amounts, target) => {
          const pods = amounts.map(([usage, request], i) =>
            podOf({ ...arbSample, requests: [request], usage }, i),
          );
          const items = amounts.map(([usage], i) => itemOf({ ...arbSample, usage }, i));
          const ctx: PodCalcContext = {
            currentReplicas: 3,
            tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
            pods,
            settings: DEFAULT_CONTROLLER_SETTINGS,
            now: NOW,
          };
          const fast = outcome(() => getResourceReplicasAligned(ctx, items, target, "cpu"));
          if (fast === null) return;
          const obs: MetricsObservation = { ...emptyMetrics(), resourceMetrics: items };
          expect(fast).toBe(
            outcome(() => getResourceReplicas(ctx, getResourceMetric(obs, "cpu", ""), target, "cpu", "")),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("answers a plain all-ready case, scaled and within tolerance", () => {
    const pods = [0, 1, 2].map((i) => podOf({ ...arbSample, requests: [250n], usage: [] }, i));
    for (const [usage, want] of [
      [[300n, 310n, 320n], 7],
      [[150n, 150n, 150n], 3],
    ] as const) {
      const items = pods.map((p, i) => ({
        pod: p.name,
        timestamp: NOW,
        windowSeconds: 60,
        containers: [{ name: "c0", usage: { cpu: usage[i] as bigint } }],
      }));
      const ctx: PodCalcContext = {
        currentReplicas: 3,
        tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
        pods,
        settings: DEFAULT_CONTROLLER_SETTINGS,
        now: NOW,
      };
      const fast = getResourceReplicasAligned(ctx, items, 60, "cpu");
      expect(fast?.replicas).toBe(want);
      const full = getResourceReplicas(
        ctx,
        getResourceMetric({ ...emptyMetrics(), resourceMetrics: items }, "cpu", ""),
        60,
        "cpu",
        "",
      );
      expect(text(fast as ReplicaCalcResult)).toBe(text(full));
    }
  });
});
