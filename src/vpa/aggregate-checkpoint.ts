/**
 * Saving and restoring an aggregate as a VerticalPodAutoscalerCheckpoint status (mirrors
 * model/aggregate_container_state.go SaveToCheckpoint / LoadFromCheckpoint and
 * checkpoint/checkpoint_writer.go subtractCurrentContainerMemoryPeak), and the policy fields an
 * aggregate copies from its VPA (UpdateFromPolicy).
 */
import type { AggregateContainerState } from "./aggregate-container-state.js";
import { SUPPORTED_CHECKPOINT_VERSION } from "./config.js";
import { type ContainerState, getMaxMemoryPeak } from "./container-state.js";
import {
  type DecayingHistogramCheckpoint,
  loadDecayingFromCheckpoint,
  saveDecayingToCheckpoint,
  subtractDecayingSample,
} from "./decaying-histogram.js";
import { bytesFromMemoryAmount } from "./resource-amount.js";
import { type ContainerResourcePolicy, RESOURCE_NAMES } from "./types.js";

/** A checkpoint of one container name of one VPA (mirrors vpa_types.VerticalPodAutoscalerCheckpointStatus). */
export interface AggregateCheckpoint {
  readonly lastUpdateTime: number;
  readonly version: string;
  readonly firstSampleStart: number;
  readonly lastSampleStart: number;
  readonly totalSamplesCount: number;
  readonly memoryHistogram: DecayingHistogramCheckpoint;
  readonly cpuHistogram: DecayingHistogramCheckpoint;
}

/** Serialises an aggregate at `now`; histogram weights lose precision (mirrors SaveToCheckpoint). */
export function saveAggregateToCheckpoint(a: AggregateContainerState, now: number): AggregateCheckpoint {
  return {
    lastUpdateTime: now,
    version: SUPPORTED_CHECKPOINT_VERSION,
    firstSampleStart: a.firstSampleStart,
    lastSampleStart: a.lastSampleStart,
    totalSamplesCount: a.totalSamplesCount,
    memoryHistogram: saveDecayingToCheckpoint(a.aggregateMemoryPeaks),
    cpuHistogram: saveDecayingToCheckpoint(a.aggregateCPUUsage),
  };
}

/** Restores sample times, count and both histograms; only version "v3" loads (mirrors LoadFromCheckpoint). */
export function loadAggregateFromCheckpoint(
  a: AggregateContainerState,
  checkpoint: AggregateCheckpoint,
): { readonly state: AggregateContainerState } | { readonly error: string } {
  if (checkpoint.version !== SUPPORTED_CHECKPOINT_VERSION) {
    return { error: `unsupported checkpoint version ${checkpoint.version}` };
  }
  const memory = loadDecayingFromCheckpoint(a.aggregateMemoryPeaks, checkpoint.memoryHistogram);
  if ("error" in memory) return memory;
  const cpu = loadDecayingFromCheckpoint(a.aggregateCPUUsage, checkpoint.cpuHistogram);
  if ("error" in cpu) return cpu;
  return {
    state: {
      ...a,
      totalSamplesCount: checkpoint.totalSamplesCount,
      firstSampleStart: checkpoint.firstSampleStart,
      lastSampleStart: checkpoint.lastSampleStart,
      aggregateMemoryPeaks: memory.histogram,
      aggregateCPUUsage: cpu.histogram,
    },
  };
}

/**
 * Removes a container's still-open window peak before checkpointing, so that after a restart the
 * window is not counted twice (mirrors checkpoint_writer.go subtractCurrentContainerMemoryPeak).
 */
export function subtractCurrentContainerMemoryPeak(
  a: AggregateContainerState,
  container: ContainerState,
  now: number,
): AggregateContainerState {
  if (!(now < container.windowEnd)) return a;
  return {
    ...a,
    aggregateMemoryPeaks: subtractDecayingSample(
      a.aggregateMemoryPeaks,
      bytesFromMemoryAmount(getMaxMemoryPeak(container)),
      1.0,
      container.windowEnd,
    ),
  };
}

/**
 * Copies scaling mode (default Auto) and controlled resources (default cpu, memory) from the
 * container's policy (mirrors UpdateFromPolicy; the per-VPA OOM and window overrides need the
 * PerVPAConfig feature gate, off by default, and are not applied).
 */
export function updateFromPolicy(
  a: AggregateContainerState,
  policy: ContainerResourcePolicy | undefined,
): AggregateContainerState {
  return {
    aggregateCPUUsage: a.aggregateCPUUsage,
    aggregateMemoryPeaks: a.aggregateMemoryPeaks,
    firstSampleStart: a.firstSampleStart,
    lastSampleStart: a.lastSampleStart,
    totalSamplesCount: a.totalSamplesCount,
    creationTime: a.creationTime,
    settings: a.settings,
    scalingMode: policy?.mode ?? "Auto",
    controlledResources: policy?.controlledResources ?? RESOURCE_NAMES,
  };
}
