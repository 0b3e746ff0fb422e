/**
 * One container instance's sampling state (mirrors model/container.go ContainerState). CPU samples go
 * straight to the aggregate; memory contributes one peak per aggregation window, anchored at the
 * container's first memory sample and stored at the window END. The functions are pure: instead of
 * calling the aggregator they return the calls upstream would make (`ops`), which
 * aggregate-container-state.ts applies.
 */

import { GO_ZERO_TIME, isZeroTime } from "./go-time.js";
import { memoryAmountFromBytes, resourceAmountMax, scaleResource } from "./resource-amount.js";
import type { ContainerUsageSample, ResourceAmount, Resources } from "./types.js";

export interface ContainerState {
  /** Current request. */
  readonly request: Resources;
  /** Start of the latest aggregated CPU sample (Go zero time when none). */
  readonly lastCPUSampleStart: number;
  /** Max memory usage observed in the current window. */
  readonly memoryPeak: ResourceAmount;
  /** Max memory estimated from an OOM in the current window. */
  readonly oomPeak: ResourceAmount;
  /** End (exclusive) of the current memory aggregation window (Go zero time before the first sample). */
  readonly windowEnd: number;
  /** Start of the latest aggregated memory sample, OOM samples included (Go zero time when none). */
  readonly lastMemorySampleStart: number;
}

/** The per-aggregate settings a container reads through its aggregator (OOM bump, window length). */
export interface ContainerAggregationSettings {
  /** --oom-bump-up-ratio (1.2). */
  readonly oomBumpUpRatio: number;
  /** --oom-min-bump-up-bytes (100 MiB). */
  readonly oomMinBumpUpBytes: number;
  /** --memory-aggregation-interval, seconds (24 h). */
  readonly memoryAggregationIntervalSeconds: number;
}

/** A call the container makes on its aggregator (ContainerStateAggregator AddSample / SubtractSample). */
export interface AggregatorOp {
  readonly op: "add" | "subtract";
  readonly sample: ContainerUsageSample;
}

/** The outcome of offering a sample: accepted or not, the new state and the aggregator calls. */
export interface SampleOutcome {
  readonly accepted: boolean;
  readonly container: ContainerState;
  readonly ops: readonly AggregatorOp[];
}

/**
 * A ContainerState built field by field, in one order, so that every state has the same shape (object
 * spreads of differently built states would not, and make every reader polymorphic).
 */
export function containerStateOf(
  request: Resources,
  lastCPUSampleStart: number,
  memoryPeak: ResourceAmount,
  oomPeak: ResourceAmount,
  windowEnd: number,
  lastMemorySampleStart: number,
): ContainerState {
  return { request, lastCPUSampleStart, memoryPeak, oomPeak, windowEnd, lastMemorySampleStart };
}

/** `c` with another request. */
export function withRequest(c: ContainerState, request: Resources): ContainerState {
  return containerStateOf(
    request,
    c.lastCPUSampleStart,
    c.memoryPeak,
    c.oomPeak,
    c.windowEnd,
    c.lastMemorySampleStart,
  );
}

/** A container with no samples yet (mirrors container.go NewContainerState). */
export function newContainerState(request: Resources): ContainerState {
  return containerStateOf(request, GO_ZERO_TIME, 0, 0, GO_ZERO_TIME, GO_ZERO_TIME);
}

/** Max of the usage peak and the OOM peak of the current window (mirrors container.go GetMaxMemoryPeak). */
export function getMaxMemoryPeak(c: ContainerState): ResourceAmount {
  return resourceAmountMax(c.memoryPeak, c.oomPeak);
}

/**
 * Accepts a CPU sample only if usage >= 0 and it is strictly later than the previous one; duplicates
 * of an unrefreshed metrics timestamp are dropped (mirrors container.go addCPUSample).
 */
function addCPUSample(c: ContainerState, sample: ContainerUsageSample): SampleOutcome {
  if (sample.usage < 0 || !(sample.measureStart > c.lastCPUSampleStart)) {
    return { accepted: false, container: c, ops: [] };
  }
  return {
    accepted: true,
    container: containerStateOf(
      c.request,
      sample.measureStart,
      c.memoryPeak,
      c.oomPeak,
      c.windowEnd,
      c.lastMemorySampleStart,
    ),
    ops: [{ op: "add", sample }],
  };
}

