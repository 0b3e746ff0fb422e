/**
 * The VPA recommender as a pure step for the replay (mirrors routines/recommender.go RunOnce for one
 * VPA): LoadPods -> LoadRealTimeMetrics (samples, then the OOM queue) -> DeleteRemovedPods ->
 * UpdateVPAs -> RateLimitedGarbageCollectAggregateCollectionStates. Call it every
 * `config.recommenderIntervalSeconds` with the pods, metrics-server's current PodMetrics list and the
 * OOMs observed since the previous call.
 *
 * All pods of the target share one namespace and label set, so there is one aggregate per container
 * name (model/cluster.go aggregateStateMap keyed by namespace, container name and labels). Samples and
 * OOMs go through the existing container-state.ts / aggregate-container-state.ts, the recommendation
 * through recommend-over-trace.ts updateVpaRecommendation; nothing is re-implemented here.
 */
import {
  type AggregateContainerState,
  applyAggregatorOps,
  isAggregateExpired,
  newAggregateContainerState,
} from "../aggregate-container-state.js";
import { addContainerSample, type ContainerState, newContainerState, recordOOM } from "../container-state.js";
import { updateVpaRecommendation } from "../recommend-over-trace.js";
import { createPodResourceRecommender } from "../recommender.js";
import { RESOURCE_NAMES } from "../types.js";
import type { VpaReplayInput } from "./config.js";
import { amountFromMilli, resourcesFromMilli } from "./quantities.js";
import type { OomObservation, PodMetricsSnapshot, VpaPod, VpaRecommendationSnapshot } from "./types.js";

/** Pod name -> container name -> sampling state (the recommender's cluster model pods). */
type PodModel = Map<string, Map<string, ContainerState>>;

/** What the recommender remembers between loops. */
export interface VpaRecommenderState {
  /** The cluster model's pods: pod name -> container name -> ContainerState. */
  readonly pods: ReadonlyMap<string, ReadonlyMap<string, ContainerState>>;
  /** Aggregates by container name. */
  readonly aggregates: ReadonlyMap<string, AggregateContainerState>;
  /** Unix seconds of the last aggregate GC; 0 (time.Unix(0, 0), NewClusterState) before the first. */
  readonly lastAggregateGC: number;
  /** The VPA status recommendation; undefined before the first loop. */
  readonly recommendation: VpaRecommendationSnapshot | undefined;
}

/** A recommender that has seen nothing yet (mirrors model.NewClusterState). */
export function newVpaRecommenderState(): VpaRecommenderState {
  return { pods: new Map(), aggregates: new Map(), lastAggregateGC: 0, recommendation: undefined };
}

/** What one recommender loop reads. */
export interface RecommenderObservation {
  /** The target's pods that exist now; Pending ones are skipped, as the recommender's pod lister does. */
  readonly pods: readonly VpaPod[];
  /** metrics-server's PodMetrics list at `now` (an unrefreshed timestamp yields no new CPU sample). */
  readonly metrics: readonly PodMetricsSnapshot[];
  /** OOM kills observed since the previous loop, in the order they happened. */
  readonly ooms: readonly OomObservation[];
}

export interface RecommenderStepResult {
  readonly state: VpaRecommenderState;
  /** The recommendation written to the VPA status in this loop. */
  readonly recommendation: VpaRecommendationSnapshot;
  /** Samples accepted into the aggregates (CPU and memory counted separately). */
  readonly samplesAdded: number;
  /** Samples dropped: unknown pod or container, out of order, or a duplicate CPU timestamp. */
  readonly samplesDropped: number;
  /** OOMs not recorded, with upstream's reason (unknown container, "too old"). */
  readonly oomErrors: readonly string[];
}

/** Adds or updates the listed pods and containers, creating aggregates on first sight (mirrors cluster_feeder.go LoadPods). */
function loadPods(
  model: PodModel,
  aggregates: Map<string, AggregateContainerState>,
  pods: readonly VpaPod[],
  input: VpaReplayInput,
  now: number,
): string[] {
  const listed = pods.filter((p) => p.phase !== "Pending"); // newPodClients: status.phase!=Pending
  const names = new Set(listed.map((p) => p.name));
  const podsToDelete = [...model.keys()].filter((name) => !names.has(name));
  for (const pod of listed) {
    const containers = new Map(model.get(pod.name) ?? []);
    for (const c of pod.containers) {
      const request = resourcesFromMilli(c.requests);
      const existing = containers.get(c.name);
      if (existing === undefined) {
        // AddOrUpdateContainer: findOrCreateAggregateContainerState, then NewContainerState.
        if (!aggregates.has(c.name))
          aggregates.set(c.name, newAggregateContainerState(now, input.config.aggregations));
        containers.set(c.name, newContainerState(request));
      } else {
        containers.set(c.name, { ...existing, request });
      }
    }
    model.set(pod.name, containers);
  }
  return podsToDelete;
}

