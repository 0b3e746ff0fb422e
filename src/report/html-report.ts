/**
 * `simulate -o html`: one self-contained HTML5 document of a replay (inline CSS and SVG, no scripts, no external
 * resources), in the order of the table output (simulate-table.ts): the heading, the warnings, the summary and
 * the charts (per workload when several share a cluster), the cluster's totals, the assertions and the whole
 * event log. Deterministic: the same run gives the same bytes.
 */
import type { RunInputs } from "../engine/run-inputs.js";
import type { AssertionOutcome } from "../results/assertions.js";
import type { RunResult } from "../results/types.js";
import type { SimulationResult } from "../results/workload-result.js";
import { assertionValues } from "./assertions-text.js";
import { chartSpecs, chartTime } from "./charts-text.js";
import { el, htmlPage, row } from "./html-page.js";
import { escapeMarkup } from "./markup-escape.js";
import { clusterTotalsLine, replayHeading, workloadHeading } from "./replay-headings.js";
import { type ReportClock, tableTime } from "./report-clock.js";
import { renderSimulateSummary } from "./simulate-summary-text.js";
import { renderSvgChart } from "./svg-chart.js";

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** The clock of every time in the report (report-clock.ts). */
  readonly clock: ReportClock;
  /** The run's assertions (results/assertions.ts); a section only when there are any. */
  readonly assertions?: readonly AssertionOutcome[];
}

/**
 * The summary of simulate-summary-text.ts as a caption (`Summary (2h simulated)`) and label/value rows: its text
 * (warnings left out: the report lists them once, at the top) cut at the value column, which the first row
 * (`Replicas`) shows. A label indented in the text (a VPA container) is marked `sub`. Null when the text has
 * another shape.
 */
export function summaryRows(
  result: RunResult,
  demandUnit: string,
  clock: ReportClock,
): { caption: string; rows: { label: string; value: string; sub: boolean }[] } | null {
  const text = renderSimulateSummary({ ...result, warnings: [] }, { demandUnit, clock });
  const [caption = "", ...lines] = text.trimEnd().split("\n");
  const m = /^ {2}Replicas +/.exec(lines[0] ?? "");
  if (m === null) return null;
  const at = m[0].length;
  const rows = lines.map((l) => {
    const label = l.slice(2, at).trimEnd();
    return { label: label.trimStart(), value: l.slice(at), sub: label.startsWith(" ") };
  });
  return { caption: caption.replace(/:$/, ""), rows };
}

/** The summary as a table (a `<pre>` of its text if it cannot be split). */
function summaryTable(result: RunResult, unit: string, clock: ReportClock): string {
  const s = summaryRows(result, unit, clock);
  if (s === null) {
    return el(
      "pre",
      escapeMarkup(renderSimulateSummary({ ...result, warnings: [] }, { demandUnit: unit, clock })),
    );
  }
  const body = s.rows
    .map((r) =>
      el(
        "tr",
        `${el("th", escapeMarkup(r.label), r.sub ? 'class="sub"' : "")}${el("td", escapeMarkup(r.value))}`,
      ),
    )
    .join("");
  return el("table", `${el("caption", escapeMarkup(s.caption))}${el("tbody", body)}`, 'class="summary"');
}

/** One `<figure>` per chart of chartSpecs (the terminal's charts). */
function charts(result: RunResult, unit: string, clock: ReportClock): string {
  const time = chartTime(result);
  return chartSpecs(result, unit)
    .map((spec) => el("figure", renderSvgChart(spec, time, { clock })))
    .join("\n");
}

/** One workload's heading, summary and charts. */
function workloadSection(heading: string, result: RunResult, unit: string, clock: ReportClock): string {
  return el(
    "section",
    `${el("h2", escapeMarkup(heading))}\n${summaryTable(result, unit, clock)}\n${charts(result, unit, clock)}`,
  );
}

