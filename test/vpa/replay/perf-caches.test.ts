/**
 * The VPA's speed-ups change no result: the recommender step stays pure (copy on write), the in-place
 * histogram paths equal the immutable ones, and every cache answers afresh when its input changes
 * (frexp without BigInt, bucket starts, log of the ratio, resource conversions per list, capping per
 * recommendation entry).
 */
import { describe, expect, it } from "vitest";
import { applyAggregatorOp, newAggregateContainerState } from "../../../src/vpa/aggregate-container-state.js";
import { applyCappingProcessor } from "../../../src/vpa/capping.js";
import { frexp, goLog, goPow } from "../../../src/vpa/go-math.js";
import { addSample, newHistogram, scaleHistogram, subtractSample } from "../../../src/vpa/histogram.js";
import {
  CPU_HISTOGRAM_OPTIONS,
  findBucket,
  getBucketStart,
  type HistogramOptions,
  MEMORY_HISTOGRAM_OPTIONS,
  newExponentialHistogramOptions,
} from "../../../src/vpa/histogram-options.js";
import { podContainersOf } from "../../../src/vpa/replay/container-resources.js";
import { resourcesFromMilli } from "../../../src/vpa/replay/quantities.js";
import {
  newVpaRecommenderState,
  type RecommenderStepResult,
  recommenderStep,
  type VpaRecommenderState,
} from "../../../src/vpa/replay/recommender-step.js";
import type { PodMetricsSnapshot } from "../../../src/vpa/replay/types.js";
import { type CappingMemo, processedRecommendationFor } from "../../../src/vpa/replay/update-order.js";
import { bytes, MiB, m, makeContainer, makeInput, makePod, makeRecommendation, res, T0 } from "./builders.js";

