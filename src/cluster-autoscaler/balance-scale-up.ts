/**
 * Spreading a scale-up over similar node groups: sort by size, repeatedly add one node to the smallest
 * group below its max, until the request or the total headroom is used (mirrors
 * processors/nodegroupset/balancing_processor.go BalanceScaleUpBetweenGroups).
 */
import type { NodeGroup } from "./types.js";

/** A group's planned growth (nodegroupset.ScaleUpInfo). */
export interface ScaleUpInfo {
  readonly groupId: string;
  readonly currentSize: number;
  readonly newSize: number;
  readonly maxSize: number;
}

interface MutableInfo {
  readonly groupId: string;
  readonly currentSize: number;
  newSize: number;
  readonly maxSize: number;
}

/**
 * New target sizes for `newNodes` more nodes over the groups; only groups whose size changes are returned.
 * Groups at max are ignored; the request is capped at the summed headroom. Deviation: upstream's
 * sort.Slice is not stable; ties keep input order here.
 */
export function balanceScaleUpBetweenGroups(
  groups: readonly NodeGroup[],
  newNodes: number,
): ScaleUpInfo[] | Error {
  if (groups.length === 0) return new Error("Can't balance scale up between 0 groups");
  const infos: MutableInfo[] = [];
  let totalCapacity = 0;
  for (const g of groups) {
    if (g.targetSize === g.maxSize) continue;
    if (g.maxSize > g.targetSize) totalCapacity += g.maxSize - g.targetSize;
    infos.push({ groupId: g.id, currentSize: g.targetSize, newSize: g.targetSize, maxSize: g.maxSize });
  }
  let remaining = Math.min(newNodes, totalCapacity);
  infos.sort((a, b) => a.currentSize - b.currentSize);
  // Invariants as upstream: groups before startIndex are full; from startIndex to currentIndex all have
  // the same new size, and the next group is at most one larger.
  let startIndex = 0;
  let currentIndex = 0;
  while (remaining > 0) {
    const current = infos[currentIndex] as MutableInfo;
    if (current.newSize < current.maxSize) {
      current.newSize++;
      remaining--;
    } else {
      infos[currentIndex] = infos[startIndex] as MutableInfo;
      infos[startIndex] = current;
      startIndex++;
    }
    // Upstream holds a pointer to the slot, so after a swap it compares the group now in that slot.
    const atSlot = infos[currentIndex] as MutableInfo;
    const next = infos[currentIndex + 1];
    if (next !== undefined && atSlot.newSize > next.newSize) currentIndex++;
    else currentIndex = startIndex;
  }
  return infos.filter((i) => i.newSize !== i.currentSize);
}
