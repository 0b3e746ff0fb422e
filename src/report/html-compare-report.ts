/**
 * `compare -o html`: one self-contained page of a comparison (html-page.ts): the configurations' rows as the
 * table output shows them, the failed assertions per configuration (html-runs.ts), the side-by-side charts
 * (compare-charts.ts) as SVG, and the trade-off chart.
 */
import { anyUnserved, type ComparedRun, compareChartSpecs, compareChartTime } from "./compare-charts.js";
import { el, htmlPage } from "./html-page.js";
import { runsSection, tradeOffSection } from "./html-runs.js";
import { escapeMarkup } from "./markup-escape.js";
import type { ReportClock } from "./report-clock.js";
import { renderSvgChart } from "./svg-chart.js";
import type { SweepReport } from "./sweep-report.js";

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
  const time = compareChartTime(runs);
  const charts =
    time === null
      ? el("p", "No timeline rows to chart.")
      : compareChartSpecs(runs, time.times, o.demandUnit)
          .map((spec) => el("figure", renderSvgChart(spec, time, { clock: o.clock })))
          .join("\n");
  const unserved = anyUnserved(runs) ? "" : el("p", "No configuration left load unserved.");
  const naming = { numbered: false };
  return htmlPage(o.heading, [
    el("h1", escapeMarkup(o.heading)),
    runsSection(report, naming),
    el("section", `${el("h2", "Side by side")}\n${charts}${unserved}`),
    tradeOffSection(report, naming),
  ]);
}
