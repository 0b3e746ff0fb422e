/**
 * The upstream VPA recommender replayed over a usage trace (pure; no clock, no randomness): every
 * recommender loop (60 s) each pod's container yields one CPU and one memory sample, queued OOMs are
 * recorded after the samples, and the VPA's recommendation is recomputed from the aggregates, exactly as
 * routines/recommender.go RunOnce does (LoadRealTimeMetrics -> UpdateVPAs). Checkpoints are not needed:
 * the recommender never restarts here.
 *
 * Usage rule (documented in the README, `vpa recommend`): with `usageIs: "per-pod"` every one of the
 * `replicas` pods uses the trace's value; with `usageIs: "total"` every pod uses value / replicas. All
 * pods of a workload share one aggregate per container name (same namespace and pod labels), so with N
 * pods the aggregate gets N CPU samples a minute and N memory peaks per 24 h window, as upstream.
 */

import { SeriesCursor } from "../trace/cursor.js";
import type { TimeSeries } from "../trace/types.js";
import { updateFromPolicy } from "./aggregate-checkpoint.js";
import {
  type AggregateContainerState,
  type AggregationsConfig,
  aggregateStateByContainerName,
  applyAggregatorOps,
  DEFAULT_AGGREGATIONS_CONFIG,
  newAggregateContainerState,
} from "./aggregate-container-state.js";
import { applyVPAPolicy, getContainerResourcePolicy } from "./capping.js";
import {
  DEFAULT_RECOMMENDATION_CONFIG,
  RECOMMENDER_INTERVAL_SECONDS,
  type RecommendationConfig,
} from "./config.js";
import { addContainerSample, type ContainerState, newContainerState, recordOOM } from "./container-state.js";
import {
  createPodResourceRecommender,
  getRecommendedPodResources,
  mapToListOfRecommendedContainerResources,
  type PodResourceRecommender,
} from "./recommender.js";
import type { ContainerRecommendation, PodResourcePolicy, Resources } from "./types.js";

/** One container's usage over time: the series of one pod (per-pod) or of all pods together (total). */
export interface ContainerUsageTrace {
  readonly containerName: string;
  /** CPU in cores. */
  readonly cpu: TimeSeries;
  /** Memory (working set) in bytes. */
  readonly memory: TimeSeries;
  /** The container's requests (millicores, bytes): the OOM bump starts from the memory request. */
  readonly request?: Resources;
}

/** An OOM kill of one pod's container (as the recommender's OOM observer reports it). */
export interface OomEvent {
  /** Seconds from the trace start (the termination's finishedAt). */
  readonly t: number;
  readonly containerName: string;
  /** 0-based pod index; default 0. */
  readonly pod?: number;
  /** The memory the OOM reports (the container's request, or the usage of an eviction); default: the request. */
  readonly memoryBytes?: number;
}

/** What {@link recommendOverTrace} replays. */
export interface RecommendOverTraceInput {
  readonly containers: readonly ContainerUsageTrace[];
  /** Pods of the workload, a positive integer. */
  readonly replicas: number;
  /** Whether the series hold one pod's usage or the total over all pods (divided evenly). */
  readonly usageIs: "per-pod" | "total";
  readonly ooms?: readonly OomEvent[];
  /** The VPA's resource policy (modes, minAllowed / maxAllowed, controlled resources). */
  readonly policy?: PodResourcePolicy | undefined;
}

/** Timing and flags of the replay. */
export interface RecommendOverTraceOptions {
  /** Unix seconds of trace t = 0 (the "now" of the first loop; the caller owns the clock). */
  readonly startTime: number;
  /** Last loop at or before this many seconds from the start; default: the last sample of the shortest series. */
  readonly endSeconds?: number;
  /** --recommender-interval, seconds (60). */
  readonly intervalSeconds?: number;
  /** A timeline point every this many seconds (a multiple of the interval; default 3600), plus the last loop. */
  readonly recordEverySeconds?: number;
  readonly recommendationConfig?: RecommendationConfig;
  readonly aggregationsConfig?: AggregationsConfig;
  /** --container-recommendation-max-allowed-cpu / -memory (unset by default). */
  readonly globalMaxAllowed?: Resources;
}

/** The VPA status after one recommender loop. */
export interface RecommendationPoint {
  /** Seconds from the trace start. */
  readonly t: number;
  /** Per container (sorted by name): target, lowerBound, upperBound (capped) and uncappedTarget. */
  readonly recommendations: readonly ContainerRecommendation[];
  /** One pod's usage sampled in this loop, per container name (millicores, bytes). */
  readonly usage: Readonly<Record<string, Resources>>;
}

export interface RecommendOverTraceResult {
  readonly timeline: readonly RecommendationPoint[];
  /** The status after the last loop (undefined when no loop ran). */
  readonly final: RecommendationPoint | undefined;
  /** Recommender loops run. */
  readonly loops: number;
  /** OOMs the recommender discarded (too old), as upstream logs them. */
  readonly discardedOoms: readonly string[];
}

/**
 * metrics-server's usage as the recommender reads it: CPU nanocores -> Quantity.MilliValue() (rounded
 * up), memory -> Quantity.Value() (rounded up) (mirrors input/metrics/metrics_client.go calculateUsage).
 */
export function usageAmounts(cores: number, bytes: number): Resources {
  const nanocores = Math.round(cores * 1e9);
  return { cpu: Math.ceil(nanocores / 1e6), memory: Math.ceil(Math.round(bytes * 1000) / 1000) };
}

