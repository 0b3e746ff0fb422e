/**
 * Value equality of container lists as a pod template holds them (name, requests, limits), so a template
 * equal to one already in use can be shared: templates are immutable values, and every cache keyed by a
 * template or its lists computes from the values alone.
 */
import type { ResourceList } from "../hpa/types.js";

/** Same resources in the same order (the order shows where a list is iterated) with the same amounts. */
export function sameResourceList(a: ResourceList, b: ResourceList): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k !== other[i] || a[k] !== b[k]) return false;
  }
  return true;
}

interface ResourcedContainer {
  readonly name: string;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

/** Same containers, in order, with the same names, requests and limits. */
export function sameContainers(a: readonly ResourcedContainer[], b: readonly ResourcedContainer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ResourcedContainer;
    const y = b[i] as ResourcedContainer;
    if (
      x.name !== y.name ||
      !sameResourceList(x.requests, y.requests) ||
      !sameResourceList(x.limits, y.limits)
    )
      return false;
  }
  return true;
}
