/**
 * What the cluster autoscaler keeps between loops, and the cluster-state registry's per-loop update of it:
 * scale-up requests in flight, their completion and timeout, upcoming nodes per group (mirrors
 * clusterstate/clusterstate.go ClusterStateRegistry: RegisterScaleUp, updateScaleRequests,
 * GetUpcomingNodes, handleInstanceCreationErrors / backoff; core/static_autoscaler.go RunOnce fields
 * lastScaleUpTime, lastScaleDownDeleteTime, lastScaleDownFailTime; unneeded/nodes.go since map;
 * actuation NodeDeletionTracker). Times are engine seconds.
 */
import { type BackoffState, backoffNodeGroup, backoffStatus, EMPTY_BACKOFF } from "./backoff.js";
import type { CaConfig } from "./config.js";
import type { Node, NodeGroup, NodeTemplate, Pod } from "./types.js";

/** A scale-up in flight for one group (clusterstate.go ScaleUpRequest). */
export interface ScaleUpRequest {
  readonly groupId: string;
  /** Nodes asked for (a later scale-up of the group adds to it). */
  readonly increase: number;
  /** When the (latest) scale-up was requested, seconds. */
  readonly time: number;
  /** `time + max-node-provision-time`: after it, an incomplete request times out. */
  readonly expectedAddTime: number;
}

/** A node whose deletion the autoscaler started (actuation NodeDeletionTracker). */
export interface NodeDeletion {
  readonly groupId: string;
  readonly since: number;
  /** True when the node had pods to evict (counts against --max-drain-parallelism). */
  readonly drain: boolean;
}

/** The state carried from one loop to the next. Maps are keyed by group id / node name. */
export interface CaState {
  readonly scaleUpRequests: ReadonlyMap<string, ScaleUpRequest>;
  readonly backoff: BackoffState;
  /** Node name -> time it was first found unneeded (reset by a loop where it is not). */
  readonly unneededSince: ReadonlyMap<string, number>;
  readonly lastScaleUpTime?: number;
  readonly lastScaleDownDeleteTime?: number;
  readonly lastScaleDownFailTime?: number;
  readonly deletingNodes: ReadonlyMap<string, NodeDeletion>;
}

export const INITIAL_CA_STATE: CaState = {
  scaleUpRequests: new Map(),
  backoff: EMPTY_BACKOFF,
  unneededSince: new Map(),
  deletingNodes: new Map(),
};

/** One node as the autoscaler lists it. */
export interface ObservedNode {
  readonly node: Node;
  /** Its node group id; undefined = not autoscaled. */
  readonly groupId: string | undefined;
  /** Registration (creation) time, seconds; absent = long ago. */
  readonly createdAt?: number;
}

/** One node group: sizes, the template of a new node, its price. */
export interface ObservedNodeGroup {
  /** Sizes with the current target size. */
  readonly group: NodeGroup;
  readonly template: NodeTemplate;
  /** Price of one node for one hour (price expander). */
  readonly pricePerHour?: number;
  /**
   * The scheduler's filters beyond resources (taints, node affinity) for a pod on a fresh node of the group:
   * undefined = can host, else the reasons (the engine wraps src/cluster groupCanHost / runFilterChain).
   */
  readonly rejects?: (pod: Pod) => readonly string[] | undefined;
}

/** One pod: bound (`pod.nodeName`) or pending; pending pods count once the scheduler marked them. */
export interface ObservedPod {
  readonly pod: Pod;
  /** When the scheduler set PodScheduled=False/Unschedulable, seconds; absent = not (yet) marked. */
  readonly unschedulableSince?: number;
}

/** What one loop lists. */
export interface CaObservation {
  readonly nodes: readonly ObservedNode[];
  readonly nodeGroups: readonly ObservedNodeGroup[];
  readonly pods: readonly ObservedPod[];
}

/** An event as the recorder emits it. `object` is `pod/<ns>/<name>`, `node/<name>`, `nodegroup/<id>`. */
export interface CaEvent {
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  readonly message: string;
  readonly object: string;
}

/**
 * Registered but not started: not ready and created less than --max-node-startup-time ago
 * (clusterstate.go updateReadinessStats NotStarted). Such nodes are upcoming, not destinations.
 */
export function isNotStarted(n: ObservedNode, cfg: CaConfig, now: number): boolean {
  return (
    n.node.ready === false && n.createdAt !== undefined && now - n.createdAt < cfg.maxNodeStartupTimeSeconds
  );
}

