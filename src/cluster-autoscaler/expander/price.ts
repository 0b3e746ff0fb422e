/**
 * The price expander: lowest `unfitness' * (nodePrice*n + s) / (sum(podPrice) + s)` where `s` is the price
 * of a 500m / 500Mi stabilization pod, unfitness compares the node's CPU with a preferred node size and
 * fades with the node count, GPU nodes get 1000, groups that do not exist yet score x2
 * (mirrors expander/price/price.go BestOptions and price/preferred.go).
 */
import type { Node, Pod } from "../types.js";
import { nodeCapacity } from "../types.js";
import { nodeHasGpu } from "../utilization.js";
import type { ExpanderFilter, ExpansionOption } from "./types.js";

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Prices over a time window (cloudprovider.PricingModel); an Error when unknown. */
export interface PricingModel {
  nodePrice(node: Node, startTime: number, endTime: number): number | Error;
  podPrice(pod: Pod, startTime: number, endTime: number): number | Error;
}

/** price.go priceStabilizationPod: 500 millicores, 500 MiB. */
export const PRICE_STABILIZATION_POD: Pod = {
  name: "stabilize",
  namespace: "default",
  containers: [{ cpuMilli: 500, memBytes: 500 * MIB }],
};

/** price.go notExistCoeficient and gpuUnfitnessOverride. */
export const NOT_EXIST_COEFFICIENT = 2.0;
export const GPU_UNFITNESS_OVERRIDE = 1000.0;

function preferredNodeOf(cpuMilli: number, memBytes: number): Node {
  const r = { cpuMilli, memBytes, pods: 100 };
  return { name: "CA-PreferredNode", allocatable: r, capacity: r };
}

/** price.go defaultPreferredNode: 4 cores, 16 GiB. */
export const DEFAULT_PREFERRED_NODE: Node = preferredNodeOf(4000, 16 * GIB);

/** The preferred node for a cluster of this many nodes (mirrors SimplePreferredNodeProvider.Node). */
export function simplePreferredNode(clusterNodeCount: number): Node {
  if (clusterNodeCount <= 2) return preferredNodeOf(1000, 3750 * MIB);
  if (clusterNodeCount <= 6) return preferredNodeOf(2000, 7500 * MIB);
  if (clusterNodeCount <= 20) return preferredNodeOf(4000, 15000 * MIB);
  if (clusterNodeCount <= 60) return preferredNodeOf(8000, 30000 * MIB);
  if (clusterNodeCount <= 200) return preferredNodeOf(16000, 60000 * MIB);
  return preferredNodeOf(32000, 120000 * MIB);
}

/** max(preferredCpu/nodeCpu, nodeCpu/preferredCpu) on capacity (SimpleNodeUnfitness). */
export function simpleNodeUnfitness(preferred: Node, evaluated: Node): number {
  const p = nodeCapacity(preferred).cpuMilli ?? 0;
  const e = nodeCapacity(evaluated).cpuMilli ?? 0;
  return Math.max(p / e, e / p);
}

export interface PriceExpanderDeps {
  readonly pricing: PricingModel;
  /** The preferred node, or an Error (then the default 4-core node is used). */
  readonly preferredNode: Node | Error;
  readonly nodeUnfitness?: (preferred: Node, evaluated: Node) => number;
  /** The cloud provider's GPU label. */
  readonly gpuLabel?: string;
  /** Start of the one-hour pricing window, seconds. */
  readonly now: number;
}

/** The price filter; options whose node or pod price is unknown are skipped. */
export function priceFilter(deps: PriceExpanderDeps): ExpanderFilter {
  return (options, nodeInfos) => {
    const now = deps.now;
    const then = now + 3600;
    const preferred = deps.preferredNode instanceof Error ? DEFAULT_PREFERRED_NODE : deps.preferredNode;
    const unfitnessOf = deps.nodeUnfitness ?? simpleNodeUnfitness;
    const stabilization = deps.pricing.podPrice(PRICE_STABILIZATION_POD, now, then);
    const stabilizationPrice = stabilization instanceof Error ? 0 : stabilization;
    let best: ExpansionOption[] = [];
    let bestScore = 0;
    for (const option of options) {
      const template = nodeInfos.get(option.nodeGroupId);
      if (template === undefined) continue;
      const nodePrice = deps.pricing.nodePrice(template.node, now, then);
      if (nodePrice instanceof Error) continue;
      const totalNodePrice = nodePrice * option.nodeCount;
      let totalPodPrice = 0;
      let priced = true;
      for (const pod of option.pods) {
        const p = deps.pricing.podPrice(pod, now, then);
        if (p instanceof Error) {
          priced = false;
          break;
        }
        totalPodPrice += p;
      }
      if (!priced) continue;
      const priceSubScore = (totalNodePrice + stabilizationPrice) / (totalPodPrice + stabilizationPrice);
      const unfitness = unfitnessOf(preferred, template.node);
      let suppressed = (unfitness - 1.0) * (1.0 - Math.tanh((option.nodeCount - 1) / 15.0)) + 1.0;
      if (nodeHasGpu(template.node, deps.gpuLabel)) suppressed = GPU_UNFITNESS_OVERRIDE;
      let score = suppressed * priceSubScore;
      if (option.exists === false) score *= NOT_EXIST_COEFFICIENT;
      if (best.length === 0 || bestScore === score) {
        best.push(option);
        bestScore = score;
      } else if (bestScore > score) {
        best = [option];
        bestScore = score;
      }
    }
    return best;
  };
}
