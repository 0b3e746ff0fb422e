/**
 * A sweep's results (`kube-whatif sweep`): one row per combination with its values and the figures a capacity
 * planner compares (replicas, replica-hours, unserved load, time above each metric's target, scaling activity,
 * time at maxReplicas, nodes and cost with a cluster model, assertions), as a table, CSV or JSON.
 */
import type { AssertionOutcome } from "../results/assertions.js";
import type { RunSummary } from "../results/types.js";
import { sortKeysDeep } from "./run-json.js";
import {
  cheapestLine,
  cheapestRun,
  closestLine,
  failed,
  hasAssertions,
  percent,
  shortNames,
  tradeOffLines,
} from "./sweep-lines.js";
import { tradeOff } from "./sweep-trade-offs.js";
import { renderTable, toJson } from "./table.js";
import { csvCell, fmtNumber } from "./timeline-csv.js";

export { cheapestRun, figureText, runName, shortNames } from "./sweep-lines.js";

/** What the renderers read of a sweep: the varied names and, per combination, values, summary, assertions. */
export interface SweepReport {
  /** What a row is, plural: `combinations` (a sweep, the default) or `configurations` (compare). */
  readonly noun?: string;
  readonly names: readonly string[];
  readonly runs: readonly {
    readonly values: readonly (number | boolean | string)[];
    readonly summary: RunSummary;
    readonly assertions: readonly AssertionOutcome[];
  }[];
}

interface Column {
  readonly header: string;
  readonly cell: (s: RunSummary) => number | undefined;
  /** Table text (default: fmtNumber). */
  readonly text?: (x: number) => string;
}

/** The figures, with the metrics and cluster columns of this sweep's first run. */
function columns(report: SweepReport): Column[] {
  const first = report.runs[0]?.summary;
  const out: Column[] = [
    { header: "peakReplicas", cell: (s) => s.peakReplicas },
    {
      header: "meanReplicas",
      cell: (s) => s.meanReplicas,
      text: (x) => fmtNumber(Math.round(x * 100) / 100),
    },
    {
      header: "replicaHours",
      cell: (s) => s.replicaHours,
      text: (x) => fmtNumber(Math.round(x * 100) / 100),
    },
    { header: "unservedShare", cell: (s) => s.unservedShare, text: percent },
  ];
  for (const [i, m] of (first?.metrics ?? []).entries()) {
    out.push({
      header: `${m.key}.shareAboveTarget`,
      cell: (s) => s.metrics[i]?.shareAboveTarget,
      text: percent,
    });
  }
  out.push(
    { header: "scaleUps", cell: (s) => s.scaleUps },
    { header: "scaleDowns", cell: (s) => s.scaleDowns },
    { header: "flaps", cell: (s) => s.flaps },
    { header: "secondsLimitedAtMax", cell: (s) => s.secondsLimitedAtMax },
  );
  if (first?.backtest !== undefined) {
    // how closely each configuration follows the recorded replicas (spec.backtest)
    const two = (x: number) => fmtNumber(Math.round(x * 100) / 100);
    out.push(
      { header: "backtest.meanAbsoluteError", cell: (s) => s.backtest?.meanAbsoluteError, text: two },
      { header: "backtest.bias", cell: (s) => s.backtest?.bias, text: two },
    );
  }
  if (first?.cluster !== undefined) {
    out.push(
      { header: "peakNodes", cell: (s) => s.cluster?.total.peakNodes },
      {
        header: "cost",
        cell: (s) => s.cluster?.total.cost,
        text: (x) => fmtNumber(Math.round(x * 100) / 100),
      },
    );
  }
  return out;
}

/**
 * The table: one row per combination (the varied fields by their {@link shortNames}); with assertions a last
 * column `ok` or `N failed`. Ends with a newline.
 */
export function renderSweepTable(report: SweepReport): string {
  const { header, rows, verdict, cheapest, closest, tradeOff } = sweepTableCells(report);
  const noun = report.noun ?? "combinations";
  const after = [verdict, cheapest, closest, ...tradeOff].filter((x) => x !== "");
  return `${report.runs.length} ${noun}\n${renderTable(header, rows, "")}\n${after.length === 0 ? "" : `\n${after.join("\n")}\n`}`;
}

/**
 * The table's header, rows (as text), with assertions its verdict (`Assertions hold for 2 of 3 combinations`;
 * empty without), and the cheapest run's line ({@link cheapestRun}; empty when none): what the text table and
 * the HTML report show.
 */
export function sweepTableCells(report: SweepReport): {
  header: string[];
  rows: string[][];
  verdict: string;
  cheapest: string;
  /** With a backtest, the run whose replicas follow the recorded ones best ({@link closestLine}); else "". */
  closest: string;
  /** The trade-off's lines (a heading, then a line per configuration of the front), or none. */
  tradeOff: string[];
} {
  const cols = columns(report);
  const header = [
    ...shortNames(report.names),
    ...cols.map((c) => c.header),
    ...(hasAssertions(report) ? ["assertions"] : []),
  ];
  const rows = report.runs.map((r) => [
    ...r.values.map(String),
    ...cols.map((c) => {
      const x = c.cell(r.summary);
      return x === undefined ? "" : (c.text ?? fmtNumber)(x);
    }),
    ...(hasAssertions(report) ? [failed(r.assertions) === 0 ? "ok" : `${failed(r.assertions)} failed`] : []),
  ]);
  const held = report.runs.filter((r) => failed(r.assertions) === 0).length;
  const noun = report.noun ?? "combinations";
  const verdict = hasAssertions(report) ? `Assertions hold for ${held} of ${report.runs.length} ${noun}` : "";
  return {
    header,
    rows,
    verdict,
    cheapest: cheapestLine(report),
    closest: closestLine(report),
    tradeOff: tradeOffLines(report),
  };
}

/** CSV: the varied names, the figures in full precision (shares as 0..1), and with assertions `assertionsFailed`. */
export function renderSweepCsv(report: SweepReport): string {
  const cols = columns(report);
  const withAssertions = hasAssertions(report);
  const header = [
    ...report.names,
    ...cols.map((c) => c.header),
    ...(withAssertions ? ["assertionsFailed"] : []),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const r of report.runs) {
    lines.push(
      [
        ...r.values.map((v) => csvCell(String(v))),
        ...cols.map((c) => {
          const x = c.cell(r.summary);
          return x === undefined ? "" : fmtNumber(x);
        }),
        ...(withAssertions ? [String(failed(r.assertions))] : []),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * JSON: `{ vary: [names], runs: [{ values: {name: value}, summary, assertions }], cheapest, tradeOff }`, keys sorted
 * in summaries. `cheapest` is {@link cheapestRun} (`{index, figure, value}`, index into `runs`) and `tradeOff` the
 * Pareto front (`{cost, risk, front: [indices]}`, figures by their column names); each null when there is none.
 */
export function renderSweepJson(report: SweepReport): string {
  const runs = report.runs.map((r) => ({
    values: Object.fromEntries(report.names.map((n, i) => [n, r.values[i]])),
    summary: sortKeysDeep(r.summary),
    assertions: r.assertions.map((a) => ({ assertion: a.assertion, holds: a.holds, values: a.values })),
  }));
  const t = tradeOff(report.runs);
  const front = t === null ? null : { cost: t.cost.column, risk: t.risk.column, front: t.front };
  return `${toJson({ vary: report.names, runs, cheapest: cheapestRun(report), tradeOff: front }, 2)}\n`;
}
