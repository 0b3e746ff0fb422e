/** getUpdatePriority's double fast path gives exactly the bigint (int64) answer, near the safe-integer bound too. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EXACT_MILLI,
  getUpdatePriority,
  SAFE_MILLI,
  updatePriorityWith,
} from "../../src/vpa/priority-processor.js";
import type { ContainerRecommendation, PodContainer, Resources } from "../../src/vpa/types.js";

const MAX = Number.MAX_SAFE_INTEGER;
const MEMORY_MAX = Math.floor(MAX / 1000); // the largest byte count whose milli-value is safe

/** Integer amounts, biased to the bounds where doubles stop being exact. */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 4096 }),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.integer({ min: -64, max: 64 }).map((d) => MAX + d),
  fc.integer({ min: -64, max: 64 }).map((d) => Math.floor(MAX / 2) + d),
  fc.integer({ min: -64, max: 64 }).map((d) => MEMORY_MAX + d),
  fc.integer({ min: -64, max: 64 }).map((d) => Math.floor(MEMORY_MAX / 2) + d),
  fc.integer({ min: 1, max: 100 }).map((k) => k * 1e15),
);
const resources: fc.Arbitrary<Resources> = fc.record({ cpu: amount, memory: amount }, { requiredKeys: [] });
const names = fc.subarray(["a", "b", "c"], { minLength: 1 });
const containers: fc.Arbitrary<PodContainer[]> = names.chain((ns) =>
  fc
    .tuple(...ns.map(() => resources))
    .map((rs) => ns.map((name, i) => ({ name, spec: { requests: rs[i] as Resources, limits: {} } }))),
);
const recommendation: fc.Arbitrary<ContainerRecommendation[]> = names.chain((ns) =>
  fc.tuple(...ns.map(() => fc.tuple(resources, resources, resources))).map((rs) =>
    ns.map((containerName, i) => {
      const [target, lowerBound, upperBound] = rs[i] as [Resources, Resources, Resources];
      return { containerName, target, lowerBound, upperBound, uncappedTarget: target };
    }),
  ),
);

describe("getUpdatePriority fast path", () => {
  it("equals the bigint computation (resourceDiff bit for bit), whichever path ran", () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(containers, recommendation, (cs, rec) => {
        runs++;
        const exact = updatePriorityWith(EXACT_MILLI, cs, rec, undefined);
        expect(getUpdatePriority(cs, rec)).toEqual(exact);
        try {
          const withDoubles = updatePriorityWith(SAFE_MILLI, cs, rec, undefined);
          fast++;
          expect(Object.is(withDoubles.resourceDiff, exact.resourceDiff)).toBe(true);
          expect(withDoubles).toEqual(exact);
        } catch (e) {
          if (!(e instanceof Error) || !e.message.includes("safe integers")) throw e;
        }
      }),
      { numRuns: 3000 },
    );
    // Both paths must have been exercised.
    expect(fast).toBeGreaterThan(runs / 20);
    expect(fast).toBeLessThan(runs);
  });

  it("falls back to bigint when a sum passes the bound", () => {
    const cs: PodContainer[] = [
      { name: "a", spec: { requests: { cpu: MAX - 1 }, limits: {} } },
      { name: "b", spec: { requests: { cpu: 4 }, limits: {} } },
    ];
    const rec = (containerName: string, cpu: number): ContainerRecommendation => ({
      containerName,
      target: { cpu },
      lowerBound: {},
      upperBound: {},
      uncappedTarget: { cpu },
    });
    const recs = [rec("a", MAX - 1), rec("b", 1)];
    expect(() => updatePriorityWith(SAFE_MILLI, cs, recs, undefined)).toThrow(/safe integers/);
    expect(getUpdatePriority(cs, recs)).toEqual(updatePriorityWith(EXACT_MILLI, cs, recs, undefined));
  });

  it("keeps bigint's error for an amount that is not an integer", () => {
    const cs: PodContainer[] = [{ name: "a", spec: { requests: { cpu: 1.5 }, limits: {} } }];
    const recs: ContainerRecommendation[] = [
      { containerName: "a", target: { cpu: 1 }, lowerBound: {}, upperBound: {}, uncappedTarget: {} },
    ];
    expect(() => getUpdatePriority(cs, recs)).toThrow(RangeError);
  });
});
