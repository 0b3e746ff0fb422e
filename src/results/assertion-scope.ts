/**
 * The names an assertion (assertion-expression.ts) reads: a run's figures as dotted paths.
 *
 * - the summary's numbers: `peakReplicas`, `meanReplicas`, `finalReplicas`, `replicaHours`, `peakReadyReplicas`,
 *   `unservedShare`, `peakUnserved`, `totalDemand`, `totalUnserved`, `scaleUps`, `scaleDowns`, `flaps`,
 *   `secondsLimitedAtMax`, `syncs`, `oomKills`, `durationSeconds`;
 * - per HPA metric, by its key with every character other than a letter, digit or `_` written `_`
 *   (`cpu`, `cpu/app` -> `cpu_app`, `external/queue_depth` -> `external_queue_depth`):
 *   `metrics.<key>.shareAboveTarget`, `.secondsAboveTarget`, `.peakActual`, `.meanActual`, `.target`;
 * - the recorded timeline's extremes: `max.<column>` and `min.<column>` of `demand`, `served`, `unserved`,
 *   `desiredReplicas`, `replicas`, `readyReplicas`, `pendingPods`, `startingPods`, `terminatingPods`, and with a
 *   cluster model `nodes` (registered nodes in total) and `cost`;
 * - with a cluster model: `cluster.pendingPodSeconds`, `.longestPendingSeconds`, `.unservedWhilePending`,
 *   `.unservedWhilePendingShare`, `.unschedulableAtEnd` (a count), and `cluster.total.<field>` /
 *   `cluster.nodeGroups.<group>.<field>` for `peakNodes`, `meanNodes`, `nodeHours`, `cost`, `scaleUps`,
 *   `scaleDowns`;
 * - with a backtest (backtest-replicas.ts): `backtest.meanAbsoluteError`, `.maxAbsoluteError`, `.bias`,
 *   `.exactShare`, `.withinOneShare`, `.comparedSeconds`, `.replicaHours`, `.recordedReplicaHours`;
 * - with a VPA: `vpa.evictions`, `vpa.resizes`, `vpa.evictionsRefusedByBudget` and
 *   `vpa.recommendation.<container>.<target|lowerBound|upperBound|uncappedTarget>.<cpu|memory>` (millicores,
 *   bytes).
 */
import { SUMMARY_NUMBERS, TIMELINE_BASE_COLUMNS } from "./field-order.js";
import type { RunResult, TimelineRow } from "./types.js";

const SUMMARY = SUMMARY_NUMBERS;
const METRIC_FIELDS = [
  "shareAboveTarget",
  "secondsAboveTarget",
  "peakActual",
  "meanActual",
  "target",
] as const;
/** The timeline's columns but `t`. */
const COLUMNS = TIMELINE_BASE_COLUMNS.slice(1) as readonly Exclude<
  (typeof TIMELINE_BASE_COLUMNS)[number],
  "t"
>[];
const CLUSTER = [
  "pendingPodSeconds",
  "longestPendingSeconds",
  "unservedWhilePending",
  "unservedWhilePendingShare",
] as const;
const GROUP_FIELDS = ["peakNodes", "meanNodes", "nodeHours", "cost", "scaleUps", "scaleDowns"] as const;
const BOUNDS = ["target", "lowerBound", "upperBound", "uncappedTarget"] as const;
const BACKTEST = [
  "meanAbsoluteError",
  "maxAbsoluteError",
  "bias",
  "exactShare",
  "withinOneShare",
  "comparedSeconds",
  "replicaHours",
  "recordedReplicaHours",
] as const;

const oneOf = (xs: readonly string[]) => `(?:${xs.join("|")})`;
const GRAMMAR = new RegExp(
  `^(?:${[
    oneOf(SUMMARY),
    `metrics\\.\\w+\\.${oneOf(METRIC_FIELDS)}`,
    `(?:min|max)\\.${oneOf([...COLUMNS, "nodes", "cost"])}`,
    `cluster\\.${oneOf([...CLUSTER, "unschedulableAtEnd"])}`,
    `cluster\\.(?:total|nodeGroups\\.\\w+)\\.${oneOf(GROUP_FIELDS)}`,
    "vpa\\.(?:evictions|resizes|evictionsRefusedByBudget)",
    `backtest\\.${oneOf(BACKTEST)}`,
    `vpa\\.recommendation\\.\\w+\\.${oneOf(BOUNDS)}\\.(?:cpu|memory)`,
  ].join("|")})$`,
);

/** Whether `name` is one a run can have (a metric, group or container of this run is checked when evaluated). */
export function isAssertionName(name: string): boolean {
  return GRAMMAR.test(name);
}

/** A metric key, group or container name as a path segment: other characters than [A-Za-z0-9_] become `_`. */
export function pathSegment(name: string): string {
  return name.replace(/\W/g, "_");
}

/** The run's figures by name (see the module comment). */
export function assertionScope(result: Pick<RunResult, "summary" | "timeline">): Map<string, number> {
  const s = result.summary;
  const scope = new Map<string, number>();
  for (const k of SUMMARY) scope.set(k, s[k]);
  for (const m of s.metrics) {
    const key = pathSegment(m.key);
    for (const f of METRIC_FIELDS) {
      const x = m[f];
      if (x !== null) scope.set(`metrics.${key}.${f}`, x);
    }
  }
  const rows = result.timeline;
  const extremes = (name: string, value: (r: TimelineRow) => number | undefined) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      const v = value(r);
      if (v === undefined) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max >= min) {
      scope.set(`min.${name}`, min);
      scope.set(`max.${name}`, max);
    }
  };
  for (const c of COLUMNS) extremes(c, (r) => r[c]);
  const c = s.cluster;
  if (c !== undefined) {
    for (const k of CLUSTER) scope.set(`cluster.${k}`, c[k]);
    scope.set("cluster.unschedulableAtEnd", c.unschedulableAtEnd.length);
    extremes("nodes", (r) => r.nodes?.total);
    extremes("cost", (r) => r.cost);
    for (const f of GROUP_FIELDS) {
      scope.set(`cluster.total.${f}`, c.total[f]);
      for (const [g, sum] of Object.entries(c.nodeGroups))
        scope.set(`cluster.nodeGroups.${pathSegment(g)}.${f}`, sum[f]);
    }
  }
  const b = s.backtest;
  if (b !== undefined) for (const k of BACKTEST) scope.set(`backtest.${k}`, b[k]);
  const v = s.vpa;
  if (v !== undefined) {
    scope.set("vpa.evictions", v.evictions);
    scope.set("vpa.resizes", v.resizes);
    scope.set("vpa.evictionsRefusedByBudget", v.evictionsRefusedByBudget ?? 0);
    for (const r of v.recommendation) {
      for (const b of BOUNDS) {
        for (const res of ["cpu", "memory"] as const) {
          const x = r[b][res];
          if (x !== null) scope.set(`vpa.recommendation.${pathSegment(r.container)}.${b}.${res}`, x);
        }
      }
    }
  }
  return scope;
}
