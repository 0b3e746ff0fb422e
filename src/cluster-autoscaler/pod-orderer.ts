/**
 * Order in which the binpacking estimator packs pod groups: largest first by
 * `cpu/allocatableCpu + mem/allocatableMem` of the group's first pod on the template node
 * (mirrors estimator/decreasing_pod_orderer.go DecreasingPodOrderer.Order, calculatePodScore).
 */
import { podRequests } from "./pod-requests.js";
import type { NodeTemplate, PodEquivalenceGroup } from "./types.js";

/** The group's score against the template's allocatable (0 for an empty group or missing allocatable). */
export function calculatePodScore(group: PodEquivalenceGroup, template: NodeTemplate): number {
  const sample = group.pods[0];
  if (sample === undefined) return 0;
  const req = podRequests(sample);
  const alloc = template.node.allocatable;
  let score = 0;
  if (alloc.cpuMilli !== undefined && alloc.cpuMilli > 0) score += req.cpuMilli / alloc.cpuMilli;
  if (alloc.memBytes !== undefined && alloc.memBytes > 0) score += req.memBytes / alloc.memBytes;
  return score;
}

/**
 * Groups by decreasing score. Deviation: upstream's sort.Slice leaves ties in an unspecified order; this
 * sort is stable (ties keep their input order).
 */
export function orderPodGroups(
  groups: readonly PodEquivalenceGroup[],
  template: NodeTemplate,
): PodEquivalenceGroup[] {
  return groups
    .map((group, i) => ({ group, i, score: calculatePodScore(group, template) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.group);
}
