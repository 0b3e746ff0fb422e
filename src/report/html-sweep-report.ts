/**
 * `sweep -o html`: one self-contained page of a sweep (html-page.ts): the combinations' rows as the table output
 * shows them (numbered), the verdict, the cheapest and the trade-off, the failed assertions, and the trade-off chart.
 */
import { el, htmlPage } from "./html-page.js";
import { runsSection, tradeOffSection } from "./html-runs.js";
import { escapeMarkup } from "./markup-escape.js";
import type { SweepReport } from "./sweep-report.js";

/** The whole page, ending with a newline. */
export function renderSweepHtml(report: SweepReport, heading: string): string {
  const naming = { numbered: true };
  return htmlPage(heading, [
    el("h1", escapeMarkup(heading)),
    runsSection(report, naming),
    tradeOffSection(report, naming),
  ]);
}
