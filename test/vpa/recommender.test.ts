/**
 * Hand-derived recommendations: every expected number is worked out from the bucket layout
 * (first bucket 0.01 core / 1e7 bytes, ratio 1.05), the 15% margin and the confidence formula.
 */
import { describe, expect, it } from "vitest";
import type { AggregateContainerState } from "../../src/vpa/aggregate-container-state.js";
import { getConfidence } from "../../src/vpa/estimators.js";
import {
  CPU_HISTOGRAM_OPTIONS,
  findBucket,
  getBucketStart,
  MEMORY_HISTOGRAM_OPTIONS,
} from "../../src/vpa/histogram-options.js";
import { createPodResourceRecommender, getRecommendedPodResources } from "../../src/vpa/recommender.js";
import { feedConstant, feedOOM, makeFed, T0 } from "./builders.js";

const MiB = 1024 * 1024;
const DAY = 86400;

function recommend(aggregate: AggregateContainerState) {
  const rec = getRecommendedPodResources(createPodResourceRecommender(), new Map([["app", aggregate]]));
  const r = rec.get("app");
  if (r === undefined) throw new Error("no recommendation");
  return r;
}

describe("recommendation for a constant load (hand-derived)", () => {
  // 300m every minute for 8 days: 8 × 1440 = 11520 samples at T0, T0 + 60, ..., T0 + 11519 × 60.
  let f = makeFed();
  f = feedConstant(f, "cpu", 300, T0, 60, 8 * 1440);

  it("puts 0.3 core in bucket 18, whose end is 0.30539 core", () => {
    // FindBucket(0.3) = floor(log(0.3 × 0.05 / 0.01 + 1) / log 1.05) = floor(log 2.5 / log 1.05) = floor(18.78) = 18
    expect(findBucket(CPU_HISTOGRAM_OPTIONS, 0.3)).toBe(18);
    // bucket 18 = [0.01 × (1.05^18 - 1) / 0.05, 0.01 × (1.05^19 - 1) / 0.05) = [0.28132, 0.30539)
    expect(getBucketStart(CPU_HISTOGRAM_OPTIONS, 18)).toBeCloseTo(0.28132, 5);
    expect(getBucketStart(CPU_HISTOGRAM_OPTIONS, 19)).toBeCloseTo(0.30539, 5);
  });

  it("confidence = min(lifespan 11519 min / 1440, 11520 samples / 1440) = 7.99931 days", () => {
    expect(getConfidence(f.aggregate, DAY)).toBe((11519 * 60) / DAY);
  });

  it("target = p90 bucket end 305m + trunc(305 × 0.15) = 305 + 45 = 350m", () => {
    expect(recommend(f.aggregate).target.cpu).toBe(350);
  });

  it("upper bound = trunc(350 × (1 + 1/7.99931)) = trunc(393.754) = 393m", () => {
    expect(recommend(f.aggregate).upperBound.cpu).toBe(393);
  });

  it("lower bound = trunc(350 × (1 + 0.001/7.99931)^-2) = trunc(349.9125) = 349m", () => {
    expect(recommend(f.aggregate).lowerBound.cpu).toBe(349);
  });

  it("memory without samples falls back to the pod minimum 250 MiB = 262144000 bytes for all bounds", () => {
    const r = recommend(f.aggregate);
    expect([r.target.memory, r.lowerBound.memory, r.upperBound.memory]).toEqual([
      262144000, 262144000, 262144000,
    ]);
  });
});

describe("memory peaks (hand-derived)", () => {
  it("a constant 500 MiB: bucket 26 ends at 546691264 bytes; target = 546691264 + trunc(× 0.15) = 628694953", () => {
    // FindBucket(524288000) = floor(log(524288000 × 0.05 / 1e7 + 1) / log 1.05) = floor(log 3.6214 / log 1.05) = 26
    expect(findBucket(MEMORY_HISTOGRAM_OPTIONS, 500 * MiB)).toBe(26);
    // end of bucket 26 = 1e7 × (1.05^27 - 1) / 0.05 = 546691264.47 -> 546691264; margin trunc(82003689.6) = 82003689
    let f = makeFed();
    f = feedConstant(f, "memory", 500 * MiB, T0, 60, 8 * 1440);
    f = feedConstant(f, "cpu", 100, T0, 60, 8 * 1440);
    expect(recommend(f.aggregate).target.memory).toBe(546691264 + 82003689);
  });

  it("an OOM with a 512 MiB request replaces the window's peak by max(512Mi + 100Mi, 512Mi × 1.2)", () => {
    // 500 MiB every minute for 12 h, then an OOM: used = max(request 512Mi, peak 500Mi) = 536870912;
    // needed = max(536870912 + 104857600, trunc(536870912 × 1.2)) = max(641728512, 644245094) = 644245094.
    let f = makeFed();
    f = feedConstant(f, "memory", 500 * MiB, T0, 60, 720);
    f = feedConstant(f, "cpu", 100, T0, 60, 720);
    f = feedOOM(f, T0 + 720 * 60, 512 * MiB);
    expect(f.container.oomPeak).toBe(644245094);
    expect(f.container.memoryPeak).toBe(500 * MiB);
    // The window holds one peak, now 644245094 in bucket 29 = [..., 664388475.03):
    // target = 664388475 + trunc(664388475 × 0.15 = 99658271.25) = 764046746.
    expect(findBucket(MEMORY_HISTOGRAM_OPTIONS, 644245094)).toBe(29);
    expect(recommend(f.aggregate).target.memory).toBe(664388475 + 99658271);
  });

  it("windows are anchored at the container's first memory sample", () => {
    let f = makeFed();
    f = feedConstant(f, "memory", 100 * MiB, T0 + 3600, 60, 1);
    // first sample at T0 + 1h: window [T0 + 1h, T0 + 25h)
    expect(f.container.windowEnd).toBe(T0 + 3600 + DAY);
    // a sample 30 h after the first: windowEnd += floor(6 h / 24 h) × 24 h + 24 h = + 24 h
    f = feedConstant(f, "memory", 100 * MiB, T0 + 3600 + 30 * 3600, 60, 1);
    expect(f.container.windowEnd).toBe(T0 + 3600 + 2 * DAY);
  });
});
