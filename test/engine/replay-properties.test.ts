/**
 * Invariants of the replay for random scenarios: load conservation, replicas within [min, max], determinism
 * (byte-identical JSON), and jumping between moments of change = visiting every second.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";

import { arbReplayScenario } from "./arbitraries.js";
import { makeRunInputs } from "./builders.js";

const scenario = arbReplayScenario;

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
