/** The summary block of `kube-whatif simulate` (text output). */
import type { BacktestSummary } from "../results/backtest-replicas.js";
import type {
  ClusterSummary,
  MetricSummary,
  NodeGroupSummary,
  RunResult,
  VpaSummary,
} from "../results/types.js";
import { RELATIVE_CLOCK, type ReportClock, tableTime } from "./report-clock.js";
import { fixedTrim, formatDuration, formatOffset, formatShare, formatValue } from "./text-format.js";

/** Options of {@link renderSimulateSummary}. */
export interface SummaryTextOptions {
  /** Unit of demand / unserved load, e.g. `requests/s` (RunResult does not carry it); omitted when empty. */
  readonly demandUnit?: string;
  /** The clock of the replay's span in the heading (default: none; report-clock.ts). */
  readonly clock?: ReportClock;
}

function shareOf(part: number, whole: number): string {
  return formatShare(whole > 0 ? part / whole : 0);
}

function metricLines(m: MetricSummary): [string, string][] {
  const above =
    m.secondsAboveTarget > 0
      ? `above target ${formatDuration(m.secondsAboveTarget)} (${formatShare(m.shareAboveTarget)} of the time)`
      : `never above target (${formatShare(m.shareAboveTarget)} of the time)`;
  const stats =
    m.peakActual === null || m.meanActual === null
      ? "no samples"
      : `peak ${formatValue(m.peakActual, m.unit)}, mean ${formatValue(m.meanActual, m.unit)}`;
  return [
    [`Metric ${m.key}`, `${m.description}, target ${formatValue(m.target, m.unit)}`],
    ["", `${above}; ${stats}`],
  ];
}

function groupLine(g: NodeGroupSummary): string {
  return `peak ${g.peakNodes}, mean ${fixedTrim(g.meanNodes, 2)}; ${fixedTrim(g.nodeHours, 2)} node-hours, cost ${fixedTrim(g.cost, 2)}`;
}

/**
 * `unserved while Pending: 1.2% of demand (52.3% of the unserved load)`: the load lost while at least one pod
 * waited for a node, as a share of all demand and of all unserved load.
 */
function unservedWhilePendingLine(c: ClusterSummary, totalUnserved: number): string {
  if (c.unservedWhilePending <= 0) return "unserved while Pending: none";
  return `unserved while Pending: ${formatShare(c.unservedWhilePendingShare)} of demand (${shareOf(c.unservedWhilePending, totalUnserved)} of the unserved load)`;
}

/**
 * With a cluster model: nodes and cost per group and in total, Pending time and the load unserved meanwhile,
 * pods left unschedulable.
 */
function clusterLines(c: ClusterSummary, totalUnserved: number): [string, string][] {
  const rows: [string, string][] = [];
  for (const [name, g] of Object.entries(c.nodeGroups)) rows.push([`Nodes ${name}`, groupLine(g)]);
  rows.push(["Nodes total", groupLine(c.total)]);
  rows.push([
    "Pending pods",
    c.pendingPodSeconds > 0
      ? `${fixedTrim(c.pendingPodSeconds, 2)} pod-seconds, longest ${formatDuration(c.longestPendingSeconds)}`
      : "never",
  ]);
  if (c.pendingPodSeconds > 0) rows.push(["", unservedWhilePendingLine(c, totalUnserved)]);
  rows.push([
    "Unschedulable",
    c.unschedulableAtEnd.length === 0 ? "none at the end" : `${c.unschedulableAtEnd.length} at the end`,
  ]);
  for (const u of c.unschedulableAtEnd) rows.push(["", `${u.pod}: ${u.reason}`]);
  return rows;
}

/**
 * The run's summary as an aligned block, warnings first:
 *
 * ```
 * Warnings (1):
 *   - HPA and VPA both act on cpu
 *
 * Summary (2h simulated):
 *   Replicas        peak 10, mean 6.25, final 4 (peak ready 10)
 *   Replica-hours   12.5
 *   Metric cpu      cpu resource utilization (percentage of request), target 50%
 *                   above target 13m 20s (11.1% of the time); peak 92.5%, mean 47.1%
 *   Unserved load   2.3% of demand, peak 12.5 requests/s
 *   Scale-ups       7
 *   Scale-downs     5
 *   Flaps           2
 *   Limited at max  5m (4.2% of the time)
 *   HPA syncs       480
 * ```
 *
 * With a cluster model, also per node group and in total (`Nodes general   peak 5, mean 3.15; 18.93
 * node-hours, cost 3.6`), `Pending pods` (pod-seconds, longest; then, when any pod was Pending, the load
 * unserved while pods were Pending as a share of demand and of all unserved load) and `Unschedulable` (count,
 * then one `pod: reason` line each).
 *
 * Durations read `2h 13m 5s`, shares are percentages with one decimal, other figures at most two decimals.
 * Ends with a newline.
 */
