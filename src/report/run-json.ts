/**
 * The JSON document of `kube-whatif simulate --output json`: byte-identical for equal inputs. Known records are
 * written in their declared field order (src/results/types.ts), maps (per-row metrics, the config) key-sorted.
 */
import type { AssertionOutcome } from "../results/assertions.js";
import { SUMMARY_NUMBERS, TIMELINE_BASE_COLUMNS } from "../results/field-order.js";
import type { ClusterSummary, RunResult, TimelineRow } from "../results/types.js";
import type { SimulationResult } from "../results/workload-result.js";
import { formatMilli } from "../units/quantity.js";
import { jsonChunks, type LazyArray, lazyArrayMarker } from "./json-chunks.js";
import { isoTime, RELATIVE_CLOCK, type ReportClock } from "./report-clock.js";

/** Top-level keys, in the order they are written. */
export const RUN_JSON_KEYS = [
  "summary",
  "metrics",
  "timeline",
  "events",
  "conditions",
  "seed",
  "config",
  "warnings",
  "workloads",
] as const satisfies readonly (keyof SimulationResult)[];

// the summary's numbers in declared order, its metrics after peakReadyReplicas, then its cluster and VPA parts
const SUMMARY_KEYS = [
  ...SUMMARY_NUMBERS.slice(0, 6),
  "metrics",
  ...SUMMARY_NUMBERS.slice(6),
  "cluster",
  "vpa",
];
const METRIC_SUMMARY_KEYS = [
  "key",
  "description",
  "unit",
  "target",
  "secondsAboveTarget",
  "shareAboveTarget",
  "peakActual",
  "meanActual",
];
const METRIC_INFO_KEYS = ["key", "description", "unit", "target"];
const NODE_GROUP_SUMMARY_KEYS = ["peakNodes", "meanNodes", "nodeHours", "cost", "scaleUps", "scaleDowns"];
const CLUSTER_SUMMARY_KEYS = [
  "nodeGroups",
  "total",
  "pendingPodSeconds",
  "longestPendingSeconds",
  "unservedWhilePending",
  "unservedWhilePendingShare",
  "unschedulableAtEnd",
];
const UNSCHEDULABLE_KEYS = ["pod", "reason"];
const WORKLOAD_KEYS = ["workload", "hpa", "summary", "metrics", "timeline", "events", "conditions"];
const TIMELINE_METRIC_KEYS = ["observed", "actual", "target"];
const EVENT_KEYS = ["t", "type", "reason", "message", "object"];
const CONDITION_KEYS = ["t", "type", "status", "reason", "message"];

/** Plain code-unit order (no locale). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `value` whose object keys are sorted at every depth (arrays keep their order; typed arrays become
 * arrays, Maps sorted objects; bigints, exact milli-unit amounts, Kubernetes quantity strings as toJson writes them).
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, sortKeysDeep);
  }
  if (value instanceof Map) return sortKeysDeep(Object.fromEntries(value));
  if (typeof value === "bigint") return formatMilli(value);
  if (value !== null && typeof value === "object" && !("toJSON" in value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(byCodeUnit))
      out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The listed keys first in that order (those present), then any others key-sorted. */
function ordered(value: object, keys: readonly string[]): Record<string, unknown> {
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in src) out[k] = src[k];
  for (const k of Object.keys(src).sort(byCodeUnit)) if (!(k in out)) out[k] = sortKeysDeep(src[k]);
  return out;
}

/**
 * Key-sorted key lists, remembered: a timeline's rows all have the same metric keys and node groups, so each list
 * is sorted once per timeline, not once per row.
 */
class SortedKeys {
  private last: string[] = [];
  private sorted: string[] = [];

  of(value: object): readonly string[] {
    const keys = Object.keys(value);
    if (keys.length !== this.last.length || keys.some((k, i) => k !== this.last[i])) {
      this.last = keys;
      this.sorted = [...keys].sort(byCodeUnit);
    }
    return this.sorted;
  }
}

/** How one timeline's rows are written: the report's clock and the remembered key orders of its maps. */
interface RowWriter {
  readonly clock: ReportClock;
  readonly metricKeys: SortedKeys;
  readonly groupKeys: SortedKeys;
}

function rowMetrics(metrics: TimelineRow["metrics"], w: RowWriter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of w.metricKeys.of(metrics)) {
    const m = metrics[k];
    if (m !== undefined) out[k] = ordered(m, TIMELINE_METRIC_KEYS);
  }
  return out;
}

/** The summary's cluster part in declared field order (groups key-sorted). */
function clusterSummary(c: ClusterSummary): Record<string, unknown> {
  const groups: Record<string, unknown> = {};
  for (const g of Object.keys(c.nodeGroups).sort(byCodeUnit)) {
    const summary = c.nodeGroups[g];
    if (summary !== undefined) groups[g] = ordered(summary, NODE_GROUP_SUMMARY_KEYS);
  }
  return {
    ...ordered(c, CLUSTER_SUMMARY_KEYS),
    nodeGroups: groups,
    total: ordered(c.total, NODE_GROUP_SUMMARY_KEYS),
    unschedulableAtEnd: c.unschedulableAtEnd.map((u) => ordered(u, UNSCHEDULABLE_KEYS)),
  };
}

