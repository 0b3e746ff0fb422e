/**
 * repeat-sync.ts answers a sync without running it when it provably repeats the previous one. Each test drives a
 * sequence of syncs the way the replay does (one HPA, the status of the last full sync handed back, one pods
 * array while no pod changes, one usage list per distinct usage) and, whenever repeatSync answers, runs the full
 * reconcile on the same input and state and requires the same status, state, no events and no rescale.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerStatus,
} from "../../src/hpa/api-types.js";
import { reconcileAutoscaler, type SyncResult } from "../../src/hpa/controller.js";
import { repeatSync } from "../../src/hpa/repeat-sync.js";
import type { ControllerState, PodInfo, PodResourceMetrics, SyncInput } from "../../src/hpa/types.js";
import { arbMaybeBehavior } from "./arbitraries.js";
import { FRESH_STATE, MI, makeHpa, makePod, makeSyncInput, NOW, serialize } from "./builders.js";

/** One usage list per CPU level (milli per app container), shared like metrics-server shares equal usage. */
const LEVELS = [50n, 90n, 100n, 110n, 160n, 400n].map((cpu) => [
  { name: "app", usage: { cpu, memory: 128n * MI } },
  { name: "sidecar", usage: { cpu: 100n, memory: 32n * MI } },
]);

interface Step {
  /** Index into LEVELS of this sync's usage. */
  readonly level: number;
  /** Add a pod before this sync (a new pods array, the new pod Ready at once or starting). */
  readonly addPod: "none" | "ready" | "young";
}

const arbStep: fc.Arbitrary<Step> = fc.record({
  level: fc.integer({ min: 0, max: LEVELS.length - 1 }),
  addPod: fc.constantFrom("none", "none", "none", "none", "none", "ready", "young"),
});

/** Long runs of one level (so syncs repeat) with changes now and then. */
const arbSteps: fc.Arbitrary<Step[]> = fc
  .array(fc.tuple(arbStep, fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 12 })
  .map((runs) =>
    runs.flatMap(([s, n]) => [
      s,
      ...Array.from({ length: n - 1 }, () => ({ ...s, addPod: "none" as const })),
    ]),
  );

interface Outcome {
  readonly repeats: number;
  /** The syncs answered without running. */
  readonly repeated: number[];
  readonly mismatches: string[];
}

/** Runs the syncs 15 s apart as the replay does; at each repeat answered, compares with the full reconcile. */
function drive(
  behavior: HorizontalPodAutoscalerBehavior | undefined,
  maxReplicas: number,
  steps: Step[],
): Outcome {
  const spec = makeHpa({ minReplicas: 1, maxReplicas, behavior }).spec;
  let pods: PodInfo[] = [makePod("web-0"), makePod("web-1"), makePod("web-2")];
  let status: HorizontalPodAutoscalerStatus = { currentReplicas: 3, desiredReplicas: 3, conditions: [] };
  let state: ControllerState = FRESH_STATE;
  let last: SyncResult | null = null;
  let replicas = 3;
  let repeats = 0;
  const repeated: number[] = [];
  const mismatches: string[] = [];
  steps.forEach((s, i) => {
    const now = NOW + 15 * i;
    if (s.addPod !== "none") {
      const young = s.addPod === "young";
      pods = [
        ...pods,
        makePod(`web-${pods.length}`, {
          startTime: young ? now - 20 : now - 3600,
          ready: { status: "True", lastTransitionTime: young ? now - 5 : now - 3500 },
        }),
      ];
    }
    const list = LEVELS[s.level] as PodResourceMetrics["containers"];
    const items = pods.map((p) => ({ pod: p.name, timestamp: now - 5, windowSeconds: 15, containers: list }));
    const input: SyncInput = makeSyncInput({
      now,
      hpa: { metadata: { name: "web", namespace: "default" }, spec, status },
      pods,
      replicas,
      scaleTarget: { specReplicas: replicas, statusReplicas: pods.length, selector: "app=web" },
      metrics: { resourceMetrics: items, podsMetrics: {}, objectMetrics: [], externalMetrics: {} },
    });
    const rep = last === null ? undefined : repeatSync(input, state, last);
    const full = reconcileAutoscaler(input, state);
    if (rep !== undefined) {
      repeats++;
      repeated.push(i);
      if (full.scaleUpdated || full.events.length > 0) mismatches.push(`sync ${i}: the full sync acted`);
      if (serialize(rep.status) !== serialize(full.status)) mismatches.push(`sync ${i}: status differs`);
      if (serialize(rep.state) !== serialize(full.state)) mismatches.push(`sync ${i}: state differs`);
      state = rep.state; // the replay keeps the last full result and its status object
    } else {
      last = full;
      status = full.status;
      state = full.state;
      replicas = full.replicas;
    }
  });
  return { repeats, repeated, mismatches };
}

describe("repeatSync", () => {
  it("answers only with what the full reconcile decides (random behaviors, usage runs, pods added)", () => {
    let repeats = 0;
    fc.assert(
      fc.property(arbMaybeBehavior, fc.integer({ min: 3, max: 12 }), arbSteps, (behavior, max, steps) => {
        const o = drive(behavior, max, steps);
        repeats += o.repeats;
        expect(o.mismatches).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // the property is not vacuous: many syncs were answered without running
    expect(repeats).toBeGreaterThan(1000);
  });

  it("repeats a steady sync and stops at a change of usage or of pods", () => {
    // 3 pods at 100m + 100m of 300m requested = 66.7 % against 50 %: sync 0 scales 3 -> 4 (full); sync 1 sees
    // spec.replicas 4 (a new read set: full, ceil(1.333 * 3) = 4, no change); syncs 2-4 repeat it (the
    // recommendations 3, 4, 4, ... stabilize to 4). Sync 5: 50m + 100m = 50 % (new usage lists: full, within
    // tolerance -> 4); 6-8 repeat. Sync 9: a fourth pod (a new pods array: full, 50 % -> 4); 10 repeats.
    const steps: Step[] = [
      ...Array.from({ length: 5 }, () => ({ level: 2, addPod: "none" as const })),
      ...Array.from({ length: 4 }, () => ({ level: 0, addPod: "none" as const })),
      { level: 0, addPod: "ready" },
      { level: 0, addPod: "none" },
    ];
    const o = drive(undefined, 10, steps);
    expect(o.mismatches).toEqual([]);
    expect(o.repeated).toEqual([2, 3, 4, 6, 7, 8, 10]);
  });

  it("never answers for a sync whose metrics changed, even when the decision would be the same", () => {
    const hpa = makeHpa();
    const first = reconcileAutoscaler(makeSyncInput({ hpa }), FRESH_STATE);
    expect(first.scaleUpdated).toBe(true); // 200m of 300m per pod at a 50 % target: 3 -> 4
    const steady = makeSyncInput({ hpa: { ...hpa, status: first.status }, replicas: 4, now: NOW + 15 });
    // the status is not the one the previous full sync returned (a copy): no proof
    expect(repeatSync(steady, first.state, first)).toBeUndefined();
  });
});
