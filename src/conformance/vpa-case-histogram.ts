/**
 * Runners for the histogram kinds of ../shared/conformance/vpa: vpa.histogramOptions, vpa.histogram,
 * vpa.histogramCheckpoint and vpa.decayingHistogram (FORMAT-vpa-ca.md).
 */
import {
  addDecayingSample,
  type DecayingHistogram,
  decayingPercentile,
  isEmptyDecaying,
  loadDecayingFromCheckpoint,
  mergeDecaying,
  newDecayingHistogram,
  saveDecayingToCheckpoint,
  subtractDecayingSample,
} from "../vpa/decaying-histogram.js";
import { GO_ZERO_TIME } from "../vpa/go-time.js";
import {
  addSample,
  type Histogram,
  isEmptyHistogram,
  loadFromCheckpoint,
  mergeHistograms,
  newHistogram,
  percentile,
  saveToCheckpoint,
  subtractSample,
} from "../vpa/histogram.js";
import { findBucket, getBucketStart, type HistogramOptions } from "../vpa/histogram-options.js";
import {
  arr,
  fromBucketWeights,
  type Json,
  num,
  summarizeHistogram,
  toBucketWeights,
  toHistogramOptions,
  toRfc3339,
  toUnixSeconds,
} from "./vpa-case-input.js";

/** vpa.histogramOptions: bucket count, epsilon, FindBucket and GetBucketStart answers. */
export function runHistogramOptions(input: Json): Record<string, unknown> {
  const o = toHistogramOptions(input, "input");
  return {
    numBuckets: o.numBuckets,
    epsilon: o.epsilon,
    findBucket: arr(input.findBucket ?? [], "findBucket").map((v, i) =>
      findBucket(o, num(v, `findBucket[${i}]`)),
    ),
    getBucketStart: arr(input.getBucketStart ?? [], "getBucketStart").map((b, i) =>
      getBucketStart(o, num(b, `getBucketStart[${i}]`)),
    ),
  };
}

function addPlainSamples(h: Histogram, samples: Json, what: string): Histogram {
  return arr(samples ?? [], what).reduce(
    (acc: Histogram, s: Json, i: number) =>
      addSample(acc, num(s[0], `${what}[${i}][0]`), num(s[1], `${what}[${i}][1]`)),
    h,
  );
}

/** Runs the common step ops on either kind of histogram. */
interface StepOps<H> {
  add(h: H, s: Json, what: string): H;
  subtract(h: H, s: Json, what: string): H;
  percentile(h: H, p: number): number;
  isEmpty(h: H): boolean;
}

function runSteps<H>(
  start: H,
  steps: Json[],
  ops: StepOps<H>,
  special: (h: H, step: Json, i: number) => { h: H; result: unknown } | undefined,
): { h: H; results: unknown[] } {
  let h = start;
  const results: unknown[] = [];
  steps.forEach((step: Json, i: number) => {
    const what = `steps[${i}]`;
    switch (step.op) {
      case "add":
      case "subtract":
        for (const [j, s] of arr(step.samples, `${what}.samples`).entries()) {
          h =
            step.op === "add"
              ? ops.add(h, s, `${what}.samples[${j}]`)
              : ops.subtract(h, s, `${what}.samples[${j}]`);
        }
        results.push(null);
        return;
      case "percentile":
        results.push({
          percentile: arr(step.p, `${what}.p`).map((p, j) => ops.percentile(h, num(p, `${what}.p[${j}]`))),
        });
        return;
      case "isEmpty":
        results.push({ isEmpty: ops.isEmpty(h) });
        return;
      default: {
        const r = special(h, step, i);
        if (r === undefined) throw new TypeError(`${what}: unknown op ${JSON.stringify(step.op)}`);
        h = r.h;
        results.push(r.result);
      }
    }
  });
  return { h, results };
}

const plainOps: StepOps<Histogram> = {
  add: (h, s, what) => addSample(h, num(s[0], `${what}[0]`), num(s[1], `${what}[1]`)),
  subtract: (h, s, what) => subtractSample(h, num(s[0], `${what}[0]`), num(s[1], `${what}[1]`)),
  percentile,
  isEmpty: isEmptyHistogram,
};

/** vpa.histogram: step results; a merge step exposes the merged histogram as `equalsHistogramWithSamples`. */
export function runHistogram(input: Json): Record<string, unknown> {
  const options = toHistogramOptions(input.options, "options");
  const out: Record<string, unknown> = {};
  const { results } = runSteps(newHistogram(options), arr(input.steps, "steps"), plainOps, (_h, step) => {
    if (step.op !== "merge") return undefined;
    const merged = mergeHistograms(
      addPlainSamples(newHistogram(options), input.h1, "h1"),
      addPlainSamples(newHistogram(options), input.h2, "h2"),
    );
    out.equalsHistogramWithSamples = summarizeHistogram(merged);
    return { h: merged, result: null };
  });
  return { ...out, results };
}

