/**
 * How many nodes of a template the pending pod groups need: first-fit decreasing on a fork of the cluster
 * snapshot (mirrors estimator/binpacking_estimator.go Estimate, tryToScheduleOnExistingNodes,
 * tryToScheduleOnNewNodes, tryFastPath, addNewNodeToSnapshot).
 */
import type { ClusterSnapshot } from "./cluster-snapshot.js";
import type { EstimationContext, ThresholdBasedEstimationLimiter } from "./estimation-limiter.js";
import { determineBestPEGToFastpath } from "./fastpath-choice.js";
import { orderPodGroups } from "./pod-orderer.js";
import { ERR_REASON_CONSTRAINTS_NOT_MATCH } from "./topology-spread.js";
import type { Node, NodeGroup, NodeTemplate, Pod, PodEquivalenceGroup } from "./types.js";
import { LABEL_HOSTNAME } from "./types.js";

export interface EstimateOptions {
  /** --fastpath-binpacking-enabled. */
  readonly fastpathBinpackingEnabled?: boolean;
  readonly nodeGroup?: NodeGroup;
  readonly context?: EstimationContext;
}

export interface EstimateResult {
  /** Nodes that received at least one pod (upstream counts any node a retried pod landed on). */
  readonly nodeCount: number;
  /** Pods placed, in placement order. */
  readonly scheduledPods: readonly Pod[];
  /** The fork after the estimation: the input snapshot plus the estimation nodes `e-<i>` and placed pods. */
  readonly snapshot: ClusterSnapshot;
  /** Names of the nodes the estimation added, in creation order (fast-path multiples not included). */
  readonly newNodeNames: readonly string[];
}

interface EstimationState {
  readonly snapshot: ClusterSnapshot;
  readonly scheduledPods: Pod[];
  newNodeNameIndex: number;
  lastNodeName: string;
  readonly newNodeNames: Set<string>;
  readonly newNodesWithPods: Set<string>;
}

function track(s: EstimationState, pod: Pod, nodeName: string): void {
  s.newNodesWithPods.add(nodeName);
  s.scheduledPods.push(pod);
}

/** A copy of the template named `e-<i>` with its hostname label (simulator SanitizedNodeInfo). */
function addNewNodeToSnapshot(s: EstimationState, template: NodeTemplate): void {
  let name = `e-${s.newNodeNameIndex}`;
  // Deviation: upstream fails the estimation when the name is taken; take the next free index instead.
  while (s.snapshot.getNodeInfo(name) !== undefined) name = `e-${++s.newNodeNameIndex}`;
  const node: Node = { ...template.node, name, labels: { ...template.node.labels, [LABEL_HOSTNAME]: name } };
  s.snapshot.addNode(
    node,
    (template.pods ?? []).map((p) => ({ ...p, nodeName: name })),
  );
  s.newNodeNameIndex++;
  s.lastNodeName = name;
  s.newNodeNames.add(name);
}

/** Places pods on nodes added earlier in this estimation until one fits nowhere; returns the rest. */
function tryToScheduleOnExistingNodes(s: EstimationState, pods: readonly Pod[]): readonly Pod[] {
  let i = 0;
  for (; i < pods.length; i++) {
    const pod = pods[i] as Pod;
    const r = s.snapshot.schedulePodOnAnyNodeMatching(pod, (info) => s.newNodeNames.has(info.node.name));
    if (!("nodeName" in r)) break;
    track(s, pod, r.nodeName);
  }
  return pods.slice(i);
}

function usesHostnameTopologyKey(pod: Pod): boolean {
  return (pod.topologySpread ?? []).some((c) => c.topologyKey === LABEL_HOSTNAME);
}

