/**
 * Runners for vpa.estimator and vpa.podMinResources of ../shared/conformance/vpa (FORMAT-vpa-ca.md):
 * estimator chains over constant bases or plain histograms, and the recommender's pod minimum and
 * controlled-resources filter.
 */
import {
  type AggregateContainerState,
  applyAggregatorOp,
  newAggregateContainerState,
} from "../vpa/aggregate-container-state.js";
import {
  type CPUEstimator,
  getConfidence,
  newConstEstimator,
  newPercentileCPUEstimator,
  newPercentileMemoryEstimator,
  withConfidenceMultiplier,
  withMargin,
  withMinResource,
} from "../vpa/estimators.js";
import { GO_ZERO_TIME } from "../vpa/go-time.js";
import { addSample, newHistogram } from "../vpa/histogram.js";
import { getRecommendedPodResources, type PodResourceRecommender } from "../vpa/recommender.js";
import {
  bytesFromMemoryAmount,
  coresFromCPUAmount,
  cpuAmountFromCores,
  memoryAmountFromBytes,
} from "../vpa/resource-amount.js";
import { RESOURCE_NAMES, type ResourceName, type Resources } from "../vpa/types.js";
import { arr, type Json, num, numOr, toHistogramOptions } from "./vpa-case-input.js";

/** The estimator package's test time, Unix 0 (estimator_test.go anyTime). */
const ESTIMATOR_TEST_TIME = 0;

/** An aggregate whose histograms hold the given plain-histogram samples (upstream puts plain histograms in the struct). */
function withPlainHistograms(s: AggregateContainerState, input: Json): AggregateContainerState {
  const plain = (spec: Json, samples: string, what: string) => {
    const options = toHistogramOptions(spec, what);
    const h = arr(spec[samples] ?? [], `${what}.${samples}`).reduce(
      (acc, x: Json, i: number) =>
        addSample(acc, num(x[0], `${what}.${samples}[${i}][0]`), num(x[1], `${what}.${samples}[${i}][1]`)),
      newHistogram(options),
    );
    return { histogram: h, halfLifeSeconds: 0, referenceTimestamp: GO_ZERO_TIME };
  };
  return {
    ...s,
    ...(input.cpuHistogram
      ? { aggregateCPUUsage: plain(input.cpuHistogram, "samplesCoresWeight", "cpuHistogram") }
      : {}),
    ...(input.memoryHistogram
      ? { aggregateMemoryPeaks: plain(input.memoryHistogram, "samplesBytesWeight", "memoryHistogram") }
      : {}),
  };
}

/** `count` CPU samples `spacingSeconds` apart added straight to the aggregate (estimator_test.go). */
function withCPUHistory(s: AggregateContainerState, h: Json): AggregateContainerState {
  let out = s;
  const count = num(h.count, "cpuSamples.count");
  const usage = cpuAmountFromCores(num(h.usageCores, "cpuSamples.usageCores"));
  for (let i = 0; i < count; i++) {
    const t =
      ESTIMATOR_TEST_TIME +
      numOr(h.firstAt, 0, "cpuSamples.firstAt") +
      i * num(h.spacingSeconds, "cpuSamples.spacingSeconds");
    out = applyAggregatorOp(out, { op: "add", sample: { measureStart: t, usage, resource: "cpu" } });
  }
  return out;
}

