/**
 * The updater step, hand-derived from upstream's rules (updater.go RunOnce, update_priority_calculator.go
 * AddPod, pods_eviction_restriction.go, pods_inplace_restriction.go). Pods request 300m / 256Mi unless
 * told otherwise; recommendations are CPU-only so only CPU enters resourceDiff.
 */
import { describe, expect, it } from "vitest";
import type { VpaPod } from "../../../src/vpa/replay/types.js";
import {
  newVpaUpdaterState,
  type UpdaterObservation,
  updaterStep,
} from "../../../src/vpa/replay/updater-step.js";
import {
  HOUR,
  MiB,
  makeContainer,
  makeInput,
  makePod,
  makePods,
  makeRecommendation,
  res,
  snapshot,
  T0,
  type VpaOptions,
} from "./builders.js";

/** Requests 300m are below the lower bound 450m: outside the range. */
const OUTSIDE = snapshot(makeRecommendation({ cpu: 500 }, { cpu: 450 }, { cpu: 700 }));
/** Requests 600m are inside [400m, 700m] but |600 - 480| / 600 = 0.2 >= 0.1 off the target. */
const INSIDE_20 = snapshot(makeRecommendation({ cpu: 480 }, { cpu: 400 }, { cpu: 700 }));
const at600 = { containers: [makeContainer({ requests: res(600, 256 * MiB) })] };

function step(
  pods: readonly VpaPod[],
  rec: UpdaterObservation["recommendation"],
  now: number,
  options: VpaOptions = {},
  configuredReplicas = pods.length,
) {
  return updaterStep(
    makeInput(options),
    newVpaUpdaterState(),
    { pods, configuredReplicas, recommendation: rec },
    now,
  );
}

const evicted = (r: ReturnType<typeof step>) => r.evictions.map((e) => e.pod);

describe("updaterStep: which pods are updated (Recreate)", () => {
  it("a pod outside [lower, upper] is evicted at once, however young", () => {
    const r = step(makePods(2), OUTSIDE, T0 + 60);
    expect(evicted(r)).toEqual(["web-0"]); // 2 replicas, tolerance floor(2 × 0.5) = 1
    expect(r.evictions[0]).toEqual({
      pod: "web-0",
      reason: "OutsideRecommendedRange",
      message: "Pod was evicted by VPA Updater to apply resource recommendation.",
    });
  });

  it("a pod inside the bounds but 20% off waits until it has run 12 h (status.startTime + 12 h)", () => {
    const pods = makePods(2, at600);
    expect(evicted(step(pods, INSIDE_20, T0 + 12 * HOUR - 1))).toEqual([]);
    const r = step(pods, INSIDE_20, T0 + 12 * HOUR);
    expect(evicted(r)).toEqual(["web-0"]);
    expect(r.evictions[0]?.reason).toBe("LongLivedAndChangedEnough");
  });

  it("inside the bounds and less than 10% off: never, even after 12 h", () => {
    // |600 - 560| / 600 = 0.0667 < 0.1
    const near = snapshot(makeRecommendation({ cpu: 560 }, { cpu: 400 }, { cpu: 700 }));
    expect(evicted(step(makePods(2, at600), near, T0 + 2 * 86400))).toEqual([]);
  });

  it("a pod without status.startTime is not updated for an in-bounds change", () => {
    const noStart = (name: string): VpaPod => {
      const { startTime: _, ...pod } = makePod(name, at600);
      return pod;
    };
    expect(evicted(step([noStart("web-0"), noStart("web-1")], INSIDE_20, T0 + 86400))).toEqual([]);
  });

  it("no recommendation yet: nothing", () => {
    expect(evicted(step(makePods(4), undefined, T0 + 86400))).toEqual([]);
  });

  it("a quick OOM (OOMKilled after < 10 min) updates an in-bounds young pod", () => {
    const oomed = makePod("web-0", {
      ...at600,
      containers: [
        makeContainer({
          requests: res(600, 256 * MiB),
          lastTermination: { reason: "OOMKilled", startedAt: T0, finishedAt: T0 + 300 },
        }),
      ],
    });
    const r = step([oomed, makePod("web-1", at600)], INSIDE_20, T0 + 600);
    expect(r.evictions.map((e) => [e.pod, e.reason])).toEqual([["web-0", "QuickOOM"]]);
  });

  it("scale-ups first, then larger resourceDiff", () => {
    // target 500m: web-0 requests 300m (up, diff 0.667), web-1 900m (down, 0.444), web-2 200m (up, 1.5)
    const rec = snapshot(makeRecommendation({ cpu: 500 }, { cpu: 450 }, { cpu: 700 }));
    const pods = [
      makePod("web-0"),
      makePod("web-1", { containers: [makeContainer({ requests: res(900) })] }),
      makePod("web-2", { containers: [makeContainer({ requests: res(200) })] }),
      makePod("web-3", { containers: [makeContainer({ requests: res(500) })] }),
    ];
    // web-3 is in range and 0% off: not queued. 4 replicas: tolerance 2, evict while 4 - evicted > 2
    expect(evicted(step(pods, rec, T0, {}, 4))).toEqual(["web-2", "web-0"]);
    expect(evicted(step(pods, rec, T0, { config: { evictionToleranceFraction: 1 } }, 4))).toEqual([
      "web-2",
      "web-0",
      "web-1",
    ]);
  });

  it("evictionRequirements TargetHigherThanRequests on cpu vetoes a scale-down", () => {
    const rec = snapshot(makeRecommendation({ cpu: 200, memory: 256 * MiB }, { cpu: 100 }, { cpu: 250 }));
    const evictionRequirements = [
      { resources: ["cpu"], changeRequirement: "TargetHigherThanRequests" as const },
    ];
    expect(evicted(step(makePods(2), rec, T0))).toEqual(["web-0"]);
    expect(evicted(step(makePods(2), rec, T0, { evictionRequirements }))).toEqual([]);
  });
});

