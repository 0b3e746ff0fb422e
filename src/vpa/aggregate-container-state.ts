/**
 * Usage aggregated over a set of containers (mirrors model/aggregate_container_state.go): a decaying
 * CPU histogram (every sample, weight 0.1) and a decaying histogram of memory peaks (weight 1.0), plus
 * the first/last CPU sample times and the CPU sample count that drive confidence and expiry.
 */

import {
  DEFAULT_CPU_HISTOGRAM_DECAY_HALF_LIFE_SECONDS,
  DEFAULT_MEMORY_AGGREGATION_INTERVAL_COUNT,
  DEFAULT_MEMORY_AGGREGATION_INTERVAL_SECONDS,
  DEFAULT_MEMORY_HISTOGRAM_DECAY_HALF_LIFE_SECONDS,
  DEFAULT_OOM_BUMP_UP_RATIO,
  DEFAULT_OOM_MIN_BUMP_UP_BYTES,
  MEMORY_PEAK_WEIGHT,
  MIN_SAMPLE_WEIGHT,
} from "./config.js";
import type { AggregatorOp, ContainerAggregationSettings } from "./container-state.js";
import {
  addDecayingSampleInPlace,
  type DecayingHistogram,
  type MutableDecayingHistogram,
  mergeDecaying,
  newDecayingHistogram,
  subtractDecayingSampleInPlace,
  thawDecayingHistogram,
} from "./decaying-histogram.js";
import { GO_ZERO_TIME, isZeroTime } from "./go-time.js";
import { CPU_HISTOGRAM_OPTIONS, MEMORY_HISTOGRAM_OPTIONS } from "./histogram-options.js";
import { bytesFromMemoryAmount, coresFromCPUAmount } from "./resource-amount.js";
import { type ContainerScalingMode, RESOURCE_NAMES, type ResourceName } from "./types.js";

/** Aggregation parameters (mirrors model/aggregations_config.go AggregationsConfig and the per-aggregate copies). */
export interface AggregationsConfig extends ContainerAggregationSettings {
  /** --memory-aggregation-interval-count: window length = interval × count (8). */
  readonly memoryAggregationIntervalCount: number;
  readonly cpuHistogramDecayHalfLifeSeconds: number;
  readonly memoryHistogramDecayHalfLifeSeconds: number;
}

/** GetAggregationsConfig's defaults. */
export const DEFAULT_AGGREGATIONS_CONFIG: AggregationsConfig = {
  memoryAggregationIntervalSeconds: DEFAULT_MEMORY_AGGREGATION_INTERVAL_SECONDS,
  memoryAggregationIntervalCount: DEFAULT_MEMORY_AGGREGATION_INTERVAL_COUNT,
  cpuHistogramDecayHalfLifeSeconds: DEFAULT_CPU_HISTOGRAM_DECAY_HALF_LIFE_SECONDS,
  memoryHistogramDecayHalfLifeSeconds: DEFAULT_MEMORY_HISTOGRAM_DECAY_HALF_LIFE_SECONDS,
  oomBumpUpRatio: DEFAULT_OOM_BUMP_UP_RATIO,
  oomMinBumpUpBytes: DEFAULT_OOM_MIN_BUMP_UP_BYTES,
};

export interface AggregateContainerState {
  readonly aggregateCPUUsage: DecayingHistogram;
  readonly aggregateMemoryPeaks: DecayingHistogram;
  /** First / last CPU sample start (Go zero time when none) and the CPU sample count. */
  readonly firstSampleStart: number;
  readonly lastSampleStart: number;
  readonly totalSamplesCount: number;
  readonly creationTime: number;
  /** Settings copied from the config (and, behind PerVPAConfig, from the container policy). */
  readonly settings: AggregationsConfig;
  /** From the VPA's container policy (UpdateFromPolicy); undefined = not under a VPA. */
  readonly scalingMode?: ContainerScalingMode | undefined;
  /** undefined = the default [cpu, memory] (GetControlledResources). */
  readonly controlledResources?: readonly ResourceName[] | undefined;
}

/**
 * `a` with the given histograms and sample counters, built field by field in one order so that every
 * aggregate has the same shape (spreads of differently built objects would not, and make every reader
 * and every later spread slow).
 */