function lastSampleTime(s: TimeSeries): number {
  return s.t[s.t.length - 1] ?? 0;
}

/** Replays the recommender over the traces; see the module comment for the rules. */
export function recommendOverTrace(
  input: RecommendOverTraceInput,
  options: RecommendOverTraceOptions,
): RecommendOverTraceResult {
  const interval = options.intervalSeconds ?? RECOMMENDER_INTERVAL_SECONDS;
  const recordEvery = options.recordEverySeconds ?? 3600;
  const settings = options.aggregationsConfig ?? DEFAULT_AGGREGATIONS_CONFIG;
  const recommender = createPodResourceRecommender(
    options.recommendationConfig ?? DEFAULT_RECOMMENDATION_CONFIG,
  );
  if (!Number.isInteger(input.replicas) || input.replicas < 1) throw new RangeError("replicas must be >= 1");
  if (!(interval > 0) || !(recordEvery > 0)) throw new RangeError("intervals must be positive");
  const end =
    options.endSeconds ??
    Math.min(...input.containers.flatMap((c) => [lastSampleTime(c.cpu), lastSampleTime(c.memory)]));
  const divisor = input.usageIs === "total" ? input.replicas : 1;
  const traced = input.containers.map((c) => ({
    trace: c,
    cpu: new SeriesCursor(c.cpu),
    memory: new SeriesCursor(c.memory),
    pods: Array.from({ length: input.replicas }, () => newContainerState(c.request ?? {})),
    aggregate: newAggregateContainerState(options.startTime, settings),
  }));
  const byName = new Map(traced.map((c) => [c.trace.containerName, c]));
  const ooms = [...(input.ooms ?? [])].sort((a, b) => a.t - b.t);
  let nextOom = 0;
  const timeline: RecommendationPoint[] = [];
  const discardedOoms: string[] = [];
  let final: RecommendationPoint | undefined;
  let loops = 0;
  for (let t = 0; t <= end; t += interval) {
    const now = options.startTime + t;
    const usage: Record<string, Resources> = {};
    // LoadRealTimeMetrics: one sample per running container, then the OOM queue.
    for (const c of traced) {
      const u = usageAmounts(c.cpu.valueAt(t) / divisor, c.memory.valueAt(t) / divisor);
      usage[c.trace.containerName] = u;
      c.pods = c.pods.map((pod) => {
        let state: ContainerState = pod;
        for (const resource of ["cpu", "memory"] as const) {
          const out = addContainerSample(
            state,
            { measureStart: now, usage: u[resource] ?? 0, resource },
            settings,
          );
          state = out.container;
          c.aggregate = applyAggregatorOps(c.aggregate, out.ops);
        }
        return state;
      });
    }
    for (; nextOom < ooms.length && (ooms[nextOom]?.t ?? Number.POSITIVE_INFINITY) <= t; nextOom++) {
      const oom = ooms[nextOom] as OomEvent;
      const c = byName.get(oom.containerName);
      const podIndex = oom.pod ?? 0;
      const pod = c?.pods[podIndex];
      if (c === undefined || pod === undefined) continue;
      const out = recordOOM(
        pod,
        options.startTime + oom.t,
        oom.memoryBytes ?? c.trace.request?.memory ?? 0,
        settings,
      );
      if (out.error !== undefined) discardedOoms.push(`${oom.containerName} pod ${podIndex}: ${out.error}`);
      c.pods[podIndex] = out.container;
      c.aggregate = applyAggregatorOps(c.aggregate, out.ops);
    }
    // UpdateVPAs
    const recommendations = updateVpaRecommendation(
      traced.map((c) => ({ containerName: c.trace.containerName, aggregate: c.aggregate })),
      input.policy,
      recommender,
      now,
      settings,
      options.globalMaxAllowed,
    );
    final = { t, recommendations, usage };
    loops++;
    if (t % recordEvery === 0) timeline.push(final);
  }
  if (final !== undefined && timeline[timeline.length - 1] !== final) timeline.push(final);
  return { timeline, final, loops, discardedOoms };
}

/** One container's aggregate, as the VPA selects it (one aggregate key per container name here). */
export interface NamedAggregate {
  readonly containerName: string;
  readonly aggregate: AggregateContainerState;
}

/**
 * One UpdateVPAs step: merge aggregates by container name, drop mode Off and sample-less ones, copy the
 * policy (GetContainerNameToAggregateStateMap), estimate, list, cap (CappingPostProcessor)
 * (mirrors routines/recommender.go UpdateVPAs for one VPA; also used by src/vpa/replay).
 */
export function updateVpaRecommendation(
  aggregates: readonly NamedAggregate[],
  policy: PodResourcePolicy | undefined,
  recommender: PodResourceRecommender,
  now: number,
  settings: AggregationsConfig,
  globalMaxAllowed: Resources | undefined,
): ContainerRecommendation[] {
  const { byContainerName } = aggregateStateByContainerName(
    aggregates.map((c) => ({
      key: c.containerName,
      containerName: c.containerName,
      state: c.aggregate,
    })),
    now,
    settings,
  );
  const filtered = new Map<string, AggregateContainerState>();
  for (const [name, state] of byContainerName) {
    const containerPolicy = getContainerResourcePolicy(name, policy);
    if (containerPolicy?.mode === "Off" || state.totalSamplesCount <= 0) continue;
    filtered.set(name, updateFromPolicy(state, containerPolicy));
  }
  const list = mapToListOfRecommendedContainerResources(getRecommendedPodResources(recommender, filtered));
  return applyVPAPolicy(list, policy, globalMaxAllowed);
}
