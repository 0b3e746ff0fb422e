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
  applyAggregatorOpInPlace,
  isAggregateExpired,
  type MutableAggregateContainerState,
  newAggregateContainerState,
  thawAggregate,
} from "../aggregate-container-state.js";
import type { AggregatorOp } from "../container-state.js";
import {
  addContainerSample,
  type ContainerState,
  newContainerState,
  recordOOM,
  withRequest,
} from "../container-state.js";
import { updateVpaRecommendation } from "../recommend-over-trace.js";
import { createPodResourceRecommender, type PodResourceRecommender } from "../recommender.js";
import { RESOURCE_NAMES, type Resources } from "../types.js";
import type { VpaReplayInput } from "./config.js";
import { amountFromMilli, resourcesFromMilli } from "./quantities.js";
import type { OomObservation, PodMetricsSnapshot, VpaPod, VpaRecommendationSnapshot } from "./types.js";

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

/** A copy of a map, entries in its order (as `new Map(m)`, which V8 runs several times slower on small maps). */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const copy = new Map<K, V>();
  for (const [k, v] of m) copy.set(k, v);
  return copy;
}

/**
 * The cluster model and the aggregates while one loop runs. The previous state is never modified: a
 * pod's container map and an aggregate are copied the first time this loop changes them (copy on write),
 * after which the loop updates its own copy in place. Nothing else is copied, so a loop costs time in
 * what changed, not in the size of the state.
 */
class LoopModel {
  /** Pod name -> container name -> state; the maps in `ownPods` belong to this loop. */
  readonly pods: Map<string, ReadonlyMap<string, ContainerState>>;
  readonly aggregates: Map<string, AggregateContainerState>;
  private readonly ownPods = new Set<string>();
  private readonly ownAggregates = new Set<AggregateContainerState>();

  constructor(state: VpaRecommenderState) {
    this.pods = copyMap(state.pods);
    this.aggregates = copyMap(state.aggregates);
  }

  /** The pod's container map, writable (copied on the loop's first write); undefined if the pod is unknown. */
  writablePod(pod: string): Map<string, ContainerState> | undefined {
    const containers = this.pods.get(pod);
    if (containers === undefined) return undefined;
    if (this.ownPods.has(pod)) return containers as Map<string, ContainerState>;
    const copy = copyMap(containers);
    this.pods.set(pod, copy);
    this.ownPods.add(pod);
    return copy;
  }

  /** A new, empty container map for a pod seen for the first time. */
  addPod(pod: string): Map<string, ContainerState> {
    const containers = new Map<string, ContainerState>();
    this.pods.set(pod, containers);
    this.ownPods.add(pod);
    return containers;
  }

  /** Applies a container's aggregator calls to its aggregate (thawed on the loop's first write). */
  apply(containerName: string, aggregate: AggregateContainerState, ops: readonly AggregatorOp[]): void {
    if (ops.length === 0) return;
    let own = aggregate as MutableAggregateContainerState;
    if (!this.ownAggregates.has(aggregate)) {
      own = thawAggregate(aggregate);
      this.ownAggregates.add(own);
      this.aggregates.set(containerName, own);
    }
    for (const op of ops) applyAggregatorOpInPlace(own, op);
  }
}

/** Same cpu and memory amounts (requests are compared by value, as upstream overwrites them every loop). */
function sameResources(a: Resources, b: Resources): boolean {
  return (
    a === b || (a.cpu === b.cpu && a.memory === b.memory && Object.keys(a).length === Object.keys(b).length)
  );
}

/** Adds or updates the listed pods and containers, creating aggregates on first sight (mirrors cluster_feeder.go LoadPods). */
function loadPods(model: LoopModel, pods: readonly VpaPod[], input: VpaReplayInput, now: number): string[] {
  const names = new Set<string>();
  for (const pod of pods) {
    if (pod.phase === "Pending") continue; // newPodClients: status.phase!=Pending
    names.add(pod.name);
    let containers = model.pods.get(pod.name);
    let writable = containers === undefined ? model.addPod(pod.name) : undefined;
    containers = writable ?? containers;
    for (const c of pod.containers) {
      const request = resourcesFromMilli(c.requests);
      const existing = containers?.get(c.name);
      if (existing === undefined) {
        // AddOrUpdateContainer: findOrCreateAggregateContainerState, then NewContainerState.
        if (!model.aggregates.has(c.name))
          model.aggregates.set(c.name, newAggregateContainerState(now, input.config.aggregations));
        writable ??= model.writablePod(pod.name);
        writable?.set(c.name, newContainerState(request));
      } else if (!sameResources(existing.request, request)) {
        writable ??= model.writablePod(pod.name);
        writable?.set(c.name, withRequest(existing, request));
      }
    }
  }
  const podsToDelete: string[] = [];
  for (const name of model.pods.keys()) if (!names.has(name)) podsToDelete.push(name);
  return podsToDelete;
}

