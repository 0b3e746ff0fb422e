/** fast-check arbitraries shared by the replay's property tests. */
import fc from "fast-check";
import type { HorizontalPodAutoscalerBehavior } from "../../src/hpa/api-types.js";
import type { ScenarioOptions } from "./builders.js";

const policy = fc.record({
  type: fc.constantFrom("Pods" as const, "Percent" as const),
  value: fc.integer({ min: 1, max: 200 }),
  periodSeconds: fc.integer({ min: 1, max: 600 }),
});
const rules = fc.record(
  {
    stabilizationWindowSeconds: fc.integer({ min: 0, max: 600 }),
    selectPolicy: fc.constantFrom("Max" as const, "Min" as const),
    policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** No behavior (the legacy path), or random scaleUp/scaleDown rules with 1-3 policies each. */
export const arbReplayBehavior: fc.Arbitrary<HorizontalPodAutoscalerBehavior | undefined> = fc.option(
  fc.record({ scaleUp: rules, scaleDown: rules }, { requiredKeys: [] }),
  { nil: undefined },
);

/**
 * A random replay of the builders' workload: bounds, start count, a step demand over 40 minutes, a behavior,
 * a per-pod capacity, start-up and readiness delays, seed and recording period.
 */
export const arbReplayScenario: fc.Arbitrary<ScenarioOptions> = fc
  .record({
    min: fc.integer({ min: 1, max: 5 }),
    span: fc.integer({ min: 0, max: 15 }),
    start: fc.integer({ min: 0, max: 20 }),
    steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 2400 }), fc.integer({ min: 0, max: 2000 })), {
      minLength: 1,
      maxLength: 8,
    }),
    behavior: arbReplayBehavior,
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
