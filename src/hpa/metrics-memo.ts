/**
 * Reuse of the previous sync's metric computation when it would provably come out the same. Not an upstream
 * function: horizontal.go computeReplicasForMetrics recomputes every sync; this only skips identical work.
 *
 * A computation over Resource / ContainerResource metrics reads: the pods (immutable PodInfo), the selector and
 * the other HPAs, the metric specs, the current replica count, the tolerances, the controller settings, and per
 * pod the resource metrics item (pod name, containers usage list, window, timestamp). It reads `now` and the
 * items' timestamps and windows only in the CPU-initialization rule of replica_calculator.go groupPods
 * (a pod with startTime + cpuInitializationPeriod > now); besides that, the first item's timestamp is copied
 * into the proposals' `timestamp`. So when none of the pods is within its CPU-initialization period, the same
 * pods array, the same usage list objects (usage lists are immutable), windows and everything else give the
 * same result up to that timestamp, which is written in afresh.
 */
import type { MetricSpec } from "./api-types.js";
import type { MetricsComputation } from "./compute-metrics.js";
import type { MetricContext, MetricOutcome } from "./metric-outcome.js";
import type { OtherHPA, PodInfo, PodResourceMetrics } from "./types.js";

/** What one computation read (besides `specs`, the key of the memo). */
export interface MetricsReadSet {
  readonly base: Omit<MetricContext, "pods">;
  readonly hpaName: string;
  readonly selectorText: string;
  readonly allPods: readonly PodInfo[];
  readonly others: readonly OtherHPA[];
}

interface Memo {
  readonly read: MetricsReadSet;
  readonly items: readonly PodResourceMetrics[];
  readonly result: MetricsComputation;
  /** The specs include a CPU metric (the CPU-initialization rule applies). */
  readonly cpu: boolean;
  /** The latest startTime of `read.allPods` (-Infinity: none started). */
  readonly latestStart: number;
}

/** The last computation per metric spec list (one HPA each). */
const memos = new WeakMap<readonly MetricSpec[], Memo>();
/** The spec list asked about last and its memo (most syncs ask about the same HPA again: no WeakMap lookup). */
let lastSpecs: readonly MetricSpec[] | null = null;
let lastMemo: Memo | undefined;

function memoOf(specs: readonly MetricSpec[]): Memo | undefined {
  if (specs !== lastSpecs) {
    lastSpecs = specs;
    lastMemo = memos.get(specs);
  }
  return lastMemo;
}

function setMemo(specs: readonly MetricSpec[], memo: Memo | undefined): void {
  if (memo === undefined) memos.delete(specs);
  else memos.set(specs, memo);
  lastSpecs = specs;
  lastMemo = memo;
}

/** Only per-pod resource metrics (their inputs are all in the read set and the items): whether CPU is among them. */
function resourceOnly(specs: readonly MetricSpec[]): { cpu: boolean } | undefined {
  if (specs.length === 0) return undefined;
  let cpu = false;
  for (const s of specs) {
    if (s.type === "Resource") cpu ||= s.resource?.name === "cpu";
    else if (s.type === "ContainerResource") cpu ||= s.containerResource?.name === "cpu";
    else return undefined;
  }
  return { cpu };
}

/**
 * No pod is inside its CPU-initialization period (startTime + period > now), the only place groupPods reads
 * `now` and metric timestamps: the latest start is out of it.
 */
function noPodInitializing(latestStart: number, cpuInit: number, now: number): boolean {
  return !(latestStart + cpuInit > now);
}

function latestStartOf(pods: readonly PodInfo[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const p of pods) if (p.startTime !== null && p.startTime > latest) latest = p.startTime;
  return latest;
}

function sameRead(a: MetricsReadSet, b: MetricsReadSet): boolean {
  const x = a.base;
  const y = b.base;
  return (
    a.allPods === b.allPods &&
    a.selectorText === b.selectorText &&
    a.hpaName === b.hpaName &&
    (a.others === b.others || (a.others.length === 0 && b.others.length === 0)) &&
    x.currentReplicas === y.currentReplicas &&
    x.namespace === y.namespace &&
    x.settings === y.settings &&
    x.tolerances.scaleDown === y.tolerances.scaleDown &&
    x.tolerances.scaleUp === y.tolerances.scaleUp
  );
}

