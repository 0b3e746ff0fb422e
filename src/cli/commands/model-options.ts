/**
 * The input options that say how to read the trace file (`--value-column`, `--step`, `--series job=web`, ...) and
 * how a pod's usage follows its load (`--cpu '20m + 4m * load'`, `--pod-metric rps=load`, ...), so that a what-if
 * needs no Scenario file; each sets the Scenario field of the same name (docs/scenario.md, Command-line
 * overrides) and is checked as that field is.
 */
import type { Command } from "commander";
import type { SimulationFlags } from "../../scenario/scenario-flags.js";
import type { ColumnRef } from "../../trace/types.js";
import { UsageError } from "../exit-codes.js";
import { collect } from "./flag-choices.js";
import { parseDurationFlag } from "./input-options.js";

/** What these options hold (commander's camel-cased keys). */
export interface ModelCliOptions {
  format?: string;
  timeColumn?: string;
  valueColumn?: string;
  sumColumns?: string;
  series: string[];
  step?: string;
  strict?: boolean;
  cpu?: string;
  memory?: string;
  podMetric: string[];
  clusterMetric: string[];
  stickyMemory?: boolean;
  maxLoadPerPod?: string;
}

/** Adds the trace-reading and usage-model options to a command. */
export function addModelOptions(command: Command): Command {
  return command
    .optionsGroup("Reading the trace file (spec.trace):")
    .option("--format <format>", "the trace file's format: csv, prometheus or grafana (default: detected)")
    .option(
      "--time-column <column>",
      "the trace's time column: a name, a 0-based index, or none (rows --step seconds apart); default: detected",
    )
    .option(
      "--value-column <column>",
      "the trace's value column: a name or a 0-based index (also: --trace FILE#COLUMN); default: the first non-time column",
    )
    .option("--sum-columns <columns>", "Grafana exports: sum these series columns (comma-separated)")
    .option(
      "--series <label=value>",
      "Prometheus exports: keep the series with this label value (repeatable; default: all series, summed)",
      collect,
      [] as string[],
    )
    .option(
      "--step <d>",
      "seconds between rows of a trace without a time column; an expression's sample step (default 1 s)",
    )
    .option("--strict", "reject unsorted and duplicate timestamps instead of sorting and merging them")
    .optionsGroup("Usage model (spec.workload):")
    .option(
      "--cpu <expr>",
      "a Ready pod's CPU in cores at its share of the load, e.g. '20m + 4m * load' (spec.workload.usage.cpu)",
    )
    .option(
      "--memory <expr>",
      "a Ready pod's memory in bytes at its share of the load, e.g. '120Mi + 100Ki * load'",
    )
    .option(
      "--pod-metric <name=expr>",
      "a Pods metric per pod at its share of the load, e.g. http_requests_per_second=load (repeatable; default: load)",
      collect,
      [] as string[],
    )
    .option(
      "--cluster-metric <name=expr>",
      "an Object/External metric of the total load, e.g. queue_depth='load * 2' (repeatable; default: load)",
      collect,
      [] as string[],
    )
    .option("--sticky-memory", "the memory a pod reports never goes down while it lives (a JVM heap)")
    .option("--no-sticky-memory", "memory follows the load (overrides the scenario's stickyMemory: true)")
    .option(
      "--max-load-per-pod <n>",
      "load one pod can serve per second (or unlimited); default: where --cpu reaches the CPU limit",
    );
}

/** A column: a 0-based index when all digits, else a header name. */
function column(v: string): ColumnRef {
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
}

/** `name=value` pairs of a repeatable option as a map (the value may contain `=`). */
function pairs(flag: string, values: readonly string[], example: string): Record<string, string> | undefined {
  if (values.length === 0) return undefined;
  const out = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf("=");
    const name = eq < 0 ? "" : v.slice(0, eq).trim();
    if (name === "" || v.slice(eq + 1).trim() === "")
      throw new UsageError(`${flag}: expected NAME=VALUE, e.g. ${example}, got "${v}"`);
    if (name === "__proto__" || name === "constructor" || name === "prototype")
      throw new UsageError(`${flag}: "${name}" cannot be a name here`);
    if (out.has(name)) throw new UsageError(`${flag}: "${name}" is given twice`);
    out.set(name, v.slice(eq + 1).trim());
  }
  return Object.fromEntries(out);
}

/** The scenario overrides these options give (undefined where not given). */
export function modelFlags(o: ModelCliOptions): SimulationFlags {
  const sumColumns = o.sumColumns?.split(",").map((c) => c.trim());
  if (sumColumns?.some((c) => c === ""))
    throw new UsageError(
      `--sum-columns: expected column names or indices separated by commas, got "${o.sumColumns}"`,
    );
  let maxLoadPerPod: number | "unlimited" | undefined;
  if (o.maxLoadPerPod !== undefined) {
    const n = Number(o.maxLoadPerPod);
    if (o.maxLoadPerPod.trim() === "unlimited") maxLoadPerPod = "unlimited";
    else if (o.maxLoadPerPod.trim() !== "" && Number.isFinite(n)) maxLoadPerPod = n;
    else throw new UsageError(`--max-load-per-pod: expected a number or unlimited, got "${o.maxLoadPerPod}"`);
  }
  return {
    format: o.format,
    timeColumn:
      o.timeColumn === undefined ? undefined : o.timeColumn.trim() === "none" ? null : column(o.timeColumn),
    valueColumn: o.valueColumn === undefined ? undefined : column(o.valueColumn),
    sumColumns: sumColumns?.map(column),
    series: pairs("--series", o.series, "job=web"),
    step: parseDurationFlag("--step", o.step),
    strict: o.strict,
    cpu: o.cpu,
    memory: o.memory,
    podMetrics: pairs("--pod-metric", o.podMetric, "http_requests_per_second=load"),
    clusterMetrics: pairs("--cluster-metric", o.clusterMetric, "queue_depth=load"),
    stickyMemory: o.stickyMemory,
    maxLoadPerPod,
  };
}
