/**
 * `kube-whatif vpa recommend`: replay the upstream VPA recommender over a usage trace and show what the VPA
 * would recommend, over time and at the end (as `kubectl describe vpa` prints it).
 */
import type { Command } from "commander";
import type { VpaManifest } from "../../scenario/vpa-manifest.js";
import type { WorkloadManifest } from "../../scenario/workload-manifest.js";
import type { ColumnRef } from "../../trace/types.js";
import type { OomEvent } from "../../vpa/recommend-over-trace.js";
import type { Resources } from "../../vpa/types.js";
import { UsageError } from "../exit-codes.js";
import { expandManifestPaths, readInputText } from "../read-input.js";
import { parseDurationFlag } from "./input-options.js";
import type { VpaReplayInfo } from "./vpa-output.js";

interface RecommendCliOptions {
  file: string[];
  trace: string;
  cpuColumn: string;
  memoryColumn: string;
  step?: string;
  replicas?: string;
  container?: string;
  vpa?: string;
  every: string;
  oomAt: string[];
  output: string;
  width?: string;
  height?: string;
  charts: boolean;
}

/** A column flag: a 0-based index when all digits, else a header name. */
function columnRef(v: string): ColumnRef {
  return /^\d+$/.test(v) ? Number(v) : v;
}

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) {
    throw new UsageError(`${name}: expected a positive integer, got "${v}"`);
  }
  return Number(v);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function selectVpa(vpas: readonly VpaManifest[], name: string | undefined): VpaManifest {
  if (name !== undefined) {
    const found = vpas.find((v) => v.name === name);
    if (found === undefined) {
      throw new UsageError(
        `--vpa ${name}: no such VerticalPodAutoscaler (found: ${vpas.map((v) => v.name).join(", ") || "none"})`,
      );
    }
    return found;
  }
  const [only, ...rest] = vpas;
  if (only === undefined) throw new UsageError("no VerticalPodAutoscaler in the -f files");
  if (rest.length > 0) {
    throw new UsageError(
      `several VerticalPodAutoscalers (${vpas.map((v) => v.name).join(", ")}): choose one with --vpa`,
    );
  }
  return only;
}

/** The workload the VPA targets, when one was given with -f. */
function selectWorkload(
  vpa: VpaManifest,
  workloads: readonly WorkloadManifest[],
): WorkloadManifest | undefined {
  if (workloads.length === 0) return undefined;
  const match = workloads.find((w) => w.kind === vpa.targetRef.kind && w.name === vpa.targetRef.name);
  if (match === undefined) {
    const found = workloads.map((w) => `${w.kind} "${w.name}"`).join(", ");
    throw new UsageError(
      `${vpa.file}: VerticalPodAutoscaler "${vpa.name}" targets ${vpa.targetRef.kind} "${vpa.targetRef.name}", but the -f files hold ${found}`,
    );
  }
  return match;
}

/** The traced container's name and requests: --container, else the workload's only container, else `app`. */
function selectContainer(
  workload: WorkloadManifest | undefined,
  flag: string | undefined,
): { readonly name: string; readonly request: Resources } {
  const containers = workload?.containers.filter((c) => c.init !== true) ?? [];
  let chosen = flag !== undefined ? containers.find((c) => c.name === flag) : undefined;
  if (flag !== undefined && workload !== undefined && chosen === undefined) {
    throw new UsageError(`--container ${flag}: ${workload.kind} "${workload.name}" has no such container`);
  }
  if (flag === undefined && containers.length > 1) {
    throw new UsageError(
      `${workload?.kind} "${workload?.name}" has ${containers.length} containers (${containers.map((c) => c.name).join(", ")}): name the traced one with --container`,
    );
  }
  chosen ??= containers[0];
  const request: { cpu?: number; memory?: number } = {};
  const cpu = chosen?.requests.cpu;
  const memory = chosen?.requests.memory;
  if (cpu !== undefined) request.cpu = Number(cpu);
  if (memory !== undefined) request.memory = Number(memory / 1000n);
  return { name: flag ?? chosen?.name ?? "app", request };
}