/** Same pods, same usage list objects and windows, in the same order (timestamps aside). */
function sameValues(a: readonly PodResourceMetrics[], b: readonly PodResourceMetrics[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as PodResourceMetrics;
    const y = b[i] as PodResourceMetrics;
    if (x.pod !== y.pod || x.containers !== y.containers || x.windowSeconds !== y.windowSeconds) return false;
  }
  return true;
}

/**
 * The remembered computation, with the first item's timestamp of this sync (`stamped`; else as remembered, for
 * callers that read no timestamp), or undefined.
 */
export function recallMetrics(
  specs: readonly MetricSpec[],
  read: MetricsReadSet,
  stamped = true,
): MetricsComputation | undefined {
  const m = valid(specs, read);
  if (m === undefined) return undefined;
  const items = read.base.metrics.resourceMetrics;
  const ts = items[0]?.timestamp ?? 0;
  return !stamped || m.items[0]?.timestamp === ts ? m.result : withTimestamp(m.result, ts);
}

/**
 * The remembered computation at `now` (its metric timestamps as remembered), for a caller that proved every input
 * of the last computation or recall but the clock unchanged since (the same pods array, replicas, settings and
 * other HPAs, items of the same pods, windows and usage): then only the CPU-initialization rule could tell `now`
 * apart. A computation is remembered only when no pod was initializing then, and `now` only grows, so the check
 * here holds by construction; it stays as the rule's statement.
 */
export function recallUnchanged(specs: readonly MetricSpec[], now: number): MetricsComputation | undefined {
  const m = memoOf(specs);
  if (m === undefined) return undefined;
  const cpuInit = m.read.base.settings.cpuInitializationPeriodSeconds;
  return !m.cpu || noPodInitializing(m.latestStart, cpuInit, now) ? m.result : undefined;
}

/** The remembered computation when it holds for `read`. */
function valid(specs: readonly MetricSpec[], read: MetricsReadSet): Memo | undefined {
  const m = memoOf(specs);
  if (m === undefined) return undefined;
  const items = read.base.metrics.resourceMetrics;
  // the specs (the key) passed resourceOnly when remembered; the same pods array has the same latest start
  if (read.base.metrics.errors !== undefined || !sameRead(m.read, read) || !sameValues(m.items, items))
    return undefined;
  const cpuInit = read.base.settings.cpuInitializationPeriodSeconds;
  return !m.cpu || noPodInitializing(m.latestStart, cpuInit, read.base.now) ? m : undefined;
}

/** Keeps `result` for the next sync when its inputs allow. */
export function rememberMetrics(
  specs: readonly MetricSpec[],
  read: MetricsReadSet,
  result: MetricsComputation,
): void {
  // the last memo of the same (immutable) specs and pods array has their kind and latest start
  const prev = memoOf(specs);
  const kind = read.base.metrics.errors !== undefined ? undefined : (prev ?? resourceOnly(specs));
  const latestStart =
    kind?.cpu !== true
      ? Number.NEGATIVE_INFINITY
      : prev?.read.allPods === read.allPods
        ? prev.latestStart
        : latestStartOf(read.allPods);
  const cpuInit = read.base.settings.cpuInitializationPeriodSeconds;
  if (kind !== undefined && (!kind.cpu || noPodInitializing(latestStart, cpuInit, read.base.now)))
    setMemo(specs, { read, items: read.base.metrics.resourceMetrics, result, cpu: kind.cpu, latestStart });
  else setMemo(specs, undefined);
}

/** The computation with every proposal's metric timestamp set to `ts` (key order kept). */
function withTimestamp(r: MetricsComputation, ts: number): MetricsComputation {
  const outcomes = r.outcomes.map(
    (o): MetricOutcome =>
      o.ok
        ? {
            ok: true,
            replicas: o.replicas,
            description: o.description,
            timestamp: ts,
            status: o.status,
            detail: o.detail,
          }
        : o,
  );
  // computeReplicasForMetrics: the chosen proposal's timestamp, or 0 when the sync cannot go on
  const timestamp = r.replicas === -1 ? 0 : ts;
  return r.error !== undefined
    ? {
        statuses: r.statuses,
        events: r.events,
        outcomes,
        chosenIndex: r.chosenIndex,
        replicas: r.replicas,
        metric: r.metric,
        timestamp,
        error: r.error,
        condition: r.condition,
      }
    : {
        statuses: r.statuses,
        events: r.events,
        outcomes,
        chosenIndex: r.chosenIndex,
        replicas: r.replicas,
        metric: r.metric,
        timestamp,
        condition: r.condition,
      };
}
