/**
 * Output of `kube-whatif vpa recommend`: the final status as `kubectl describe vpa` prints it, charts of the
 * recommendation over time, JSON (status-shaped quantities) and CSV (raw millicores and bytes).
 */
import asciichart from "asciichart";
import { type ChartSpec, renderLineChart } from "../../report/line-chart.js";
import { toJson } from "../../report/table.js";
import { formatDuration } from "../../report/text-format.js";
import { canonicalQuantity } from "../../scenario/quantity-string.js";
import type { VpaManifest } from "../../scenario/vpa-manifest.js";
import type { RecommendationPoint, RecommendOverTraceResult } from "../../vpa/recommend-over-trace.js";
import type { ContainerRecommendation, ResourceName, Resources } from "../../vpa/types.js";

/** What the replay was run on, for the report. */
export interface VpaReplayInfo {
  readonly traceFile: string;
  readonly replicas: number;
  readonly usageIs: "per-pod" | "total";
  readonly intervalSeconds: number;
  readonly recordEverySeconds: number;
  /** Unix seconds of trace t = 0 when the trace had absolute times, else null. */
  readonly startEpochSeconds: number | null;
}

/**
 * An amount as the VPA status shows it: the recommender writes resource.NewScaledQuantity(millicores, -3) and
 * NewScaledQuantity(bytes, 0), DecimalSI, so `350m`, `2`, `262144k`, `628694953` (model/types.go
 * CPUAmountToQuantity / MemoryAmountToQuantity; kubectl prints Quantity.String()).
 */
export function formatStatusQuantity(resource: ResourceName, amount: number): string {
  return canonicalQuantity(resource === "cpu" ? `${amount}m` : String(amount));
}

/** Formats one container's amounts; `capped` bounds that equal minAllowed / maxAllowed print as written there. */
type StatusFormatter = (
  containerName: string,
  r: Resources | undefined,
  capped: boolean,
) => Record<string, string>;

/**
 * The recommender caps with the policy's own Quantity (capping.go maybeCapToMin / maybeCapToMax return
 * minAllowed / maxAllowed themselves), so a capped bound prints as the policy wrote it, e.g. `2Gi`.
 */
export function statusFormatter(vpa: VpaManifest | undefined): StatusFormatter {
  return (containerName, r, capped) => {
    const policies = vpa?.resourcePolicy?.containerPolicies ?? [];
    let index = policies.findIndex((p) => p.containerName === containerName);
    if (index < 0) index = policies.findIndex((p) => p.containerName === "*");
    const policy = policies[index];
    const text = vpa?.allowedQuantities[index];
    const out: Record<string, string> = {};
    for (const name of ["cpu", "memory"] as const) {
      const v = r?.[name];
      if (v === undefined) continue;
      if (capped && v === policy?.minAllowed?.[name] && text?.minAllowed[name] !== undefined) {
        out[name] = text.minAllowed[name];
      } else if (capped && v === policy?.maxAllowed?.[name] && text?.maxAllowed[name] !== undefined) {
        out[name] = text.maxAllowed[name];
      } else {
        out[name] = formatStatusQuantity(name, v);
      }
    }
    return out;
  };
}

/** `kubectl describe` lines: consecutive `key:<tab>value` lines align their values, two spaces after the widest key. */
function describeBlock(lines: readonly (readonly [string, string | undefined])[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const [key, value] = lines[i] as readonly [string, string | undefined];
    if (value === undefined) {
      out.push(`${key}:`);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]?.[1] !== undefined) j++;
    const group = lines.slice(i, j);
    const width = Math.max(...group.map(([k]) => k.length + 1)) + 2;
    for (const [k, v] of group) out.push(`${`${k}:`.padEnd(width)}${v}`.trimEnd());
    i = j;
  }
  return out.join("\n");
}

const BOUNDS = [
  ["Lower Bound", "lowerBound"],
  ["Target", "target"],
  ["Uncapped Target", "uncappedTarget"],
  ["Upper Bound", "upperBound"],
] as const;

function recommendationLines(
  recs: readonly ContainerRecommendation[],
  format: StatusFormatter,
): [string, string | undefined][] {
  const lines: [string, string | undefined][] = [["    Container Recommendations", undefined]];
  for (const rec of recs) {
    lines.push(["      Container Name", rec.containerName]);
    for (const [label, field] of BOUNDS) {
      const r = rec[field];
      if (r === undefined) continue;
      const text = format(rec.containerName, r, field !== "uncappedTarget");
      lines.push([`      ${label}`, undefined]);
      if (text.cpu !== undefined) lines.push(["        Cpu", text.cpu]);
      if (text.memory !== undefined) lines.push(["        Memory", text.memory]);
    }
  }
  return lines;
}

/** The VPA after the replay, in `kubectl describe vpa` layout (status at the last recommender loop). */
export function renderVpaDescribe(vpa: VpaManifest, result: RecommendOverTraceResult): string {
  const ref = vpa.targetRef;
  const lines: [string, string | undefined][] = [
    ["Name", vpa.name],
    ["Namespace", vpa.namespace],
    ["API Version", "autoscaling.k8s.io/v1"],
    ["Kind", "VerticalPodAutoscaler"],
    ["Spec", undefined],
    ["  Target Ref", undefined],
    ...(ref.apiVersion !== undefined ? [["    API Version", ref.apiVersion] as [string, string]] : []),
    ["    Kind", ref.kind],
    ["    Name", ref.name],
    ["  Update Policy", undefined],
    ["    Update Mode", vpa.effectiveUpdateMode],
    ...(vpa.minReplicas !== undefined
      ? [["    Min Replicas", String(vpa.minReplicas)] as [string, string]]
      : []),
    ["Status", undefined],
  ];
  const recs = result.final?.recommendations ?? [];
  if (recs.length > 0) {
    lines.push(["  Conditions", undefined], ["    Status", "True"], ["    Type", "RecommendationProvided"]);
    lines.push(["  Recommendation", undefined], ...recommendationLines(recs, statusFormatter(vpa)));
  } else {
    lines.push(["  Conditions", undefined], ["    Status", "False"], ["    Type", "RecommendationProvided"]);
  }
  return describeBlock(lines);
}

