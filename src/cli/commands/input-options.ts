/**
 * The input options `simulate` and `sweep` share (manifests, scenario, trace and its slice, seed, ...), their
 * parsing, and the sources they name, read from files or stdin.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { SimulationSources, SourceFile } from "../../scenario/load-simulation-inputs.js";
import type { SimulationFlags } from "../../scenario/scenario-flags.js";
import { UsageError } from "../exit-codes.js";
import { expandManifestPaths, readInputText } from "../read-input.js";
import { collect, fileAndColumn } from "./flag-choices.js";
import { addModelOptions, type ModelCliOptions, modelFlags } from "./model-options.js";
import { addTimingOptions, type TimingCliOptions, timingFlags } from "./timing-options.js";

/** What the input options hold (commander's camel-cased keys). */
export interface InputCliOptions extends ModelCliOptions, TimingCliOptions {
  file: string[];
  scenario?: string;
  trace?: string;
  nodes?: string;
  backtestReplicas?: string;
  backtestCompare?: string;
  expression?: string;
  measures?: string;
  scale?: string;
  observedReplicas?: string;
  from?: string;
  to?: string;
  duration?: string;
  seed?: string;
  recordEvery?: string;
  initialReplicas?: string;
  hpa?: string;
}

/** Adds the input options to a command. */
export function addInputOptions(command: Command): Command {
  const withInputs = command
    .optionsGroup("Inputs:")
    .option(
      "-f, --file <path>",
      "manifests: the HPA and its Deployment/StatefulSet (YAML/JSON, multi-doc, List; a folder: its .yaml/.yml/.json files); repeatable; - for stdin",
      collect,
      [] as string[],
    )
    .option(
      "-s, --scenario <path>",
      "a kube-whatif Scenario file (trace, workload model, timings; see docs/scenario.md)",
    )
    .option(
      "--trace <path>",
      "a trace file (CSV, Prometheus query_range JSON, Grafana CSV; FILE#COLUMN picks a column); replaces the scenario's trace",
    )
    .option(
      "--nodes <path>",
      "kubectl get nodes -o yaml output: the initial nodes (needs spec.cluster); replaces spec.cluster.nodes.file",
    )
    .option(
      "--backtest-replicas <path>",
      "the replica counts the real cluster recorded over this load (CSV, Prometheus JSON, Grafana CSV; e.g. kube_deployment_spec_replicas): how closely the replay follows them; replaces spec.backtest.replicas",
    )
    .option(
      "--backtest-compare <column>",
      "what the recorded counts are compared with: replicas (spec.replicas, the default), readyReplicas (e.g. kube_deployment_status_replicas_available) or desiredReplicas (the HPA's status)",
    )
    .option(
      "--expression <expr>",
      "a synthetic trace: mathjs over t (seconds), e.g. '200 + 150*sin(2*pi*t/86400)'",
    )
    .option(
      "--measures <what>",
      "what the trace measures: requests/s, requests/min, requests/h, cores, utilization",
    )
    .option("--scale <factor>", "multiply trace values")
    .option(
      "--observed-replicas <n|file>",
      "with --measures utilization: the replica count the utilization was observed at, or a file of it over time (e.g. kube_deployment_status_replicas_available; FILE#COLUMN picks a column)",
    )
    .option("--from <time>", "replay from this time (seconds from the trace start, or a date-time)")
    .option("--to <time>", "replay up to this time (exclusive)")
    .option("--duration <d>", "replay length (3600, 90s, 15m, 2h, 7d); default: the trace's span")
    .option("--seed <n>", "seed of the run's random source (pod names, tie-breaks, expression noise)")
    .option("--record-every <d>", "record a timeline row every d seconds (does not change the simulation)")
    .option(
      "--initial-replicas <n>",
      "the replica count the replay starts with (default: the target's spec.replicas), or recorded: the backtest's recorded count at the start",
    )
    .option("--hpa <name>", "which HPA, when the manifests hold several ([namespace/]name)");
  // the command's own options come next, under their own heading
  return addTimingOptions(addModelOptions(withInputs)).optionsGroup("Output and checks:");
}

