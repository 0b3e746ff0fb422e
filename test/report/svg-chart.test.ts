import asciichart from "asciichart";
import { describe, expect, test } from "vitest";
import { binSeries, chartColumns } from "../../src/report/chart-columns.js";
import type { ChartSpec, ChartTime } from "../../src/report/line-chart.js";
import { RELATIVE_CLOCK, type ReportClock } from "../../src/report/report-clock.js";
import { cssColor, niceTicks, renderSvgChart, timeTicks } from "../../src/report/svg-chart.js";

/** 1998-06-28 00:00:00 UTC. */
const WORLDCUP: ReportClock = { startEpochSeconds: 898992000 };

/** The y axis of a chart: tick values (from their labels) and their y (from the gridlines), bottom first. */
function yAxis(svg: string): { values: number[]; ys: number[]; left: number; right: number } {
  const grid = /<path d="((?:M[\d.]+,[\d.]+H[\d.]+)+)" stroke="#e4e4e4"/.exec(svg)?.[1] ?? "";
  const lines = [...grid.matchAll(/M([\d.]+),([\d.]+)H([\d.]+)/g)];
  const labels = /<g text-anchor="end">(.*?)<\/g>/.exec(svg)?.[1] ?? "";
  const values = [...labels.matchAll(/>([^<]*)<\/text>/g)].map((m) => Number((m[1] ?? "").replace(/%$/, "")));
  return {
    values,
    ys: lines.map((m) => Number(m[2])),
    left: Number(lines[0]?.[1]),
    right: Number(lines[0]?.[3]),
  };
}

/** The horizontal segments of a step path `M x,y H x V y H x ...`: [x from, x to, y]. */
function segments(d: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  let [x, y] = [0, 0];
  for (const m of d.matchAll(/([MHV])([\d.,]+)/g)) {
    const args = (m[2] ?? "").split(",").map(Number);
    if (m[1] === "M") [x, y] = [args[0] ?? 0, args[1] ?? 0];
    else if (m[1] === "V") y = args[0] ?? 0;
    else {
      out.push([x, args[0] ?? 0, y]);
      x = args[0] ?? 0;
    }
  }
  return out;
}

/** The `d` of the path stroked in `color`, not dashed (a series). */
function seriesPath(svg: string, color: string): string {
  return new RegExp(`<path d="([^"]*)" stroke="${color}">`).exec(svg)?.[1] ?? "";
}

const TIMES = Array.from({ length: 1000 }, (_, i) => i * 3); // every 3 s over 3000 s
const TIME: ChartTime = { times: TIMES, end: 3000 };
/** A wave with one-row spikes: max and mean bin it differently. */
const WAVE = TIMES.map((t, i) => 40 + 30 * Math.sin(t / 300) + (i % 97 === 0 ? 25 : 0));

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    title: "Load",
    unit: "requests/s",
    aggregate: "max",
    series: [{ name: "load", values: WAVE, color: asciichart.blue }],
    ...overrides,
  };
}

