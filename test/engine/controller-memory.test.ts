/**
 * ControllerMemory defers the stabilization of repeated syncs while hpa/repeat-stabilization.ts quietRepeatBound
 * holds. Property: for any history, windows (with and without behavior), normalization and run of sync times, every
 * `restabilize` answers what restabilizeRepeat one by one answers, and the state read at any point is the one the
 * syncs one by one leave. The verification switch is turned off here, so the memory's own deferral is what is
 * compared.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ControllerMemory } from "../../src/engine/controller-memory.js";
import type { HorizontalPodAutoscalerSpec } from "../../src/hpa/api-types.js";
import { DEFAULT_CONTROLLER_SETTINGS } from "../../src/hpa/config.js";
import { quietRepeatBound, restabilizeRepeat } from "../../src/hpa/repeat-stabilization.js";
import type { ControllerState, TimestampedRecommendation } from "../../src/hpa/types.js";

const T0 = 100_000;

const arbCase = fc.record({
  behavior: fc.option(
    fc.record({
      up: fc.integer({ min: 0, max: 120 }),
      down: fc.integer({ min: 0, max: 600 }),
    }),
    { nil: undefined },
  ),
  window: fc.integer({ min: 0, max: 600 }),
  // entries at or before T0 (replicas 1..8)
  history: fc.array(
    fc.record({ replicas: fc.integer({ min: 1, max: 8 }), age: fc.integer({ min: 0, max: 900 }) }),
    { maxLength: 30 },
  ),
  current: fc.integer({ min: 1, max: 8 }),
  proposal: fc.integer({ min: 1, max: 8 }),
  // gaps between the syncs after T0, and where the state is read in between
  gaps: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 80 }),
  reads: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
});

function specOf(behavior: { up: number; down: number } | undefined): HorizontalPodAutoscalerSpec {
  const spec: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    minReplicas: 1,
    maxReplicas: 10,
  };
  if (behavior !== undefined)
    spec.behavior = {
      scaleUp: { stabilizationWindowSeconds: behavior.up },
      scaleDown: { stabilizationWindowSeconds: behavior.down },
    };
  return spec;
}

describe("ControllerMemory", () => {
  const verify = ControllerMemory.verify;
  beforeAll(() => {
    ControllerMemory.verify = false;
  });
  afterAll(() => {
    ControllerMemory.verify = verify;
  });

  it("answers and remembers what restabilizeRepeat one by one does", () => {
    let deferredRuns = 0;
    fc.assert(
      fc.property(arbCase, (c) => {
        const spec = specOf(c.behavior);
        const settings = { ...DEFAULT_CONTROLLER_SETTINGS, downscaleStabilizationWindowSeconds: c.window };
        const history: TimestampedRecommendation[] = c.history.map((h) => ({
          replicas: h.replicas,
          timestamp: T0 - h.age,
        }));
        const initial: ControllerState = { recommendations: history, scaleUpEvents: [], scaleDownEvents: [] };
        // the stabilized value a sync at T0 gets, so that the first restabilize can pass
        const n = {
          current: c.current,
          proposal: c.proposal,
          stabilized: stabilizedAt(spec, settings, initial, c),
        };
        const memory = new ControllerMemory(spec);
        memory.state = initial;
        let expected: ControllerState = initial;
        let t = T0;
        let passes = 0;
        c.gaps.forEach((gap, i) => {
          const want = restabilizeRepeat(spec, settings, t, expected, n);
          expect(memory.restabilize(t, settings, n)).toBe(want !== undefined);
          if (want !== undefined) {
            expected = want;
            passes++;
          }
          if (c.reads[i] === true) expect(memory.state).toEqual(expected);
          t += gap;
        });
        expect(memory.state).toEqual(expected);
        if (passes > 1 && quietRepeatBound(spec, settings, expected, n)(t)) deferredRuns++;
      }),
      { numRuns: 400 },
    );
    // the generator reaches runs where later syncs were deferred
    expect(deferredRuns).toBeGreaterThan(20);
  });
});

/** The stabilized value of a sync at T0 on the initial history (what the previous repeat normalized). */
function stabilizedAt(
  spec: HorizontalPodAutoscalerSpec,
  settings: typeof DEFAULT_CONTROLLER_SETTINGS,
  state: ControllerState,
  c: { current: number; proposal: number },
): number {
  for (let s = 1; s <= 10; s++)
    if (
      restabilizeRepeat(spec, settings, T0, state, {
        current: c.current,
        proposal: c.proposal,
        stabilized: s,
      })
    )
      return s;
  return c.current;
}
