/**
 * `sweep -o html`: one self-contained page of a sweep (html-page.ts): the combinations' rows as the table output
 * shows them (numbered), the verdict, the cheapest and the trade-off, the failed assertions, the trade-off chart, and
 * each figure against the first varied field.
 */
import { el, htmlPage } from "./html-page.js";
import { runsSection, tradeOffSection } from "./html-runs.js";
import { escapeMarkup } from "./markup-escape.js";
import { parameterCharts } from "./sweep-parameter-charts.js";
import { type SweepReport, shortNames } from "./sweep-report.js";

/** The figures against the first varied field (sweep-parameter-charts.ts), as a section; none when not charted. */
function againstSection(report: SweepReport): string[] {
  const charts = parameterCharts(report);
  if (charts === "") return [];
  const field = shortNames(report.names)[0] ?? "";
  return [el("section", `${el("h2", `Against ${escapeMarkup(field)}`)}\n${charts}`)];
}

/** The whole page, ending with a newline. */
export function renderSweepHtml(report: SweepReport, heading: string): string {
  const naming = { numbered: true };
  return htmlPage(heading, [
    el("h1", escapeMarkup(heading)),
    runsSection(report, naming),
    tradeOffSection(report, naming),
    ...againstSection(report),
  ]);
}
