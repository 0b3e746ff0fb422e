/**
 * calibrate --robust (robust-fit.ts): Huber's fit by reweighted least squares recovers the model through outlying
 * samples that pull least squares away, and agrees with least squares on clean data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitUsageRobust } from "../../src/calibrate/robust-fit.js";
import { fitUsage, type UsagePoint } from "../../src/calibrate/usage-fit.js";

/** Samples of `base * pods + perLoad * load` over a day-like sweep of pods and load. */
function samples(base: number, perLoad: number, n: number): UsagePoint[] {
  return Array.from({ length: n }, (_, i) => {
    const pods = 2 + (i % 7);
    const load = pods * (10 + ((i * 37) % 50));
    return { pods, load, usage: base * pods + perLoad * load };
  });
}

describe("fitUsageRobust", () => {
  it("a few garbage-collection spikes: least squares is pulled off, Huber is not", () => {
    const clean = samples(0.02, 0.004, 200);
    // every 20th sample triples (10 of 200)
    const spiked = clean.map((p, i) => (i % 20 === 0 ? { ...p, usage: p.usage * 3 } : p));
    const ols = fitUsage(spiked);
    const huber = fitUsageRobust(spiked);
    expect(Math.abs(ols.perLoad - 0.004) / 0.004).toBeGreaterThan(0.03); // 3.9% off
    expect(huber.base).toBeCloseTo(0.02, 8);
    expect(huber.perLoad).toBeCloseTo(0.004, 9);
    expect(huber.method).toBe("huber");
    expect(huber.downWeighted).toBe(10);
    expect(ols).toMatchObject({ method: "least-squares", downWeighted: 0 });
  });

  it("clean samples: the same line as least squares", () => {
    const clean = samples(0.05, 0.002, 100);
    const huber = fitUsageRobust(clean);
    expect(huber.base).toBeCloseTo(0.05, 10);
    expect(huber.perLoad).toBeCloseTo(0.002, 10);
  });

  it("property: up to a fifth of the samples scaled by 2 to 10 leaves the model recovered", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.0001, max: 0.05, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 20 }),
        fc.double({ min: 2, max: 10, noNaN: true }),
        (base, perLoad, outliers, factor) => {
          const points = samples(base, perLoad, 100).map((p, i) =>
            outliers.includes(i) ? { ...p, usage: p.usage * factor } : p,
          );
          const f = fitUsageRobust(points);
          expect(Math.abs(f.base - base) / base).toBeLessThan(1e-6);
          expect(Math.abs(f.perLoad - perLoad) / perLoad).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 100 },
    );
  });
});
