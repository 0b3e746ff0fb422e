/**
 * The command-line flag behind each {@link SimulationFlags} key and the Scenario field it sets: errors about a flag
 * name the flag as the user typed it (`command line: --scale: Invalid value: -1: ...`), and a sweep refuses to
 * vary a Scenario field that a flag fixes (the flag would win in every combination).
 */
import type { FieldViolation } from "./manifest-errors.js";
import type { SimulationFlags } from "./scenario-flags.js";

type FlagKey = keyof SimulationFlags;

/** Where flag errors are said to come from. */
export const FLAGS_FILE = "command line";

/** Each key's flag and the Scenario field (path under the Scenario document) it replaces. */
const FLAGS: Readonly<
  Record<FlagKey, { readonly flag: string; readonly field: string | readonly string[] }>
> = {
  hpa: { flag: "--hpa", field: "spec.hpa" },
  seed: { flag: "--seed", field: "spec.simulation.seed" },
  durationSeconds: { flag: "--duration", field: "spec.simulation.durationSeconds" },
  recordEverySeconds: { flag: "--record-every", field: "spec.simulation.recordEverySeconds" },
  initialReplicas: { flag: "--initial-replicas", field: "spec.simulation.initialReplicas" },
  // a trace source replaces the scenario's source (file or expression), and keeps its other fields
  traceFile: { flag: "--trace", field: ["spec.trace.file", "spec.trace.expression"] },
  traceExpression: { flag: "--expression", field: ["spec.trace.file", "spec.trace.expression"] },
  from: { flag: "--from", field: "spec.trace.from" },
  to: { flag: "--to", field: "spec.trace.to" },
  measures: { flag: "--measures", field: "spec.trace.measures" },
  scale: { flag: "--scale", field: "spec.trace.scale" },
  observedReplicas: { flag: "--observed-replicas", field: "spec.trace.observedReplicas" },
  observedReplicasFile: { flag: "--observed-replicas", field: "spec.trace.observedReplicas" },
  observedReplicasColumn: { flag: "--observed-replicas", field: "spec.trace.observedReplicas" },
  format: { flag: "--format", field: "spec.trace.format" },
  timeColumn: { flag: "--time-column", field: "spec.trace.timeColumn" },
  valueColumn: { flag: "--value-column", field: "spec.trace.valueColumn" },
  sumColumns: { flag: "--sum-columns", field: "spec.trace.sumColumns" },
  series: { flag: "--series", field: "spec.trace.series" },
  step: { flag: "--step", field: "spec.trace.step" },
  strict: { flag: "--strict", field: "spec.trace.strict" },
  cpu: { flag: "--cpu", field: "spec.workload.usage.cpu" },
  memory: { flag: "--memory", field: "spec.workload.usage.memory" },
  stickyMemory: { flag: "--sticky-memory", field: "spec.workload.usage.stickyMemory" },
  podMetrics: { flag: "--pod-metric", field: "spec.workload.usage.podMetrics" },
  clusterMetrics: { flag: "--cluster-metric", field: "spec.workload.usage.clusterMetrics" },
  maxLoadPerPod: { flag: "--max-load-per-pod", field: "spec.workload.maxLoadPerPod" },
  podSchedulingSeconds: { flag: "--pod-scheduling", field: "spec.pods.schedulingSeconds" },
  podStartupSeconds: { flag: "--pod-startup", field: "spec.pods.startupSeconds" },
  podReadinessSeconds: { flag: "--pod-readiness", field: "spec.pods.readinessSeconds" },
  syncPeriodSeconds: { flag: "--sync-period", field: "spec.controller.syncPeriodSeconds" },
  tolerance: { flag: "--tolerance", field: "spec.controller.tolerance" },
  cpuInitializationPeriodSeconds: {
    flag: "--cpu-initialization-period",
    field: "spec.controller.cpuInitializationPeriodSeconds",
  },
  initialReadinessDelaySeconds: {
    flag: "--initial-readiness-delay",
    field: "spec.controller.initialReadinessDelaySeconds",
  },
  downscaleStabilizationWindowSeconds: {
    flag: "--downscale-stabilization",
    field: "spec.controller.downscaleStabilizationWindowSeconds",
  },
  metricResolutionSeconds: { flag: "--metric-resolution", field: "spec.metrics.resolutionSeconds" },
  nodesFile: { flag: "--nodes", field: "spec.cluster.nodes.file" },
  backtestReplicasFile: { flag: "--backtest-replicas", field: "spec.backtest.replicas" },
  backtestCompare: { flag: "--backtest-compare", field: "spec.backtest.compare" },
};

/** Flags that set one entry of a map per NAME=EXPR. */
const PER_NAME = new Set(["podMetrics", "clusterMetrics"]);

/** The flag of a key (`durationSeconds` -> `--duration`); the key itself when it has none. */
export function flagName(key: string): string {
  return (FLAGS as Record<string, { flag: string }>)[key]?.flag ?? key;
}

/** The flag of a key or `key.name` path as typed: `cpu` -> `--cpu`, `podMetrics.rps` -> `--pod-metric rps`. */
export function flagLabel(path: string): string {
  const dot = path.indexOf(".");
  return dot < 0 ? flagName(path) : `${flagName(path.slice(0, dot))} ${path.slice(dot + 1)}`;
}

/**
 * A violation found under a flag key, renamed after the flag: `scale` -> `--scale`, `podMetrics.rps` ->
 * `--pod-metric rps`, in the path and at the start of the message.
 */
export function renameFlagViolation(v: FieldViolation): FieldViolation {
  const m = /^([A-Za-z]+)(\.(.*))?$/.exec(v.fieldPath);
  if (m === null) return v;
  const flag = flagName(m[1] as string);
  if (flag === m[1]) return v;
  const path = m[3] === undefined ? flag : `${flag} ${m[3]}`;
  const message = v.message.startsWith(v.fieldPath) ? path + v.message.slice(v.fieldPath.length) : v.message;
  return { ...v, fieldPath: path, message };
}

/**
 * The flags given (keys with a value) whose Scenario field is `path` (a path under the Scenario document, e.g.
 * `spec.trace.step`), inside it, or contains it: a sweep varying `path` would be overridden by them.
 */
export function flagsFixing(flags: SimulationFlags, path: readonly (string | number)[]): string[] {
  const dotted = path.map(String).join(".");
  const out: string[] = [];
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    const entry = (FLAGS as Record<string, { flag: string; field: string | readonly string[] }>)[key];
    if (entry === undefined) continue;
    const own = typeof entry.field === "string" ? [entry.field] : entry.field;
    // the metric flags replace one metric's expression each, not the whole map
    const fields = PER_NAME.has(key)
      ? own.flatMap((f) => Object.keys(value as Record<string, string>).map((name) => `${f}.${name}`))
      : own;
    const overlaps = fields.some(
      (f) => dotted === f || dotted.startsWith(`${f}.`) || f.startsWith(`${dotted}.`),
    );
    if (overlaps && !out.includes(entry.flag)) out.push(entry.flag);
  }
  return out;
}