export function aggregateWith(
  a: AggregateContainerState,
  aggregateCPUUsage: DecayingHistogram,
  aggregateMemoryPeaks: DecayingHistogram,
  firstSampleStart: number = a.firstSampleStart,
  lastSampleStart: number = a.lastSampleStart,
  totalSamplesCount: number = a.totalSamplesCount,
): AggregateContainerState {
  return {
    aggregateCPUUsage,
    aggregateMemoryPeaks,
    firstSampleStart,
    lastSampleStart,
    totalSamplesCount,
    creationTime: a.creationTime,
    settings: a.settings,
    scalingMode: a.scalingMode,
    controlledResources: a.controlledResources,
  };
}

/** An empty aggregate created at `now` (mirrors NewAggregateContainerState, which stamps time.Now()). */
export function newAggregateContainerState(
  now: number,
  settings: AggregationsConfig = DEFAULT_AGGREGATIONS_CONFIG,
): AggregateContainerState {
  return {
    aggregateCPUUsage: newDecayingHistogram(CPU_HISTOGRAM_OPTIONS, settings.cpuHistogramDecayHalfLifeSeconds),
    aggregateMemoryPeaks: newDecayingHistogram(
      MEMORY_HISTOGRAM_OPTIONS,
      settings.memoryHistogramDecayHalfLifeSeconds,
    ),
    firstSampleStart: GO_ZERO_TIME,
    lastSampleStart: GO_ZERO_TIME,
    totalSamplesCount: 0,
    creationTime: now,
    settings,
    scalingMode: undefined,
    controlledResources: undefined,
  };
}

/** One histogram call as upstream makes it: value in cores or bytes, weight before decay, time. */
export interface HistogramCall {
  readonly histogram: "cpu" | "memory";
  readonly fn: "add" | "subtract";
  readonly value: number;
  readonly weight: number;
  readonly time: number;
}

/**
 * The histogram call an aggregator op turns into: CPU in cores with weight 0.1, memory in bytes with
 * weight 1.0 (mirrors aggregate_container_state.go AddSample / SubtractSample / addCPUSample).
 */
export function histogramCallOf(op: AggregatorOp): HistogramCall {
  const { sample } = op;
  if (sample.resource === "cpu") {
    if (op.op === "subtract") throw new Error("SubtractSample doesn't support resource 'cpu'");
    return {
      histogram: "cpu",
      fn: "add",
      value: coresFromCPUAmount(sample.usage),
      weight: MIN_SAMPLE_WEIGHT,
      time: sample.measureStart,
    };
  }
  return {
    histogram: "memory",
    fn: op.op,
    value: bytesFromMemoryAmount(sample.usage),
    weight: MEMORY_PEAK_WEIGHT,
    time: sample.measureStart,
  };
}

/**
 * An aggregate its holder owns and updates in place with {@link applyAggregatorOpInPlace} (the replay's
 * recommender thaws an aggregate once per loop, on its first sample); it is an AggregateContainerState,
 * so once the holder stops mutating it, it can be handed out as an immutable value.
 */
export interface MutableAggregateContainerState extends AggregateContainerState {
  readonly aggregateCPUUsage: MutableDecayingHistogram;
  readonly aggregateMemoryPeaks: MutableDecayingHistogram;
  firstSampleStart: number;
  lastSampleStart: number;
  totalSamplesCount: number;
}

/** A copy of `a` the caller owns (both histograms' bucket arrays are copied). */
export function thawAggregate(a: AggregateContainerState): MutableAggregateContainerState {
  return aggregateWith(
    a,
    thawDecayingHistogram(a.aggregateCPUUsage),
    thawDecayingHistogram(a.aggregateMemoryPeaks),
  ) as MutableAggregateContainerState;
}

/** {@link applyAggregatorOp} on an owned aggregate. */
export function applyAggregatorOpInPlace(a: MutableAggregateContainerState, op: AggregatorOp): void {
  const call = histogramCallOf(op);
  if (call.histogram === "memory") {
    const apply = call.fn === "add" ? addDecayingSampleInPlace : subtractDecayingSampleInPlace;
    apply(a.aggregateMemoryPeaks, call.value, call.weight, call.time);
    return;
  }
  const t = op.sample.measureStart;
  addDecayingSampleInPlace(a.aggregateCPUUsage, call.value, call.weight, t);
  // read both sample times before writing either, as the pure version computes them from `a`
  const first = isZeroTime(a.firstSampleStart) || t < a.firstSampleStart ? t : a.firstSampleStart;
  a.lastSampleStart = Math.max(t, a.lastSampleStart);
  a.firstSampleStart = first;
  a.totalSamplesCount = a.totalSamplesCount + 1;
}