/** The run's warnings as a list, or nothing. */
function warningsList(warnings: readonly string[]): string {
  if (warnings.length === 0) return "";
  const items = warnings.map((w) => el("li", escapeMarkup(w))).join("");
  return el("section", `${el("h2", `Warnings (${warnings.length})`)}${el("ul", items)}`, 'class="warnings"');
}

/** `Assertions: 2 of 3 hold` and a table as assertions-text.ts prints it: ok / FAILED, the assertion, its values. */
function assertionsTable(outcomes: readonly AssertionOutcome[]): string {
  if (outcomes.length === 0) return "";
  const held = outcomes.filter((o) => o.holds).length;
  const rows = outcomes.map((o) => {
    return row(
      [o.holds ? "ok" : "FAILED", o.assertion, assertionValues(o)],
      "td",
      o.holds ? "" : 'class="fail"',
    );
  });
  const head = el("thead", row(["Result", "Assertion", "Values"], "th"));
  return el(
    "section",
    `${el("h2", `Assertions: ${held} of ${outcomes.length} hold`)}${el("table", `${head}${el("tbody", rows.join("\n"))}`, 'class="assertions"')}`,
  );
}

/** Every event, one row each (not condensed): time on the report's clock, type, reason, object, message. */
function eventsTable(result: RunResult, clock: ReportClock): string {
  if (result.events.length === 0) return el("section", `${el("h2", "Events")}${el("p", "&lt;none&gt;")}`);
  const head = el(
    "thead",
    row(
      [clock.startEpochSeconds === null ? "Time" : "Time (UTC)", "Type", "Reason", "Object", "Message"],
      "th",
    ),
  );
  const rows = result.events.map((e) => {
    const cells = [e.type, e.reason, e.object, e.message].map((c) => el("td", escapeMarkup(c))).join("");
    return el(
      "tr",
      `<td class="t">${escapeMarkup(tableTime(clock, e.t))}</td>${cells}`,
      e.type === "Warning" ? 'class="w"' : "",
    );
  });
  return el(
    "section",
    `${el("h2", `Events (${result.events.length})`)}${el("table", `${head}${el("tbody", rows.join("\n"))}`, 'class="events"')}`,
  );
}

/** The replay's heading, as the table output's first line. */
function heading(inputs: RunInputs, result: SimulationResult): string {
  const workloads = result.workloads ?? [];
  if (workloads.length > 0) {
    return `Replay of ${workloads.map((w) => w.workload).join(", ")} sharing one cluster`;
  }
  return replayHeading(inputs);
}

/** The sections of the summary and charts: the run's, or one per workload then the cluster's totals. */
function body(inputs: RunInputs, result: SimulationResult, clock: ReportClock): string[] {
  const workloads = result.workloads ?? [];
  if (workloads.length === 0) {
    const unit = inputs.demand.unit;
    return [
      el(
        "section",
        `${el("h2", "Summary")}\n${summaryTable(result, unit, clock)}\n${charts(result, unit, clock)}`,
      ),
    ];
  }
  const parts = workloads.map((w, i) => {
    const spec = i === 0 ? inputs : (inputs.otherWorkloads ?? [])[i - 1];
    const unit = spec?.demand.unit ?? "";
    return workloadSection(workloadHeading(w.workload, w.hpa, spec), { ...result, ...w }, unit, clock);
  });
  const cluster = result.summary.cluster;
  if (cluster !== undefined) {
    parts.push(el("p", escapeMarkup(clusterTotalsLine(cluster)), 'class="totals"'));
  }
  return parts;
}

/** The whole report: one HTML5 document, ending with a newline. */
export function renderHtmlReport(
  inputs: RunInputs,
  result: SimulationResult,
  options: HtmlReportOptions,
): string {
  const title = heading(inputs, result);
  const parts = [
    el("h1", escapeMarkup(title)),
    warningsList(result.warnings),
    ...body(inputs, result, options.clock),
    assertionsTable(options.assertions ?? []),
    eventsTable(result, options.clock),
  ].filter((p) => p !== "");
  return htmlPage(title, parts);
}
