/**
 * The scheduler filter plugins a resources-only model needs, as an ordered chain that stops at the first
 * failure (mirrors the default scheduler profile order: NodeUnschedulable, NodeAffinity (nodeSelector),
 * NodePorts, NodeResourcesFit, PodTopologySpread; reasons are the plugins' own strings).
 */
import { podRequests, type Requests } from "./pod-requests.js";
import {
  filterTopologySpread,
  nodeSelectorMatches,
  preFilterTopologySpread,
  type SpreadState,
} from "./topology-spread.js";
import type { Node, Pod } from "./types.js";

/** A node with its pods and their summed requests (scheduler framework NodeInfo). */
export interface NodeInfo {
  readonly node: Node;
  readonly pods: readonly Pod[];
  readonly requested: Requests;
  readonly usedPorts: ReadonlySet<number>;
}

/** Why a pod does not fit a node: the plugin and its reasons. */
export interface FilterFailure {
  readonly plugin: string;
  readonly reasons: readonly string[];
}

/** What PreFilter computed once per scheduling attempt. */
export interface PreFilterState {
  readonly requests: Requests;
  readonly spread: SpreadState | undefined;
}

type FilterPlugin = (pod: Pod, info: NodeInfo, state: PreFilterState) => FilterFailure | undefined;

/** nodeunschedulable.go Filter (pods tolerating the unschedulable taint are not modelled). */
const nodeUnschedulable: FilterPlugin = (_pod, info) =>
  info.node.unschedulable === true
    ? { plugin: "NodeUnschedulable", reasons: ["node(s) were unschedulable"] }
    : undefined;

/** nodeaffinity.go Filter, nodeSelector part. */
const nodeAffinity: FilterPlugin = (pod, info) =>
  nodeSelectorMatches(pod, info.node)
    ? undefined
    : { plugin: "NodeAffinity", reasons: ["node(s) didn't match Pod's node affinity/selector"] };

/** nodeports.go Filter: a wanted host port already bound on the node. */
const nodePorts: FilterPlugin = (pod, info) =>
  (pod.hostPorts ?? []).some((p) => info.usedPorts.has(p))
    ? { plugin: "NodePorts", reasons: ["node(s) didn't have free ports for the requested pod ports"] }
    : undefined;

/** noderesources/fit.go fitsRequest: pod count, then each requested resource against allocatable - requested. */
const nodeResourcesFit: FilterPlugin = (_pod, info, state) => {
  const alloc = info.node.allocatable;
  const req = state.requests;
  const reasons: string[] = [];
  if (info.pods.length + 1 > (alloc.pods ?? 0)) reasons.push("Too many pods");
  if (req.cpuMilli === 0 && req.memBytes === 0 && req.gpus === 0) {
    return reasons.length > 0 ? { plugin: "NodeResourcesFit", reasons } : undefined;
  }
  if (req.cpuMilli > 0 && req.cpuMilli > (alloc.cpuMilli ?? 0) - info.requested.cpuMilli)
    reasons.push("Insufficient cpu");
  if (req.memBytes > 0 && req.memBytes > (alloc.memBytes ?? 0) - info.requested.memBytes)
    reasons.push("Insufficient memory");
  if (req.gpus > 0 && req.gpus > (alloc.gpus ?? 0) - info.requested.gpus)
    reasons.push("Insufficient nvidia.com/gpu");
  return reasons.length > 0 ? { plugin: "NodeResourcesFit", reasons } : undefined;
};

/** podtopologyspread/filtering.go Filter. */
const podTopologySpread: FilterPlugin = (pod, info, state) => {
  if (state.spread === undefined) return undefined;
  const reason = filterTopologySpread(pod, info.node, state.spread);
  return reason === undefined ? undefined : { plugin: "PodTopologySpread", reasons: [reason] };
};

/** The filter chain in scheduler order. */
export const FILTER_PLUGINS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  podTopologySpread,
];

/** PreFilter over every node of the snapshot (topology spread counts). */
export function runPreFilters(pod: Pod, allNodes: readonly NodeInfo[]): PreFilterState {
  return { requests: podRequests(pod), spread: preFilterTopologySpread(pod, allNodes) };
}

/** The first failing filter, or undefined when the pod fits the node. */
export function runFilters(pod: Pod, info: NodeInfo, state: PreFilterState): FilterFailure | undefined {
  for (const plugin of FILTER_PLUGINS) {
    const failure = plugin(pod, info, state);
    if (failure !== undefined) return failure;
  }
  return undefined;
}
