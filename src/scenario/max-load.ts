/**
 * The load at which a pod's CPU use reaches its CPU limit: beyond it the container is throttled, so that load
 * is the pod's capacity (`maxLoadPerPod`) unless the scenario sets one.
 *
 * - Linear usage (`a + b * load`, recognised by sampling: f(1e6) must equal the line through f(0) and the
 *   slope measured at 1e6, and so must f(1) and f(1000), to 1e-9 relative): solved in closed form,
 *   (limit - a) / b, then rounded to 12 significant digits to drop float noise (`10m * load`, limit 1 -> 100).
 * - Anything else is assumed non-decreasing in load and solved by bisection: double an upper bound from 1
 *   until usage reaches the limit (giving up beyond 1e15), then halve the bracket until it is narrower than
 *   {@link BISECTION_RELATIVE_TOLERANCE} of its upper end; the answer is the bracket's lower end (usage there
 *   does not exceed the limit).
 */
import type { LoadFunction } from "../engine/run-inputs.js";
import { UsageValueError } from "../metrics/usage-expression.js";

/** Bisection stops when (hi - lo) <= this * hi. */
export const BISECTION_RELATIVE_TOLERANCE = 1e-9;
/** Upper bounds beyond this count as "usage never reaches the limit". */
export const MAX_SEARCH_LOAD = 1e15;
const LINEARITY_TOLERANCE = 1e-9;
const PROBE = 1e6;

/** The solved capacity: `load` null when usage never reaches the limit; `how` says how it was found. */
export interface CapacitySolution {
  readonly load: number | null;
  readonly how: string;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= LINEARITY_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Solves usage(load) = limit for load >= 0.
 *
 * @param usage CPU cores of one pod at its load
 * @param limit CPU limit in cores (> 0)
 * @example solveLoadAtLimit((l) => 0.01 * l, 1).load // 100
 */
export function solveLoadAtLimit(checked: LoadFunction, limit: number): CapacitySolution {
  // the search probes loads the replay may never reach: a value refused there is only a value here
  const usage = (load: number): number => {
    try {
      return checked(load);
    } catch (e) {
      if (e instanceof UsageValueError) return e.value;
      throw e;
    }
  };
  const a = usage(0);
  if (!(a < limit)) return { load: 0, how: `usage at load 0 (${a} cores) already reaches the limit` };
  const slope = (usage(PROBE) - a) / PROBE;
  const linear = [1, 1000, PROBE].every((x) => close(usage(x), a + slope * x));
  if (linear) {
    if (!(slope > 0)) return { load: null, how: "usage does not grow with load" };
    const exact = Number(((limit - a) / slope).toPrecision(12));
    return { load: exact, how: `linear usage ${a} + ${slope} * load solved exactly` };
  }
  let lo = 0;
  let hi = 1;
  while (!(usage(hi) >= limit)) {
    if (Number.isNaN(usage(hi))) return { load: null, how: `usage is not a number at load ${hi}` };
    lo = hi;
    hi *= 2;
    if (hi > MAX_SEARCH_LOAD)
      return { load: null, how: `usage stays below the limit up to load ${MAX_SEARCH_LOAD}` };
  }
  while (hi - lo > BISECTION_RELATIVE_TOLERANCE * hi) {
    const mid = lo + (hi - lo) / 2;
    if (usage(mid) >= limit) hi = mid;
    else lo = mid;
  }
  return { load: lo, how: `bisection to a relative tolerance of ${BISECTION_RELATIVE_TOLERANCE}` };
}