describe("updaterStep: eviction restriction", () => {
  it("minReplicas: a lone pod (default --min-replicas 2) is never evicted; updatePolicy.minReplicas 1 allows it", () => {
    expect(evicted(step(makePods(1), OUTSIDE, T0))).toEqual([]);
    expect(evicted(step(makePods(1), OUTSIDE, T0, { minReplicas: 1 }))).toEqual(["web-0"]);
  });

  it("5 live pods under minReplicas 10: none", () => {
    expect(evicted(step(makePods(5), OUTSIDE, T0, { minReplicas: 10 }))).toEqual([]);
  });

  it("tolerance 0.5 of 10 replicas: 5 evictions per loop (evict while 10 - evicted > 10 - 5)", () => {
    expect(evicted(step(makePods(10), OUTSIDE, T0))).toEqual(["web-0", "web-1", "web-2", "web-3", "web-4"]);
  });

  it("upstream's examples: 5 replicas, tolerance 0.8 -> 4; tolerance 0.1 -> exactly 1", () => {
    expect(
      step(makePods(5), OUTSIDE, T0, { config: { evictionToleranceFraction: 0.8 } }).evictions,
    ).toHaveLength(4);
    expect(
      step(makePods(5), OUTSIDE, T0, { config: { evictionToleranceFraction: 0.1 } }).evictions,
    ).toHaveLength(1);
  });

  it("tolerance counts configured replicas: 3 running of 4 configured, tolerance 2 -> 1 eviction", () => {
    // evict while 3 - evicted > 4 - 2
    expect(step(makePods(3), OUTSIDE, T0, {}, 4).evictions).toHaveLength(1);
  });

  it("Pending (scheduled) pods are always evictable and use no budget; unscheduled and deleting pods are not live", () => {
    const pods = [
      ...makePods(4),
      makePod("pending", { phase: "Pending" }),
      makePod("unscheduled", { phase: "Pending", scheduled: false }),
      makePod("deleting", { deleting: true }),
    ];
    // live: 4 Running + 1 Pending, configured 4: tolerance 2 -> 2 Running evictions plus the Pending one
    // same priority everywhere, so list order: web-0, web-1 use the budget, web-2 / web-3 wait
    expect(evicted(step(pods, OUTSIDE, T0, {}, 4))).toEqual(["web-0", "web-1", "pending"]);
  });
});

describe("updaterStep: modes", () => {
  for (const mode of ["Off", "Initial", "InPlace"] as const) {
    it(`${mode} never evicts nor resizes`, () => {
      const r = step(makePods(10), OUTSIDE, T0 + 86400, { mode });
      expect([r.evictions, r.resizes]).toEqual([[], []]);
    });
  }

  it("Auto behaves as Recreate", () => {
    expect(evicted(step(makePods(4), OUTSIDE, T0, { mode: "Auto" }))).toEqual(["web-0", "web-1"]);
  });
});

