/**
 * Invariants of the replay for random scenarios: load conservation, replicas within [min, max], determinism
 * (byte-identical JSON), and jumping between moments of change = visiting every second.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";

import { arbReplayBehavior } from "./arbitraries.js";
import { makeRunInputs, type ScenarioOptions } from "./builders.js";

const behavior = arbReplayBehavior;

const scenario: fc.Arbitrary<ScenarioOptions> = fc
  .record({
    min: fc.integer({ min: 1, max: 5 }),
    span: fc.integer({ min: 0, max: 15 }),
    start: fc.integer({ min: 0, max: 20 }),
    steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 2400 }), fc.integer({ min: 0, max: 2000 })), {
      minLength: 1,
      maxLength: 8,
    }),
    behavior,
    maxLoad: fc.option(fc.integer({ min: 10, max: 200 }), { nil: null }),
    startup: fc.integer({ min: 0, max: 40 }),
    readiness: fc.integer({ min: 0, max: 40 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    record: fc.constantFrom(1, 7, 15, 60),
  })
  .map((s) => {
    const max = s.min + s.span;
    const demand: [number, number][] = [[0, s.steps[0]?.[1] ?? 0]];
    for (const [t, v] of [...s.steps].sort((a, b) => a[0] - b[0]))
      if (t > (demand.at(-1)?.[0] ?? 0)) demand.push([t, v]);
    return {
      minReplicas: s.min,
      maxReplicas: max,
      replicas: Math.min(max, Math.max(s.min, s.start)),
      demand,
      durationSeconds: 2700,
      behavior: s.behavior,
      usage: { maxLoadPerPod: s.maxLoad },
      startupSeconds: s.startup,
      readinessSeconds: s.readiness,
      seed: s.seed,
      recordEverySeconds: s.record,
    } as ScenarioOptions;
  });

describe("replay invariants", () => {
  it("conserves load: served + unserved = demand at every recorded step", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        const r = simulate(makeRunInputs({ ...o, recordEverySeconds: 1 }));
        const bad = r.timeline.filter(
          (row) =>
            row.served < 0 ||
            row.unserved < 0 ||
            Math.abs(row.served + row.unserved - row.demand) > 1e-9 * Math.max(1, row.demand),
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("keeps spec.replicas within [minReplicas, maxReplicas] at every step", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        const r = simulate(makeRunInputs(o));
        const bad = r.timeline.filter(
          (row) =>
            row.replicas < (o.minReplicas as number) ||
            row.replicas > (o.maxReplicas as number) ||
            row.readyReplicas + row.pendingPods + row.startingPods > row.replicas,
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("is deterministic: the same input and seed give byte-identical JSON", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        expect(JSON.stringify(simulate(makeRunInputs(o)))).toBe(JSON.stringify(simulate(makeRunInputs(o))));
      }),
      { numRuns: 15 },
    );
  });

  it("jumping between moments of change gives the same result as visiting every second", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        const jump = simulate(makeRunInputs(o));
        const each = simulate(makeRunInputs(o), { everySecond: true });
        expect(jump.events).toEqual(each.events);
        expect(jump.conditions).toEqual(each.conditions);
        expect(jump.timeline).toEqual(each.timeline);
        expect(jump.summary.replicaHours).toBeCloseTo(each.summary.replicaHours, 9);
        expect(jump.summary.metrics.map((m) => m.secondsAboveTarget)).toEqual(
          each.summary.metrics.map((m) => m.secondsAboveTarget),
        );
      }),
      { numRuns: 25 },
    );
  });
});