/** Applies one container op (mirrors aggregate_container_state.go AddSample, SubtractSample, addCPUSample). */
export function applyAggregatorOp(a: AggregateContainerState, op: AggregatorOp): AggregateContainerState {
  const out = thawAggregate(a);
  applyAggregatorOpInPlace(out, op);
  return out;
}

/** Applies a container's ops in order. */
export function applyAggregatorOps(
  a: AggregateContainerState,
  ops: readonly AggregatorOp[],
): AggregateContainerState {
  if (ops.length === 0) return a;
  const out = thawAggregate(a);
  for (const op of ops) applyAggregatorOpInPlace(out, op);
  return out;
}

/** The merged aggregate and `other` as upstream leaves it (its histograms may be re-referenced). */
export interface AggregateMergeResult {
  readonly merged: AggregateContainerState;
  readonly other: AggregateContainerState;
}

/**
 * Merges histograms, takes the earliest first and latest last sample, sums counts
 * (mirrors aggregate_container_state.go MergeContainerState).
 */
export function mergeContainerState(
  a: AggregateContainerState,
  other: AggregateContainerState,
): AggregateMergeResult {
  const cpu = mergeDecaying(a.aggregateCPUUsage, other.aggregateCPUUsage);
  const memory = mergeDecaying(a.aggregateMemoryPeaks, other.aggregateMemoryPeaks);
  const takeOtherFirst =
    isZeroTime(a.firstSampleStart) ||
    (!isZeroTime(other.firstSampleStart) && other.firstSampleStart < a.firstSampleStart);
  return {
    merged: aggregateWith(
      a,
      cpu.merged,
      memory.merged,
      takeOtherFirst ? other.firstSampleStart : a.firstSampleStart,
      Math.max(other.lastSampleStart, a.lastSampleStart),
      a.totalSamplesCount + other.totalSamplesCount,
    ),
    other: aggregateWith(other, cpu.other, memory.other),
  };
}

/**
 * Expired when the last CPU sample (or, with no samples, the creation) is at least interval × count
 * old: 8 days by default (mirrors aggregate_container_state.go isExpired).
 */
export function isAggregateExpired(a: AggregateContainerState, now: number): boolean {
  const windowLength =
    a.settings.memoryAggregationIntervalSeconds * a.settings.memoryAggregationIntervalCount;
  if (a.totalSamplesCount === 0) return now - a.creationTime >= windowLength;
  return now - a.lastSampleStart >= windowLength;
}

/** The resources to recommend, [cpu, memory] unless the policy says otherwise (mirrors GetControlledResources). */
export function getControlledResources(a: AggregateContainerState): readonly ResourceName[] {
  return a.controlledResources ?? RESOURCE_NAMES;
}

/** An aggregate and the container name of its key (the key is namespace, container name and pod labels). */
export interface KeyedAggregate {
  readonly key: string;
  readonly containerName: string;
  readonly state: AggregateContainerState;
}

/**
 * Merges the aggregates by container name into fresh aggregates created at `now`; also returns the
 * inputs as upstream leaves them after merging (mirrors aggregate_container_state.go AggregateStateByContainerName).
 */
export function aggregateStateByContainerName(
  aggregates: readonly KeyedAggregate[],
  now: number,
  settings: AggregationsConfig = DEFAULT_AGGREGATIONS_CONFIG,
): {
  readonly byContainerName: ReadonlyMap<string, AggregateContainerState>;
  readonly inputs: KeyedAggregate[];
} {
  const byContainerName = new Map<string, AggregateContainerState>();
  const inputs: KeyedAggregate[] = [];
  for (const entry of aggregates) {
    const current = byContainerName.get(entry.containerName) ?? newAggregateContainerState(now, settings);
    const { merged, other } = mergeContainerState(current, entry.state);
    byContainerName.set(entry.containerName, merged);
    inputs.push({ ...entry, state: other });
  }
  return { byContainerName, inputs };
}
