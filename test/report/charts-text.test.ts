import { describe, expect, test } from "vitest";
import { binSeries, carryForward, chartColumns } from "../../src/report/chart-columns.js";
import { renderCharts } from "../../src/report/charts-text.js";
import { anchoredRows, renderLineChart, visibleLength } from "../../src/report/line-chart.js";
import type { RunResult } from "../../src/results/types.js";
import { CPU, makeMetric, makeRow, makeRunResult, makeSummary } from "./run-result-builder.js";

/** One day recorded every 10 s: demand 100 with one 10-second spike to 1000 at t = 43210. */
function dayWithSpike(): RunResult {
  const rows = [];
  for (let t = 0; t < 86400; t += 10) {
    const demand = t === 43210 ? 1000 : 100;
    rows.push(
      makeRow(t, {
        demand,
        served: Math.min(demand, 400),
        unserved: Math.max(0, demand - 400),
        desiredReplicas: t < 600 ? 2 : 4,
        readyReplicas: t < 900 ? 2 : 4,
        metrics: { cpu: makeMetric(t < 30 ? null : 40 + (t % 3600) / 360, 45) },
      }),
    );
  }
  return makeRunResult({ timeline: rows, summary: makeSummary({ durationSeconds: 86400 }) });
}

describe("chart columns", () => {
  test("whole seconds per column, at most the columns asked for", () => {
    expect(chartColumns(0, 86400, 90)).toEqual({ start: 0, end: 86400, step: 960, count: 90 }); // 86400 / 90 = 960
    expect(chartColumns(0, 86400, 96)).toEqual({ start: 0, end: 86400, step: 900, count: 96 });
    expect(chartColumns(0, 1000, 96)).toEqual({ start: 0, end: 1000, step: 11, count: 91 }); // ceil(1000/96) = 11
    expect(chartColumns(0, 60, 90)).toEqual({ start: 0, end: 60, step: 1, count: 60 });
    expect(chartColumns(5, 5, 90)).toEqual({ start: 5, end: 6, step: 1, count: 1 });
  });

  test("carryForward fills null, NaN and infinities; leading gaps take the first value", () => {
    expect(carryForward([null, 3, Number.NaN, undefined, 5, Number.POSITIVE_INFINITY])).toEqual([
      3, 3, 3, 3, 5, 5,
    ]);
    expect(carryForward([null, Number.NaN])).toBeNull();
  });

  test("max keeps a one-row peak, mean spreads it over the column", () => {
    const times = Array.from({ length: 1000 }, (_, i) => i);
    const values = times.map((t) => (t === 537 ? 100 : 1));
    const cols = chartColumns(0, 1000, 10); // 100 s per column
    expect(binSeries(times, values, cols, "max")).toEqual([1, 1, 1, 1, 1, 100, 1, 1, 1, 1]);
    expect(binSeries(times, values, cols, "mean")[5]).toBeCloseTo(1.99); // (99 * 1 + 100) / 100
  });

  test("rows are a step function: a value holds until the next row", () => {
    // 1 on [0, 30), 3 on [30, 100)
    const cols = chartColumns(0, 100, 4); // [0,25) [25,50) [50,75) [75,100)
    expect(binSeries([0, 30], [1, 3], cols, "max")).toEqual([1, 3, 3, 3]);
    expect(binSeries([0, 30], [1, 3], cols, "mean")).toEqual([1, (5 * 1 + 20 * 3) / 25, 3, 3]);
  });
});

