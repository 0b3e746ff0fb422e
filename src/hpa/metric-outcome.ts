/** The outcome of one metric's computation and the helpers its computeStatusFor* functions share. */
import { parseMilli } from "../units/quantity.js";
import type { MetricStatus, MetricTarget, MetricValueStatus } from "./api-types.js";
import { ComputeError } from "./compute-error.js";
import type { ReplicaCalcDetail } from "./replica-calc-result.js";
import type { PodCalcContext } from "./replica-calculator-pods.js";
import type { MetricsObservation } from "./types.js";

export interface MetricProposal {
  readonly ok: true;
  readonly replicas: number;
  /** Upstream's metric description, e.g. `cpu resource utilization (percentage of request)`. */
  readonly description: string;
  readonly timestamp: number;
  readonly status: MetricStatus;
  readonly detail: ReplicaCalcDetail;
}

export interface MetricFailure {
  readonly ok: false;
  /** ScalingActive=False reason, e.g. `FailedGetResourceMetric`. */
  readonly reason: string;
  /** The error text of the Warning event. */
  readonly eventMessage: string;
  /** The error returned up the stack (wrapped once more, as upstream). */
  readonly error: string;
}

export type MetricOutcome = MetricProposal | MetricFailure;

export interface MetricContext extends PodCalcContext {
  readonly statusReplicas: number;
  readonly namespace: string;
  readonly metrics: MetricsObservation;
}

export function fail(reason: string, eventMessage: string, wrap: (e: string) => string): MetricFailure {
  return { ok: false, reason, eventMessage, error: wrap(eventMessage) };
}

export function errText(e: unknown): string {
  if (e instanceof ComputeError) return e.message;
  throw e;
}

export function milli(q: MetricTarget["value"]): bigint | undefined {
  return q === undefined ? undefined : parseMilli(q);
}

/** What a calculator returns that becomes a proposal. */
interface Calculated {
  readonly replicas: number;
  readonly timestamp: number;
  readonly current: MetricValueStatus;
  readonly detail: ReplicaCalcDetail;
}

/**
 * Runs one calculation: a proposal with its status, or a failure whose event carries the calculator's error
 * and whose returned error is `outer(inner(message))` (upstream wraps Object/External errors twice).
 */
export function attempt(
  reason: string,
  outer: (e: string) => string,
  inner: (e: string) => string,
  description: string,
  status: Omit<MetricStatus, "current">,
  compute: () => Calculated,
): MetricOutcome {
  try {
    const r = compute();
    return {
      ok: true,
      replicas: r.replicas,
      description,
      timestamp: r.timestamp,
      status: { ...status, current: r.current },
      detail: r.detail,
    };
  } catch (e) {
    const msg = errText(e);
    return { ok: false, reason, eventMessage: msg, error: outer(inner(msg)) };
  }
}