/** Registered nodes per group that are no longer upcoming (ready, or unready for long). */
export function registeredCounts(obs: CaObservation, cfg: CaConfig, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of obs.nodes) {
    if (n.groupId === undefined || isNotStarted(n, cfg, now)) continue;
    counts.set(n.groupId, (counts.get(n.groupId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Upcoming nodes per group: `target - registered` while the group has a scale-up request and is not
 * backed off (clusterstate.go GetUpcomingNodes, 1.36 behaviour).
 */
export function upcomingNodes(
  state: CaState,
  obs: CaObservation,
  cfg: CaConfig,
  now: number,
): Map<string, number> {
  const registered = registeredCounts(obs, cfg, now);
  const out = new Map<string, number>();
  for (const g of obs.nodeGroups) {
    const id = g.group.id;
    if (!state.scaleUpRequests.has(id) || backoffStatus(state.backoff, id, now).isBackedOff) continue;
    const n = g.group.targetSize - (registered.get(id) ?? 0);
    if (n > 0) out.set(id, n);
  }
  return out;
}

/** Go's time.Duration String for whole seconds ("15m0s", "1h0m0s", "45s"). */
export function goDuration(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s === 0) return "0s";
  const h = Math.trunc(s / 3600);
  const m = Math.trunc((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

/** A timed-out request: the target is lowered by the nodes that never came (1.36). */
export interface ScaleUpTimeout {
  readonly group: string;
  readonly delta: number;
}

/**
 * Completes requests whose group has no upcoming node left, times out those past `expectedAddTime`
 * (backoff, request removed, target decreased, ScaleUpTimedOut event), forgets nodes that are gone
 * (clusterstate.go updateScaleRequests, RegisterFailedScaleUp; deviation: the decrease is capped at the
 * nodes still missing so the target never drops below what registered).
 */
export function updateClusterState(
  state: CaState,
  obs: CaObservation,
  cfg: CaConfig,
  now: number,
): { state: CaState; timeouts: ScaleUpTimeout[]; events: CaEvent[] } {
  const registered = registeredCounts(obs, cfg, now);
  const groups = new Map(obs.nodeGroups.map((g) => [g.group.id, g.group]));
  const requests = new Map<string, ScaleUpRequest>();
  const timeouts: ScaleUpTimeout[] = [];
  const events: CaEvent[] = [];
  let backoff = state.backoff;
  const backoffCfg = {
    initialSeconds: cfg.initialNodeGroupBackoffSeconds,
    maxSeconds: cfg.maxNodeGroupBackoffSeconds,
    resetSeconds: cfg.nodeGroupBackoffResetSeconds,
  };
  for (const id of [...state.scaleUpRequests.keys()].sort()) {
    const req = state.scaleUpRequests.get(id) as ScaleUpRequest;
    const group = groups.get(id);
    if (group === undefined) continue;
    const missing = group.targetSize - (registered.get(id) ?? 0);
    if (missing <= 0) continue; // complete
    if (req.expectedAddTime < now) {
      backoff = backoffNodeGroup(
        backoff,
        id,
        {
          errorClass: "OtherErrorClass",
          errorCode: "timeout",
          errorMessage: `Scale-up timed out for node group ${id} after ${goDuration(now - req.time)}`,
        },
        now,
        backoffCfg,
      ).state;
      timeouts.push({ group: id, delta: Math.min(req.increase, missing) });
      events.push({
        type: "Warning",
        reason: "ScaleUpTimedOut",
        message: `Nodes added to group ${id} failed to register within ${goDuration(now - req.time)}`,
        object: `nodegroup/${id}`,
      });
      continue;
    }
    requests.set(id, req);
  }
  const present = new Set(obs.nodes.map((n) => n.node.name));
  const deletingNodes = new Map([...state.deletingNodes].filter(([name]) => present.has(name)));
  return { state: { ...state, scaleUpRequests: requests, backoff, deletingNodes }, timeouts, events };
}

/** Records a scale-up of `delta` nodes (clusterstate.go RegisterScaleUp: add to Increase, reset times). */
export function registerScaleUp(
  requests: ReadonlyMap<string, ScaleUpRequest>,
  groupId: string,
  delta: number,
  cfg: CaConfig,
  now: number,
): Map<string, ScaleUpRequest> {
  const next = new Map(requests);
  const prev = requests.get(groupId);
  next.set(groupId, {
    groupId,
    increase: (prev?.increase ?? 0) + delta,
    time: now,
    expectedAddTime: now + cfg.maxNodeProvisionTimeSeconds,
  });
  return next;
}
