import { describe, expect, it } from "vitest";
import { renderSweepHtml } from "../../src/report/html-sweep-report.js";
import { escapeMarkup } from "../../src/report/markup-escape.js";
import { type SweepReport, sweepTableCells } from "../../src/report/sweep-report.js";
import { tableRows, unbalanced } from "./html-reading.js";
import { makeMetricSummary, makeSummary } from "./run-result-builder.js";

/** A run of the window `w`: `hours` replica-hours, `above` of the time above the cpu target; its assertion's verdict. */
function run(w: number, hours: number, above: number, holds: boolean) {
  return {
    values: [w, "<Max>"],
    summary: makeSummary({
      replicaHours: hours,
      unservedShare: 0,
      metrics: [makeMetricSummary({ shareAboveTarget: above })],
    }),
    assertions: [{ assertion: "flaps < 3", holds, values: { flaps: holds ? 1 : 5 } }],
  };
}

const report: SweepReport = {
  names: [
    "hpa.spec.behavior.scaleDown.stabilizationWindowSeconds",
    "hpa.spec.behavior.scaleDown.selectPolicy",
  ],
  runs: [run(0, 10, 0.4, false), run(60, 11, 0.3, true), run(300, 13, 0.1, true), run(600, 14, 0.2, true)],
};

describe("renderSweepHtml", () => {
  const html = renderSweepHtml(report, "Sweep of 4 combinations of stabilizationWindowSeconds, selectPolicy");

  it("one balanced page: the numbered table, verdict, cheapest, front, failures", () => {
    expect(unbalanced(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    const rows = tableRows(html, "runs");
    expect(rows).toHaveLength(4);
    expect(rows[0]?.startsWith("<td>1</td><td>0</td><td>&lt;Max&gt;</td>")).toBe(true);
    expect(rows[3]?.startsWith("<td>4</td><td>600</td>")).toBe(true);
    expect(html).toContain("<th>#</th><th>stabilizationWindowSeconds</th><th>selectPolicy</th>");
    const { verdict, cheapest } = sweepTableCells(report);
    expect(html).toContain(`<p>${verdict}</p>`);
    expect(html).toContain(`<p>${escapeMarkup(cheapest)}</p>`);
    expect(html).toContain(
      "<li>stabilizationWindowSeconds=60, selectPolicy=&lt;Max&gt;: 11 replica-hours, 30% of the time above the cpu target</li>",
    );
    expect(html).toContain(
      '<ul class="warnings"><li>stabilizationWindowSeconds=0, selectPolicy=&lt;Max&gt;: assertion failed: flaps &lt; 3 (flaps = 5)</li></ul>',
    );
  });

  it("the trade-off chart: a point per combination, the front (rows 2 and 3) numbered, the failing one hollow", () => {
    const section = /<h2>Trade-off<\/h2>(.*?)<\/section>/s.exec(html)?.[1] ?? "";
    expect(section.match(/<svg /g)).toHaveLength(1);
    const titles = [...section.matchAll(/<circle [^>]*fill="([^"]+)"[^>]*><title>([^<]*)<\/title>/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(titles).toEqual([
      [
        "#1f77b4",
        "#2 stabilizationWindowSeconds=60, selectPolicy=&lt;Max&gt;: 11 replica-hours, 30% of the time above the cpu target",
      ],
      [
        "#1f77b4",
        "#3 stabilizationWindowSeconds=300, selectPolicy=&lt;Max&gt;: 13 replica-hours, 10% of the time above the cpu target",
      ],
      [
        "none",
        "#1 stabilizationWindowSeconds=0, selectPolicy=&lt;Max&gt;: 10 replica-hours, 40% of the time above the cpu target (assertions failed)",
      ],
      [
        "#9ecae1",
        "#4 stabilizationWindowSeconds=600, selectPolicy=&lt;Max&gt;: 14 replica-hours, 20% of the time above the cpu target",
      ],
    ]);
    expect([...section.matchAll(/fill="#1f77b4">(\d+)<\/text>/g)].map((m) => m[1])).toEqual(["2", "3"]);
  });

  it("explains a missing chart when the risks do not compare (a sweep of the target)", () => {
    const targets: SweepReport = {
      names: ["hpa.spec.metrics[0].resource.target.averageUtilization"],
      runs: [50, 70].map((target, i) => ({
        values: [target],
        summary: makeSummary({
          unservedShare: 0,
          metrics: [makeMetricSummary({ target, shareAboveTarget: 0.1 * i })],
        }),
        assertions: [],
      })),
    };
    const page = renderSweepHtml(targets, "t");
    const tradeOff = /<h2>Trade-off<\/h2>(.*?)<\/section>/s.exec(page)?.[1] ?? "";
    expect(tradeOff).toContain("No trade-off to chart");
    expect(tradeOff).not.toContain("<svg ");
    // the figures against the target are still charted
    expect(page).toContain("<h2>Against averageUtilization</h2>");
  });
});