/** vpa.histogramCheckpoint: save, load (into an empty histogram), or save then load into a new one. */
export function runHistogramCheckpoint(input: Json): Record<string, unknown> {
  const options: HistogramOptions = toHistogramOptions(input.options, "options");
  const h = addPlainSamples(newHistogram(options), input.samples, "samples");
  switch (input.op) {
    case "save": {
      const cp = saveToCheckpoint(h);
      return { totalWeight: cp.totalWeight, bucketWeights: fromBucketWeights(cp.bucketWeights) };
    }
    case "load": {
      const cp =
        input.checkpoint === null || input.checkpoint === undefined
          ? null
          : {
              totalWeight: num(input.checkpoint.totalWeight, "checkpoint.totalWeight"),
              bucketWeights: toBucketWeights(input.checkpoint.bucketWeights, "checkpoint.bucketWeights"),
            };
      const loaded = loadFromCheckpoint(h, cp);
      if ("error" in loaded) return { error: loaded.error };
      const bucketWeight: Record<string, number> = {};
      loaded.histogram.bucketWeight.forEach((w, b) => {
        if (w !== 0) bucketWeight[String(b)] = w;
      });
      return { totalWeight: loaded.histogram.totalWeight, bucketWeight };
    }
    case "saveThenLoadIntoNew": {
      const loaded = loadFromCheckpoint(newHistogram(options), saveToCheckpoint(h));
      if ("error" in loaded) return { error: loaded.error };
      return { isEmptyBeforeSave: isEmptyHistogram(h), isEmptyAfterLoad: isEmptyHistogram(loaded.histogram) };
    }
    default:
      throw new TypeError(`op: unknown ${JSON.stringify(input.op)}`);
  }
}

function sampleArgs(s: Json, what: string): [number, number, number] {
  return [num(s[0], `${what}[0]`), num(s[1], `${what}[1]`), num(s[2], `${what}[2]`)];
}

const decayingOps: StepOps<DecayingHistogram> = {
  add: (h, s, what) => addDecayingSample(h, ...sampleArgs(s, what)),
  subtract: (h, s, what) => subtractDecayingSample(h, ...sampleArgs(s, what)),
  percentile: decayingPercentile,
  isEmpty: isEmptyDecaying,
};

function addDecayingSamples(h: DecayingHistogram, samples: Json, what: string): DecayingHistogram {
  return arr(samples ?? [], what).reduce(
    (acc: DecayingHistogram, s: Json, i: number) => decayingOps.add(acc, s, `${what}[${i}]`),
    h,
  );
}

/** vpa.decayingHistogram: step results plus the merge / save / load assertions at the top level. */
export function runDecayingHistogram(input: Json): Record<string, unknown> {
  const options = toHistogramOptions(input.options, "options");
  const halfLife = num(input.halfLifeSeconds, "halfLifeSeconds");
  const fresh = () => newDecayingHistogram(options, halfLife);
  const out: Record<string, unknown> = {};
  const { results } = runSteps(fresh(), arr(input.steps, "steps"), decayingOps, (h, step) => {
    if (step.op === "merge") {
      const { merged } = mergeDecaying(
        addDecayingSamples(fresh(), input.h1, "h1"),
        addDecayingSamples(fresh(), input.h2, "h2"),
      );
      out.equalsHistogramWithSamplesInOrder = summarizeHistogram(merged);
      return { h: merged, result: null };
    }
    if (step.op === "save") {
      const cp = saveDecayingToCheckpoint(h);
      out.referenceTimestampIsZero = h.referenceTimestamp === GO_ZERO_TIME;
      out.checkpointReferenceEqualsHistogramReference = cp.referenceTimestamp === h.referenceTimestamp;
      out.bucketWeightsNonEmpty = cp.bucketWeights.size > 0;
      out.totalWeightNonZero = cp.totalWeight !== 0;
      out.checkpoint = {
        totalWeight: cp.totalWeight,
        bucketWeights: fromBucketWeights(cp.bucketWeights),
        referenceTimestamp: toRfc3339(cp.referenceTimestamp),
      };
      return { h, result: null };
    }
    if (step.op === "load") {
      const c = input.checkpoint;
      const cp =
        c === null || c === undefined
          ? null
          : {
              totalWeight: num(c.totalWeight, "checkpoint.totalWeight"),
              bucketWeights: toBucketWeights(c.bucketWeights, "checkpoint.bucketWeights"),
              referenceTimestamp: toUnixSeconds(c.referenceTimestamp, "checkpoint.referenceTimestamp"),
            };
      const loaded = loadDecayingFromCheckpoint(h, cp);
      if ("error" in loaded) {
        out.error = loaded.error;
        return { h, result: null };
      }
      out.isEmpty = isEmptyDecaying(loaded.histogram);
      out.referenceTimestamp = toRfc3339(loaded.histogram.referenceTimestamp);
      return { h: loaded.histogram, result: null };
    }
    return undefined;
  });
  return { ...out, results };
}
