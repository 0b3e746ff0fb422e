/** Property tests of the VPA core: histogram, decay, capping, proportional limits, eviction budget. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyVPAPolicy, getCappedRecommendationForContainer } from "../../src/vpa/capping.js";
import {
  addDecayingSample,
  decayFactor,
  decayingPercentile,
  newDecayingHistogram,
} from "../../src/vpa/decaying-histogram.js";
import { canEvict, evict, getGroupStats, type PodPhase } from "../../src/vpa/eviction-restriction.js";
import {
  addSample,
  isEmptyHistogram,
  loadFromCheckpoint,
  mergeHistograms,
  newHistogram,
  percentile,
  saveToCheckpoint,
} from "../../src/vpa/histogram.js";
import { CPU_HISTOGRAM_OPTIONS, findBucket, getBucketStart } from "../../src/vpa/histogram-options.js";
import {
  getProportionalResourceLimit,
  milliQuantity,
  quantityMilliValue,
} from "../../src/vpa/limit-proportion.js";
import type { ContainerRecommendation } from "../../src/vpa/types.js";
import { T0 } from "./builders.js";

const cores = fc.double({ min: 0, max: 2000, noNaN: true });
const weight = fc.double({ min: 1e-3, max: 100, noNaN: true });
const samples = fc.array(fc.tuple(cores, weight), { minLength: 1, maxLength: 40 });
const p = fc.double({ min: 0, max: 1, noNaN: true });

function build(s: readonly [number, number][]) {
  return s.reduce((h, [v, w]) => addSample(h, v, w), newHistogram(CPU_HISTOGRAM_OPTIONS));
}

describe("histogram properties", () => {
  it("a value lies in the bucket FindBucket names (within the last bit of the boundaries)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (v) => {
        const b = findBucket(CPU_HISTOGRAM_OPTIONS, v);
        expect(getBucketStart(CPU_HISTOGRAM_OPTIONS, b)).toBeLessThanOrEqual(v * (1 + 1e-12));
        expect(v).toBeLessThan(getBucketStart(CPU_HISTOGRAM_OPTIONS, b + 1) * (1 + 1e-12));
      }),
    );
  });

  it("Percentile is monotone in p and answers a bucket boundary", () => {
    fc.assert(
      fc.property(samples, p, p, (s, a, b) => {
        const h = build(s);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(percentile(h, lo)).toBeLessThanOrEqual(percentile(h, hi));
        // The answer is a bucket start; FindBucket of an exact boundary may land one bucket lower (log rounding).
        const q = percentile(h, hi);
        const k = findBucket(CPU_HISTOGRAM_OPTIONS, q);
        const starts = [k, k + 1].filter((i) => i < 176).map((i) => getBucketStart(CPU_HISTOGRAM_OPTIONS, i));
        expect(starts.some((x) => Math.abs(x - q) <= q * 1e-12)).toBe(true);
      }),
    );
  });

  it("Percentile(1) is at least the largest sample (rounded up to its bucket end)", () => {
    fc.assert(
      fc.property(samples, (s) => {
        const max = Math.max(...s.map(([v]) => v));
        const end = percentile(build(s), 1);
        expect(end).toBeGreaterThanOrEqual(
          Math.min(max, getBucketStart(CPU_HISTOGRAM_OPTIONS, 175)) * (1 - 1e-12),
        );
      }),
    );
  });

  it("merge adds total weight and keeps percentiles between the operands'", () => {
    fc.assert(
      fc.property(samples, samples, p, (s1, s2, q) => {
        const m = mergeHistograms(build(s1), build(s2));
        expect(m.totalWeight).toBeCloseTo(build(s1).totalWeight + build(s2).totalWeight, 9);
        const [a, b] = [percentile(build(s1), q), percentile(build(s2), q)];
        expect(percentile(m, q)).toBeGreaterThanOrEqual(Math.min(a, b));
        expect(percentile(m, q)).toBeLessThanOrEqual(Math.max(a, b));
      }),
    );
  });

  it("a saved checkpoint's heaviest bucket is 10000 and loading it keeps a histogram non-empty", () => {
    fc.assert(
      fc.property(samples, (s) => {
        const h = build(s);
        const cp = saveToCheckpoint(h);
        expect(Math.max(...cp.bucketWeights.values())).toBe(10000);
        const loaded = loadFromCheckpoint(newHistogram(CPU_HISTOGRAM_OPTIONS), cp);
        expect("histogram" in loaded && !isEmptyHistogram(loaded.histogram)).toBe(true);
      }),
    );
  });
});

describe("decaying histogram properties", () => {
  const offset = fc.integer({ min: 0, max: 400 * 86400 });
  it("decay factors are positive and finite; newer samples never weigh less", () => {
    fc.assert(
      fc.property(fc.array(offset, { minLength: 1, maxLength: 30 }), (offsets) => {
        let h = newDecayingHistogram(CPU_HISTOGRAM_OPTIONS, 86400);
        for (const o of [...offsets].sort((a, b) => a - b)) {
          const { factor, histogram } = decayFactor(h, T0 + o);
          expect(factor).toBeGreaterThan(0);
          expect(Number.isFinite(factor)).toBe(true);
          const later = decayFactor(histogram, T0 + o + 3600);
          // Comparable only against the same reference (a later time may renormalise first).
          if (later.histogram.referenceTimestamp === histogram.referenceTimestamp) {
            expect(later.factor).toBeGreaterThanOrEqual(factor);
          }
          h = addDecayingSample(histogram, 1, 0.1, T0 + o);
          expect(h.histogram.bucketWeight.every((w) => w >= 0)).toBe(true);
        }
      }),
    );
  });

  it("with one timestamp the decaying percentile equals the plain one", () => {
    fc.assert(
      fc.property(samples, p, (s, q) => {
        const d = s.reduce(
          (h, [v, w]) => addDecayingSample(h, v, w, T0),
          newDecayingHistogram(CPU_HISTOGRAM_OPTIONS, 86400),
        );
        expect(decayingPercentile(d, q)).toBe(percentile(build(s), q));
      }),
    );
  });
});

describe("capping properties", () => {
  const amount = fc.integer({ min: 0, max: 1e12 });
  const bounds = fc
    .tuple(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }))
    .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
  it("ApplyVPAPolicy keeps every bound within [minAllowed, maxAllowed]", () => {
    fc.assert(
      fc.property(amount, amount, amount, bounds, (t, l, u, [min, max]) => {
        const rec: ContainerRecommendation = {
          containerName: "c",
          target: { cpu: t },
          lowerBound: { cpu: l },
          upperBound: { cpu: u },
          uncappedTarget: { cpu: t },
        };
        const policy = {
          containerPolicies: [{ containerName: "c", minAllowed: { cpu: min }, maxAllowed: { cpu: max } }],
        };
        const [capped] = applyVPAPolicy([rec], policy, undefined);
        for (const r of [capped?.target, capped?.lowerBound, capped?.upperBound]) {
          expect(r?.cpu).toBeGreaterThanOrEqual(min);
          expect(r?.cpu).toBeLessThanOrEqual(max);
        }
        expect(capped?.uncappedTarget).toEqual({ cpu: t });
      }),
    );
  });

  it("RequestsOnly never recommends above the container limit", () => {
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 1, max: 1e12 }), (t, u, limit) => {
        const { recommendation } = getCappedRecommendationForContainer(
          { name: "c", spec: { requests: {}, limits: { memory: limit } } },
          { containerName: "c", target: { memory: t }, lowerBound: {}, upperBound: { memory: u } },
          { containerPolicies: [{ containerName: "*", controlledValues: "RequestsOnly" }] },
        );
        expect(recommendation.target.memory).toBeLessThanOrEqual(limit);
        expect(recommendation.upperBound.memory).toBeLessThanOrEqual(limit);
      }),
    );
  });
});

describe("proportional limit properties", () => {
  const milli = fc.bigInt({ min: 1n, max: 10n ** 12n });
  it("the CPU limit keeps limit/request within one millicore, rounding down", () => {
    fc.assert(
      fc.property(milli, milli, milli, (limit, request, recommended) => {
        const r = getProportionalResourceLimit(
          "cpu",
          milliQuantity(limit),
          milliQuantity(request),
          milliQuantity(recommended),
          undefined,
        );
        // Equal limit and request copy the request; a product beyond int64 is capped (annotated).
        if (limit === request || r.annotation !== "") return;
        const l = quantityMilliValue(r.limit ?? milliQuantity(0n));
        // l = floor(limit × recommended / request)
        expect(l * request <= limit * recommended).toBe(true);
        expect((l + 1n) * request > limit * recommended).toBe(true);
      }),
    );
  });
});

describe("eviction budget properties", () => {
  it("keeps configured - tolerance pods running (or evicts just one at zero tolerance); nothing below minReplicas", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.constantFrom<PodPhase>("Running", "Pending"), { minLength: 0, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        (configured, phases, fraction, minReplicas) => {
          let stats = getGroupStats(
            { configuredReplicas: configured, podPhases: phases },
            minReplicas,
            fraction,
          );
          if (phases.length < minReplicas) expect(phases.every((ph) => !canEvict(stats, ph))).toBe(true);
          let running = 0;
          for (const ph of phases) {
            const o = evict(stats, ph);
            stats = o.stats;
            if (o.evicted && ph === "Running") running++;
          }
          const live = phases.filter((ph) => ph === "Running").length;
          const keep = configured - Math.trunc(configured * fraction);
          expect(running).toBeLessThanOrEqual(Math.max(live - keep, 1));
        },
      ),
    );
  });
});
