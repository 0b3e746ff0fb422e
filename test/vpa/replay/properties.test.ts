/**
 * Invariants of the replayed VPA (fast-check): the updater never disrupts more running pods than
 * upstream's eviction restriction allows (running - disrupted stays above configured - tolerance, or
 * one pod with a zero tolerance), never touches a group below minReplicas, never evicts or resizes a
 * pod that is not live, and Off / Initial do nothing; every step is deterministic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UpdateMode } from "../../../src/scenario/vpa-manifest-types.js";
import { newVpaRecommenderState, recommenderStep } from "../../../src/vpa/replay/recommender-step.js";
import type { ResizeStatus, VpaPod } from "../../../src/vpa/replay/types.js";
import { newVpaUpdaterState, updaterStep } from "../../../src/vpa/replay/updater-step.js";
import {
  DAY,
  MiB,
  makeContainer,
  makeInput,
  makePod,
  makeRecommendation,
  res,
  snapshot,
  T0,
} from "./builders.js";

const podArb = fc.record({
  phase: fc.constantFrom<"Pending" | "Running">("Running", "Running", "Running", "Pending"),
  scheduled: fc.constantFrom(true, true, true, true, false),
  deleting: fc.constantFrom(false, false, false, true),
  cpu: fc.integer({ min: 50, max: 1000 }),
  started: fc.boolean(),
  resize: fc.constantFrom<ResizeStatus | undefined>(
    undefined,
    undefined,
    undefined,
    "Deferred",
    "Infeasible",
    "InProgress",
    "Error",
  ),
});

const scenarioArb = fc.record({
  pods: fc.array(podArb, { maxLength: 12 }),
  configured: fc.integer({ min: 1, max: 15 }),
  minReplicas: fc.integer({ min: 1, max: 5 }),
  tolerance: fc.double({ min: 0, max: 1, noNaN: true }),
  mode: fc.constantFrom<UpdateMode>("Recreate", "Auto", "InPlaceOrRecreate", "Off", "Initial"),
  target: fc.integer({ min: 50, max: 1000 }),
  spread: fc.integer({ min: 0, max: 300 }),
  age: fc.integer({ min: 0, max: 2 * DAY }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

function podsOf(s: Scenario): VpaPod[] {
  return s.pods.map((p, i) => {
    const { startTime: _, ...base } = makePod(`web-${i}`, {
      phase: p.phase,
      scheduled: p.scheduled,
      deleting: p.deleting,
      containers: [makeContainer({ requests: res(p.cpu, 256 * MiB), limits: res(2 * p.cpu) })],
      ...(p.resize !== undefined ? { resize: p.resize } : {}),
    });
    return p.started ? { ...base, startTime: T0 } : base;
  });
}

function run(s: Scenario) {
  const input = makeInput({
    mode: s.mode,
    minReplicas: s.minReplicas,
    config: { evictionToleranceFraction: s.tolerance },
  });
  const rec = snapshot(
    makeRecommendation(
      { cpu: s.target },
      { cpu: Math.max(0, s.target - s.spread) },
      { cpu: s.target + s.spread },
    ),
  );
  const pods = podsOf(s);
  return {
    pods,
    result: updaterStep(
      input,
      newVpaUpdaterState(),
      { pods, configuredReplicas: s.configured, recommendation: rec },
      T0 + s.age,
    ),
  };
}

describe("updaterStep properties", () => {
  it("never disrupts more running pods than the eviction restriction allows, nor a group below minReplicas", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pods, result } = run(s);
        const live = pods.filter((p) => p.scheduled && !p.deleting);
        const byName = new Map(live.map((p) => [p.name, p]));
        const touched = [...result.evictions.map((e) => e.pod), ...result.resizes.map((r) => r.pod)];
        // only live pods, each at most once
        expect(touched.every((n) => byName.has(n))).toBe(true);
        expect(new Set(touched).size).toBe(touched.length);
        if (s.mode === "Off" || s.mode === "Initial" || live.length < s.minReplicas) {
          expect(touched).toEqual([]);
          return;
        }
        // Pending pods are never resized in place
        expect(result.resizes.every((r) => byName.get(r.pod)?.phase === "Running")).toBe(true);
        const running = live.filter((p) => p.phase === "Running").length;
        const tolerance = Math.trunc(s.configured * s.tolerance);
        const disruptedRunning = touched.filter((n) => byName.get(n)?.phase === "Running").length;
        const zeroToleranceOne = tolerance === 0 && s.configured === running ? 1 : 0;
        const allowed = Math.max(running - (s.configured - tolerance), zeroToleranceOne, 0);
        expect(disruptedRunning).toBeLessThanOrEqual(allowed);
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic: the same input gives the same decisions and state", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const a = run(s).result;
        const b = run(s).result;
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});

describe("recommenderStep properties", () => {
  const usageArb = fc.array(
    fc.record({
      cpu: fc.integer({ min: 0, max: 4000 }),
      memory: fc.integer({ min: 0, max: 4096 }),
      pods: fc.integer({ min: 1, max: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  );

  it("is deterministic, and the target stays within the policy's [minAllowed, maxAllowed]", () => {
    const policy = {
      containerPolicies: [
        { containerName: "app", minAllowed: { cpu: 100 }, maxAllowed: { cpu: 2000, memory: 2048 * MiB } },
      ],
    };
    const input = makeInput({ policy });
    const replay = (usage: { cpu: number; memory: number; pods: number }[]) => {
      let state = newVpaRecommenderState();
      const targets: unknown[] = [];
      usage.forEach((u, i) => {
        const now = T0 + i * 60;
        const pods = Array.from({ length: u.pods }, (_, k) => makePod(`web-${k}`));
        const metrics = pods.map((p) => ({
          pod: p.name,
          timestamp: now,
          windowSeconds: 15,
          containers: [{ name: "app", usage: res(u.cpu, u.memory * MiB) }],
        }));
        const out = recommenderStep(input, state, { pods, metrics, ooms: [] }, now);
        state = out.state;
        targets.push(out.recommendation);
      });
      return targets;
    };
    fc.assert(
      fc.property(usageArb, (usage) => {
        const a = replay(usage);
        expect(replay(usage)).toEqual(a);
        for (const snap of a as { containers: { target: { cpu?: number; memory?: number } }[] }[]) {
          const t = snap.containers[0]?.target;
          expect(t?.cpu).toBeGreaterThanOrEqual(100);
          expect(t?.cpu).toBeLessThanOrEqual(2000);
          expect(t?.memory).toBeLessThanOrEqual(2048 * MiB);
        }
      }),
      { numRuns: 30 },
    );
  });
});
