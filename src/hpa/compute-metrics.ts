/**
 * Selector validation and the multi-metric maximum
 * (mirrors horizontal.go computeReplicasForMetrics and validateAndParseSelector).
 */
import type { HPACondition, MetricSpec, MetricStatus } from "./api-types.js";
import { computeReplicasForMetric, type MetricContext, type MetricOutcome } from "./compute-metric.js";
import {
  filterBySelector,
  parseSelector,
  type Selector,
  SelectorParseError,
  selectorMatches,
} from "./label-selector.js";
import { type MetricsReadSet, recallMetrics, rememberMetrics } from "./metrics-memo.js";
import type { HPAEvent, OtherHPA, PodInfo } from "./types.js";

export interface MetricsComputation {
  /** -1 = the sync cannot go on (no valid metric, or a partial failure that would scale down). */
  readonly replicas: number;
  /** Description of the metric that produced the maximum. */
  readonly metric: string;
  readonly statuses: MetricStatus[] | null;
  readonly timestamp: number;
  /** "invalid metrics (k invalid out of n), first error is: ...", or a selector error. */
  readonly error?: string;
  /** The ScalingActive condition to set. */
  readonly condition: Pick<HPACondition, "type" | "status" | "reason" | "message">;
  readonly events: HPAEvent[];
  /** Per metric, in spec order. */
  readonly outcomes: MetricOutcome[];
  /** Index of the metric that produced the maximum. */
  readonly chosenIndex: number;
}

interface SelectorCheck {
  readonly selector?: Selector;
  /** The pods the selector matches. */
  readonly selected?: PodInfo[];
  readonly error?: string;
  readonly condition?: MetricsComputation["condition"];
  readonly events: HPAEvent[];
}

// mirrors horizontal.go validateAndParseSelector
function validateAndParseSelector(
  hpaName: string,
  namespace: string,
  selectorText: string,
  pods: readonly PodInfo[],
  others: readonly OtherHPA[],
): SelectorCheck {
  if (selectorText === "") {
    const msg = "selector is required";
    return {
      error: msg,
      events: [{ type: "Warning", reason: "SelectorRequired", message: msg }],
      condition: {
        type: "ScalingActive",
        status: "False",
        reason: "InvalidSelector",
        message: "the HPA target's scale is missing a selector",
      },
    };
  }
  let selector: Selector;
  try {
    selector = parseSelector(selectorText);
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e;
    const msg = `couldn't convert selector into a corresponding internal selector object: ${e.message}`;
    return {
      error: msg,
      events: [{ type: "Warning", reason: "InvalidSelector", message: msg }],
      condition: { type: "ScalingActive", status: "False", reason: "InvalidSelector", message: msg },
    };
  }
  const check = selection(selector, pods);
  if (others.length === 0) return check;
  const selected = check.selected as PodInfo[];
  // mirrors hpa_selector_store.go HPAsMatchingPods: every HPA of the namespace whose selector matches a selected pod
  const selecting: string[] = selected.length > 0 ? [hpaName] : [];
  for (const o of others) {
    if (o.namespace !== namespace) continue;
    let sel: Selector;
    try {
      sel = parseSelector(o.selector);
    } catch {
      continue;
    }
    if (selected.some((p) => selectorMatches(sel, p.labels))) selecting.push(o.name);
  }
  if (selecting.length > 1) {
    const msg = `pods by selector ${selectorText} are controlled by more than one HPA (e.g. [${selecting.slice(0, 2).join(" ")}])`;
    return {
      error: msg,
      events: [{ type: "Warning", reason: "AmbiguousSelector", message: msg }],
      condition: { type: "ScalingActive", status: "False", reason: "AmbiguousSelector", message: msg },
    };
  }
  return check;
}

const NO_EVENTS: HPAEvent[] = [];

/** The last selection: the same parsed selector over the same (immutable) pods array selects the same pods. */
let lastSelection: { pods: readonly PodInfo[]; check: SelectorCheck } | null = null;

/** The selector's valid check: the pods it selects (the last check again for the same selector and pods). */
function selection(selector: Selector, pods: readonly PodInfo[]): SelectorCheck {
  const last = lastSelection;
  if (last !== null && last.check.selector === selector && last.pods === pods) return last.check;
  const check = { selector, selected: filterBySelector(selector, pods), events: NO_EVENTS };
  lastSelection = { pods, check };
  return check;
}

/**
 * Computes every metric and takes the maximum of the valid proposals (mirrors horizontal.go computeReplicasForMetrics);
 * the previous sync's result when metrics-memo.ts proves it the same.
 */
