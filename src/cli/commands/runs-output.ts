/** The output of `sweep` and `compare`: one row per configuration in the format asked, then exit 1 on a failed assertion. */

import { renderJunitXml } from "../../report/junit-xml.js";
import { createProgress } from "../../report/progress-bar.js";
import { renderSweepCsv, renderSweepJson, renderSweepTable } from "../../report/sweep-report.js";
import { fmtNumber } from "../../report/text-format.js";
import { CheckFailedError } from "../exit-codes.js";
import { writeOutputFile } from "../output-file.js";
import type { SweepRun } from "./sweep-run.js";

/** Where `writeRuns` also writes the assertions as JUnit XML (`--junit FILE`), and the command it names. */
export interface JunitTarget {
  readonly path: string;
  readonly command: string;
}

/**
 * Writes the runs (`names`: the columns of their values) as `output` (table, json or csv), and with `junit` the
 * assertions as a JUnit report (one suite per configuration, named `label(values)`); then, when an assertion
 * failed, throws CheckFailedError listing each failure under its configuration.
 */
export function writeRuns(
  write: (s: string) => void,
  output: string,
  names: readonly string[],
  runs: readonly SweepRun[],
  label: (values: SweepRun["values"]) => string,
  noun = "combinations",
  junit?: JunitTarget,
): void {
  const report = { noun, names, runs };
  write(
    output === "json"
      ? renderSweepJson(report)
      : output === "csv"
        ? renderSweepCsv(report)
        : renderSweepTable(report),
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
    r.assertions
      .filter((a) => !a.holds)
      .map((a) => {
        const values = Object.entries(a.values)
          .map(([k, v]) => `${k} = ${fmtNumber(v)}`)
          .join(", ");
        return `${label(r.values)}: assertion failed: ${a.assertion} (${values})`;
      }),
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
