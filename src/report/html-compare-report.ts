/**
 * `compare -o html`: one self-contained page of a comparison (html-page.ts): the configurations' rows as the
 * table output shows them, the failed assertions per configuration, and the side-by-side charts
 * (compare-charts.ts) as SVG.
 */
import { failedAssertionLine } from "./assertions-text.js";
import { anyUnserved, type ComparedRun, compareChartSpecs, compareChartTime } from "./compare-charts.js";
import { el, htmlPage, row } from "./html-page.js";
import { escapeMarkup } from "./markup-escape.js";
import type { ReportClock } from "./report-clock.js";
import { renderSvgChart } from "./svg-chart.js";
import { type SweepReport, sweepTableCells } from "./sweep-report.js";

/** What the page says beyond the runs: its heading, the clock of its times, the trace's unit. */
export interface CompareHtmlOptions {
  readonly heading: string;
  readonly clock: ReportClock;
  readonly demandUnit: string;
}

/** The whole page, ending with a newline; `runs` are the replays of the report's rows, in order. */
export function renderCompareHtml(
  report: SweepReport,
  runs: readonly ComparedRun[],
  o: CompareHtmlOptions,
): string {
  const { header, rows, verdict, cheapest } = sweepTableCells(report);
  const table = el(
    "table",
    `${el("thead", row(header, "th"))}${el("tbody", rows.map((r) => row(r)).join("\n"))}`,
    'class="runs"',
  );
  const failures = report.runs.flatMap((r, i) =>
    r.assertions
      .filter((a) => !a.holds)
      .map((a) =>
        el("li", escapeMarkup(`${runs[i]?.name ?? String(r.values[0])}: ${failedAssertionLine(a)}`)),
      ),
  );
  const judged = [verdict, cheapest]
    .filter((x) => x !== "")
    .map((x) => el("p", escapeMarkup(x)))
    .join("");
  const failed = failures.length === 0 ? "" : el("ul", failures.join(""), 'class="warnings"');
  const time = compareChartTime(runs);
  const charts =
    time === null
      ? el("p", "No timeline rows to chart.")
      : compareChartSpecs(runs, time.times, o.demandUnit)
          .map((spec) => el("figure", renderSvgChart(spec, time, { clock: o.clock })))
          .join("\n");
  const unserved = anyUnserved(runs) ? "" : el("p", "No configuration left load unserved.");
  return htmlPage(o.heading, [
    el("h1", escapeMarkup(o.heading)),
    el(
      "section",
      `${el("h2", `${report.runs.length} ${report.noun ?? "combinations"}`)}${table}${judged}${failed}`,
    ),
    el("section", `${el("h2", "Side by side")}\n${charts}${unserved}`),
  ]);
}
