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
  MetricSpec,
} from "../../src/hpa/api-types.js";
import { reconcileAutoscaler, type SyncResult } from "../../src/hpa/controller.js";
import { repeatSync } from "../../src/hpa/repeat-sync.js";
import type { ControllerState, PodInfo, PodResourceMetrics, SyncInput } from "../../src/hpa/types.js";
import { arbMaybeBehavior } from "./arbitraries.js";
import {
  cpuUtilizationMetric,
  FRESH_STATE,
  MI,
  makeHpa,
  makePod,
  makeSyncInput,
  NOW,
  serialize,
} from "./builders.js";

/**
 * One usage list per level (milli-CPU and MiB of memory of the app container), shared like metrics-server shares
 * equal usage. With the memory metric too, some levels make memory the metric that decides.
 */
const LEVELS = (
  [
    [50n, 128n],
    [90n, 128n],
    [100n, 128n],
    [110n, 128n],
    [160n, 128n],
    [400n, 128n],
    [100n, 300n],
    [50n, 300n],
    [160n, 200n],
  ] as const
).map(([cpu, mem]) => [
  { name: "app", usage: { cpu, memory: mem * MI } },
  { name: "sidecar", usage: { cpu: 100n, memory: 32n * MI } },
]);

const MEMORY: MetricSpec = {
  type: "Resource",
  resource: { name: "memory", target: { type: "AverageValue", averageValue: "200Mi" } },
};

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
  withMemory = false,
): Outcome {
  const metrics = withMemory ? [cpuUtilizationMetric(50), MEMORY] : [cpuUtilizationMetric(50)];
  const spec = makeHpa({ minReplicas: 1, maxReplicas, behavior, metrics }).spec;
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
      state = rep.state; // the replay keeps the last full result, and hands back the status the repeat returned
      status = rep.status;
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
  it("answers only with what the full reconcile decides (random behaviors, CPU or CPU and memory, usage runs, pods added)", () => {
    let repeats = 0;
    fc.assert(
      fc.property(
        arbMaybeBehavior,
        fc.integer({ min: 3, max: 12 }),
        arbSteps,
        fc.boolean(),
        (behavior, max, steps, mem) => {
          const o = drive(behavior, max, steps, mem);
          repeats += o.repeats;
          expect(o.mismatches).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
    // the property is not vacuous: many syncs were answered without running
    expect(repeats).toBeGreaterThan(1000);
  });

  it("answers while the decision holds, through new usage and new pods, and stops when it changes", () => {
    // 3 pods at 100m + 100m of 300m requested = 66.7 % against 50 %: sync 0 scales 3 -> 4 (full); sync 1 sees
    // spec.replicas 4 (ceil(1.333 * 3) = 4, no change: full, as the previous sync rescaled). Syncs 2-4 repeat
    // it; sync 5: 50m + 100m = 50 % (new usage: within tolerance -> 4, the same decision and conditions); 6-8
    // too; sync 9 a fourth pod (50 % -> 4); 10 too. Sync 11: 400m + 100m = 167 %, ratio 3.33 -> ceil(3.33 * 4)
    // = 14, held to the legacy scale-up limit max(2 * 4, 4) = 8 (full, rescaled); sync 12: 14 -> 10 (maxReplicas,
    // full); sync 13: 14 -> 10 = current, no rescale (full, after a rescale); 14 and 15 repeat it.
    const steps: Step[] = [
      ...Array.from({ length: 5 }, () => ({ level: 2, addPod: "none" as const })),
      ...Array.from({ length: 4 }, () => ({ level: 0, addPod: "none" as const })),
      { level: 0, addPod: "ready" },
      { level: 0, addPod: "none" },
      ...Array.from({ length: 5 }, () => ({ level: 5, addPod: "none" as const })),
    ];
    const o = drive(undefined, 10, steps);
    expect(o.mismatches).toEqual([]);
    expect(o.repeated).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15]);
  });

  it("never answers after a rescale, nor on a status that is not the one the previous sync returned", () => {
    const hpa = makeHpa();
    const first = reconcileAutoscaler(makeSyncInput({ hpa }), FRESH_STATE);
    expect(first.scaleUpdated).toBe(true); // 200m of 300m per pod at a 50 % target: 3 -> 4
    const after = makeSyncInput({ hpa: { ...hpa, status: first.status }, replicas: 4, now: NOW + 15 });
    expect(repeatSync(after, first.state, first)).toBeUndefined();
    // a steady full sync, then the same input with a copied conditions list: no proof
    const second = reconcileAutoscaler(after, first.state);
    expect(second.scaleUpdated).toBe(false);
    const input = (status: typeof second.status) =>
      makeSyncInput({ hpa: { ...hpa, status }, replicas: 4, now: NOW + 30 });
    expect(repeatSync(input(second.status), second.state, second)).toBeDefined();
    const copied = { ...second.status, conditions: [...(second.status.conditions ?? [])] };
    expect(repeatSync(input(copied), second.state, second)).toBeUndefined();
  });
});
