import { describe, expect, it } from "vitest";
import type { ComparedRun } from "../../src/report/compare-charts.js";
import { compareChartSpecs } from "../../src/report/compare-charts.js";
import { renderCompareHtml } from "../../src/report/html-compare-report.js";
import { RELATIVE_CLOCK } from "../../src/report/report-clock.js";
import { type SweepReport, sweepTableCells } from "../../src/report/sweep-report.js";
import type { MetricInfo, RunSummary, TimelineRow } from "../../src/results/types.js";
import { tableRows, unbalanced } from "./html-reading.js";
import { makeMetric, makeRow, makeSummary } from "./run-result-builder.js";

const row = (t: number, ready: number, unserved: number): TimelineRow =>
  makeRow(t, {
    demand: 100,
    served: 100 - unserved,
    unserved,
    readyReplicas: ready,
    metrics: { cpu: makeMetric(50 + ready, 50 + ready, 60) },
  });
const cpu: MetricInfo = { key: "cpu", description: "cpu", unit: "%", target: 60 };

function compared(name: string, ready: number[], unserved: number[]): ComparedRun {
  const summary: RunSummary = makeSummary({ durationSeconds: 300, peakUnserved: Math.max(...unserved) });
  return {
    name,
    result: { timeline: ready.map((r, i) => row(i * 60, r, unserved[i] ?? 0)), metrics: [cpu], summary },
  };
}

describe("renderCompareHtml", () => {
  const runs = [
    compared("as given", [2, 3, 4], [0, 0, 0]),
    compared("<b>proposed</b> & co", [2, 5, 6], [0, 7, 0]),
  ];
  const report: SweepReport = {
    noun: "configurations",
    names: ["configuration"],
    runs: runs.map((r, i) => ({
      values: [r.name],
      summary: r.result.summary,
      assertions: [
        { assertion: "peakUnserved == 0", holds: i === 0, values: { peakUnserved: i === 0 ? 0 : 7 } },
      ],
    })),
  };
  const html = renderCompareHtml(report, runs, {
    heading: "Comparison of 2 configurations on <trace>",
    clock: RELATIVE_CLOCK,
    demandUnit: "requests/s",
  });

  it("one balanced page: heading, the table's rows, the failures, one SVG per chart", () => {
    expect(unbalanced(html)).toEqual([]);
    expect(html).toContain("<h1>Comparison of 2 configurations on &lt;trace&gt;</h1>");
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    const { rows, verdict } = sweepTableCells(report);
    expect(tableRows(html, "runs")).toHaveLength(rows.length);
    expect(tableRows(html, "runs")[1]).toContain("<td>&lt;b&gt;proposed&lt;/b&gt; &amp; co</td>");
    expect(html).toContain(`<p>${verdict}</p>`);
    expect(html).toContain(
      "<li>&lt;b&gt;proposed&lt;/b&gt; &amp; co: assertion failed: peakUnserved == 0 (peakUnserved = 7)</li>",
    );
    expect(html).not.toContain("<li>as given:");
    const specs = compareChartSpecs(runs, [0, 60, 120], "requests/s");
    expect(specs.map((s) => s.title)).toContain("Unserved load per configuration");
    // the side-by-side charts, then the trade-off chart: one point per configuration
    expect(html.match(/<svg /g)?.length).toBe(specs.length + 1);
    const tradeOff = /<h2>Trade-off<\/h2>(.*?)<\/section>/s.exec(html)?.[1] ?? "";
    expect(tradeOff.match(/<circle /g)?.length).toBe(2);
    expect(tradeOff).toContain(
      "<title>&lt;b&gt;proposed&lt;/b&gt; &amp; co: 12.5 replica-hours, 2.34% of the demand unserved (assertions failed)</title>",
    );
    expect(html).not.toContain("No configuration left load unserved.");
  });

  it("says when no configuration left load unserved (and draws no unserved chart)", () => {
    const calm = [runs[0] as ComparedRun, compared("other", [2, 2, 2], [0, 0, 0])];
    const page = renderCompareHtml({ ...report, runs: report.runs.slice(0, 1) }, calm, {
      heading: "h",
      clock: RELATIVE_CLOCK,
      demandUnit: "",
    });
    expect(page).toContain("<p>No configuration left load unserved.</p>");
    expect(page).not.toContain("Unserved load per configuration");
  });
});