describe("niceTicks", () => {
  test.each([
    // [lo, hi, integer, expected]
    [0, 100, false, [0, 20, 40, 60, 80, 100]],
    [0, 1.2, false, [0, 0.5, 1, 1.5]], // 0.2 gives 7 ticks, 0.5 gives 4
    [0, 3870, false, [0, 1000, 2000, 3000, 4000]],
    [4.5, 5.5, false, [4.5, 5, 5.5, 6]], // 0.2 gives 7 ticks, 0.5 gives 3: widened upwards to 4
    [0, 1, true, [0, 1, 2, 3]], // integer steps only: 0..1 widened to 4 ticks
    [0, 13, true, [0, 5, 10, 15]],
    [-3, 7, false, [-5, 0, 5, 10]], // 2 gives -4..8, 7 ticks
  ])("[%d, %d] integer %s", (lo, hi, integer, expected) => {
    expect(niceTicks(lo, hi, integer)).toEqual(expected);
  });

  test.each([
    [0, 0.037],
    [12.5, 97.3],
    [0.001, 0.0013],
    [250, 260],
    [0, 123456],
    [-17, -2],
    [3, 3.5],
  ])("[%d, %d]: 4 to 6 evenly spaced 1/2/5 × 10^k ticks covering the range", (lo, hi) => {
    for (const integer of [false, true]) {
      const ticks = niceTicks(lo, hi, integer);
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks[0]).toBeLessThanOrEqual(lo);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(hi);
      const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect(
        [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6),
        `step ${step}`,
      ).toBe(true);
      ticks.forEach((t, i) => {
        expect(t).toBeCloseTo((ticks[0] ?? 0) + i * step, 9);
      });
      if (integer) expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});

describe("timeTicks", () => {
  test.each([
    // [start, end, clock, expected]
    [0, 3000, RELATIVE_CLOCK, [0, 600, 1200, 1800, 2400, 3000]], // 10 minutes: 3000 / 600 = 5
    [0, 259200, RELATIVE_CLOCK, [0, 43200, 86400, 129600, 172800, 216000, 259200]],
    // 14:35 on an absolute clock: whole hours of the day
    [52500, 52500 + 4 * 3600, WORLDCUP, [54000, 57600, 61200, 64800]],
  ])("[%d, %d]", (start, end, clock, expected) => {
    expect(timeTicks(start, end, clock)).toEqual(expected);
  });
});

describe("renderSvgChart", () => {
  test.each(["max", "mean"] as const)(
    "the %s series' step line maps back through the y axis to the binned values",
    (aggregate) => {
      const svg = renderSvgChart(spec({ aggregate }), TIME, {
        clock: RELATIVE_CLOCK,
        width: 500,
        height: 240,
      });
      const axis = yAxis(svg);
      // invert the axis: value = v0 + (y0 - y) / (y0 - y1) * (v1 - v0), from the bottom and top ticks
      const [v0, v1] = [axis.values[0] ?? 0, axis.values[axis.values.length - 1] ?? 0];
      const [y0, y1] = [axis.ys[0] ?? 0, axis.ys[axis.ys.length - 1] ?? 0];
      const value = (y: number) => v0 + ((y0 - y) / (y0 - y1)) * (v1 - v0);
      const cols = chartColumns(0, 3000, axis.right - axis.left);
      expect(cols.count).toBeLessThanOrEqual(axis.right - axis.left);
      const binned = binSeries(TIMES, WAVE, cols, aggregate);
      const segs = segments(seriesPath(svg, cssColor(asciichart.blue)));
      expect(segs[0]?.[0]).toBe(axis.left);
      expect(segs[segs.length - 1]?.[1]).toBe(axis.right);
      // a y rounded to 0.1 px is off by at most 0.05 px of the plot's height
      const tolerance = (0.05 / (y0 - y1)) * (v1 - v0) + 1e-9;
      binned.forEach((v, c) => {
        const x = axis.left + ((c + 0.5) * cols.step * (axis.right - axis.left)) / 3000;
        const seg = segs.find(([a, b]) => a <= x && x <= b);
        expect(seg, `column ${c}`).toBeDefined();
        expect(Math.abs(value(seg?.[2] ?? 0) - v), `column ${c}`).toBeLessThanOrEqual(tolerance);
      });
    },
  );

  test("y ticks are nice numbers covering the data; the unit labels the axis", () => {
    const svg = renderSvgChart(spec(), TIME, { clock: RELATIVE_CLOCK });
    const { values } = yAxis(svg);
    expect(values).toEqual([0, 20, 40, 60, 80, 100]); // data 10..95 (zero included: 10 <= 95 / 2)
    expect(svg).toContain(">requests/s</text>");
    expect(svg).toMatch(/<title>Load \(requests\/s; max per \d+s column\)<\/title>/);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 800 260"/);
  });

  test("an integer chart has integer ticks only; % is attached to the labels", () => {
    const pods = renderSvgChart(
      spec({ unit: "pods", integer: true, series: [{ name: "p", values: [0, 1, 2, 1], color: "" }] }),
      { times: [0, 10, 20, 30], end: 40 },
      { clock: RELATIVE_CLOCK },
    );
    expect(yAxis(pods).values).toEqual([0, 1, 2, 3]);
    const pct = renderSvgChart(spec({ unit: "%" }), TIME, { clock: RELATIVE_CLOCK });
    expect(pct).toContain(">100%</text>");
  });

  test("a constant series is a dashed horizontal line at its value; the legend names every series", () => {
    const svg = renderSvgChart(
      spec({ series: [...spec().series, { name: "target 50", values: 50, color: asciichart.red }] }),
      TIME,
      { clock: RELATIVE_CLOCK },
    );
    const axis = yAxis(svg);
    const dashed = /<path d="M([\d.]+),([\d.]+)H([\d.]+)" stroke="#d62728" stroke-dasharray/.exec(svg);
    expect(Number(dashed?.[1])).toBe(axis.left);
    expect(Number(dashed?.[3])).toBe(axis.right);
    // ticks 0..100: 50 is halfway between the bottom and the top gridline
    expect(Number(dashed?.[2])).toBeCloseTo(((axis.ys[0] ?? 0) + (axis.ys[5] ?? 0)) / 2, 1);
    expect(svg).toMatch(/<text[^>]*>load<\/text>/);
    expect(svg).toMatch(/<text[^>]*>target 50<\/text>/);
  });

  test("coordinates carry at most one decimal", () => {
    const svg = renderSvgChart(spec(), TIME, { clock: RELATIVE_CLOCK, width: 777 });
    const numbers = [...svg.matchAll(/(?:d|x|y)="([^"]*)"/g)].flatMap(
      (m) => (m[1] ?? "").match(/-?[\d.]+/g) ?? [],
    );
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers.filter((n) => /\.\d\d/.test(n))).toEqual([]);
  });

  test.each([
    ["an empty timeline", { times: [], end: 0 }, spec()],
    ["no finite value", TIME, spec({ series: [{ name: "x", values: TIMES.map(() => null), color: "" }] })],
    ["a non-finite constant", TIME, spec({ series: [{ name: "x", values: Number.NaN, color: "" }] })],
  ])("%s: (no samples)", (_, time, s) => {
    const svg = renderSvgChart(s, time, { clock: RELATIVE_CLOCK });
    expect(svg).toContain("(no samples)");
    expect(svg).not.toContain("stroke-width");
  });

  test("a series without samples beside others: drawn without it, named in the legend", () => {
    const svg = renderSvgChart(
      spec({ series: [...spec().series, { name: "gone", values: [null], color: asciichart.green }] }),
      TIME,
      { clock: RELATIVE_CLOCK },
    );
    expect(svg).toContain(">gone (no samples)</text>");
    expect(seriesPath(svg, cssColor(asciichart.green))).toBe("");
  });

  test("relative clock: offsets; absolute clock: the first tick in full, in UTC", () => {
    const relative = renderSvgChart(spec(), TIME, { clock: RELATIVE_CLOCK });
    expect(relative).toContain(">0s</text>");
    expect(relative).toContain(">20m</text>");
    expect(relative).not.toContain("UTC");
    const absolute = renderSvgChart(spec(), TIME, { clock: WORLDCUP });
    expect(absolute).toContain(">1998-06-28 00:00:00 UTC</text>"); // span under an hour: seconds shown
    expect(absolute).toContain(">00:20:00</text>");
  });

  test("text from the user is escaped", () => {
    const svg = renderSvgChart(
      spec({
        title: "<script>alert('x')</script> & co",
        unit: 'a"<b>',
        series: [{ name: "<script>&", values: WAVE, color: "" }],
      }),
      TIME,
      { clock: RELATIVE_CLOCK },
    );
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain('a"<b>');
    expect(svg).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co");
    expect(svg).toContain(">&lt;script&gt;&amp;</text>");
    expect(svg).toContain("a&quot;&lt;b&gt;");
  });

  test("asciichart colors map to CSS colors", () => {
    expect(cssColor(asciichart.blue)).toBe("#1f77b4");
    expect(cssColor(asciichart.red)).toBe("#d62728");
    expect(cssColor("")).toBe("#777777");
  });
});
