/**
 * The parts of the sweep and compare HTML pages about their runs: the table as the text output shows it, the
 * verdict, the cheapest and the trade-off lines, the failed assertions, and the trade-off chart (svg-scatter.ts).
 */
import { failedAssertionLine } from "./assertions-text.js";
import { el, row } from "./html-page.js";
import { escapeMarkup } from "./markup-escape.js";
import { renderScatterSvg } from "./svg-scatter.js";
import { figureText, runName, type SweepReport, sweepTableCells } from "./sweep-report.js";
import { costFigure, paretoFront, riskFigure } from "./sweep-trade-offs.js";

/** How the runs are named: compare's configurations by name; a sweep's combinations by row number (`#` column). */
export interface RunsNaming {
  /** A `#` column first, and the chart's points numbered by it. */
  readonly numbered: boolean;
}

/** Run i's name in failures and the chart's hover titles. */
function nameOf(report: SweepReport, i: number): string {
  const run = report.runs[i];
  return run === undefined ? String(i + 1) : runName(report, run);
}

/** The section of the runs: the table, the verdict and the cheapest and trade-off lines, the failures. */
export function runsSection(report: SweepReport, naming: RunsNaming): string {
  const { header, rows, verdict, cheapest, closest, tradeOff } = sweepTableCells(report);
  const numbered = (cells: string[], i: number | null) =>
    naming.numbered ? [i === null ? "#" : String(i + 1), ...cells] : cells;
  const table = el(
    "table",
    `${el("thead", row(numbered(header, null), "th"))}${el("tbody", rows.map((r, i) => row(numbered(r, i))).join("\n"))}`,
    'class="runs"',
  );
  const failures = report.runs.flatMap((r, i) =>
    r.assertions
      .filter((a) => !a.holds)
      .map((a) => el("li", escapeMarkup(`${nameOf(report, i)}: ${failedAssertionLine(a)}`))),
  );
  const [heading, ...front] = tradeOff;
  const judged = [verdict, cheapest, closest, heading ?? ""]
    .filter((x) => x !== "")
    .map((x) => el("p", escapeMarkup(x)))
    .join("");
  const frontList =
    front.length === 0 ? "" : el("ul", front.map((l) => el("li", escapeMarkup(l.trim()))).join(""));
  const failed = failures.length === 0 ? "" : el("ul", failures.join(""), 'class="warnings"');
  return el(
    "section",
    `${el("h2", `${report.runs.length} ${report.noun ?? "combinations"}`)}${table}${judged}${frontList}${failed}`,
  );
}

/**
 * The trade-off section: every run at its cost and risk (sweep-trade-offs.ts), the front joined; or why there is no
 * chart (fewer than two runs, or risk figures that do not compare).
 */
export function tradeOffSection(report: SweepReport, naming: RunsNaming): string {
  const h2 = el("h2", "Trade-off");
  const risk = report.runs.length < 2 ? null : riskFigure(report.runs);
  if (risk === null) {
    const why =
      report.runs.length < 2
        ? "One run: nothing to trade off."
        : "No trade-off to chart: no configuration left load unserved, and the HPA's first metric does not have the same target in every configuration (time above different targets does not compare).";
    return el("section", `${h2}${el("p", escapeMarkup(why))}`);
  }
  const cost = costFigure(report.runs);
  const front = new Set(paretoFront(report.runs, cost, risk));
  const points = report.runs.map((r, i) => {
    const [c, k] = [cost.of(r.summary), risk.of(r.summary)];
    const holds = r.assertions.every((a) => a.holds);
    const label = naming.numbered ? String(i + 1) : nameOf(report, i);
    const figures = `${figureText(cost, c)}, ${figureText(risk, k)}`;
    return {
      x: c,
      y: k,
      label,
      title: `${naming.numbered ? `#${i + 1} ` : ""}${nameOf(report, i)}: ${figures}${holds ? "" : " (assertions failed)"}`,
      front: front.has(i),
      holds,
    };
  });
  // the front in its order (cheapest first), then the rest
  const order = [...front, ...points.keys()].filter((i, k, all) => all.indexOf(i) === k);
  const svg = renderScatterSvg(
    order.map((i) => points[i] as (typeof points)[number]),
    {
      title: `${cost.label} against ${risk.label}`,
      xLabel: cost.label,
      yLabel: risk.label,
      yShare: true,
    },
  );
  const note = el(
    "p",
    escapeMarkup(
      "Filled points hold every assertion; hollow red ones fail one. The line joins the configurations no other has less of both (numbered), cheapest first.",
    ),
  );
  return el("section", `${h2}\n${el("figure", svg)}${note}`);
}
