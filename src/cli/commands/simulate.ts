/** `kube-whatif simulate`: replay a trace through the workload and its HPA; summary, charts, events, or data. */
import type { Command } from "commander";
import type { SyncResult } from "../../hpa/controller.js";
import type { ControllerState, SyncInput } from "../../hpa/types.js";
import { CheckFailedError, UsageError } from "../exit-codes.js";
import { addChartOptions, type ChartCliOptions, chartOptions } from "./chart-options.js";
import { checkChoice, collect } from "./flag-choices.js";
import { addInputOptions, type InputCliOptions, inputSources, parseDurationFlag } from "./input-options.js";

interface SimulateCliOptions extends InputCliOptions, ChartCliOptions {
  output: string;
  progress: boolean;
  explainAt?: string;
  time: string;
  assert: string[];
  junit?: string;
}

/** A section after the report: a blank line before it, nothing when empty. */
const tail = (text: string): string => (text === "" ? "" : `\n${text}`);

/**
 * `--explain-at`: seconds or a duration from the start, or a date-time (ISO-8601 or `YYYY-MM-DD HH:MM:SS`, UTC
 * without a zone) on the trace's clock when the trace has absolute times (`start`, epoch seconds of t = 0).
 */
function explainAtFlag(
  v: string | undefined,
  start: number | null,
  parse: (text: string) => { epochSeconds: number } | null,
): number | undefined {
  if (v === undefined || /^\d+(?:\.\d+)?\s*(s|m|h|d)?$/.test(v.trim()))
    return parseDurationFlag("--explain-at", v);
  const parsed = parse(v.trim());
  if (parsed === null) {
    throw new UsageError(
      `--explain-at: expected seconds, a duration such as 90s, 15m, 2h or 1d, or a date-time, got "${v}"`,
    );
  }
  if (start === null) {
    throw new UsageError(
      `--explain-at: "${v}" is a date-time but the trace has relative times (give seconds)`,
    );
  }
  return Math.round(parsed.epochSeconds) - start;
}

