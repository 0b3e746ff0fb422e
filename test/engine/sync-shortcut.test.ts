/**
 * The replay skips HPA syncs that hpa/repeat-sync.ts proves repeat the previous one. Skipping must not change
 * anything: random scenarios (behaviors, CPU and memory metrics, per-minute demand with long flat stretches)
 * replayed with the shortcut and with every sync run in full give byte-identical JSON. The shortcut's runs
 * include syncs whose stabilization the controller memory deferred (each also checked one by one: verify-shortcuts.ts)
 * and quiet stretches of moments that only repeat a steady scrape and such a sync (quiet-stretch.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ControllerMemory } from "../../src/engine/controller-memory.js";
import { quietStats } from "../../src/engine/quiet-stretch.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import type { HorizontalPodAutoscalerBehavior, MetricSpec } from "../../src/hpa/api-types.js";
import { arbReplayBehavior } from "./arbitraries.js";
import { makeRunInputs, type ScenarioOptions } from "./builders.js";

const behavior = arbReplayBehavior;

const cpu: MetricSpec = {
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
};
const memory: MetricSpec = {
  type: "Resource",
  resource: { name: "memory", target: { type: "AverageValue", averageValue: "200Mi" } },
};

const scenario: fc.Arbitrary<ScenarioOptions> = fc
  .record({
    min: fc.integer({ min: 1, max: 4 }),
    span: fc.integer({ min: 0, max: 12 }),
    behavior,
    metrics: fc.constantFrom([cpu], [memory], [cpu, memory]),
    // demand held for whole minutes like a per-minute trace, sometimes with long flat stretches
    levels: fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1, max: 20 })), {
      minLength: 1,
      maxLength: 25,
    }),
    // on the scrape and sync grid now and then, so that pod transitions meet trace samples and syncs
    startup: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 15, 30, 45, 60)),
    readiness: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 15, 30, 45, 60)),
    seed: fc.integer({ min: 0, max: 1000 }),
    // a Deployment, or a StatefulSet (its controller also acts at pod transitions)
    target: fc.constantFrom(
      { kind: "Deployment" as const },
      { kind: "StatefulSet" as const, podManagementPolicy: "OrderedReady" as const },
      { kind: "StatefulSet" as const, podManagementPolicy: "Parallel" as const },
    ),
  })
  .map((s): ScenarioOptions => {
    const demand: [number, number][] = [];
    let t = 0;
    for (const [v, minutes] of s.levels) {
      demand.push([t, v]);
      t += 60 * minutes;
    }
    const max = s.min + s.span;
    return {
      minReplicas: s.min,
      maxReplicas: max,
      replicas: s.min,
      metrics: [...s.metrics],
      behavior: s.behavior as HorizontalPodAutoscalerBehavior,
      demand,
      durationSeconds: t + 600,
      usage: { memory: (load: number) => (100 + 0.2 * load) * 1024 * 1024 },
      startupSeconds: s.startup,
      readinessSeconds: s.readiness,
      seed: s.seed,
      recordEverySeconds: 15,
      target: s.target,
    };
  });

/**
 * metrics-server's schedule: with a resolution longer than the sync period, or another offset, syncs read pods
 * that changed (started, turned Ready) since the items they read were scraped.
 */
const scrapes = fc
  .constantFrom(15, 30, 60)
  .chain((resolution) =>
    fc.record({ resolution: fc.constant(resolution), offset: fc.integer({ min: 0, max: resolution - 1 }) }),
  );

function inputsOf(o: ScenarioOptions, s: { resolution: number; offset: number }): RunInputs {
  const inputs = makeRunInputs(o);
  return {
    ...inputs,
    metricsPipeline: {
      ...inputs.metricsPipeline,
      resourceResolutionSeconds: s.resolution,
      resourceOffsetSeconds: s.offset,
    },
  };
}

describe("skipping repeated HPA syncs", () => {
  it("changes nothing: byte-identical JSON with and without the shortcut", () => {
    const deferredBefore = ControllerMemory.deferredSyncs;
    const quietBefore = quietStats.moments;
    fc.assert(
      fc.property(scenario, scrapes, (o, s) => {
        const fast = JSON.stringify(simulate(inputsOf(o, s)));
        const full = JSON.stringify(simulate(inputsOf(o, s), { syncShortcut: false }));
        expect(fast).toBe(full);
      }),
      { numRuns: 150 },
    );
    expect(ControllerMemory.deferredSyncs - deferredBefore).toBeGreaterThan(100);
    // and moments the quiet stretches ran (quiet-stretch.ts), each checked by verify-shortcuts.ts
    expect(quietStats.moments - quietBefore).toBeGreaterThan(1000);
  });

  it("writing deferred records every few syncs (as a long flat stretch does) changes nothing", () => {
    // a flat stretch writes its deferred records every ControllerMemory.flushEvery syncs, so that a 10-year replay
    // keeps no number per sync; here every 2, each write checked against the syncs one by one (verify-shortcuts.ts)
    const flushEvery = ControllerMemory.flushEvery;
    const deferredBefore = ControllerMemory.deferredSyncs;
    ControllerMemory.flushEvery = 2;
    try {
      fc.assert(
        fc.property(scenario, scrapes, (o, s) => {
          const fast = JSON.stringify(simulate(inputsOf(o, s)));
          const full = JSON.stringify(simulate(inputsOf(o, s), { syncShortcut: false }));
          expect(fast).toBe(full);
        }),
        { numRuns: 60 },
      );
    } finally {
      ControllerMemory.flushEvery = flushEvery;
    }
    expect(ControllerMemory.deferredSyncs - deferredBefore).toBeGreaterThan(100);
  });
});
