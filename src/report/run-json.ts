/**
 * The JSON document of `kube-whatif simulate --output json`: byte-identical for equal inputs. Known records are
 * written in their declared field order (src/results/types.ts), maps (per-row metrics, the config) key-sorted.
 */
import type { AssertionOutcome } from "../results/assertions.js";
import { SUMMARY_NUMBERS, TIMELINE_BASE_COLUMNS } from "../results/field-order.js";
import type { ClusterSummary, RunResult, TimelineRow } from "../results/types.js";
import type { SimulationResult } from "../results/workload-result.js";
import { isoTime, RELATIVE_CLOCK, type ReportClock } from "./report-clock.js";
import { toJson } from "./table.js";

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
const ROW_KEYS = [...TIMELINE_BASE_COLUMNS, "nodes", "cost", "metrics", "vpa"];
const WORKLOAD_KEYS = ["workload", "hpa", "summary", "metrics", "timeline", "events", "conditions"];
const ROW_NODES_KEYS = ["perGroup", "total"];
const TIMELINE_METRIC_KEYS = ["observed", "actual", "target"];
const EVENT_KEYS = ["t", "type", "reason", "message", "object"];
const CONDITION_KEYS = ["t", "type", "status", "reason", "message"];

/** Plain code-unit order (no locale). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `value` whose object keys are sorted at every depth (arrays keep their order; typed arrays become
 * arrays, Maps sorted objects; bigints are left for {@link toJson} to write as quantities).
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, sortKeysDeep);
  }
  if (value instanceof Map) return sortKeysDeep(Object.fromEntries(value));
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

function rowMetrics(metrics: RunResult["timeline"][number]["metrics"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(metrics).sort(byCodeUnit)) {
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

/** One timeline row in declared field order (`time` after `t`); its metrics and per-group node counts key-sorted. */
function row(r: TimelineRow, clock: ReportClock): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...stamp(r.t, clock),
    ...ordered(r, ROW_KEYS),
    metrics: rowMetrics(r.metrics),
  };
  if (r.vpa !== undefined) out.vpa = sortKeysDeep(r.vpa);
  if (r.nodes !== undefined) {
    out.nodes = { ...ordered(r.nodes, ROW_NODES_KEYS), perGroup: sortKeysDeep(r.nodes.perGroup) };
  }
  return out;
}

/**
 * The whole run as one JSON document, 2-space indented, ending with a newline. On an absolute `clock` (the trace's,
 * report-clock.ts) every timeline row, event and condition has `time`, the ISO-8601 UTC time of its `t`, after `t`.
 * With `assertions` (simulate --assert), a last key `assertions`: each one, whether it holds and its values.
 * Top-level keys in
 * {@link RUN_JSON_KEYS} order; records in declared field order; per-row metric maps and the config key-sorted at
 * every depth; bigints in the config written as Kubernetes quantities (via toJson). Equal inputs give
 * byte-identical output whatever the insertion order of their keys.
 */
export function renderRunJson(
  result: SimulationResult,
  clock: ReportClock = RELATIVE_CLOCK,
  assertions?: readonly AssertionOutcome[],
): string {
  const doc: Record<string, unknown> = {
    ...part(result, clock),
    seed: result.seed,
    config: sortKeysDeep(result.config),
    warnings: [...result.warnings],
  };
  if (result.workloads !== undefined)
    doc.workloads = result.workloads.map((w) => ({ ...ordered(w, WORKLOAD_KEYS), ...part(w, clock) }));
  const out: Record<string, unknown> = {};
  for (const k of RUN_JSON_KEYS) if (k in doc) out[k] = doc[k];
  // last, with its fields in this order: the assertion, whether it holds, the figures it read
  if (assertions !== undefined)
    out.assertions = assertions.map((a) => ({ assertion: a.assertion, holds: a.holds, values: a.values }));
  return `${toJson(out, 2)}\n`;
}

/** The summary, metrics, timeline, events and conditions of a run or of one of its workloads. */
function part(
  r: Pick<RunResult, "summary" | "metrics" | "timeline" | "events" | "conditions">,
  clock: ReportClock,
) {
  const s = r.summary;
  return {
    summary: {
      ...ordered(s, SUMMARY_KEYS),
      metrics: s.metrics.map((m) => ordered(m, METRIC_SUMMARY_KEYS)),
      ...(s.cluster !== undefined ? { cluster: clusterSummary(s.cluster) } : {}),
      ...(s.vpa !== undefined ? { vpa: sortKeysDeep(s.vpa) } : {}),
    },
    metrics: r.metrics.map((m) => ordered(m, METRIC_INFO_KEYS)),
    timeline: r.timeline.map((x) => row(x, clock)),
    events: r.events.map((e) => ({ ...stamp(e.t, clock), ...ordered(e, EVENT_KEYS) })),
    conditions: r.conditions.map((c) => ({ ...stamp(c.t, clock), ...ordered(c, CONDITION_KEYS) })),
  };
}