describe("renderLineChart", () => {
  test("exact output: title with the rule, unit labels, time axis, legend", () => {
    const chart = renderLineChart(
      {
        title: "Load",
        unit: "",
        aggregate: "max",
        series: [
          { name: "load", values: [0, 1, 2, 3, 4, 4, 3, 2, 1, 0], color: "" },
          { name: "target 3", values: 3, color: "" },
        ],
      },
      { times: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], end: 10 },
      { width: 30, height: 4 },
    );
    expect(chart.split("\n")).toEqual([
      "Load (max per 1s column)",
      "4.00┼   ╭─╮",
      "3.00┼─────────",
      "2.00┤ ╭╯   ╰╮",
      "1.00┤╭╯     ╰╮",
      "0.00┼╯       ╰",
      "    └────┬───┬",
      "    0s  5s 10s",
      "    ── load   ── target 3",
    ]);
  });

  test("a flat series gets a padded range; all-missing series say so", () => {
    const flat = renderLineChart(
      {
        title: "Flat",
        unit: "pods",
        aggregate: "max",
        series: [{ name: "x", values: [3, 3, 3], color: "" }],
      },
      { times: [0, 1, 2], end: 3 },
      { width: 40, height: 4 },
    );
    expect(flat).not.toMatch(/NaN|Infinity/);
    expect(flat.split("\n")[1]).toMatch(/^3\.30 pods┤/); // 3 + 10%
    const none = renderLineChart(
      {
        title: "None",
        unit: "%",
        aggregate: "mean",
        series: [{ name: "x", values: [null, null], color: "" }],
      },
      { times: [0, 1], end: 2 },
    );
    expect(none).toBe("None\n  (no samples)");
  });
});

describe("anchoredRows: a metric's target on a row of its own", () => {
  test.each([
    // observed 33..108.06%, target 60%, 10 rows asked: spacing 7.506, 27 / 7.506 = 3.6 rows below the target;
    // 3 rows of 9 give 6 above (60 + 54 = 114 >= 108.06): 9 rows; 4 rows of 6.75 give 8 above: 12 rows -> 9 rows
    [{ min: 33, max: 108.06 }, 60, 10, { min: 33, max: 114, height: 9 }],
    // already on a row: 0..100 in 10 rows, target 50
    [{ min: 0, max: 100 }, 50, 10, { min: 0, max: 100, height: 10 }],
    // the target at the bottom keeps the range
    [{ min: 40, max: 80 }, 40, 4, { min: 40, max: 80, height: 4 }],
    // 0..10 in 4 rows, target 3: 1.2 rows below -> 1 row of 3 (3 above: 12) = 4 rows, or 2 of 1.5 (5 above) = 7
    [{ min: 0, max: 10 }, 3, 4, { min: 0, max: 12, height: 4 }],
  ])("%j, anchor %d, %d rows -> %j", (range, anchor, requested, want) => {
    const got = anchoredRows(range, anchor, requested);
    expect(got?.height).toBe(want.height);
    expect(got?.min).toBeCloseTo(want.min, 9);
    expect(got?.max).toBeCloseTo(want.max, 9);
  });

  test("outside the range or too far from the asked rows: none", () => {
    expect(anchoredRows({ min: 0, max: 10 }, 11, 10)).toBeNull();
    // target 0.1 above a minimum of 0 with a top of 100: one row of 0.1 needs 1000 rows
    expect(anchoredRows({ min: 0, max: 100 }, 0.1, 10)).toBeNull();
  });

  test("the metric chart labels the target's row with the target", () => {
    const chart = renderLineChart(
      {
        title: "Metric cpu",
        unit: "%",
        aggregate: "mean",
        anchor: 60,
        series: [
          { name: "observed", values: [33, 50, 108.06, 70], color: "" },
          { name: "target 60%", values: 60, color: "" },
        ],
      },
      { times: [0, 1, 2, 3], end: 4 },
      { width: 40, height: 10 },
    );
    const lines = chart.split("\n");
    const targetRow = lines.find((l) => /^ *60\.0%┼─+$/.test(l));
    expect(targetRow).toBeDefined();
    expect(lines[1]).toMatch(/^ *114%┤/);
    expect(lines.filter((l) => /[┤┼]/.test(l))).toHaveLength(10); // rows 33, 42, ..., 114
  });
});