/** millicores as Kubernetes writes them (`350m`, `2`), bytes as a binary-prefixed size. */
function cpuText(m: number | null): string {
  if (m === null) return "-";
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function memoryText(b: number | null): string {
  if (b === null) return "-";
  const units = ["", "Ki", "Mi", "Gi", "Ti"];
  let v = b;
  let i = 0;
  while (v >= 1024 && i < units.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    i++;
  }
  if (i === 0 && b >= 1024 * 1024) return `${fixedTrim(b / (1024 * 1024), 1)}Mi`;
  return `${v}${units[i]}`;
}

/** The VPA's evictions and final recommendation, one line per container (like `kubectl describe vpa`). */
function vpaLines(v: VpaSummary): [string, string][] {
  const rows: [string, string][] = [
    [
      "VPA",
      `${v.name} (updateMode ${v.updateMode}): ${v.evictions} evictions, ${v.resizes} in-place resizes`,
    ],
  ];
  if (v.recommendation.length === 0) rows.push(["  recommendation", "none yet"]);
  for (const c of v.recommendation) {
    const pair = (r: { cpu: number | null; memory: number | null }) =>
      `${cpuText(r.cpu)}/${memoryText(r.memory)}`;
    rows.push([
      `  ${c.container}`,
      `target ${pair(c.target)}, lower ${pair(c.lowerBound)}, upper ${pair(c.upperBound)}, uncapped ${pair(c.uncappedTarget)} (cpu/memory)`,
    ]);
  }
  return rows;
}

/** How closely the replay's replicas follow the recorded ones (results/backtest-replicas.ts), three lines. */
function backtestLines(b: BacktestSummary, clock: ReportClock): [string, string][] {
  const at =
    clock.startEpochSeconds === null ? formatOffset(b.maxErrorAt) : `${tableTime(clock, b.maxErrorAt)} UTC`;
  const aligned = b.alignment === "date-time" ? "aligned by date-time" : "both from their first sample";
  const sign = b.bias > 0 ? "+" : "";
  return [
    [
      "Backtest",
      `${b.compared === "replicas" ? "" : `${b.compared} `}vs ${b.source} over ${formatDuration(b.comparedSeconds)} (${aligned})`,
    ],
    [
      "",
      `mean |error| ${fixedTrim(b.meanAbsoluteError, 2)} replicas, max ${fixedTrim(b.maxAbsoluteError, 2)} at ${at}; bias ${sign}${fixedTrim(b.bias, 2)}`,
    ],
    [
      "",
      `exact ${formatShare(b.exactShare)} of the time, within one replica ${formatShare(b.withinOneShare)}; ${fixedTrim(b.replicaHours, 2)} replica-hours vs ${fixedTrim(b.recordedReplicaHours, 2)} recorded`,
    ],
  ];
}

export function renderSimulateSummary(result: RunResult, options: SummaryTextOptions = {}): string {
  const s = result.summary;
  const unit = options.demandUnit ?? "";
  const out: string[] = [];
  if (result.warnings.length > 0) {
    out.push(`Warnings (${result.warnings.length}):`, ...result.warnings.map((w) => `  - ${w}`), "");
  }
  const rows: [string, string][] = [
    [
      "Replicas",
      `peak ${s.peakReplicas}, mean ${fixedTrim(s.meanReplicas, 2)}, final ${s.finalReplicas} (peak ready ${s.peakReadyReplicas})`,
    ],
    ["Replica-hours", fixedTrim(s.replicaHours, 2)],
  ];
  if (s.metrics.length === 0) rows.push(["Metrics", "none"]);
  for (const m of s.metrics) rows.push(...metricLines(m));
  rows.push([
    "Unserved load",
    s.totalDemand > 0
      ? `${formatShare(s.unservedShare)} of demand, peak ${formatValue(s.peakUnserved, unit)}`
      : "none (no demand)",
  ]);
  rows.push(
    ["Scale-ups", String(s.scaleUps)],
    ["Scale-downs", String(s.scaleDowns)],
    ["Flaps", String(s.flaps)],
    [
      "Limited at max",
      s.secondsLimitedAtMax > 0
        ? `${formatDuration(s.secondsLimitedAtMax)} (${shareOf(s.secondsLimitedAtMax, s.durationSeconds)} of the time)`
        : "never",
    ],
    ["HPA syncs", String(s.syncs)],
  );
  rows.push(["OOM kills", String(s.oomKills)]);
  if (s.cluster !== undefined) rows.push(...clusterLines(s.cluster, s.totalUnserved));
  if (s.vpa !== undefined) rows.push(...vpaLines(s.vpa));
  const clock = options.clock ?? RELATIVE_CLOCK;
  if (s.backtest !== undefined) rows.push(...backtestLines(s.backtest, clock));
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const from = tableTime(clock, 0);
  const span =
    clock.startEpochSeconds === null ? "" : `, ${from} to ${tableTime(clock, s.durationSeconds)} UTC`;
  out.push(`Summary (${formatDuration(s.durationSeconds)} simulated${span}):`);
  for (const [k, v] of rows) out.push(`  ${k.padEnd(width)}${v}`.trimEnd());
  return `${out.join("\n")}\n`;
}
