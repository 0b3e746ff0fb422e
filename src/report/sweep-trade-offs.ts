/**
 * The trade-off of a sweep or comparison: cost against risk, and the configurations no other beats on both (the
 * Pareto front). Cost is what `cheapestRun` ranks by (node cost with a cluster model, else replica-hours). Risk is
 * the share of the demand left unserved when any configuration left some, else the share of time the first HPA
 * metric spent above its target (the latency users feel before load goes unserved), when that target is the same
 * for every configuration (time above 40% and time above 80% do not compare); else there is no trade-off. Only configurations whose
 * assertions all hold take part, as for the cheapest.
 */
import type { RunSummary } from "../results/types.js";

/** What a trade-off reads of a sweep: each run's summary and whether its assertions all held. */
export interface TradeOffRun {
  readonly summary: RunSummary;
  readonly assertions: readonly { readonly holds: boolean }[];
}

/** A figure of the trade-off: its column name (as the table's header and the assertions name it) and its text. */
export interface TradeOffFigure {
  /** `replicaHours`, `cost`, `unservedShare` or `<metric key>.shareAboveTarget`. */
  readonly column: string;
  /** How the table's lines name it: `replica-hours`, `node cost`, `unserved load`, `time above the cpu target`. */
  readonly label: string;
  /** A run's value (NaN when the run has none). */
  readonly of: (s: RunSummary) => number;
}

/** The trade-off of a sweep: its figures, and the indices of the front, cheapest first. */
export interface TradeOff {
  readonly cost: TradeOffFigure & { readonly column: "cost" | "replicaHours" };
  readonly risk: TradeOffFigure;
  /** Indices into the runs: not beaten on both figures by another run that holds its assertions; by cost. */
  readonly front: readonly number[];
}

const holds = (r: TradeOffRun) => r.assertions.every((a) => a.holds);

/** The cost figure: node cost with a cluster model (the first run's), else replica-hours. */
export function costFigure(
  runs: readonly TradeOffRun[],
): TradeOffFigure & { readonly column: "cost" | "replicaHours" } {
  return runs[0]?.summary.cluster !== undefined
    ? { column: "cost", label: "node cost", of: (s) => s.cluster?.total.cost ?? Number.NaN }
    : { column: "replicaHours", label: "replica-hours", of: (s) => s.replicaHours };
}

/**
 * The risk figure: the unserved share when any run left load unserved; else the first metric's share of time above
 * its target (metrics by the first run's order) when every run has that metric with the same target; else null.
 */
export function riskFigure(runs: readonly TradeOffRun[]): TradeOffFigure | null {
  if (runs.some((r) => r.summary.unservedShare > 0))
    return { column: "unservedShare", label: "unserved load", of: (s) => s.unservedShare };
  const first = runs[0]?.summary.metrics[0];
  if (first === undefined) return null;
  const key = first.key;
  // time above a target compares runs only when the target is the same for all (a sweep of the target is not)
  const sameTarget = runs.every((r) => {
    const m = r.summary.metrics.find((x) => x.key === key);
    return m !== undefined && m.target === first.target && m.unit === first.unit;
  });
  if (!sameTarget) return null;
  return {
    column: `${key}.shareAboveTarget`,
    label: `time above the ${key} target`,
    of: (s) => s.metrics.find((m) => m.key === key)?.shareAboveTarget ?? Number.NaN,
  };
}

/**
 * The Pareto front of cost against risk over the runs whose assertions hold and have both figures: a run is on it
 * unless another has no more of either and less of one. Of runs with the same cost and risk the first in order
 * stands for them. Null for fewer than two runs, without a risk figure, or when the front is a single run (the
 * cheapest is then also the safest, which the cheapest line says).
 */
export function tradeOff(runs: readonly TradeOffRun[]): TradeOff | null {
  if (runs.length < 2) return null;
  const risk = riskFigure(runs);
  if (risk === null) return null;
  const front = paretoFront(runs, costFigure(runs), risk);
  return front.length < 2 ? null : { cost: costFigure(runs), risk, front };
}

/**
 * The indices of the runs on the front of `cost` against `risk` (see {@link tradeOff}), cheapest first: those
 * whose assertions hold and have both figures, unless another has no more of either and less of one.
 */
export function paretoFront(
  runs: readonly TradeOffRun[],
  cost: TradeOffFigure,
  risk: TradeOffFigure,
): number[] {
  const points = runs.flatMap((r, index) => {
    const c = cost.of(r.summary);
    const k = risk.of(r.summary);
    return holds(r) && Number.isFinite(c) && Number.isFinite(k) ? [{ index, c, k }] : [];
  });
  // by cost, then risk, then order: each point is on the front iff its risk is below every earlier one's
  points.sort((a, b) => a.c - b.c || a.k - b.k || a.index - b.index);
  const front: number[] = [];
  let lowest = Number.POSITIVE_INFINITY;
  for (const p of points) {
    if (p.k < lowest) {
      front.push(p.index);
      lowest = p.k;
    }
  }
  return front;
}