describe("renderCharts", () => {
  test.each([40, 60, 100, 160])("no line longer than width %d, with and without color", (width) => {
    for (const color of [false, true]) {
      const text = renderCharts(dayWithSpike(), { width, color, demandUnit: "requests/s" });
      for (const line of text.split("\n")) expect(visibleLength(line)).toBeLessThanOrEqual(width);
    }
  });

  test("three charts, each with a title, a time axis and a legend", () => {
    const charts = renderCharts(dayWithSpike(), { demandUnit: "requests/s" }).trimEnd().split("\n\n");
    expect(charts.map((c) => c.split("\n")[0])).toEqual([
      "Demand vs served load (requests/s; max per 15m column)", // ceil(86400 / (100 - 4)) = 900 s
      // labels "2.00 pods": ceil(86400 / (100 - 9)) = 950 s
      "Desired vs ready replicas (pods; max per 15m 50s column)",
      // labels "40.0%": ceil(86400 / (100 - 5)) = 910 s
      "Metric cpu: observed vs target 50% (%; mean per 15m 10s column)",
    ]);
    for (const c of charts) {
      const lines = c.split("\n");
      expect(lines.at(-2)).toMatch(/^ +0s +1[12]h( \d+m)? +1d$/);
      expect(lines.at(-3)).toMatch(/^ +└─+┬─+┬$/);
      expect(lines.at(-1)).toMatch(/^ +── \w+/);
      expect(lines.length - 4).toBeGreaterThanOrEqual(10); // plot rows: height 10, +-1 from rounding
      expect(lines.length - 4).toBeLessThanOrEqual(12);
    }
    expect(charts[0]).toContain("── demand   ── served (never above demand)");
    expect(charts[0]?.split("\n").at(-2)).toBe(`    0s${" ".repeat(45)}12h${" ".repeat(44)}1d`); // "12h" centred on column 48 of 96 (48 * 900 s)
    expect(charts[2]).toContain("── target 50%");
  });

  test("the metric chart draws its target on a row labelled with it", () => {
    // observed 30..70%, target 57%: without the anchor 10 rows of 4 put the target between the 56% and 60% rows
    const rows = [0, 10, 20, 30].map((t, i) =>
      makeRow(t, { metrics: { cpu: makeMetric([30, 70, 45, 57][i] ?? 0, null, 57) } }),
    );
    const result = makeRunResult({
      timeline: rows,
      metrics: [{ ...CPU, target: 57 }],
      summary: makeSummary({ durationSeconds: 40 }),
    });
    const metric = renderCharts(result).trimEnd().split("\n\n")[2]?.split("\n") ?? [];
    expect(metric.filter((l) => /^ *57\.0%┼─+$/.test(l))).toHaveLength(1);
  });

  test("downsampling keeps the one-row demand peak", () => {
    const demand = renderCharts(dayWithSpike()).split("\n\n")[0]?.split("\n") ?? [];
    const top = demand[1] ?? "";
    expect(top.startsWith("1.0k┤")).toBe(true); // the y range reaches the peak
    expect(top.slice(5)).toMatch(/[╭╮─]/); // and the line is drawn there
  });

  test("height and colors", () => {
    const text = renderCharts(dayWithSpike(), { height: 4, color: true });
    const first = text.split("\n\n")[0]?.split("\n") ?? [];
    expect(first.length - 4).toBeGreaterThanOrEqual(4);
    expect(first.length - 4).toBeLessThanOrEqual(6);
    expect(text).toContain("\x1b[34m──\x1b[0m demand"); // asciichart.blue
    expect(renderCharts(dayWithSpike())).not.toContain("\x1b[");
  });

  test("empty timeline, single row, metric without any observed value", () => {
    expect(renderCharts(makeRunResult({ timeline: [] }))).toBe("No timeline rows to chart.\n");
    const single = renderCharts(
      makeRunResult({ timeline: [makeRow(0)], summary: makeSummary({ durationSeconds: 0 }) }),
      {
        width: 50,
      },
    );
    expect(single.trimEnd().split("\n\n")).toHaveLength(3);
    expect(single.split("\n").slice(12, 15)).toEqual([
      "    └",
      "    0s",
      "    ── demand   ── served (never above demand)",
    ]);
    expect(single).not.toMatch(/NaN/);
    for (const line of single.split("\n")) expect(visibleLength(line)).toBeLessThanOrEqual(50);
    // observed null everywhere: actual is drawn instead
    const actualOnly = renderCharts(
      makeRunResult({ timeline: [makeRow(0, { metrics: { cpu: makeMetric(null, 70) } }), makeRow(1)] }),
    );
    expect(actualOnly.split("\n\n")[2]?.split("\n")[1]).toMatch(/^70\.0%┤/);
  });
});