/** One sentence on what was replayed. */
export function renderReplaySummary(info: VpaReplayInfo, result: RecommendOverTraceResult): string {
  const last = result.final?.t ?? 0;
  const pods = `${info.replicas} pod${info.replicas === 1 ? "" : "s"}`;
  const usage =
    info.usageIs === "total"
      ? `the trace's total split evenly over ${pods}`
      : `${pods}, each using the trace's value`;
  return (
    `Replayed ${result.loops} recommender loops (one every ${formatDuration(info.intervalSeconds)}) over ` +
    `${formatDuration(last)} of ${info.traceFile}: ${usage}.`
  );
}

const MiB = 1024 * 1024;

/** Target and lower bound over time, with one pod's usage, per resource and container. */
export function renderVpaCharts(result: RecommendOverTraceResult, width?: number, height?: number): string {
  const points = result.timeline;
  const last = points[points.length - 1];
  if (last === undefined) return "No recommender loops to chart.";
  const names = (result.final?.recommendations ?? []).map((r) => r.containerName);
  const time = { times: points.map((p) => p.t), end: last.t + 1 };
  const charts: string[] = [];
  for (const name of names) {
    for (const resource of ["cpu", "memory"] as const) {
      const scale = resource === "cpu" ? 1 : 1 / MiB;
      const pick = (p: RecommendationPoint, field: "target" | "lowerBound") => {
        const v = p.recommendations.find((r) => r.containerName === name)?.[field][resource];
        return v === undefined ? null : v * scale;
      };
      if (points.every((p) => pick(p, "target") === null)) continue;
      const spec: ChartSpec = {
        title: `Container ${name}: ${resource} target over time`,
        unit: resource === "cpu" ? "m" : "MiB",
        aggregate: "max",
        series: [
          { name: "target", values: points.map((p) => pick(p, "target")), color: asciichart.green },
          { name: "lower bound", values: points.map((p) => pick(p, "lowerBound")), color: asciichart.yellow },
          {
            name: "usage (one pod, at each point)",
            values: points.map((p) => {
              const u = p.usage[name]?.[resource];
              return u === undefined ? null : u * scale;
            }),
            color: asciichart.blue,
          },
        ],
      };
      charts.push(
        renderLineChart(spec, time, {
          ...(width !== undefined ? { width } : {}),
          ...(height !== undefined ? { height } : {}),
        }),
      );
    }
  }
  return charts.join("\n\n");
}

function pointJson(p: RecommendationPoint, start: number | null, format: StatusFormatter) {
  return {
    t: p.t,
    ...(start !== null ? { time: new Date((start + p.t) * 1000).toISOString() } : {}),
    containerRecommendations: p.recommendations.map((r) => ({
      containerName: r.containerName,
      lowerBound: format(r.containerName, r.lowerBound, true),
      target: format(r.containerName, r.target, true),
      uncappedTarget: format(r.containerName, r.uncappedTarget, false),
      upperBound: format(r.containerName, r.upperBound, true),
    })),
    usage: Object.fromEntries(Object.entries(p.usage).map(([name, u]) => [name, format(name, u, false)])),
  };
}

/** JSON: the VPA, the replay settings, the timeline and the final recommendation (quantities as in the VPA status). */
export function renderVpaJson(
  vpa: VpaManifest,
  info: VpaReplayInfo,
  result: RecommendOverTraceResult,
): string {
  const format = statusFormatter(vpa);
  return `${toJson({
    vpa: {
      name: vpa.name,
      namespace: vpa.namespace,
      targetRef: vpa.targetRef,
      updateMode: vpa.effectiveUpdateMode,
    },
    replay: {
      trace: info.traceFile,
      replicas: info.replicas,
      usage: info.usageIs,
      recommenderIntervalSeconds: info.intervalSeconds,
      recordEverySeconds: info.recordEverySeconds,
      loops: result.loops,
      discardedOoms: result.discardedOoms,
    },
    timeline: result.timeline.map((p) => pointJson(p, info.startEpochSeconds, format)),
    final: result.final === undefined ? null : pointJson(result.final, info.startEpochSeconds, format),
  })}\n`;
}

// biome-ignore format: packed list
const CSV_HEADER = [
  "t", "container",
  "cpu_lower_bound_m", "cpu_target_m", "cpu_uncapped_target_m", "cpu_upper_bound_m", "cpu_usage_m",
  "memory_lower_bound_bytes", "memory_target_bytes", "memory_uncapped_target_bytes", "memory_upper_bound_bytes", "memory_usage_bytes",
];

/** CSV: one row per timeline point and container; CPU in millicores, memory in bytes; empty = not recommended. */
export function renderVpaCsv(result: RecommendOverTraceResult): string {
  const rows = [CSV_HEADER.join(",")];
  for (const p of result.timeline) {
    for (const r of p.recommendations) {
      const u = p.usage[r.containerName];
      const cells = (res: ResourceName) => [
        r.lowerBound[res],
        r.target[res],
        r.uncappedTarget?.[res],
        r.upperBound[res],
        u?.[res],
      ];
      rows.push(
        [p.t, r.containerName, ...cells("cpu"), ...cells("memory")]
          .map((c) => (c === undefined ? "" : String(c)))
          .join(","),
      );
    }
  }
  return `${rows.join("\n")}\n`;
}