describe("updaterStep: InPlaceOrRecreate", () => {
  const mode = "InPlaceOrRecreate" as const;

  it("resizes in place within the same budget: requests := target, limits keep their ratio", () => {
    const r = step(makePods(4), OUTSIDE, T0, { mode });
    expect(r.evictions).toEqual([]);
    expect(r.resizes.map((x) => x.pod)).toEqual(["web-0", "web-1"]);
    // cpu limit 600m for 300m: floor(600 × 500 / 300) = 1000m; memory untouched (no memory target)
    expect(r.resizes[0]?.containers).toEqual([
      { name: "app", requests: { cpu: 500n }, limits: { cpu: 1000n } },
    ]);
    expect(r.resizes[0]?.message).toBe("Pod was resized in place by VPA Updater.");
  });

  it("an Infeasible resize falls back to eviction, after the in-place loop has used the budget", () => {
    const pods = [makePod("web-0", { resize: "Infeasible" }), ...makePods(3).slice(1)];
    // tolerance 1 × 3 = 3: web-0 is redirected to eviction, web-1 and web-2 resized (2 of the budget),
    // then web-0 is evicted (3 - 2 > 0)
    const wide = step(pods, OUTSIDE, T0, { mode, config: { evictionToleranceFraction: 1 } });
    expect(wide.resizes.map((x) => x.pod)).toEqual(["web-1", "web-2"]);
    expect(wide.evictions).toEqual([
      {
        pod: "web-0",
        reason: "OutsideRecommendedRange",
        fallbackFrom: "InPlaceDecision",
        message: "Pod was evicted by VPA Updater to apply resource recommendation.",
      },
    ]);
    // default tolerance floor(3 × 0.5) = 1: web-1's resize takes it, the fallback eviction must wait
    const narrow = step(pods, OUTSIDE, T0, { mode });
    expect([narrow.resizes.map((x) => x.pod), narrow.evictions]).toEqual([["web-1"], []]);
  });

  it("a Deferred resize falls back only after 5 min since the updater first saw it", () => {
    const input = makeInput({ mode });
    const pods = [makePod("web-0", { resize: "Deferred" }), makePod("web-1", { resize: "Deferred" })];
    let state = newVpaUpdaterState();
    const obs = { pods, configuredReplicas: 2, recommendation: OUTSIDE };
    const first = updaterStep(input, state, obs, T0);
    state = first.state;
    expect(first.evictions).toEqual([]);
    expect(state.lastInPlaceAttemptTime.get("web-0")).toBe(T0);
    expect(updaterStep(input, state, obs, T0 + 300).evictions).toEqual([]); // not > 5 min
    expect(updaterStep(input, state, obs, T0 + 301).evictions.map((e) => e.pod)).toEqual(["web-0"]);
  });

  it("an InProgress resize falls back after 1 h", () => {
    const input = makeInput({ mode });
    const pods = [makePod("web-0", { resize: "InProgress" }), makePod("web-1")];
    const obs = { pods, configuredReplicas: 2, recommendation: OUTSIDE };
    const first = updaterStep(input, newVpaUpdaterState(), obs, T0);
    // web-1 is resized in place; web-0 waits
    expect([first.resizes.map((x) => x.pod), first.evictions]).toEqual([["web-1"], []]);
    const later = updaterStep(
      input,
      first.state,
      { ...obs, pods: [pods[0] as VpaPod, makePod("web-1", { resize: "InProgress" })] },
      T0 + HOUR + 1,
    );
    expect(later.evictions.map((e) => e.pod)).toEqual(["web-0"]);
  });

  it("Pending pods are deferred, neither resized nor evicted; they also shrink the running count", () => {
    const pods = [makePod("web-0", { phase: "Pending" }), makePod("web-1"), makePod("web-2")];
    // default tolerance 1 of 3: 2 running - 0 > 3 - 1 is false -> nothing at all
    expect(step(pods, OUTSIDE, T0, { mode }).resizes).toEqual([]);
    const r = step(pods, OUTSIDE, T0, { mode, config: { evictionToleranceFraction: 1 } });
    expect([r.resizes.map((x) => x.pod), r.evictions]).toEqual([["web-1", "web-2"], []]);
  });
});
