/** fast-check arbitraries shared by the replay's property tests. */
import fc from "fast-check";
import type { HorizontalPodAutoscalerBehavior } from "../../src/hpa/api-types.js";

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
