/**
 * Histogram shortcuts give what the general code gives: the shared empty histogram equals a fresh one,
 * and scaling a histogram with the empty markers (returned as it is when nothing changes) equals
 * scaling a copy.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addSample,
  type Histogram,
  newHistogram,
  scaleHistogram,
  scaleHistogramInPlace,
  thawHistogram,
} from "../../src/vpa/histogram.js";
import { CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS } from "../../src/vpa/histogram-options.js";

/** scaleHistogram without any shortcut. */
function scaledCopy(h: Histogram, factor: number): Histogram {
  const out = thawHistogram(h);
  scaleHistogramInPlace(out, factor);
  return out;
}

/** Same fields, numbers compared with Object.is (so -0, NaN and weights bit for bit). */
function expectSame(a: Histogram, b: Histogram): void {
  expect(a.options).toBe(b.options);
  expect([a.minBucket, a.maxBucket]).toEqual([b.minBucket, b.maxBucket]);
  expect(Object.is(a.totalWeight, b.totalWeight)).toBe(true);
  expect(a.bucketWeight.length).toBe(b.bucketWeight.length);
  expect(a.bucketWeight.every((w, i) => Object.is(w, b.bucketWeight[i]))).toBe(true);
}

const options = fc.constantFrom(CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS);
const factor = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.5, 2, Number.POSITIVE_INFINITY, Number.NaN, Number.MIN_VALUE),
  fc.double({ min: 0, max: 1e6 }),
);

describe("histogram shortcuts", () => {
  it("the shared empty histogram equals a fresh one and is never changed by use", () => {
    for (const o of [CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS]) {
      const h = newHistogram(o);
      addSample(h, 1, 2);
      scaleHistogram(addSample(h, 3, 1), 0.5);
      expect(newHistogram(o)).toBe(h);
      expectSame(h, {
        options: o,
        bucketWeight: new Array<number>(o.numBuckets).fill(0),
        totalWeight: 0,
        minBucket: o.numBuckets - 1,
        maxBucket: 0,
      });
    }
  });

  it("scaling equals scaling a copy, for empty-marker histograms with stray weights and totals too", () => {
    const histogram = fc
      .tuple(
        options,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1e-3 })), { maxLength: 4 }),
        fc.constantFrom(0, -0, 1e-9, 5, Number.NaN),
        fc.boolean(),
      )
      .map(([o, stray, totalWeight, markers]): Histogram => {
        const bucketWeight = new Array<number>(o.numBuckets).fill(0);
        for (const [b, w] of stray) bucketWeight[b % o.numBuckets] = w;
        const minBucket = markers ? o.numBuckets - 1 : 3;
        return { options: o, bucketWeight, totalWeight, minBucket, maxBucket: markers ? 0 : 2 };
      });
    fc.assert(
      fc.property(histogram, factor, (h, f) => expectSame(scaleHistogram(h, f), scaledCopy(h, f))),
      { numRuns: 2000 },
    );
    for (const o of [CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS]) {
      const full = addSample(addSample(newHistogram(o), 0.5, 1), 3, 2);
      for (const f of [0, 0.25, 1, 3]) expectSame(scaleHistogram(full, f), scaledCopy(full, f));
    }
  });
});