export function computeReplicasForMetrics(
  base: Omit<MetricContext, "pods">,
  hpaName: string,
  specs: readonly MetricSpec[],
  selectorText: string,
  allPods: readonly PodInfo[],
  others: readonly OtherHPA[],
  /** False: a recalled result may keep the remembered metric timestamps (the caller reads none). */
  stamped = true,
): MetricsComputation {
  const read: MetricsReadSet = { base, hpaName, selectorText, allPods, others };
  const known = recallMetrics(specs, read, stamped);
  if (known !== undefined) return known;
  const result = computeAll(base, hpaName, specs, selectorText, allPods, others);
  rememberMetrics(specs, read, result);
  return result;
}

function computeAll(
  base: Omit<MetricContext, "pods">,
  hpaName: string,
  specs: readonly MetricSpec[],
  selectorText: string,
  allPods: readonly PodInfo[],
  others: readonly OtherHPA[],
): MetricsComputation {
  const check = validateAndParseSelector(hpaName, base.namespace, selectorText, allPods, others);
  if (check.selector === undefined) {
    return {
      replicas: -1,
      metric: "",
      statuses: null,
      timestamp: 0,
      error: check.error as string,
      condition: check.condition as MetricsComputation["condition"],
      events: check.events,
      outcomes: [],
      chosenIndex: -1,
    };
  }
  // written out rather than spread: see controller.ts explanationOf
  const ctx: MetricContext = {
    currentReplicas: base.currentReplicas,
    tolerances: base.tolerances,
    settings: base.settings,
    now: base.now,
    statusReplicas: base.statusReplicas,
    namespace: base.namespace,
    metrics: base.metrics,
    pods: check.selected ?? [],
  };
  // (a list of its own only when a metric fails: most syncs share the empty one)
  let events = NO_EVENTS;
  const statuses: MetricStatus[] = [];
  const outcomes: MetricOutcome[] = [];
  let replicas = 0;
  let metric = "";
  let timestamp = 0;
  let chosenIndex = -1;
  let invalidCount = 0;
  let firstFailure: Extract<MetricOutcome, { ok: false }> | undefined;
  for (let i = 0; i < specs.length; i++) {
    const o = computeReplicasForMetric(ctx, specs[i] as MetricSpec);
    outcomes.push(o);
    if (!o.ok) {
      if (events === NO_EVENTS) events = [];
      events.push({ type: "Warning", reason: o.reason, message: o.eventMessage });
      statuses.push({});
      if (invalidCount === 0) firstFailure = o;
      invalidCount++;
      continue;
    }
    statuses.push(o.status);
    if (replicas === 0 || o.replicas > replicas) {
      timestamp = o.timestamp;
      replicas = o.replicas;
      metric = o.description;
      chosenIndex = i;
    }
  }
  const error =
    firstFailure !== undefined
      ? `invalid metrics (${invalidCount} invalid out of ${specs.length}), first error is: ${firstFailure.error}`
      : undefined;
  if (invalidCount >= specs.length || (invalidCount > 0 && replicas < ctx.currentReplicas)) {
    const f = firstFailure;
    const condition =
      f !== undefined
        ? {
            type: "ScalingActive",
            status: "False" as const,
            reason: f.reason,
            message: `the HPA was unable to compute the replica count: ${f.eventMessage}`,
          }
        : { type: "ScalingActive", status: "False" as const, reason: "", message: "" };
    return computation(statuses, events, outcomes, chosenIndex, -1, "", 0, error ?? "no metrics", condition);
  }
  const condition = validCondition(metric);
  return computation(statuses, events, outcomes, chosenIndex, replicas, metric, timestamp, error, condition);
}

/**
 * ScalingActive=True conditions by metric, one object each (immutable): the next sync's compare meets the very
 * same object and message string (see stable-text.ts).
 */
const validConditions = new Map<string, MetricsComputation["condition"]>();
const MAX_CONDITIONS = 256;

function validCondition(metric: string): MetricsComputation["condition"] {
  let c = validConditions.get(metric);
  if (c === undefined) {
    if (validConditions.size >= MAX_CONDITIONS) validConditions.clear();
    c = {
      type: "ScalingActive",
      status: "True" as const,
      reason: "ValidMetricFound",
      message: `the HPA was able to successfully calculate a replica count from ${metric}`,
    };
    validConditions.set(metric, c);
  }
  return c;
}

/** `{ statuses, events, outcomes, chosenIndex, replicas, metric, timestamp, error?, condition }`, in that key order. */
function computation(
  statuses: MetricStatus[],
  events: HPAEvent[],
  outcomes: MetricOutcome[],
  chosenIndex: number,
  replicas: number,
  metric: string,
  timestamp: number,
  error: string | undefined,
  condition: MetricsComputation["condition"],
): MetricsComputation {
  return error !== undefined
    ? { statuses, events, outcomes, chosenIndex, replicas, metric, timestamp, error, condition }
    : { statuses, events, outcomes, chosenIndex, replicas, metric, timestamp, condition };
}