/** Go math.Frexp as it was written before (BigInt bit fields), the reference. */
function frexpReference(x: number): { frac: number; exp: number } {
  if (x === 0 || !Number.isFinite(x)) return { frac: x, exp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  let exp = 0;
  let v = x;
  if (Math.abs(v) < 2.2250738585072014e-308) {
    v *= 2 ** 52;
    exp = -52;
  }
  view.setFloat64(0, v);
  const b = view.getBigUint64(0);
  exp += Number((b >> 52n) & 0x7ffn) - 1022;
  view.setBigUint64(0, (b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return { frac: view.getFloat64(0), exp };
}

/** A deterministic stream of doubles of every magnitude, sign and kind. */
function* doubles(n: number): Generator<number> {
  const view = new DataView(new ArrayBuffer(8));
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  yield* [1, -1, 0.5, 2, 3, 1e-310, -5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, 1.05, 0.01, 1e12];
  for (let i = 0; i < n; i++) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) yield x;
  }
}

describe("frexp without BigInt", () => {
  it("returns the same fraction and exponent as the BigInt version, bit for bit", () => {
    for (const x of doubles(20000)) {
      const a = frexp(x);
      const b = frexpReference(x);
      expect(Object.is(a.frac, b.frac), `frac of ${x}`).toBe(true);
      expect(a.exp).toBe(b.exp);
    }
  });
});

describe("histogram option caches", () => {
  it("bucket starts equal the formula for every bucket of every layout, across layouts", () => {
    const other = newExponentialHistogramOptions(100, 0.5, 1.5, 1e-4);
    if ("error" in other) throw new Error(other.error);
    const layouts: HistogramOptions[] = [CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS, other.options];
    for (let round = 0; round < 2; round++) {
      for (const o of layouts) {
        if (o.type !== "exponential") throw new Error("exponential layouts expected");
        for (let b = 1; b < o.numBuckets; b++) {
          const expected = (o.firstBucketSize * (goPow(o.ratio, b) - 1)) / (o.ratio - 1);
          expect(getBucketStart(o, b)).toBe(expected);
        }
      }
    }
    expect(getBucketStart(other.options, 1)).not.toBe(getBucketStart(CPU_HISTOGRAM_OPTIONS, 1));
  });

  it("findBucket uses the log of each layout's own ratio when layouts alternate", () => {
    const other = newExponentialHistogramOptions(100, 0.5, 1.5, 1e-4);
    if ("error" in other) throw new Error(other.error);
    const reference = (o: HistogramOptions, v: number) => {
      if (o.type !== "exponential") throw new Error("exponential expected");
      if (v < o.firstBucketSize) return 0;
      const b = Math.trunc(goLog((v * (o.ratio - 1)) / o.firstBucketSize + 1) / goLog(o.ratio));
      return Math.min(b, o.numBuckets - 1);
    };
    for (const v of [0.7, 3, 42, 99.5, 0.02, 12.25]) {
      for (const o of [CPU_HISTOGRAM_OPTIONS, other.options, CPU_HISTOGRAM_OPTIONS]) {
        expect(findBucket(o, v)).toBe(reference(o, v));
      }
    }
    expect(findBucket(other.options, 42)).not.toBe(findBucket(CPU_HISTOGRAM_OPTIONS, 42));
  });
});

describe("immutable histogram operations on top of the in-place ones", () => {
  it("leave their argument untouched", () => {
    const h0 = addSample(addSample(newHistogram(CPU_HISTOGRAM_OPTIONS), 0.5, 1), 2, 3);
    const before = JSON.stringify(h0);
    addSample(h0, 0.7, 2);
    subtractSample(h0, 0.5, 1);
    scaleHistogram(h0, 0.25);
    expect(JSON.stringify(h0)).toBe(before);
    const a0 = newAggregateContainerState(T0);
    const a1 = applyAggregatorOp(a0, {
      op: "add",
      sample: { measureStart: T0, usage: 250, resource: "cpu" },
    });
    const snapshot = JSON.stringify(a1);
    applyAggregatorOp(a1, { op: "add", sample: { measureStart: T0 + 60, usage: 900, resource: "cpu" } });
    applyAggregatorOp(a1, { op: "add", sample: { measureStart: T0 + 60, usage: 5e8, resource: "memory" } });
    expect(JSON.stringify(a1)).toBe(snapshot);
    expect(a0.totalSamplesCount).toBe(0);
    expect(a0.aggregateCPUUsage.histogram.totalWeight).toBe(0);
  });
});

/** The state as plain JSON (maps as entry lists), to detect any later mutation. */
function serialize(state: VpaRecommenderState): string {
  return JSON.stringify(state, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
}

function metricsAt(pod: string, at: number, cpuMilli: number, memoryBytes: number): PodMetricsSnapshot {
  return {
    pod,
    timestamp: at,
    windowSeconds: 15,
    containers: [{ name: "app", usage: { cpu: m(cpuMilli), memory: bytes(memoryBytes) } }],
  };
}

describe("recommenderStep stays pure (copy on write)", () => {
  const input = makeInput();
  /** Loop i: pods web-0..2 (web-2 gone after loop 5, web-1 resized at loop 4), varying usage, an OOM at loop 3. */
  function observation(i: number) {
    const now = T0 + i * 60;
    const pods = [
      makePod("web-0"),
      makePod("web-1", { containers: [makeContainer(i >= 4 ? { requests: res(500, 300 * MiB) } : {})] }),
      ...(i <= 5 ? [makePod("web-2")] : []),
    ];
    return {
      now,
      observation: {
        pods,
        metrics: pods.map((p, k) =>
          metricsAt(p.name, now, 100 + 37 * ((i * 3 + k) % 7), (200 + 13 * ((i + k) % 5)) * MiB),
        ),
        ooms: i === 3 ? [{ pod: "web-0", container: "app", timestamp: now - 10 }] : [],
      },
    };
  }

  it("never modifies a state it was given, and a reused state gives the same result again", () => {
    let state = newVpaRecommenderState();
    const states: VpaRecommenderState[] = [state];
    const serialized: string[] = [serialize(state)];
    const results: RecommenderStepResult[] = [];
    for (let i = 0; i < 12; i++) {
      const { now, observation: o } = observation(i);
      const r = recommenderStep(input, state, o, now);
      results.push(r);
      state = r.state;
      states.push(state);
      serialized.push(serialize(state));
    }
    // no later loop changed an earlier state
    for (const [i, s] of states.entries()) expect(serialize(s), `state ${i}`).toBe(serialized[i]);
    // branching from an old state twice gives the same answer as the first time
    for (const k of [0, 3, 7]) {
      const { now, observation: o } = observation(k);
      const again = recommenderStep(input, states[k] as VpaRecommenderState, o, now);
      expect(serialize(again.state)).toBe(serialized[k + 1]);
      expect(again.recommendation).toEqual(results[k]?.recommendation);
      expect(serialize(states[k] as VpaRecommenderState)).toBe(serialized[k]);
    }
  });

  it("takes a changed request on the next loop (the converted request is not reused)", () => {
    let state = newVpaRecommenderState();
    for (let i = 0; i < 6; i++) {
      const { now, observation: o } = observation(i);
      state = recommenderStep(input, state, o, now).state;
      const request = state.pods.get("web-1")?.get("app")?.request;
      expect(request).toEqual(i >= 4 ? { cpu: 500, memory: 300 * MiB } : { cpu: 300, memory: 256 * MiB });
    }
  });
});

describe("resource conversions per list", () => {
  it("answer for each list object, never for another list", () => {
    const a = res(300, 256 * MiB);
    const b = res(301, 256 * MiB);
    expect(resourcesFromMilli(a)).toEqual({ cpu: 300, memory: 256 * MiB });
    expect(resourcesFromMilli(b)).toEqual({ cpu: 301, memory: 256 * MiB });
    expect(resourcesFromMilli(a)).toEqual({ cpu: 300, memory: 256 * MiB });
    expect(resourcesFromMilli({ memory: 1500n })).toEqual({ memory: 2 });
  });
});

describe("capping memo of one updater loop", () => {
  it("caps per container limits with RequestsOnly, so pods with other limits get their own result", () => {
    const input = makeInput({
      policy: { containerPolicies: [{ containerName: "app", controlledValues: "RequestsOnly" }] },
    });
    const recs = [
      makeRecommendation(
        { cpu: 700, memory: 600 * MiB },
        { cpu: 500, memory: 400 * MiB },
        { cpu: 900, memory: 900 * MiB },
      ),
    ];
    const pods = [
      makePod("a", { containers: [makeContainer({ limits: res(600, 512 * MiB) })] }),
      makePod("b", { containers: [makeContainer({ limits: res(800, 700 * MiB) })] }),
      makePod("c", { containers: [makeContainer({ limits: res(600, 512 * MiB) })] }),
      makePod("d", { containers: [makeContainer({ name: "other" })] }),
    ];
    const memo: CappingMemo = new Map();
    const results = pods.map((p) => processedRecommendationFor(p, recs, input, memo));
    for (const [i, p] of pods.entries()) {
      const direct = applyCappingProcessor(recs, podContainersOf(p.containers), input.resourcePolicy);
      expect(results[i]).toEqual(direct?.recommendations);
    }
    expect(results[0]?.[0]?.target).toEqual({ cpu: 600, memory: 512 * MiB });
    expect(results[1]?.[0]?.target).toEqual({ cpu: 700, memory: 600 * MiB });
    expect(results[3]).toEqual([]);
  });

  it("without RequestsOnly the result is the same for every pod and equals capping each pod", () => {
    const input = makeInput({
      policy: { containerPolicies: [{ containerName: "*", maxAllowed: { cpu: 650 } }] },
    });
    const recs = [
      makeRecommendation(
        { cpu: 700, memory: 600 * MiB },
        { cpu: 500, memory: 400 * MiB },
        { cpu: 900, memory: 900 * MiB },
      ),
    ];
    const memo: CappingMemo = new Map();
    for (const limits of [res(600, 512 * MiB), res(100, 100 * MiB)]) {
      const pod = makePod("x", { containers: [makeContainer({ limits })] });
      const direct = applyCappingProcessor(recs, podContainersOf(pod.containers), input.resourcePolicy);
      expect(processedRecommendationFor(pod, recs, input, memo)).toEqual(direct?.recommendations);
    }
  });
});