/** One CPU and one memory sample per container of every known pod (mirrors cluster_feeder.go LoadRealTimeMetrics). */
function loadRealTimeMetrics(
  model: PodModel,
  aggregates: Map<string, AggregateContainerState>,
  metrics: readonly PodMetricsSnapshot[],
  input: VpaReplayInput,
): { added: number; dropped: number } {
  let added = 0;
  let dropped = 0;
  for (const item of metrics) {
    const containers = model.get(item.pod);
    for (const cm of item.containers) {
      let state = containers?.get(cm.name);
      let aggregate = aggregates.get(cm.name);
      if (containers === undefined || state === undefined || aggregate === undefined) {
        dropped += RESOURCE_NAMES.length; // KeyError: pod or container not in the model
        continue;
      }
      for (const resource of RESOURCE_NAMES) {
        // metrics_client.go calculateUsage: cpu Quantity.MilliValue(), memory Quantity.Value().
        const usage = amountFromMilli(resource, cm.usage[resource] ?? 0n);
        const out = addContainerSample(
          state,
          { measureStart: item.timestamp, usage, resource },
          input.config.aggregations,
        );
        if (out.accepted) added++;
        else dropped++;
        state = out.container;
        aggregate = applyAggregatorOps(aggregate, out.ops);
      }
      containers.set(cm.name, state);
      aggregates.set(cm.name, aggregate);
    }
  }
  return { added, dropped };
}

/** Drains the OOM queue (mirrors cluster_feeder.go LoadRealTimeMetrics' OOM loop and cluster.go RecordOOM). */
function recordOoms(
  model: PodModel,
  aggregates: Map<string, AggregateContainerState>,
  ooms: readonly OomObservation[],
  input: VpaReplayInput,
): string[] {
  const errors: string[] = [];
  for (const oom of ooms) {
    const containers = model.get(oom.pod);
    const state = containers?.get(oom.container);
    const aggregate = aggregates.get(oom.container);
    if (containers === undefined || state === undefined || aggregate === undefined) {
      errors.push(`${oom.pod}/${oom.container}: KeyError: container not in the cluster model`);
      continue;
    }
    const memory = oom.memoryBytes ?? state.request.memory ?? 0;
    const out = recordOOM(state, oom.timestamp, memory, input.config.aggregations);
    if (out.error !== undefined) errors.push(`${oom.pod}/${oom.container}: ${out.error}`);
    containers.set(oom.container, out.container);
    aggregates.set(oom.container, applyAggregatorOps(aggregate, out.ops));
  }
  return errors;
}

/**
 * Deletes aggregates that are empty and no longer fed by a pod, or expired (no CPU sample for 8 days),
 * at most once per GC interval (mirrors cluster.go RateLimitedGarbageCollectAggregateCollectionStates;
 * the target's controller always exists in a replay, so every modelled pod is contributive).
 */
function garbageCollect(
  model: PodModel,
  aggregates: Map<string, AggregateContainerState>,
  lastGC: number,
  input: VpaReplayInput,
  now: number,
): number {
  if (now - lastGC < input.config.aggregateGCIntervalSeconds) return lastGC;
  const contributive = new Set([...model.values()].flatMap((containers) => [...containers.keys()]));
  for (const [name, aggregate] of [...aggregates]) {
    const empty = aggregate.totalSamplesCount === 0;
    if ((!contributive.has(name) && empty) || isAggregateExpired(aggregate, now)) aggregates.delete(name);
  }
  return now;
}

/** One recommender loop at `now` (mirrors routines/recommender.go RunOnce). */
export function recommenderStep(
  input: VpaReplayInput,
  state: VpaRecommenderState,
  observation: RecommenderObservation,
  now: number,
): RecommenderStepResult {
  const model: PodModel = new Map([...state.pods].map(([pod, cs]) => [pod, new Map(cs)]));
  const aggregates = new Map(state.aggregates);
  const podsToDelete = loadPods(model, aggregates, observation.pods, input, now);
  const { added, dropped } = loadRealTimeMetrics(model, aggregates, observation.metrics, input);
  const oomErrors = recordOoms(model, aggregates, observation.ooms, input);
  for (const pod of podsToDelete) model.delete(pod); // DeleteRemovedPods, after the OOMs
  const containers = updateVpaRecommendation(
    [...aggregates].map(([containerName, aggregate]) => ({ containerName, aggregate })),
    input.resourcePolicy,
    createPodResourceRecommender(input.config.recommendation),
    now,
    input.config.aggregations,
    input.config.globalMaxAllowed,
  );
  const recommendation: VpaRecommendationSnapshot = { time: now, containers };
  const lastAggregateGC = garbageCollect(model, aggregates, state.lastAggregateGC, input, now);
  return {
    state: { pods: model, aggregates, lastAggregateGC, recommendation },
    recommendation,
    samplesAdded: added,
    samplesDropped: dropped,
    oomErrors,
  };
}
