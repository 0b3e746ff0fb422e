/**
 * The HPA core's shortcuts give what the plain rules give: the float64 utilization path (exact below 2^52,
 * else the int64 path), conditions kept as the same object only when a rebuild would be identical.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HPACondition } from "../../src/hpa/api-types.js";
import { setConditionInPlace } from "../../src/hpa/conditions.js";
import { getResourceUtilizationRatio } from "../../src/hpa/usage-ratio.js";

/** utilization.go GetResourceUtilizationRatio with int64 / int32 wrap, written straight from upstream. */
function reference(values: bigint[], requests: bigint[], target: number) {
  let m = 0n;
  let r = 0n;
  for (let i = 0; i < values.length; i++) {
    m = BigInt.asIntN(64, m + (values[i] as bigint));
    r = BigInt.asIntN(64, r + (requests[i] as bigint));
  }
  const utilization = Number(BigInt.asIntN(32, BigInt.asIntN(64, m * 100n) / r));
  return { usageRatio: utilization / target, utilization, rawAverage: m / BigInt(values.length) };
}

function run(values: bigint[], requests: bigint[], target: number) {
  const metrics = new Map(values.map((v, i) => [`p${i}`, { value: v }]));
  const reqs = new Map(requests.map((r, i) => [`p${i}`, r]));
  return getResourceUtilizationRatio(metrics, reqs, target);
}

const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 5000n }),
  fc.bigInt({ min: 0n, max: 2n ** 53n }),
  fc.bigInt({ min: 2n ** 49n - 10n, max: 2n ** 51n }),
  fc.bigInt({ min: 2n ** 62n, max: 2n ** 63n - 1n }),
  fc.bigInt({ min: -(2n ** 40n), max: -1n }),
);

describe("utilization ratio", () => {
  it("equals the int64 rules for small, boundary, wrapping and negative amounts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 200 }),
        (pairs, target) => {
          const values = pairs.map((p) => p[0]);
          const requests = pairs.map((p) => p[1]);
          const ref = (() => {
            try {
              return reference(values, requests, target);
            } catch {
              return "error";
            }
          })();
          if (ref === "error" || requests.reduce((a, b) => BigInt.asIntN(64, a + b), 0n) === 0n) {
            expect(() => run(values, requests, target)).toThrow();
            return;
          }
          expect(run(values, requests, target)).toEqual(ref);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("at the edge of the float64 path: 2^52 / 100 of usage", () => {
    const edge = 2n ** 52n / 100n;
    for (const v of [edge - 1n, edge, edge + 1n]) {
      for (const r of [1n, 3n, 2n ** 52n - 1n, 2n ** 52n]) {
        expect(run([v, 7n], [r, 1n], 60)).toEqual(reference([v, 7n], [r, 1n], 60));
      }
    }
  });
});

describe("setConditionInPlace", () => {
  it("keeps an unchanged condition it built as the same object, and rebuilds anything else", () => {
    const list: HPACondition[] = [];
    setConditionInPlace(list, "AbleToScale", "True", "ReadyForNewScale", "ok", 10);
    const first = list[0];
    setConditionInPlace(list, "AbleToScale", "True", "ReadyForNewScale", "ok", 20);
    expect(list[0]).toBe(first);
    expect(list[0]).toEqual({
      type: "AbleToScale",
      status: "True",
      reason: "ReadyForNewScale",
      message: "ok",
      lastTransitionTime: 10,
    });
    setConditionInPlace(list, "AbleToScale", "True", "ScaleDownStabilized", "ok", 30);
    expect(list[0]).not.toBe(first);
    expect(list[0]?.lastTransitionTime).toBe(10);
    setConditionInPlace(list, "AbleToScale", "False", "ScaleDownStabilized", "ok", 40);
    expect(list[0]?.lastTransitionTime).toBe(40);
  });

  it("rebuilds a condition from elsewhere whose keys are in another order or that has more keys", () => {
    const odd = { reason: "R", type: "ScalingActive", status: "True", message: "m", lastTransitionTime: 5 };
    const extra = {
      type: "AbleToScale",
      status: "True",
      reason: "R",
      message: "m",
      lastTransitionTime: 5,
      x: 1,
    };
    const list = [odd, extra as HPACondition] as HPACondition[];
    setConditionInPlace(list, "ScalingActive", "True", "R", "m", 50);
    setConditionInPlace(list, "AbleToScale", "True", "R", "m", 50);
    expect(list[0]).not.toBe(odd);
    expect(list[1]).not.toBe(extra);
    expect(JSON.stringify(list)).toBe(
      JSON.stringify([
        { type: "ScalingActive", status: "True", reason: "R", message: "m", lastTransitionTime: 5 },
        { type: "AbleToScale", status: "True", reason: "R", message: "m", lastTransitionTime: 5 },
      ]),
    );
  });

  it("puts back the prior list's condition when an intermediate update is undone, never a stale one", () => {
    const prior: HPACondition[] = [];
    setConditionInPlace(prior, "AbleToScale", "True", "ReadyForNewScale", "ok", 10);
    const list = prior.slice();
    setConditionInPlace(list, "AbleToScale", "True", "SucceededGetScale", "got", 20, prior);
    setConditionInPlace(list, "AbleToScale", "True", "ReadyForNewScale", "ok", 20, prior);
    expect(list[0]).toBe(prior[0]);
    const flipped = prior.slice();
    setConditionInPlace(flipped, "AbleToScale", "False", "FailedGetScale", "no", 20, prior);
    setConditionInPlace(flipped, "AbleToScale", "True", "ReadyForNewScale", "ok", 20, prior);
    expect(flipped[0]).not.toBe(prior[0]);
    expect(flipped[0]?.lastTransitionTime).toBe(20);
  });
});
