/** The replay's main exactness check: jumping between the moments where something can change equals visiting every second. */
import { expect } from "vitest";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";

/**
 * Replays `inputs` jumping and visiting every second: the same timeline (byte for byte), events and cluster summary
 * (the float metric means of the summary differ in summation order only, so they are not compared).
 */
export function expectJumpEqualsEverySecond(inputs: RunInputs): void {
  const a = simulate(inputs);
  const b = simulate(inputs, { everySecond: true });
  expect(JSON.stringify(a.timeline)).toBe(JSON.stringify(b.timeline));
  expect(a.events).toEqual(b.events);
  expect(a.summary.cluster).toEqual(b.summary.cluster);
}