/** vpa.estimator: confidence, the first estimator's CPU and memory, and every estimator's CPU. */
export function runEstimator(input: Json): Record<string, unknown> {
  let s = newAggregateContainerState(ESTIMATOR_TEST_TIME);
  if (input.cpuHistogram || input.memoryHistogram) {
    s = withPlainHistograms(s, input);
    return {
      cpuCores: coresFromCPUAmount(newPercentileCPUEstimator(num(input.cpuPercentile, "cpuPercentile"))(s)),
      memoryBytes: bytesFromMemoryAmount(
        newPercentileMemoryEstimator(num(input.memoryPercentile, "memoryPercentile"))(s),
      ),
    };
  }
  if (input.cpuSamples) s = withCPUHistory(s, input.cpuSamples);
  else if (input.history !== undefined && input.history !== "none")
    throw new TypeError(`history: unknown ${JSON.stringify(input.history)}`);
  const hasCpu = input.baseCpuCores !== undefined;
  const hasMemory = input.baseMemoryBytes !== undefined;
  let cpu: CPUEstimator = newConstEstimator(
    hasCpu ? cpuAmountFromCores(num(input.baseCpuCores, "baseCpuCores")) : 0,
  );
  let memory: CPUEstimator = newConstEstimator(
    hasMemory ? memoryAmountFromBytes(num(input.baseMemoryBytes, "baseMemoryBytes")) : 0,
  );
  if (input.marginFraction !== undefined) {
    const fraction = num(input.marginFraction, "marginFraction");
    cpu = withMargin(fraction, cpu);
    memory = withMargin(fraction, memory);
  }
  if (input.minCpuCores !== undefined) {
    cpu = withMinResource(cpuAmountFromCores(num(input.minCpuCores, "minCpuCores")), cpu);
  }
  if (input.minMemoryBytes !== undefined) {
    memory = withMinResource(memoryAmountFromBytes(num(input.minMemoryBytes, "minMemoryBytes")), memory);
  }
  const interval =
    input.confidenceIntervalMinutes !== undefined
      ? num(input.confidenceIntervalMinutes, "confidenceIntervalMinutes") * 60
      : numOr(input.confidenceIntervalHours, 24, "confidenceIntervalHours") * 3600;
  const estimators = arr(input.estimators ?? [], "estimators").map((e: Json, i: number) => {
    const m = num(e.multiplier, `estimators[${i}].multiplier`);
    const x = num(e.exponent, `estimators[${i}].exponent`);
    return {
      cpu: withConfidenceMultiplier(m, x, cpu, interval),
      memory: withConfidenceMultiplier(m, x, memory, interval),
    };
  });
  const first = estimators[0] ?? { cpu, memory };
  return {
    confidence: getConfidence(s, interval),
    ...(hasCpu ? { cpuCores: coresFromCPUAmount(first.cpu(s)) } : {}),
    ...(hasMemory ? { memoryBytes: bytesFromMemoryAmount(first.memory(s)) } : {}),
    cpuMillicores: estimators.map((e) => e.cpu(s)),
  };
}

function present(r: Resources): ResourceName[] {
  return RESOURCE_NAMES.filter((n) => r[n] !== undefined);
}

/**
 * vpa.podMinResources: a recommender whose six estimators are constants, with the pod minimum split
 * over the containers; or one container whose aggregate restricts the controlled resources.
 */
export function runPodMinResources(input: Json): Record<string, unknown> {
  const cpu = newConstEstimator(cpuAmountFromCores(numOr(input.estimateCpuCores, 0.001, "estimateCpuCores")));
  const memory = newConstEstimator(
    memoryAmountFromBytes(numOr(input.estimateMemoryBytes, 1e6, "estimateMemoryBytes")),
  );
  const recommender: PodResourceRecommender = {
    targetCPU: cpu,
    targetMemory: memory,
    lowerBoundCPU: cpu,
    lowerBoundMemory: memory,
    upperBoundCPU: cpu,
    upperBoundMemory: memory,
    minCPUMillicores: numOr(input.podMinCpuMillicores, 0, "podMinCpuMillicores"),
    minMemoryMb: numOr(input.podMinMemoryMb, 0, "podMinMemoryMb"),
  };
  const controlled =
    input.controlledResources === undefined
      ? undefined
      : arr(input.controlledResources, "controlledResources");
  const names: string[] =
    controlled === undefined ? arr(input.containers, "containers").map(String) : ["container-1"];
  const base = newAggregateContainerState(ESTIMATOR_TEST_TIME);
  const state: AggregateContainerState =
    controlled === undefined
      ? base
      : {
          ...base,
          controlledResources: controlled.filter((r): r is ResourceName => r === "cpu" || r === "memory"),
        };
  const rec = getRecommendedPodResources(recommender, new Map(names.map((n) => [n, state])));
  const perContainerTarget: Record<string, unknown> = {};
  for (const [name, r] of rec)
    perContainerTarget[name] = { cpuMillicores: r.target.cpu, memoryBytes: r.target.memory };
  const only = rec.get(names[0] ?? "");
  if (only === undefined) return { perContainerTarget };
  const all = [only.target, only.lowerBound, only.upperBound];
  return {
    perContainerTarget,
    target: present(only.target),
    lowerBound: present(only.lowerBound),
    upperBound: present(only.upperBound),
    absent: RESOURCE_NAMES.filter((n) => all.every((r) => r[n] === undefined)),
  };
}
