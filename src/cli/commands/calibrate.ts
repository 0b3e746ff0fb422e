/**
 * `kube-whatif calibrate`: fit a Scenario's usage model (`cpu: 20m + 4m * load`) to what a workload really used, from
 * traces of its demand, its Ready pods and its total CPU and/or memory (Prometheus exports of
 * `sum(rate(http_requests_total[1m]))`, `kube_deployment_status_replicas_available` and
 * `sum(rate(container_cpu_usage_seconds_total[1m]))`, say), so that a replay starts from measured behaviour.
 */
import type { Command } from "commander";
import { UsageError } from "../exit-codes.js";
import { checkChoice, fileAndColumn } from "./flag-choices.js";
import { boundFlag } from "./input-options.js";

interface CalibrateCliOptions {
  load?: string;
  measures: string;
  pods?: string;
  cpu?: string;
  memory?: string;
  from?: string;
  to?: string;
  output: string;
  robust?: boolean;
}

const TRACE_HELP = "(CSV, Prometheus query_range JSON or Grafana CSV; FILE#COLUMN picks a CSV column)";

export function registerCalibrate(program: Command, write: (s: string) => void): void {
  program
    .command("calibrate")
    .description(
      "fit the usage model (spec.workload.usage: cpu/memory per Ready pod as base + cost * load) to traces of a workload's demand, Ready pods and total usage",
    )
    .option("--load <file>", `the workload's demand over time ${TRACE_HELP}`)
    .option(
      "--measures <what>",
      "what --load measures: <x>/s, <x>/min, <x>/h (e.g. requests/min) or cores",
      "requests/s",
    )
    .option(
      "--pods <file>",
      `its Ready pods over time, e.g. kube_deployment_status_replicas_available ${TRACE_HELP}`,
    )
    .option(
      "--cpu <file>",
      `its total CPU use in cores, e.g. sum(rate(container_cpu_usage_seconds_total[1m])) ${TRACE_HELP}`,
    )
    .option(
      "--memory <file>",
      `its total memory use in bytes, e.g. sum(container_memory_working_set_bytes) ${TRACE_HELP}`,
    )
    .option(
      "--from <time>",
      "fit from this time on: a date-time, or seconds from each trace's start (a period where the load per pod moved)",
    )
    .option("--to <time>", "fit up to this time (exclusive)")
    .option(
      "--robust",
      "a robust fit (Huber's, by reweighted least squares): samples no load explains (GC pauses, restarts) pull the line less",
    )
    .option("-o, --output <format>", "table (the fit and a Scenario snippet) or json", "table")
    .action(async (o: CalibrateCliOptions) => {
      checkChoice("--output", o.output, ["table", "json"]);
      if (o.load === undefined || o.pods === undefined)
        throw new UsageError(
          "calibrate needs --load FILE and --pods FILE, and --cpu FILE and/or --memory FILE",
        );
      if (o.cpu === undefined && o.memory === undefined)
        throw new UsageError("calibrate needs --cpu FILE and/or --memory FILE: the usage to fit");
      const d = await import("./calibrate-deps.js");
      if (!d.RATE_MEASURES_RE.test(o.measures) && o.measures !== "cores") {
        throw new UsageError(
          `--measures: expected a rate (<x>/s, <x>/min or <x>/h, e.g. requests/min) or cores, got "${o.measures}"`,
        );
      }
      const read = (v: string | undefined) => {
        if (v === undefined) return undefined;
        const { path, column } = fileAndColumn(v);
        return d.readTraceFile(path, {
          ...(column !== undefined ? { valueColumn: column } : {}),
          ...(o.from !== undefined ? { from: boundFlag(o.from) as number | string } : {}),
          ...(o.to !== undefined ? { to: boundFlag(o.to) as number | string } : {}),
        });
      };
      let calibration: ReturnType<typeof d.calibrateUsage>;
      try {
        calibration = d.calibrateUsage({
          load: read(o.load) as NonNullable<ReturnType<typeof read>>,
          measures: o.measures,
          pods: read(o.pods) as NonNullable<ReturnType<typeof read>>,
          cpu: read(o.cpu),
          memory: read(o.memory),
          robust: o.robust === true,
        });
      } catch (e) {
        if (e instanceof d.UnidentifiableFitError) throw new UsageError(`calibrate: ${e.message}`);
        throw e;
      }
      write(
        o.output === "json" ? d.renderCalibrationJson(calibration) : d.renderCalibrationText(calibration),
      );
    });
}
