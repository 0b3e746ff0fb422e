/**
 * Invariants of a StatefulSet's replay for random scenarios (random HPA behavior, demand steps, delays, grace
 * period, minReadySeconds, policy), read at every HPA sync from the pods the HPA lists:
 * - names are identities: no two listed pods share a name, whatever the policy; the scale's status.replicas
 *   counts them all, terminating ones included;
 * - OrderedReady: the pods not being deleted are exactly web-0..web-(k-1), at most one of them is not Ready,
 *   and at most one pod is terminating;
 * - the replay is the same jumping between moments and visiting every second, and with and without the sync
 *   shortcuts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WorkloadTarget } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import type { PodInfo } from "../../src/hpa/types.js";
import { arbReplayScenario } from "./arbitraries.js";
import { makeRunInputs, type ScenarioOptions } from "./builders.js";

const statefulSet = fc.record({
  kind: fc.constant("StatefulSet" as const),
  podManagementPolicy: fc.constantFrom("OrderedReady" as const, "Parallel" as const),
  terminationGracePeriodSeconds: fc.constantFrom(0, 5, 30, 45),
  minReadySeconds: fc.constantFrom(0, 0, 7, 20),
}) satisfies fc.Arbitrary<Partial<WorkloadTarget>>;

const scenario: fc.Arbitrary<ScenarioOptions> = fc
  .tuple(arbReplayScenario, statefulSet)
  .map(([o, target]) => ({ ...o, target }));

const ready = (p: PodInfo) => p.phase === "Running" && p.ready?.status === "True";

describe("StatefulSet replay invariants", () => {
  it("lists each pod name once; OrderedReady keeps web-0..web-(k-1), at most one not Ready, one terminating", () => {
    let ordered = 0;
    fc.assert(
      fc.property(scenario, (o) => {
        const bad: string[] = [];
        const orderedReady = o.target?.podManagementPolicy === "OrderedReady";
        if (orderedReady) ordered++;
        simulate(makeRunInputs(o), {
          onSync: (input) => {
            const names = input.pods.map((p) => p.name);
            // status.replicas counts every pod that exists, terminating ones too (computeReplicaStatus)
            if (input.scaleTarget.statusReplicas !== names.length) bad.push(`${input.now}: status.replicas`);
            if (new Set(names).size !== names.length) bad.push(`${input.now}: duplicate names ${names}`);
            if (!orderedReady) return;
            const live = input.pods.filter((p) => !p.deleted);
            const expected = live.map((_, i) => `web-${i}`).sort();
            if (JSON.stringify(live.map((p) => p.name).sort()) !== JSON.stringify(expected))
              bad.push(`${input.now}: not contiguous ${live.map((p) => p.name)}`);
            if (live.filter((p) => !ready(p)).length > 1) bad.push(`${input.now}: several pods not Ready`);
            if (input.pods.length - live.length > 1) bad.push(`${input.now}: several pods terminating`);
          },
        });
        expect(bad).toEqual([]);
      }),
      { numRuns: 60 },
    );
    expect(ordered).toBeGreaterThan(10);
  });

  it("is the same jumping between moments and visiting every second", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        const jump = simulate(makeRunInputs(o));
        const each = simulate(makeRunInputs(o), { everySecond: true });
        expect(jump.events).toEqual(each.events);
        expect(jump.timeline).toEqual(each.timeline);
      }),
      { numRuns: 25 },
    );
  });

  it("is the same with every HPA sync run in full", () => {
    fc.assert(
      fc.property(scenario, (o) => {
        const fast = JSON.stringify(simulate(makeRunInputs(o)));
        const full = JSON.stringify(simulate(makeRunInputs(o), { syncShortcut: false }));
        expect(fast).toBe(full);
      }),
      { numRuns: 25 },
    );
  });
});