export function registerSimulate(program: Command, write: (s: string) => void): void {
  const command = program
    .command("simulate")
    .description(
      "replay a load trace through the workload and its HPA, second by second, and report what happens",
    );
  addChartOptions(
    addInputOptions(command).option(
      "-o, --output <format>",
      "table (summary, charts, events), json, csv (the timeline), or html (a self-contained page: summary, charts, events)",
      "table",
    ),
    "table output without charts",
  )
    .option("--no-progress", "no progress bar on stderr")
    .option(
      "--assert <expr>",
      "a check of the run, e.g. 'peakReplicas <= 20' or 'unservedShare < 0.001 and flaps == 0' (repeatable; exit 1 when one fails; names: docs/scenario.md, Assertions)",
      collect,
      [] as string[],
    )
    .option("--junit <file>", "also write the assertions' outcomes to FILE as a JUnit XML report (for CI)")
    .option(
      "--time <clock>",
      "times in the output: absolute (the trace's own, UTC, when it has date-times) or relative (offsets from the start)",
      "absolute",
    )
    .option(
      "--explain-at <time>",
      "explain the first HPA sync at or after this time (seconds, 90s/15m/2h/1d, or a date-time on the trace's clock), as `explain` does",
    )
    .action(async (o: SimulateCliOptions) => {
      const {
        checkAssertions,
        compileAssertions,
        createProgress,
        failedAssertionsText,
        loadSimulationInputs,
        isoTime,
        parseDateTime,
        RELATIVE_CLOCK,
        renderAssertions,
        renderExplainText,
        renderHtmlReport,
        renderJunitXml,
        runJsonChunks,
        renderSimulateTable,
        renderTimelineCsv,
        simulate,
        toJson,
        traceClock,
        withBacktest,
        checkOutputPath,
        JUNIT_WITHOUT_ASSERTIONS,
        writeOutputFile,
      } = await import("./simulate-deps.js");
      checkChoice("--time", o.time, ["absolute", "relative"]);
      checkChoice("--output", o.output, ["table", "json", "csv", "html"]);
      if (o.explainAt !== undefined && o.output !== "table" && o.output !== "json") {
        throw new UsageError(
          `--explain-at prints one sync as text (-o table) or JSON (-o json), not ${o.output}`,
        );
      }
      const loaded = loadSimulationInputs(inputSources(o, "simulate"));
      const inputs = loaded.inputs;
      const assertions = compileAssertions(o.assert, loaded.scenario.assertions ?? [], loaded.scenario.file);
      if (assertions.length > 0 && o.explainAt !== undefined) {
        throw new UsageError(
          "--explain-at explains one sync: it takes no assertions (--assert, spec.assertions)",
        );
      }
      if (o.junit !== undefined) {
        if (assertions.length === 0) {
          throw new UsageError(JUNIT_WITHOUT_ASSERTIONS);
        }
        checkOutputPath("--junit", o.junit);
      }
      const showProgress = o.progress && process.stderr.isTTY === true;
      const progress = showProgress
        ? createProgress(process.stderr, { total: inputs.durationSeconds, label: "simulating" })
        : undefined;
      const ownClock = traceClock({ config: inputs.effectiveConfig });
      const clock = o.time === "relative" ? RELATIVE_CLOCK : ownClock;
      const explainAt = explainAtFlag(o.explainAt, ownClock.startEpochSeconds, parseDateTime);
      let captured: { input: SyncInput; result: SyncResult } | undefined;
      const replayed = simulate(inputs, {
        ...(progress !== undefined ? { onProgress: (t: number) => progress.update(t) } : {}),
        ...(explainAt !== undefined
          ? {
              onSync: (input: SyncInput, _state: ControllerState, r: SyncResult) => {
                if (captured === undefined && input.now >= explainAt) captured = { input, result: r };
              },
            }
          : {}),
      });
      progress?.finish();
      const result = withBacktest(replayed, loaded.backtest, ownClock.startEpochSeconds);
      if (explainAt !== undefined) {
        if (captured === undefined) {
          throw new UsageError(
            `--explain-at: no HPA sync at or after ${explainAt} s (the replay lasts ${inputs.durationSeconds} s)`,
          );
        }
        const { input, result: r } = captured;
        if (o.output === "json") {
          const doc = {
            t: input.now,
            status: r.status,
            events: r.events,
            explanation: r.explanation,
            stateAfter: r.state,
          };
          return write(`${toJson(doc)}\n`);
        }
        const at = isoTime(clock, input.now);
        const when = at === null ? "" : ` (${at})`;
        return write(`HPA sync at t=${input.now} s${when}\n\n${renderExplainText(input, r)}`);
      }
      // the assertions are judged before anything is written: a name the run lacks is bad input (exit 2)
      const outcomes = assertions.length > 0 ? checkAssertions(assertions, result) : undefined;
      const failIfAny = (list: typeof outcomes) => {
        if (o.junit !== undefined && list !== undefined) {
          const hpa = `${inputs.hpa.metadata.namespace ?? "default"}/${inputs.hpa.metadata.name}`;
          const suite = {
            name: `simulate ${hpa}`,
            properties: {
              hpa,
              target: `${inputs.target.kind}/${inputs.target.name}`,
              trace: inputs.demand.source,
              seed: String(result.seed),
            },
            outcomes: list,
          };
          writeOutputFile("--junit", o.junit, renderJunitXml("kube-whatif simulate", [suite]));
        }
        if (list?.some((a) => !a.holds) === true) throw new CheckFailedError(failedAssertionsText(list));
      };
      if (o.output === "json") {
        for (const piece of runJsonChunks(result, clock, outcomes)) write(piece);
        return failIfAny(outcomes);
      }
      if (o.output === "html") {
        write(
          renderHtmlReport(inputs, result, {
            clock,
            ...(outcomes === undefined ? {} : { assertions: outcomes }),
          }),
        );
        return failIfAny(outcomes);
      }
      if (o.output === "csv") {
        write(renderTimelineCsv(result, clock));
        return failIfAny(outcomes);
      }
      const charts = chartOptions(o);
      write(
        `${renderSimulateTable(inputs, result, { charts, clock })}${tail(renderAssertions(outcomes ?? []))}`,
      );
      failIfAny(outcomes);
    });
}