/** Opens new nodes for the pods; false when the limiter refused a node (no new node for later groups either). */
function tryToScheduleOnNewNodes(
  s: EstimationState,
  template: NodeTemplate,
  pods: readonly Pod[],
  limiter: ThresholdBasedEstimationLimiter,
  now: number,
): boolean {
  for (const pod of pods) {
    let found = false;
    if (s.lastNodeName !== "") {
      const err = s.snapshot.schedulePod(pod, s.lastNodeName);
      if (err === undefined) {
        found = true;
        track(s, pod, s.lastNodeName);
      } else if (
        usesHostnameTopologyKey(pod) &&
        err.type === "FailingPredicate" &&
        err.failure.reasons.includes(ERR_REASON_CONSTRAINTS_NOT_MATCH)
      ) {
        // A hostname spread failure on the last node: any other node of the snapshot may take the pod.
        const last = s.lastNodeName;
        const r = s.snapshot.schedulePodOnAnyNodeMatching(pod, (info) => info.node.name !== last);
        if ("nodeName" in r) {
          found = true;
          track(s, pod, r.nodeName);
        }
      }
    }
    if (found) continue;
    // The pod did not fit the last (still empty) node: it will not fit a fresh one either.
    if (s.lastNodeName !== "" && !s.newNodesWithPods.has(s.lastNodeName)) return true;
    if (!limiter.permissionToAddNode(now)) return false;
    addNewNodeToSnapshot(s, template);
    // May still fail (e.g. zonal spread); the node stays in the snapshot.
    if (s.snapshot.schedulePod(pod, s.lastNodeName) !== undefined) break;
    track(s, pod, s.lastNodeName);
  }
  return true;
}

/** Packs one node, then counts `ceil(pods / podsPerNode)` nodes without simulating them (tryFastPath). */
function tryFastPath(
  s: EstimationState,
  template: NodeTemplate,
  pods: readonly Pod[],
  limiter: ThresholdBasedEstimationLimiter,
  now: number,
): boolean {
  if (pods.length === 0) return true;
  if (!limiter.permissionToAddNode(now)) return false;
  addNewNodeToSnapshot(s, template);
  let i = 0;
  for (; i < pods.length; i++) {
    const pod = pods[i] as Pod;
    if (s.snapshot.schedulePod(pod, s.lastNodeName) !== undefined) break;
    track(s, pod, s.lastNodeName);
  }
  const podsPerNode = i;
  if (podsPerNode === 0) return true;
  const scaleUpSize = Math.ceil(pods.length / podsPerNode);
  for (let j = 1; j < scaleUpSize; j++) {
    if (!limiter.permissionToAddNode(now)) return false;
    const fakeNodeName = `${s.lastNodeName}-fake-${j}`;
    const n = Math.min(podsPerNode, pods.length - i);
    for (let k = 0; k < n; k++) track(s, pods[i + k] as Pod, fakeNodeName);
    i += n;
  }
  return true;
}

/**
 * Estimates the nodes of `template` needed for the groups, on a fork of `snapshot` (never mutated).
 * Groups are packed largest first; the limiter is restarted for this estimation at `now`.
 */
export function estimate(
  groups: readonly PodEquivalenceGroup[],
  template: NodeTemplate,
  snapshot: ClusterSnapshot,
  limiter: ThresholdBasedEstimationLimiter,
  now: number,
  options: EstimateOptions = {},
): EstimateResult {
  limiter.startEstimation(options.nodeGroup, options.context, now);
  let ordered = orderPodGroups(groups, template);
  let fastpathOnLast = false;
  if (options.fastpathBinpackingEnabled === true) {
    const best = determineBestPEGToFastpath(ordered, template);
    if (best !== -1) {
      // The fast path only runs on the last group: move the best one there.
      ordered = [...ordered.slice(0, best), ...ordered.slice(best + 1), ordered[best] as PodEquivalenceGroup];
      fastpathOnLast = true;
    }
  }
  const s: EstimationState = {
    snapshot: snapshot.fork(),
    scheduledPods: [],
    newNodeNameIndex: 0,
    lastNodeName: "",
    newNodeNames: new Set(),
    newNodesWithPods: new Set(),
  };
  let newNodesAvailable = true;
  ordered.forEach((group, i) => {
    const remaining = tryToScheduleOnExistingNodes(s, group.pods);
    if (!newNodesAvailable) return;
    newNodesAvailable =
      i === ordered.length - 1 && fastpathOnLast
        ? tryFastPath(s, template, remaining, limiter, now)
        : tryToScheduleOnNewNodes(s, template, remaining, limiter, now);
  });
  limiter.endEstimation();
  return {
    nodeCount: s.newNodesWithPods.size,
    scheduledPods: s.scheduledPods,
    snapshot: s.snapshot,
    newNodeNames: [...s.newNodeNames],
  };
}
