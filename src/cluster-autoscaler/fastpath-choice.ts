/**
 * Which pod group the fast-path binpacking should handle: the one where packing one node and multiplying
 * saves the most simulations, `pods - floor(pods / nodes)` (mirrors estimator/binpacking_estimator.go
 * determineBestPEGToFastpath, shouldUseFastPath).
 */
import type { NodeTemplate, PodEquivalenceGroup } from "./types.js";
import { nodeCapacity } from "./types.js";

/** Groups with topology spread constraints cannot be multiplied node by node (shouldUseFastPath). */
export function shouldUseFastPath(group: PodEquivalenceGroup): boolean {
  const pod = group.pods[0];
  if (pod === undefined) return false;
  return pod.topologySpread === undefined;
}

/** Go's int(math.Ceil(x)) for the finite values that occur; NaN/Inf give 0. */
function ceilToInt(x: number): number {
  return Number.isFinite(x) ? Math.ceil(x) : 0;
}

/**
 * Index of the best group, -1 when no group qualifies; on equal savings the later group wins. Node counts
 * use the first container's requests against the template's capacity, in floating point as upstream
 * (Quantity.AsApproximateFloat64: millicores * 10^-3).
 */
export function determineBestPEGToFastpath(
  groups: readonly PodEquivalenceGroup[],
  template: NodeTemplate,
): number {
  const cap = nodeCapacity(template.node);
  const capCpu = (cap.cpuMilli ?? 0) * 0.001;
  const capMem = cap.memBytes ?? 0;
  let maxSaved = 0;
  let best = -1;
  groups.forEach((group, i) => {
    const pod = group.pods[0];
    if (pod === undefined) return;
    const n = group.pods.length;
    let byCpu = 0;
    let byMem = 0;
    const first = pod.containers[0];
    if (first !== undefined) {
      byCpu = ceilToInt((n * ((first.cpuMilli ?? 0) * 0.001)) / capCpu);
      byMem = ceilToInt((n * (first.memBytes ?? 0)) / capMem);
    }
    const numNodes = Math.max(byCpu, byMem);
    const saved = numNodes > 0 ? n - Math.trunc(n / numNodes) : 0;
    if (saved >= maxSaved && shouldUseFastPath(group)) {
      best = i;
      maxSaved = saved;
    }
  });
  return best;
}