/** `{ t, time }` on an absolute clock (`time` the ISO-8601 UTC time of t), else `{ t }`: a record's first keys. */
function stamp(t: number, clock: ReportClock): Record<string, unknown> {
  const time = isoTime(clock, t);
  return time === null ? { t } : { t, time };
}

/**
 * One timeline row in declared field order (`time` after `t`, then recordedReplicas, nodes, cost, metrics, vpa); its metrics and
 * per-group node counts key-sorted. Built field by field in one order so every row has the same shape.
 */
function row(r: TimelineRow, w: RowWriter): Record<string, unknown> {
  const out: Record<string, unknown> = { t: r.t };
  const time = isoTime(w.clock, r.t);
  if (time !== null) out.time = time;
  for (const k of TIMELINE_BASE_COLUMNS) if (k !== "t") out[k] = r[k];
  if (r.recordedReplicas !== undefined) out.recordedReplicas = r.recordedReplicas;
  if (r.nodes !== undefined) {
    const perGroup: Record<string, number> = {};
    for (const g of w.groupKeys.of(r.nodes.perGroup)) perGroup[g] = r.nodes.perGroup[g] as number;
    out.nodes = { perGroup, total: r.nodes.total };
  }
  if (r.cost !== undefined) out.cost = r.cost;
  out.metrics = rowMetrics(r.metrics, w);
  if (r.vpa !== undefined) out.vpa = sortKeysDeep(r.vpa);
  return out;
}

/**
 * The whole run as one JSON document, 2-space indented, ending with a newline. On an absolute `clock` (the trace's,
 * report-clock.ts) every timeline row, event and condition has `time`, the ISO-8601 UTC time of its `t`, after `t`.
 * With `assertions` (simulate --assert), a last key `assertions`: each one, whether it holds and its values.
 * Top-level keys in {@link RUN_JSON_KEYS} order; records in declared field order; per-row metric maps and the
 * config key-sorted at every depth; bigints in the config written as Kubernetes quantities (as toJson does).
 * Equal inputs give byte-identical output whatever the insertion order of their keys.
 */
export function renderRunJson(
  result: SimulationResult,
  clock: ReportClock = RELATIVE_CLOCK,
  assertions?: readonly AssertionOutcome[],
): string {
  return [...runJsonChunks(result, clock, assertions)].join("");
}

/** {@link renderRunJson}'s text in pieces (the timelines a batch of rows at a time; json-chunks.ts). */
export function runJsonChunks(
  result: SimulationResult,
  clock: ReportClock = RELATIVE_CLOCK,
  assertions?: readonly AssertionOutcome[],
): Generator<string> {
  const timelines: LazyArray[] = [];
  const doc: Record<string, unknown> = {
    ...part(result, clock, timelines),
    seed: result.seed,
    config: sortKeysDeep(result.config),
    warnings: [...result.warnings],
  };
  if (result.workloads !== undefined)
    doc.workloads = result.workloads.map((w) => ({
      ...ordered(w, WORKLOAD_KEYS),
      ...part(w, clock, timelines),
    }));
  const out: Record<string, unknown> = {};
  for (const k of RUN_JSON_KEYS) if (k in doc) out[k] = doc[k];
  // last, with its fields in this order: the assertion, whether it holds, the figures it read
  if (assertions !== undefined)
    out.assertions = assertions.map((a) => ({ assertion: a.assertion, holds: a.holds, values: a.values }));
  // every bigint went through sortKeysDeep (config, VPA parts); the rest are numbers: no replacer to call per value
  return (function* () {
    yield* jsonChunks(out, timelines);
    yield "\n";
  })();
}

/**
 * The summary, metrics, timeline, events and conditions of a run or of one of its workloads; the timeline as a
 * marker, its rows added to `timelines` to be written a batch at a time.
 */
function part(
  r: Pick<RunResult, "summary" | "metrics" | "timeline" | "events" | "conditions">,
  clock: ReportClock,
  timelines: LazyArray[],
) {
  const s = r.summary;
  const writer: RowWriter = { clock, metricKeys: new SortedKeys(), groupKeys: new SortedKeys() };
  const timeline = lazyArrayMarker(timelines.length);
  timelines.push({ length: r.timeline.length, valueAt: (i) => row(r.timeline[i] as TimelineRow, writer) });
  return {
    summary: {
      ...ordered(s, SUMMARY_KEYS),
      metrics: s.metrics.map((m) => ordered(m, METRIC_SUMMARY_KEYS)),
      ...(s.cluster !== undefined ? { cluster: clusterSummary(s.cluster) } : {}),
      ...(s.vpa !== undefined ? { vpa: sortKeysDeep(s.vpa) } : {}),
    },
    metrics: r.metrics.map((m) => ordered(m, METRIC_INFO_KEYS)),
    timeline,
    events: r.events.map((e) => ({ ...stamp(e.t, clock), ...ordered(e, EVENT_KEYS) })),
    conditions: r.conditions.map((c) => ({ ...stamp(c.t, clock), ...ordered(c, CONDITION_KEYS) })),
  };
}
