import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { chartSpecs } from "../../src/report/charts-text.js";
import { renderHtmlReport, summaryRows } from "../../src/report/html-report.js";
import { RELATIVE_CLOCK, type ReportClock } from "../../src/report/report-clock.js";
import { renderSimulateSummary } from "../../src/report/simulate-summary-text.js";
import { checkAssertions, compileAssertions } from "../../src/results/assertions.js";
import type { SimulationResult } from "../../src/results/workload-result.js";
import { loadSimulationInputs } from "../../src/scenario/load-simulation-inputs.js";
import { tableRows, unbalanced } from "./html-reading.js";

/** 1998-06-28 00:00:00 UTC. */
const WORLDCUP: ReportClock = { startEpochSeconds: 898992000 };

function run(relative: string): { inputs: RunInputs; result: SimulationResult } {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  const { inputs } = loadSimulationInputs({
    manifests: [{ path, text: readFileSync(path, "utf8") }],
    readFile: (p) => readFileSync(p, "utf8"),
  });
  return { inputs, result: simulate(inputs) };
}

/** 100 -> 400 requests/s for 10 minutes of 30 (test/fixtures/simulate/step.yaml): one workload. */
const STEP = run("../fixtures/simulate/step.yaml");
/** Two workloads on one capped node pool (test/fixtures/report/html/shared.yaml). */
const SHARED = run("../fixtures/report/html/shared.yaml");