/** The manifests and scenario the options name, read (files or stdin), with the flags over the scenario. */
export function inputSources(o: InputCliOptions, command: string): SimulationSources {
  if (o.file.length === 0 && o.scenario === undefined) {
    throw new UsageError(
      `${command} needs manifests (-f hpa.yaml -f deployment.yaml) or a scenario (--scenario scenario.yaml)`,
    );
  }
  // stdin can be read once: by one -f, --scenario, --trace, --observed-replicas, --backtest-replicas or --nodes
  const stdin = [
    ...o.file.filter((f) => f === "-").map(() => "-f"),
    ...(o.scenario === "-" ? ["--scenario"] : []),
    ...(["trace", "observedReplicas", "backtestReplicas", "nodes"] as const)
      .filter((k) => o[k] !== undefined && fileAndColumn(o[k] as string).path === "-")
      .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
  ];
  if (stdin.length > 1)
    throw new UsageError(
      `${stdin.join(" and ")} ${stdin.length === 2 ? "both" : "all"} read stdin (-): only one input can come from it`,
    );
  const manifests: SourceFile[] = expandManifestPaths(o.file).map((path) => ({
    path,
    text: readInputText(path),
  }));
  const scenario =
    o.scenario !== undefined ? { path: o.scenario, text: readInputText(o.scenario) } : undefined;
  const readFile = (p: string) => (p === "-" ? readInputText("-") : readFileSync(p, "utf8"));
  return { manifests, scenario, flags: flagsFrom(o), readFile };
}

export function intFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw new UsageError(`${name}: expected an integer, got "${v}"`);
  return Number(v);
}

export function numFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${name}: expected a number, got "${v}"`);
  return n;
}

/** Seconds from `3600`, `90s`, `15m`, `2h`, `7d`. */
export function parseDurationFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(v.trim());
  if (m === null)
    throw new UsageError(`${name}: expected a duration such as 3600, 90s, 15m, 2h or 7d, got "${v}"`);
  const mult = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? "s") as "s" | "m" | "h" | "d"];
  const seconds = Number(m[1]) * mult;
  // the replay's clock counts whole seconds (1.5m is 90 s; 1.5 s would be rounded silently)
  const whole = Math.round(seconds);
  if (Math.abs(seconds - whole) > 1e-9 * Math.max(1, seconds))
    throw new UsageError(`${name}: expected a whole number of seconds, got "${v}" (${seconds} s)`);
  return whole;
}

/** A time bound: seconds from the trace start, or an absolute date-time string. */
export function boundFlag(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  return /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
}

/** The scenario overrides of the input options (scenario-flags.ts). */
export function flagsFrom(o: InputCliOptions): SimulationFlags {
  const trace = o.trace === undefined ? undefined : fileAndColumn(o.trace);
  if (trace?.column !== undefined && o.valueColumn !== undefined)
    throw new UsageError(`--trace ${o.trace} picks a column, and so does --value-column: give one`);
  const flags: Record<string, unknown> = {
    ...modelFlags(o),
    ...timingFlags(o),
    ...(trace?.column !== undefined ? { valueColumn: trace.column } : {}),
    hpa: o.hpa,
    seed: intFlag("--seed", o.seed),
    durationSeconds: parseDurationFlag("--duration", o.duration),
    recordEverySeconds: parseDurationFlag("--record-every", o.recordEvery),
    initialReplicas:
      o.initialReplicas?.trim() === "recorded"
        ? "recorded"
        : intFlag("--initial-replicas", o.initialReplicas),
    traceFile: trace?.path,
    traceExpression: o.expression,
    nodesFile: o.nodes,
    backtestReplicasFile: o.backtestReplicas,
    backtestCompare: o.backtestCompare,
    from: boundFlag(o.from),
    to: boundFlag(o.to),
    measures: o.measures,
    scale: numFlag("--scale", o.scale),
    ...observedReplicasFlags(o.observedReplicas),
  };
  for (const k of Object.keys(flags)) if (flags[k] === undefined) delete flags[k];
  return flags as SimulationFlags;
}

/** `--observed-replicas 4`, or `--observed-replicas ready.json` / `ready.csv#available`: a count over time. */
function observedReplicasFlags(v: string | undefined): Partial<SimulationFlags> {
  if (v === undefined) return {};
  // a number is a count (a whole one), never a file name
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v.trim()))
    return { observedReplicas: intFlag("--observed-replicas", v) };
  const { path, column } = fileAndColumn(v);
  return { observedReplicasFile: path, ...(column !== undefined ? { observedReplicasColumn: column } : {}) };
}
