/** The cluster charts: Pending pods and nodes per group, drawn only when the timeline carries `nodes`. */
import { describe, expect, test } from "vitest";
import { chartSpecs, renderCharts } from "../../src/report/charts-text.js";
import { visibleLength } from "../../src/report/line-chart.js";
import type { RunResult, TimelineRow } from "../../src/results/types.js";
import { makeRow, makeRunResult, makeSummary } from "./run-result-builder.js";

/**
 * Ten rows a minute apart over 10 minutes:
 * Pending pods 3 on [120, 240), 1 on [240, 300); nodes general 1 -> 2 at 240 -> 1 at 480,
 * spot 0 -> 1 at 300 -> 0 at 540.
 */
function clusterRun(groups: "two" | "one"): RunResult {
  const pending = [0, 0, 3, 3, 1, 0, 0, 0, 0, 0];
  const general = [1, 1, 1, 1, 2, 2, 2, 2, 1, 1];
  const spot = [0, 0, 0, 0, 0, 1, 1, 1, 1, 0];
  const rows: TimelineRow[] = pending.map((p, i) => {
    const g = general[i] ?? 0;
    const s = spot[i] ?? 0;
    const perGroup: Record<string, number> = groups === "two" ? { general: g, spot: s } : { general: g };
    return makeRow(i * 60, {
      pendingPods: p,
      nodes: { perGroup, total: groups === "two" ? g + s : g },
      cost: 0,
    });
  });
  return makeRunResult({ timeline: rows, summary: makeSummary({ durationSeconds: 600 }) });
}

function chartTitled(text: string, prefix: string): string[] {
  const chart = text.split("\n\n").find((c) => c.startsWith(prefix));
  return chart?.split("\n") ?? [];
}

describe("cluster charts", () => {
  test("without a cluster model: no Pending or nodes chart", () => {
    const titles = chartSpecs(makeRunResult()).map((c) => c.title);
    expect(titles).toEqual([
      "Demand vs served load",
      "Desired vs ready replicas",
      "Metric cpu: observed vs target 50%",
    ]);
    expect(renderCharts(makeRunResult())).not.toMatch(/Pending|Nodes/);
  });

  test("with one: Pending pods and nodes after the replicas chart, before the metrics", () => {
    expect(chartSpecs(clusterRun("two")).map((c) => c.title)).toEqual([
      "Demand vs served load",
      "Desired vs ready replicas",
      "Pending pods waiting for a node",
      "Nodes per group and in total",
      "Metric cpu: observed vs target 50%",
    ]);
  });

  test("Pending pods: exact output, one row per pod, time axis and legend", () => {
    // labels "3 pods" (6 wide) -> 60 - 6 = 54 columns; step ceil(600 / 54) = 12 s, 50 columns.
    // 3 pods on [120, 240) = columns 10..19, 1 pod on [240, 300) = columns 20..24, 0 from column 25.
    expect(chartTitled(renderCharts(clusterRun("two"), { width: 60, height: 4 }), "Pending")).toEqual([
      "Pending pods waiting for a node (pods; max per 12s column)",
      "3 pods┼         ╭─────────╮",
      "2 pods┤         │         │",
      "1 pods┤         │         ╰────╮",
      `0 pods┼─────────╯              ╰${"─".repeat(24)}`,
      `      └${"─".repeat(24)}┬${"─".repeat(23)}┬`,
      "      0s                      5m                     10m",
      "      ── pending",
    ]);
  });

  test("nodes: one series per group and the total, exact output", () => {
    // labels "3 nodes" (7 wide) -> 53 columns; step ceil(600 / 53) = 12 s, 50 columns.
    // general: 1 on columns 0..19, 2 on 20..39, 1 on 40..49; spot: 0 on 0..24, 1 on 25..44, 0 on 45..49;
    // total (drawn last): 1, 2 on 20..24, 3 on 25..39, 2 on 40..44, 1 on 45..49.
    expect(chartTitled(renderCharts(clusterRun("two"), { width: 60, height: 4 }), "Nodes")).toEqual([
      "Nodes per group and in total (nodes; max per 12s column)",
      `3 nodes┼${" ".repeat(24)}╭──────────────╮`,
      `2 nodes┤${" ".repeat(19)}╭────╯──────────────╰────╮`,
      `1 nodes┼${"─".repeat(19)}╯    ╭───────────────────╰────`,
      `0 nodes┼${"─".repeat(24)}╯                   ╰────`,
      `       └${"─".repeat(24)}┬${"─".repeat(23)}┬`,
      "       0s                      5m                     10m",
      "       ── general   ── spot   ── total",
    ]);
  });

  test("one group: no total series; the lines fit the width, with and without color", () => {
    const text = renderCharts(clusterRun("one"), { width: 60, height: 4 });
    const nodes = chartTitled(text, "Nodes");
    expect(nodes[0]).toBe("Nodes per group (nodes; max per 12s column)");
    expect(nodes.at(-1)).toBe("       ── general");
    expect(nodes[1]).toBe(`2 nodes┤${" ".repeat(19)}╭${"─".repeat(19)}╮`); // 2 on columns 20..39
    for (const width of [30, 60, 100]) {
      for (const color of [false, true]) {
        const all = renderCharts(clusterRun("two"), { width, color });
        for (const line of all.split("\n")) expect(visibleLength(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  test("counts are drawn on whole rows: a flat count widens to one unit either side; a large range keeps the height", () => {
    const flat = makeRunResult({
      timeline: [0, 60].map((t) => makeRow(t, { nodes: { perGroup: { a: 3 }, total: 3 }, cost: 0 })),
      summary: makeSummary({ durationSeconds: 120 }),
    });
    // pending 0 throughout: range 0..1; nodes 3 throughout: range 2..4.
    // 40 - 6 = 34 (pods) or 33 (nodes) columns: step ceil(120 / 34) = ceil(120 / 33) = 4 s, 30 columns
    expect(chartTitled(renderCharts(flat, { width: 40 }), "Pending").slice(1, 3)).toEqual([
      "1 pods┼",
      `0 pods┼${"─".repeat(29)}`,
    ]);
    expect(chartTitled(renderCharts(flat, { width: 40 }), "Nodes").slice(1, 4)).toEqual([
      "4 nodes┤",
      `3 nodes┼${"─".repeat(29)}`,
      "2 nodes┤",
    ]);
    const many = makeRunResult({
      timeline: [0, 60].map((t, i) =>
        makeRow(t, { pendingPods: i * 40, nodes: { perGroup: { a: 1 }, total: 1 } }),
      ),
      summary: makeSummary({ durationSeconds: 120 }),
    });
    // 0..40 pods in a 4-row plot: 10 pods per row, labels with decimals as the other charts
    expect(chartTitled(renderCharts(many, { width: 40, height: 4 }), "Pending")[1]).toMatch(/^40\.0 pods┼/);
  });
});
