/**
 * How far a pod's requests are from its (capped) recommendation (mirrors
 * pkg/updater/priority/priority_processor.go GetUpdatePriority and utils/annotations vpa_observed_containers.go).
 */
import { containerRequestsAndLimits } from "./capping.js";
import {
  type ContainerRecommendation,
  type PodContainer,
  type PodPriority,
  RESOURCE_NAMES,
  type ResourceName,
} from "./types.js";

/** The pod annotation listing the containers the admission controller saw (annotations.VpaObservedContainersLabel). */
export const VPA_OBSERVED_CONTAINERS_ANNOTATION = "vpaObservedContainers";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The containers named by a `vpaObservedContainers` value ("a, b"); undefined when the annotation is
 * absent or does not parse, in which case every container counts (mirrors parseVpaObservedContainers and
 * ParseVpaObservedContainersValue: names must be DNS-1123 labels).
 */
export function parseVpaObservedContainers(annotation: string | undefined): ReadonlySet<string> | undefined {
  if (annotation === undefined) return undefined;
  if (annotation === "") return new Set();
  const names = annotation.split(", ");
  for (const n of names) if (n.length > 63 || !DNS1123_LABEL.test(n)) return undefined;
  return new Set(names);
}

/**
 * Integer arithmetic on milli-units. Upstream sums int64 milli-values (Quantity.MilliValue); bigint does
 * that exactly, doubles do too while every value and partial sum is a safe integer.
 */
interface MilliArithmetic<T extends bigint | number> {
  readonly zero: T;
  /** Milli-units of an amount: millicores are already milli, bytes × 1000 (Quantity.MilliValue). */
  milli(r: ResourceName, amount: number): T;
  add(a: T, b: T): T;
  toNumber(a: T): number;
}

export const EXACT_MILLI: MilliArithmetic<bigint> = {
  zero: 0n,
  milli: (r, amount) => (r === "cpu" ? BigInt(amount) : BigInt(amount) * 1000n),
  add: (a, b) => a + b,
  toNumber: (a) => Number(a),
};

/** Thrown by {@link SAFE_MILLI} when a value leaves the safe integers (or is not an integer). */
const UNSAFE = new Error("milli-value outside the safe integers");

/** A double that is a safe integer is an exact int64; rounding is monotone, so an inexact result is never safe. */
function safe(x: number): number {
  if (!Number.isSafeInteger(x)) throw UNSAFE;
  return x;
}

export const SAFE_MILLI: MilliArithmetic<number> = {
  zero: 0,
  milli: (r, amount) => (r === "cpu" ? safe(amount) : safe(safe(amount) * 1000)),
  add: (a, b) => safe(a + b),
  toNumber: (a) => a,
};

/**
 * For every observed container and every resource of its target: scaleUp if target > request,
 * outsideRecommendedRange if request < lowerBound or > upperBound; a missing request sets both.
 * resourceDiff = Σ over resources |Σ requests - Σ targets| / max(Σ requests, 1), in milli-units.
 * Computed with doubles when every milli-value and sum is a safe integer (the same answer, see
 * {@link SAFE_MILLI}), else with bigint.
 */
export function getUpdatePriority(
  containers: readonly PodContainer[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  observedContainersAnnotation?: string,
): PodPriority {
  const observed = parseVpaObservedContainers(observedContainersAnnotation);
  try {
    return updatePriorityWith(SAFE_MILLI, containers, recommendation, observed);
  } catch (e) {
    if (e !== UNSAFE) throw e;
    return updatePriorityWith(EXACT_MILLI, containers, recommendation, observed);
  }
}

/** {@link getUpdatePriority} in the given arithmetic (mirrors priority_processor.go GetUpdatePriority). */
export function updatePriorityWith<T extends bigint | number>(
  arithmetic: MilliArithmetic<T>,
  containers: readonly PodContainer[],
  recommendation: readonly ContainerRecommendation[] | undefined,
  observed: ReadonlySet<string> | undefined,
): PodPriority {
  const { zero, milli, add } = arithmetic;
  let outsideRecommendedRange = false;
  let scaleUp = false;
  const totalRequest = new Map<ResourceName, T>();
  const totalRecommended = new Map<ResourceName, T>();
  for (const container of containers) {
    if (observed !== undefined && !observed.has(container.name)) continue;
    const rec = recommendation?.find((r) => r.containerName === container.name);
    if (rec === undefined) continue;
    const { requests } = containerRequestsAndLimits(container);
    for (const r of RESOURCE_NAMES) {
      const target = rec.target[r];
      if (target === undefined) continue;
      totalRecommended.set(r, add(totalRecommended.get(r) ?? zero, milli(r, target)));
      const request = requests[r];
      if (request === undefined) {
        // Upstream treats a container without a request as requesting 0 (ignoring namespace defaults).
        scaleUp = true;
        outsideRecommendedRange = true;
        continue;
      }
      totalRequest.set(r, add(totalRequest.get(r) ?? zero, milli(r, request)));
      if (milli(r, target) > milli(r, request)) scaleUp = true;
      const lower = rec.lowerBound[r];
      const upper = rec.upperBound[r];
      if ((lower !== undefined && request < lower) || (upper !== undefined && request > upper)) {
        outsideRecommendedRange = true;
      }
    }
  }
  let resourceDiff = 0.0;
  for (const [r, recommended] of totalRecommended) {
    const request = Math.max(arithmetic.toNumber(totalRequest.get(r) ?? zero), 1.0);
    resourceDiff += Math.abs(request - arithmetic.toNumber(recommended)) / request;
  }
  return { outsideRecommendedRange, scaleUp, resourceDiff };
}

/** True if `p` should be updated after `other`: scale-ups first, then larger resourceDiff (mirrors PodPriority.Less). */
export function podPriorityLess(p: PodPriority, other: PodPriority): boolean {
  if (p.scaleUp !== other.scaleUp) return other.scaleUp;
  return p.resourceDiff < other.resourceDiff;
}
