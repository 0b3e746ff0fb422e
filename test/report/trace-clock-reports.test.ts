/**
 * Every simulate report on the trace's clock (report-clock.ts): a run whose trace started 1998-06-28 00:00 UTC
 * prints its times in UTC (summary span, chart time axes, event times, `time` in JSON and CSV), and on the relative
 * clock exactly what it printed before (the default of every renderer).
 */
import { describe, expect, test } from "vitest";
import { renderCharts } from "../../src/report/charts-text.js";
import { renderEventLog } from "../../src/report/event-log-text.js";
import { RELATIVE_CLOCK, type ReportClock, traceClock } from "../../src/report/report-clock.js";
import { renderRunJson } from "../../src/report/run-json.js";
import { renderSimulateSummary } from "../../src/report/simulate-summary-text.js";
import { renderTimelineCsv } from "../../src/report/timeline-csv.js";
import { makeEvent, makeRow, makeRunResult } from "./run-result-builder.js";

const START = 898992000; // 1998-06-28T00:00:00Z
const run = makeRunResult({
  timeline: [makeRow(0), makeRow(3600), makeRow(86400)],
  events: [makeEvent(15, { message: "New size: 2" }), makeEvent(225315), makeEvent(225330)],
  conditions: [{ t: 15, type: "AbleToScale", status: "True", reason: "SucceededRescale", message: "ok" }],
  summary: { ...makeRunResult().summary, durationSeconds: 172800 },
  config: { trace: { startEpochSeconds: START } },
});
const clock: ReportClock = traceClock(run);

describe("reports on the trace's clock", () => {
  test("the run's clock is its trace's start", () => {
    expect(clock).toEqual({ startEpochSeconds: START });
  });

  test("summary heading: the simulated span in UTC", () => {
    const text = renderSimulateSummary(run, { clock });
    expect(text).toContain("Summary (2d simulated, 1998-06-28 00:00:00 to 1998-06-30 00:00:00 UTC):\n");
  });

  test("event log: a Time (UTC) column; a folded run keeps its count and span", () => {
    const lines = renderEventLog(run, { clock }).split("\n");
    expect(lines[1]).toMatch(/^ {2}Type {4}Reason {13}Time \(UTC\) +From/);
    expect(lines[3]).toContain("  1998-06-28 00:00:15  ");
    expect(lines[4]).toContain("  1998-06-30 14:35:15 (x2 over 15s)  ");
  });

  test("charts: the time axis starts with the full date and zone, later ticks as much as differs", () => {
    const charts = renderCharts(run, { width: 60, height: 4, clock });
    const axis = charts.split("\n").filter((l) => l.includes("1998-06-28 00:00 UTC"));
    expect(axis.length).toBeGreaterThanOrEqual(2); // one per chart
    // the middle tick: the time only on the first day, month-day and time after it; the end two days later
    for (const l of axis)
      expect(l.trim()).toMatch(/^1998-06-28 00:00 UTC +(\d\d:\d\d|06-29 \d\d:\d\d) +06-30 00:00$/);
  });

  test("JSON: `time` after `t` in every timeline row, event and condition", () => {
    const doc = JSON.parse(renderRunJson(run, clock));
    expect(doc.timeline.map((r: { time: string }) => r.time)).toEqual([
      "1998-06-28T00:00:00Z",
      "1998-06-28T01:00:00Z",
      "1998-06-29T00:00:00Z",
    ]);
    expect(Object.keys(doc.timeline[0]).slice(0, 3)).toEqual(["t", "time", "demand"]);
    expect(doc.events[1]).toMatchObject({ t: 225315, time: "1998-06-30T14:35:15Z" });
    expect(Object.keys(doc.events[1]).slice(0, 3)).toEqual(["t", "time", "type"]);
    expect(doc.conditions[0]).toMatchObject({ t: 15, time: "1998-06-28T00:00:15Z", type: "AbleToScale" });
  });

  test("CSV: a time column after t", () => {
    const [header, first, second] = renderTimelineCsv(run, clock).split("\n");
    expect(header?.startsWith("t,time,demand,served,")).toBe(true);
    expect(first?.startsWith("0,1998-06-28T00:00:00Z,10,10,0,")).toBe(true);
    expect(second?.startsWith("3600,1998-06-28T01:00:00Z,")).toBe(true);
  });

  test("the relative clock prints what the renderers print by default: offsets, no time fields", () => {
    expect(renderSimulateSummary(run, { clock: RELATIVE_CLOCK })).toBe(renderSimulateSummary(run));
    expect(renderSimulateSummary(run)).toContain("Summary (2d simulated):\n");
    expect(renderEventLog(run, { clock: RELATIVE_CLOCK })).toBe(renderEventLog(run));
    expect(renderEventLog(run)).toContain("t=2d14h35m15s (x2 over 15s)");
    expect(renderCharts(run, { width: 60, clock: RELATIVE_CLOCK })).toBe(renderCharts(run, { width: 60 }));
    expect(renderRunJson(run, RELATIVE_CLOCK)).toBe(renderRunJson(run));
    expect(renderRunJson(run)).not.toContain('"time"');
    expect(renderTimelineCsv(run).startsWith("t,demand,")).toBe(true);
  });
});
