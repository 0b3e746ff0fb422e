/**
 * The data a replay engine exchanges with the VPA controller (src/vpa/replay). The engine owns the clock
 * and the pods; every step takes `now` (integer Unix seconds) and returns new state plus decisions.
 *
 * Units at this boundary are the engine's: resource lists are exact milli-units as `bigint` (cpu in
 * millicores, memory in milli-bytes), like src/engine/run-inputs.ts ContainerTemplate. Recommendations
 * are VPA amounts (cpu in millicores, memory in bytes), like the VPA status.
 */
import type { ContainerRecommendation } from "../types.js";
import type { LastTermination } from "../update-priority.js";

/** Resource name -> milli-units (cpu millicores, memory milli-bytes); the engine's ResourceList. */
export type MilliResourceList = Readonly<Record<string, bigint>>;

/** One regular container of the pod template (structurally the engine's ContainerTemplate). */
export interface TemplateContainer {
  readonly name: string;
  readonly requests: MilliResourceList;
  readonly limits: MilliResourceList;
  /** Init containers (sidecars included) are neither sampled nor resized by VPA. */
  readonly init?: boolean;
}

/**
 * The kubelet's in-place resize state of a pod (PodResizePending reason Deferred / Infeasible,
 * PodResizeInProgress, or PodResizeInProgress with reason Error); absent = no resize under way.
 */
export type ResizeStatus = "Deferred" | "Infeasible" | "InProgress" | "Error";

/**
 * One container of a pod: its current requests and limits, as the container status reports them when
 * known (during an in-place resize: the values actually applied), else the spec.
 */
export interface VpaPodContainer {
  readonly name: string;
  readonly requests: MilliResourceList;
  readonly limits: MilliResourceList;
  /** status.containerStatuses[].lastState.terminated, for the updater's quick-OOM rule. */
  readonly lastTermination?: LastTermination;
}

/**
 * A pod of the VPA's target as the recommender's and updater's listers see it. Readiness is not
 * read by upstream (the updater counts phases only), so it is not asked for.
 */
export interface VpaPod {
  readonly name: string;
  /** metadata.creationTimestamp, Unix seconds. */
  readonly creationTime: number;
  /** status.startTime, Unix seconds; undefined until the kubelet has accepted the pod. */
  readonly startTime?: number;
  /** Pending until every container started, then Running. */
  readonly phase: "Pending" | "Running";
  /** spec.nodeName set: the updater's pod lister drops unscheduled pods. */
  readonly scheduled: boolean;
  /** metadata.deletionTimestamp set (being evicted or scaled down): not live for the updater. */
  readonly deleting: boolean;
  /** Regular containers only. */
  readonly containers: readonly VpaPodContainer[];
  /** An in-place resize in progress or pending (InPlaceOrRecreate). */
  readonly resize?: ResizeStatus;
}

/**
 * One metrics.k8s.io PodMetrics item (structurally the engine's PodResourceMetrics): CPU is the usage
 * rate over `windowSeconds` ending at `timestamp`, memory the working set at `timestamp`.
 */
export interface PodMetricsSnapshot {
  readonly pod: string;
  /** Unix seconds; becomes every sample's MeasureStart (metrics_client.go SnapshotTime). */
  readonly timestamp: number;
  readonly windowSeconds: number;
  readonly containers: readonly { readonly name: string; readonly usage: MilliResourceList }[];
}

/** An OOM kill as the recommender's OOM observer queues it (input/oom/observer.go OomInfo). */
export interface OomObservation {
  readonly pod: string;
  readonly container: string;
  /** Unix seconds: the termination's finishedAt. */
  readonly timestamp: number;
  /**
   * Bytes the observer reports: the container's memory request for an OOMKilled status (the default,
   * taken from the pod's current request), or the reported usage for an eviction event.
   */
  readonly memoryBytes?: number;
}

/** The VPA status recommendation after one recommender loop (per container, sorted by name). */
export interface VpaRecommendationSnapshot {
  /** Unix seconds of the recommender loop that produced it. */
  readonly time: number;
  /** target / lowerBound / upperBound (capped) and uncappedTarget; cpu millicores, memory bytes. */
  readonly containers: readonly ContainerRecommendation[];
}

/** New requests and limits of one container (engine units); resources not listed keep their value. */
export interface ContainerResourcesUpdate {
  readonly name: string;
  readonly requests: MilliResourceList;
  readonly limits: MilliResourceList;
}

/** Why the updater picked a pod (mirrors the update_priority_calculator.go admission reasons). */
export type UpdateReason = "OutsideRecommendedRange" | "QuickOOM" | "LongLivedAndChangedEnough";

/** An eviction the updater made ("EvictedByVPA"); the engine deletes the pod and its controller recreates it. */
export interface EvictionRecord {
  readonly pod: string;
  readonly reason: UpdateReason;
  /** Set when an in-place update fell back to eviction (InPlaceOrRecreate). */
  readonly fallbackFrom?: "InPlaceDecision" | "InPlaceUpdateError";
  /** Event message as the updater records it on the pod. */
  readonly message: string;
}

/** An in-place resize the updater requested ("InPlaceResizedByVPA"); the engine applies it via the kubelet. */
export interface ResizeRecord {
  readonly pod: string;
  readonly reason: UpdateReason;
  /** The containers the resize patch sets (those with a recommendation), in pod order. */
  readonly containers: readonly ContainerResourcesUpdate[];
  readonly message: string;
}