/** One CPU and one memory sample per container of every known pod (mirrors cluster_feeder.go LoadRealTimeMetrics). */
function loadRealTimeMetrics(
  model: LoopModel,
  metrics: readonly PodMetricsSnapshot[],
  input: VpaReplayInput,
): { added: number; dropped: number } {
  let added = 0;
  let dropped = 0;
  for (const item of metrics) {
    for (const cm of item.containers) {
      let state = model.pods.get(item.pod)?.get(cm.name);
      const aggregate = model.aggregates.get(cm.name);
      if (state === undefined || aggregate === undefined) {
        dropped += RESOURCE_NAMES.length; // KeyError: pod or container not in the model
        continue;
      }
      const before = state;
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
        model.apply(cm.name, model.aggregates.get(cm.name) ?? aggregate, out.ops);
      }
      if (state !== before) model.writablePod(item.pod)?.set(cm.name, state);
    }
  }
  return { added, dropped };
}

/** Drains the OOM queue (mirrors cluster_feeder.go LoadRealTimeMetrics' OOM loop and cluster.go RecordOOM). */
function recordOoms(model: LoopModel, ooms: readonly OomObservation[], input: VpaReplayInput): string[] {
  const errors: string[] = [];
  for (const oom of ooms) {
    const state = model.pods.get(oom.pod)?.get(oom.container);
    const aggregate = model.aggregates.get(oom.container);
    if (state === undefined || aggregate === undefined) {
      errors.push(`${oom.pod}/${oom.container}: KeyError: container not in the cluster model`);
      continue;
    }
    const memory = oom.memoryBytes ?? state.request.memory ?? 0;
    const out = recordOOM(state, oom.timestamp, memory, input.config.aggregations);
    if (out.error !== undefined) errors.push(`${oom.pod}/${oom.container}: ${out.error}`);
    if (out.container !== state) model.writablePod(oom.pod)?.set(oom.container, out.container);
    model.apply(oom.container, aggregate, out.ops);
  }
  return errors;
}

/**
 * Deletes aggregates that are empty and no longer fed by a pod, or expired (no CPU sample for 8 days),
 * at most once per GC interval (mirrors cluster.go RateLimitedGarbageCollectAggregateCollectionStates;
 * the target's controller always exists in a replay, so every modelled pod is contributive).
 */
function garbageCollect(model: LoopModel, lastGC: number, input: VpaReplayInput, now: number): number {
  if (now - lastGC < input.config.aggregateGCIntervalSeconds) return lastGC;
  const contributive = new Set<string>();
  for (const containers of model.pods.values()) for (const name of containers.keys()) contributive.add(name);
  for (const [name, aggregate] of [...model.aggregates]) {
    const empty = aggregate.totalSamplesCount === 0;
    if ((!contributive.has(name) && empty) || isAggregateExpired(aggregate, now))
      model.aggregates.delete(name);
  }
  return now;
}

/** The estimators of an input's recommendation config, built once per config object. */
const recommenders = new WeakMap<VpaReplayInput["config"]["recommendation"], PodResourceRecommender>();

function recommenderOf(input: VpaReplayInput): PodResourceRecommender {
  const config = input.config.recommendation;
  let r = recommenders.get(config);
  if (r === undefined) {
    r = createPodResourceRecommender(config);
    recommenders.set(config, r);
  }
  return r;
}

/**
 * One recommender loop at `now` (mirrors routines/recommender.go RunOnce). Pure: `state` is left as it
 * was (the new state shares what this loop did not change with it, copy on write).
 */
export function recommenderStep(
  input: VpaReplayInput,
  state: VpaRecommenderState,
  observation: RecommenderObservation,
  now: number,
): RecommenderStepResult {
  const model = new LoopModel(state);
  const podsToDelete = loadPods(model, observation.pods, input, now);
  const { added, dropped } = loadRealTimeMetrics(model, observation.metrics, input);
  const oomErrors = recordOoms(model, observation.ooms, input);
  for (const pod of podsToDelete) model.pods.delete(pod); // DeleteRemovedPods, after the OOMs
  const containers = updateVpaRecommendation(
    [...model.aggregates].map(([containerName, aggregate]) => ({ containerName, aggregate })),
    input.resourcePolicy,
    recommenderOf(input),
    now,
    input.config.aggregations,
    input.config.globalMaxAllowed,
  );
  const recommendation: VpaRecommendationSnapshot = { time: now, containers };
  const lastAggregateGC = garbageCollect(model, state.lastAggregateGC, input, now);
  return {
    state: { pods: model.pods, aggregates: model.aggregates, lastAggregateGC, recommendation },
    recommendation,
    samplesAdded: added,
    samplesDropped: dropped,
    oomErrors,
  };
}
