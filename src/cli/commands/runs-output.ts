/** The output of `sweep` and `compare`: one row per configuration in the format asked, then exit 1 on a failed assertion. */

import { failedAssertionLine } from "../../report/assertions-text.js";
import { renderCompareCharts } from "../../report/compare-charts.js";
import { renderCompareHtml } from "../../report/html-compare-report.js";
import { renderSweepHtml } from "../../report/html-sweep-report.js";
import { renderJunitXml } from "../../report/junit-xml.js";
import { createProgress } from "../../report/progress-bar.js";
import { RELATIVE_CLOCK, traceClock } from "../../report/report-clock.js";
import {
  renderSweepCsv,
  renderSweepJson,
  renderSweepTable,
  type SweepReport,
  shortNames,
} from "../../report/sweep-report.js";
import { CheckFailedError } from "../exit-codes.js";
import { writeOutputFile } from "../output-file.js";
import type { SweepRun } from "./sweep-run.js";

/** Where `writeRuns` also writes the assertions as JUnit XML (`--junit FILE`), and the command it names. */
export interface JunitTarget {
  readonly path: string;
  readonly command: string;
}

/** What `writeRuns` writes. */
export interface RunsOutput {
  /** table, json or csv. */
  readonly output: string;
  /** The columns of the runs' values. */
  readonly names: readonly string[];
  readonly runs: readonly SweepRun[];
  /** How failures and JUnit suites name a configuration (`combination hpa.spec.maxReplicas=20`). */
  readonly label: (values: SweepRun["values"]) => string;
  /** What the runs are, in the table's count and verdict (default `combinations`). */
  readonly noun?: string;
  /** Also write the assertions as JUnit XML (`--junit FILE`). */
  readonly junit?: JunitTarget | undefined;
  /** Text written after a table (compare's charts). */
  readonly appendix?: string;
  /** The page `-o html` writes. */
  readonly html?: (report: SweepReport) => string;
}

/**
 * Writes the runs as `output` (table, json or csv), and with `junit` the assertions as a JUnit report (one suite
 * per configuration); then, when an assertion failed, throws CheckFailedError listing each failure under its
 * configuration.
 */
export function writeRuns(write: (s: string) => void, o: RunsOutput): void {
  const { output, names, runs, label, junit } = o;
  const noun = o.noun ?? "combinations";
  const report = { noun, names, runs };
  write(
    output === "html" && o.html !== undefined
      ? o.html(report)
      : output === "json"
        ? renderSweepJson(report)
        : output === "csv"
          ? renderSweepCsv(report)
          : `${renderSweepTable(report)}${o.appendix === undefined ? "" : `\n${o.appendix}`}`,
  );
  if (junit !== undefined) {
    const suites = runs.map((r) => ({
      name: label(r.values),
      properties: Object.fromEntries(names.map((n, i) => [n, String(r.values[i])])),
      outcomes: r.assertions,
    }));
    writeOutputFile("--junit", junit.path, renderJunitXml(junit.command, suites));
  }
  const failures = runs.flatMap((r) =>
    r.assertions.filter((a) => !a.holds).map((a) => `${label(r.values)}: ${failedAssertionLine(a)}`),
  );
  if (failures.length > 0) throw new CheckFailedError(failures.join("\n"));
}

/**
 * A progress bar on stderr over all configurations, when `show` (a terminal and no --no-progress): made at the first
 * report, when the run knows its total (simulated seconds of every configuration). `report` is undefined otherwise.
 */
export function runsProgress(
  show: boolean,
  label: string,
): { report: ((done: number, total: number) => void) | undefined; finish: () => void } {
  let bar: ReturnType<typeof createProgress> | undefined;
  return {
    report: show
      ? (done, total) => {
          bar ??= createProgress(process.stderr, { total, label });
          bar.update(done);
        }
      : undefined,
    finish: () => bar?.finish(),
  };
}

/** The kept replays (RunOptions.keepReplays), each named by its first value. */
function comparedRuns(runs: readonly SweepRun[]) {
  return runs.flatMap((r) => (r.replay === undefined ? [] : [{ name: String(r.values[0]), ...r.replay }]));
}

/**
 * The configurations' charts side by side (compare's table output), on the first one's clock (the trace's, when
 * it has date-times) and demand unit.
 */
export function compareCharts(
  runs: readonly SweepRun[],
  charts: { readonly width: number; readonly height: number; readonly color: boolean },
): string {
  const kept = comparedRuns(runs);
  const first = kept[0];
  if (first === undefined) return "";
  return renderCompareCharts(kept, {
    ...charts,
    demandUnit: first.demandUnit,
    clock: traceClock(first.result),
  });
}

/** compare's `-o html` page of the report and its kept replays. */
export function compareHtml(runs: readonly SweepRun[]): (report: SweepReport) => string {
  return (report) => {
    const kept = comparedRuns(runs);
    const first = kept[0];
    return renderCompareHtml(report, kept, {
      heading: `Comparison of ${kept.length} configurations on ${first?.source ?? "the trace"}`,
      clock: first === undefined ? RELATIVE_CLOCK : traceClock(first.result),
      demandUnit: first?.demandUnit ?? "",
    });
  };
}

/** sweep's `-o html` page: the heading names the varied fields. */
export function sweepHtml(report: SweepReport): string {
  const n = report.runs.length;
  const heading = `Sweep of ${n} combination${n === 1 ? "" : "s"} of ${shortNames(report.names).join(", ")}`;
  return renderSweepHtml(report, heading);
}