export function registerVpa(program: Command, write: (s: string) => void): void {
  const vpa = program.command("vpa").description("Vertical Pod Autoscaler: what the recommender would say");
  vpa
    .command("recommend")
    .description(
      "replay the VPA recommender (one loop a minute, as upstream) over a usage trace: the recommendation over time and at the end",
    )
    .requiredOption(
      "-f, --file <file>",
      "VerticalPodAutoscaler manifest; repeat for the target Deployment/StatefulSet",
      collect,
      [],
    )
    .requiredOption(
      "--trace <file>",
      "usage trace: CPU in cores and memory in bytes (CSV, Prometheus JSON, Grafana CSV)",
    )
    .option("--cpu-column <column>", "CPU column (name or 0-based index)", "cpu")
    .option("--memory-column <column>", "memory column (name or 0-based index)", "memory")
    .option("--step <duration>", "seconds between rows of a trace without a time column (e.g. 5m)")
    .option(
      "--replicas <n>",
      "the trace is the workload's TOTAL usage over n pods (each pod uses total / n); without it the trace is one pod's usage (pods: the workload's spec.replicas, or 1)",
    )
    .option("--container <name>", "the traced container (default: the workload's only container, or app)")
    .option("--vpa <name>", "which VerticalPodAutoscaler, when the files hold several")
    .option("--every <duration>", "a timeline point every this long (multiple of 1m)", "1h")
    .option(
      "--oom-at <offset>",
      "an OOM kill of pod 0's container at this offset (e.g. 36h); repeatable",
      collect,
      [],
    )
    .option("-o, --output <format>", "table | json | csv", "table")
    .option("--width <columns>", "chart width")
    .option("--height <rows>", "chart height")
    .option("--no-charts", "table output without the charts")
    .action(async (o: RecommendCliOptions) => {
      const {
        parseManifestDocuments,
        readTraceFile,
        readVerticalPodAutoscalers,
        readWorkloads,
        RECOMMENDER_INTERVAL_SECONDS,
        recommendOverTrace,
        renderReplaySummary,
        renderVpaCharts,
        renderVpaCsv,
        renderVpaDescribe,
        renderVpaJson,
      } = await import("./vpa-deps.js");
      if (!["table", "json", "csv"].includes(o.output)) {
        throw new UsageError(`--output: expected table, json or csv, got "${o.output}"`);
      }
      const every = parseDurationFlag("--every", o.every) ?? 3600;
      if (every <= 0 || every % RECOMMENDER_INTERVAL_SECONDS !== 0) {
        throw new UsageError(`--every: expected a positive multiple of 1m, got "${o.every}"`);
      }
      const vpas: VpaManifest[] = [];
      const workloads: WorkloadManifest[] = [];
      for (const file of expandManifestPaths(o.file)) {
        const docs = parseManifestDocuments(readInputText(file), file);
        vpas.push(...readVerticalPodAutoscalers(docs, file));
        workloads.push(...readWorkloads(docs, file));
      }
      const target = selectVpa(vpas, o.vpa);
      const workload = selectWorkload(target, workloads);
      const container = selectContainer(workload, o.container);
      const totalReplicas = positiveInt("--replicas", o.replicas);
      const replicas = totalReplicas ?? Math.max(1, workload?.replicas ?? 1);
      const usageIs = totalReplicas !== undefined ? "total" : "per-pod";
      const step = parseDurationFlag("--step", o.step);
      const traceOptions = step !== undefined ? { step } : {};
      const cpu = readTraceFile(o.trace, { ...traceOptions, valueColumn: columnRef(o.cpuColumn) });
      const memory = readTraceFile(o.trace, { ...traceOptions, valueColumn: columnRef(o.memoryColumn) });
      const ooms: OomEvent[] = o.oomAt.map((v) => ({
        t: parseDurationFlag("--oom-at", v) ?? 0,
        containerName: container.name,
      }));
      const warnings = [...target.warnings, ...(workload?.warnings ?? [])];
      const other = target.recommenders.find((r) => r !== "default");
      if (other !== undefined) {
        warnings.push(
          `${target.file}: VerticalPodAutoscaler "${target.name}": spec.recommenders selects "${other}"; kube-whatif replays the default recommender`,
        );
      }
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);

      const result = recommendOverTrace(
        {
          containers: [{ containerName: container.name, cpu, memory, request: container.request }],
          replicas,
          usageIs,
          ooms,
          policy: target.resourcePolicy,
        },
        { startTime: cpu.startEpochSeconds ?? 0, recordEverySeconds: every },
      );
      const info: VpaReplayInfo = {
        traceFile: o.trace,
        replicas,
        usageIs,
        intervalSeconds: RECOMMENDER_INTERVAL_SECONDS,
        recordEverySeconds: every,
        startEpochSeconds: cpu.startEpochSeconds,
      };
      if (o.output === "json") return write(renderVpaJson(target, info, result));
      if (o.output === "csv") return write(renderVpaCsv(result));
      const parts = [renderVpaDescribe(target, result), renderReplaySummary(info, result)];
      if (o.charts) {
        parts.push(
          renderVpaCharts(result, positiveInt("--width", o.width), positiveInt("--height", o.height)),
        );
      }
      write(`${parts.join("\n\n")}\n`);
    });
}