describe("renderHtmlReport", () => {
  test.each([
    ["one workload", STEP],
    ["two workloads sharing a cluster", SHARED],
  ])("%s: one HTML5 document, balanced tags, no scripts or external resources", (_, { inputs, result }) => {
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html.endsWith("</html>\n")).toBe(true);
    expect(unbalanced(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/);
    // the only address is the SVG namespace
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:/);
  });

  test("one workload: heading, summary, one <svg> per chart, events, in that order", () => {
    const { inputs, result } = STEP;
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    const heading = `Replay of ${inputs.demand.source} (requests/s) through HorizontalPodAutoscaler default/web -&gt; Deployment/web`;
    expect(html).toContain(`<title>${heading}</title>`);
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html.match(/<svg /g)?.length).toBe(chartSpecs(result, "requests/s").length);
    const at = ["<h1>", '<table class="summary">', "<svg ", '<table class="events">'].map((s) =>
      html.indexOf(s),
    );
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).not.toContain('class="warnings"');
    expect(html).not.toContain("Assertions");
  });

  test("the summary table has simulate-summary-text's labels and figures", () => {
    const { inputs, result } = STEP;
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    const rows = tableRows(html, "summary");
    const replicas = `peak ${result.summary.peakReplicas}, `;
    expect(rows[0]).toMatch(new RegExp(`^<th>Replicas</th><td>${replicas}`));
    expect(result.summary.peakReplicas).toBeGreaterThan(4); // the step scaled up
    const text = renderSimulateSummary(result, { demandUnit: "requests/s", clock: RELATIVE_CLOCK });
    const split = summaryRows(result, "requests/s", RELATIVE_CLOCK);
    expect(split?.caption).toBe("Summary (30m simulated)");
    expect(split?.rows.length).toBe(text.trimEnd().split("\n").length - 1);
    // every row of the text reads label then value
    text
      .trimEnd()
      .split("\n")
      .slice(1)
      .forEach((line, i) => {
        const r = split?.rows[i];
        expect(line.trim().replace(/ {2,}/, " ")).toBe(`${r?.label} ${r?.value}`.trim());
      });
    expect(rows.length).toBe(split?.rows.length);
  });

  test("the events table lists every event, not condensed", () => {
    const { inputs, result } = SHARED;
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    expect(result.events.length).toBeGreaterThan(10);
    const rows = tableRows(html, "events");
    expect(rows.length).toBe(result.events.length);
    expect(html).toContain(`<h2>Events (${result.events.length})</h2>`);
    const first = result.events[0];
    expect(rows[0]).toContain(`<td>${first?.reason}</td>`);
  });

  test("several workloads: a section each, then the cluster's totals, then the events", () => {
    const { inputs, result } = SHARED;
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    const workloads = result.workloads ?? [];
    expect(workloads.map((w) => w.workload)).toEqual(["Deployment/web", "Deployment/reports"]);
    expect(html).toContain("<h1>Replay of Deployment/web, Deployment/reports sharing one cluster</h1>");
    const at = [
      "<h2>Workload Deployment/web: replay of",
      "<h2>Workload Deployment/reports: replay of",
      '<p class="totals">All workloads: ',
      '<table class="events">',
    ].map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const units = ["requests/s", "jobs/s"];
    const charts = workloads.reduce((n, w, i) => n + chartSpecs({ ...result, ...w }, units[i]).length, 0);
    expect(html.match(/<svg /g)?.length).toBe(charts);
    expect(html.match(/<table class="summary">/g)?.length).toBe(2);
    workloads.forEach((w) => {
      expect(html).toContain(`<th>Replicas</th><td>peak ${w.summary.peakReplicas}, `);
    });
  });

  test("assertions: a table when given (ok / FAILED, the assertion, its values), none otherwise", () => {
    const { inputs, result } = STEP;
    const peak = result.summary.peakReplicas;
    const outcomes = checkAssertions(
      compileAssertions([`peakReplicas <= ${peak}`, `peakReplicas < ${peak} and flaps >= 0`], []),
      result,
    );
    const html = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK, assertions: outcomes });
    expect(html).toContain("<h2>Assertions: 1 of 2 hold</h2>");
    expect(tableRows(html, "assertions")).toEqual([
      `<td>ok</td><td>peakReplicas &lt;= ${peak}</td><td>peakReplicas = ${peak}</td>`,
      `<td>FAILED</td><td>peakReplicas &lt; ${peak} and flaps &gt;= 0</td><td>peakReplicas = ${peak}, flaps = ${result.summary.flaps}</td>`,
    ]);
    expect(html.indexOf("<h2>Assertions")).toBeLessThan(html.indexOf('<table class="events">'));
    expect(renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK, assertions: [] })).not.toContain(
      "Assertions",
    );
  });

  test("deterministic: the same run renders byte-identical", () => {
    const { inputs, result } = SHARED;
    const a = renderHtmlReport(inputs, result, { clock: WORLDCUP });
    const b = renderHtmlReport(inputs, structuredClone(result), { clock: WORLDCUP });
    expect(b).toBe(a);
  });

  test("absolute clock: UTC date-times; relative clock: offsets from the start", () => {
    const { inputs, result } = STEP;
    const absolute = renderHtmlReport(inputs, result, { clock: WORLDCUP });
    const relative = renderHtmlReport(inputs, result, { clock: RELATIVE_CLOCK });
    const t = result.events[0]?.t ?? 0;
    const utc = new Date((898992000 + t) * 1000).toISOString().slice(0, 19).replace("T", " ");
    expect(tableRows(absolute, "events")[0]).toContain(`<td class="t">${utc}</td>`);
    expect(absolute).toContain("<th>Time (UTC)</th>");
    expect(absolute).toContain("1998-06-28 00:00:00 to 1998-06-28 00:30:00 UTC");
    expect(absolute).toContain(">1998-06-28 00:00:00 UTC</text>");
    expect(tableRows(relative, "events")[0]).toMatch(/^<td class="t">t=\d/);
    expect(relative).toContain("<th>Time</th>");
    expect(relative).not.toContain("UTC");
    expect(relative).not.toContain("1998");
  });

  test("text from the user is escaped: warnings, event messages, the trace's name", () => {
    const { inputs, result } = STEP;
    const hostile = "<script>alert('x')</script> & \"more\"";
    const escaped = "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;more&quot;";
    const html = renderHtmlReport(
      { ...inputs, demand: { ...inputs.demand, source: hostile } },
      {
        ...result,
        warnings: [`trace ${hostile}`],
        events: [
          ...result.events,
          {
            t: 60,
            type: "Warning",
            reason: "FailedGetScale",
            message: hostile,
            object: "HorizontalPodAutoscaler/web",
          },
        ],
      },
      { clock: RELATIVE_CLOCK },
    );
    expect(html).not.toContain("<script");
    expect(html).toContain(`<li>trace ${escaped}</li>`);
    expect(html).toContain(`<h1>Replay of ${escaped} (requests/s)`);
    expect(html).toContain(`<td>FailedGetScale</td><td>HorizontalPodAutoscaler/web</td><td>${escaped}</td>`);
    expect(html.indexOf('class="warnings"')).toBeLessThan(html.indexOf('<table class="summary">'));
    expect(unbalanced(html)).toEqual([]);
  });

  test("an empty timeline and no events still render", () => {
    const { inputs, result } = STEP;
    const html = renderHtmlReport(inputs, { ...result, timeline: [], events: [] }, { clock: RELATIVE_CLOCK });
    expect(html.match(/\(no samples\)/g)?.length).toBe(chartSpecs({ ...result, timeline: [] }).length);
    expect(html).toContain("<h2>Events</h2><p>&lt;none&gt;</p>");
    expect(unbalanced(html)).toEqual([]);
  });
});
