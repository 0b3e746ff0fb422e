/** The result of one replica calculation, with the detail `explain` prints. */
import type { MetricValueStatus } from "./api-types.js";
import type { Tolerances } from "./tolerances.js";

/** How the proposal came about. */
export type CalcOutcome =
  /** ratio within tolerance: keep current */
  | "within-tolerance"
  /** ceil(ratio × count) */
  | "scaled"
  /** after rebalancing missing/unready pods the ratio is within tolerance: keep current */
  | "rebalanced-within-tolerance"
  /** rebalancing flipped the direction of the ratio: keep current */
  | "direction-flipped"
  /** the rebalanced count would move against the ratio: keep current */
  | "count-reversed"
  /** current = 0: ceil(ratio), no tolerance, no pod count */
  | "from-zero"
  /** Object/External AverageValue: ceil(value / target) */
  | "per-pod-total"
  /** proposal capped at the int32 maximum */
  | "capped-int32";

export interface ReplicaCalcDetail {
  groups?: { ready: readonly string[]; unready: string[]; missing: string[]; ignored: string[] };
  usageRatio: number;
  tolerances: Tolerances;
  /** The pod count multiplied by the ratio (ready pods, the rebalanced set, or Running+Ready pods). */
  count?: number;
  rebalance?: {
    /** What each missing pod was assumed to use. */
    missingAssumed: "request" | "target" | "zero" | "none";
    unreadyAsZero: boolean;
    newUsageRatio: number;
    count: number;
  };
  /** A proposal that a guard rejected. */
  rejectedProposal?: number;
  outcome: CalcOutcome;
}

export interface ReplicaCalcResult {
  readonly replicas: number;
  /** The metric's status (before any rebalancing), milli-units. */
  readonly current: MetricValueStatus;
  /** Metric timestamp reported by the calculator (0 = zero time). */
  readonly timestamp: number;
  readonly detail: ReplicaCalcDetail;
}