/**
 * Keeps one memory peak per window: inside the window a larger value replaces the peak (subtract old,
 * add new, both at windowEnd); at or after windowEnd the window jumps forward by whole intervals and the
 * value starts the new peak. OOM samples are accepted out of order (mirrors container.go addMemorySample).
 */
function addMemorySample(
  c: ContainerState,
  sample: ContainerUsageSample,
  isOOM: boolean,
  settings: ContainerAggregationSettings,
): SampleOutcome {
  const ts = sample.measureStart;
  if (sample.usage < 0 || (!isOOM && ts < c.lastMemorySampleStart)) {
    return { accepted: false, container: c, ops: [] };
  }
  let windowEnd = isZeroTime(c.windowEnd) ? ts : c.windowEnd;
  let { memoryPeak, oomPeak } = c;
  const ops: AggregatorOp[] = [];
  let addNewPeak = false;
  if (ts < windowEnd) {
    const oldMaxMem = getMaxMemoryPeak(c);
    if (oldMaxMem !== 0 && sample.usage > oldMaxMem) {
      ops.push({ op: "subtract", sample: { measureStart: windowEnd, usage: oldMaxMem, resource: "memory" } });
      addNewPeak = true;
    }
  } else {
    // shift = (ts - windowEnd).Truncate(interval) + interval; ts >= windowEnd, so truncation is a floor.
    const interval = settings.memoryAggregationIntervalSeconds;
    windowEnd += Math.floor((ts - windowEnd) / interval) * interval + interval;
    memoryPeak = 0;
    oomPeak = 0;
    addNewPeak = true;
  }
  if (addNewPeak) {
    ops.push({ op: "add", sample: { measureStart: windowEnd, usage: sample.usage, resource: "memory" } });
    if (isOOM) oomPeak = sample.usage;
    else memoryPeak = sample.usage;
  }
  return {
    accepted: true,
    container: containerStateOf(c.request, c.lastCPUSampleStart, memoryPeak, oomPeak, windowEnd, ts),
    ops,
  };
}

/**
 * Offers a usage sample; samples of one resource must come in time order (mirrors container.go AddSample).
 */
export function addContainerSample(
  c: ContainerState,
  sample: ContainerUsageSample,
  settings: ContainerAggregationSettings,
): SampleOutcome {
  return sample.resource === "cpu" ? addCPUSample(c, sample) : addMemorySample(c, sample, false, settings);
}

/** The outcome of recording an OOM: `error` set when it was discarded. */
export interface OOMOutcome {
  readonly error?: string;
  readonly container: ContainerState;
  readonly ops: readonly AggregatorOp[];
}

/**
 * Records an OOM kill as an artificial memory sample of max(used + 100 MiB, used × 1.2), where
 * used = max(request, non-OOM peak of the window); discarded when older than one interval before the
 * last real memory sample (issue 8548) (mirrors container.go RecordOOM).
 */
export function recordOOM(
  c: ContainerState,
  timestamp: number,
  requestedMemory: ResourceAmount,
  settings: ContainerAggregationSettings,
): OOMOutcome {
  if (
    !isZeroTime(c.lastMemorySampleStart) &&
    timestamp < c.lastMemorySampleStart - settings.memoryAggregationIntervalSeconds
  ) {
    return { error: `OOM event will be discarded - it is too old (${timestamp})`, container: c, ops: [] };
  }
  // The OOM peak is left out on purpose, so that repeated OOMs do not ratchet the value up.
  const memoryUsed = resourceAmountMax(requestedMemory, c.memoryPeak);
  const memoryNeeded = resourceAmountMax(
    memoryUsed + memoryAmountFromBytes(settings.oomMinBumpUpBytes),
    scaleResource(memoryUsed, settings.oomBumpUpRatio),
  );
  const outcome = addMemorySample(
    c,
    { measureStart: timestamp, usage: memoryNeeded, resource: "memory" },
    true,
    settings,
  );
  if (!outcome.accepted) return { error: "adding OOM sample failed", container: c, ops: [] };
  return { container: outcome.container, ops: outcome.ops };
}
