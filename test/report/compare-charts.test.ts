import { describe, expect, it } from "vitest";
import {
  alignedValues,
  type ComparedRun,
  compareChartSpecs,
  renderCompareCharts,
} from "../../src/report/compare-charts.js";
import type { MetricInfo, RunSummary, TimelineRow } from "../../src/results/types.js";
import { makeMetric, makeRow } from "./run-result-builder.js";

/** A timeline row with the fields the charts read. */
function row(t: number, ready: number, unserved = 0, cpu?: number, nodes?: number): TimelineRow {
  return makeRow(t, {
    demand: 100,
    served: 100 - unserved,
    unserved,
    readyReplicas: ready,
    metrics: cpu === undefined ? {} : { cpu: makeMetric(cpu, cpu, 60) },
    ...(nodes === undefined ? {} : { nodes: { perGroup: { pool: nodes }, total: nodes } }),
  });
}

const cpu = (target: number): MetricInfo => ({ key: "cpu", description: "cpu", unit: "%", target });

function run(name: string, rows: TimelineRow[], metrics: MetricInfo[] = [], peakUnserved = 0): ComparedRun {
  const summary = { durationSeconds: 600, peakUnserved } as RunSummary;
  return { name, result: { timeline: rows, metrics, summary } };
}

describe("alignedValues", () => {
  it.each([
    ["same times", [0, 60, 120], [0, 60, 120], [1, 2, 3]],
    ["coarser rows hold their value", [0, 120], [0, 60, 120, 180], [1, 1, 2, 2]],
    ["finer rows: the one at or before each time", [0, 30, 60, 90, 120], [0, 60, 120], [1, 3, 5]],
    ["times before the first row read it", [30, 60], [0, 10, 60], [1, 1, 2]],
  ])("%s", (_name, rowTimes, times, expected) => {
    const rows = rowTimes.map((t, i) => row(t, i + 1));
    expect(alignedValues(rows, times, (r) => r.readyReplicas)).toEqual(expected);
  });
});

describe("compareChartSpecs", () => {
  const times = [0, 60, 120];
  const a = run("as given", [row(0, 2, 0, 50), row(60, 3, 0, 70), row(120, 4, 0, 55)], [cpu(60)]);
  const b = run("hpa-45.yaml", [row(0, 2, 0, 50), row(60, 4, 5, 52), row(120, 6, 0, 40)], [cpu(45)], 5);

  it("one series per configuration, in order, named by it; unserved only when some was", () => {
    const specs = compareChartSpecs([a, b], times, "requests/s");
    expect(specs.map((s) => s.title)).toEqual([
      "Ready replicas per configuration",
      "Unserved load per configuration",
      "Metric cpu per configuration (targets as given 60%, hpa-45.yaml 45%)",
    ]);
    expect(specs[0]?.series.map((s) => [s.name, s.values])).toEqual([
      ["as given", [2, 3, 4]],
      ["hpa-45.yaml", [2, 4, 6]],
    ]);
    expect(specs[1]?.series.map((s) => s.values)).toEqual([
      [0, 0, 0],
      [0, 5, 0],
    ]);
    expect(specs[1]?.unit).toBe("requests/s");
    expect(specs[2]?.series.map((s) => s.values)).toEqual([
      [50, 70, 55],
      [50, 52, 40],
    ]);
    expect(specs[2]?.anchor).toBeUndefined();
    expect(compareChartSpecs([a, a], times).map((s) => s.title)).toEqual([
      "Ready replicas per configuration",
      "Metric cpu per configuration vs target 60%",
    ]);
    expect(compareChartSpecs([a, a], times)[1]?.anchor).toBe(60);
  });

  it("nodes with a cluster model; a metric not every configuration has is left out", () => {
    const withNodes = run("cluster", [row(0, 2, 0, undefined, 1), row(60, 3, 0, undefined, 2)]);
    const specs = compareChartSpecs([withNodes, a], times);
    expect(specs.map((s) => s.title)).toEqual([
      "Ready replicas per configuration",
      "Nodes per configuration",
    ]);
    expect(specs[1]?.series.map((s) => s.values)).toEqual([
      [1, 2, 2],
      [undefined, undefined, undefined],
    ]);
  });

  it("renders every chart with a legend naming the configurations", () => {
    const text = renderCompareCharts([a, b], { width: 80, height: 6 });
    expect(text).toContain("Ready replicas per configuration (pods; max per 9s column)");
    expect(text.match(/── as given {3}── hpa-45\.yaml/g)?.length).toBe(3);
    expect(text).not.toContain("No configuration left load unserved.");
    expect(renderCompareCharts([a, a], { width: 80 })).toContain("\nNo configuration left load unserved.\n");
    expect(renderCompareCharts([run("empty", [])])).toBe("No timeline rows to chart.\n");
  });

  it("with a backtest, each configuration's replicas against the recorded ones (the first configuration's rows)", () => {
    const withRecorded = (rows: TimelineRow[], recorded: (number | null)[]) =>
      rows.map((r, i) => ({ ...r, replicas: r.readyReplicas + 1, recordedReplicas: recorded[i] ?? null }));
    const x = run("as given", withRecorded([row(0, 2), row(60, 3), row(120, 4)], [null, 4, 5]));
    const y = run("other", withRecorded([row(0, 2), row(120, 6)], [7, 7]));
    const specs = compareChartSpecs([x, y], times);
    const chart = specs.find((c) => c.title === "Replicas per configuration vs recorded");
    expect(chart?.series.map((c) => [c.name, c.values])).toEqual([
      ["as given", [3, 4, 5]],
      ["other", [3, 3, 7]],
      ["recorded", [null, 4, 5]],
    ]);
    expect(compareChartSpecs([a, b], times).some((c) => c.title.includes("recorded"))).toBe(false);
  });
});
