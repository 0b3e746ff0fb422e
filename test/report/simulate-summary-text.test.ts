import { describe, expect, test } from "vitest";
import { renderSimulateSummary } from "../../src/report/simulate-summary-text.js";
import { makeMetricSummary, makeRunResult, makeSummary } from "./run-result-builder.js";

describe("renderSimulateSummary", () => {
  test("the default fixture, every figure", () => {
    expect(renderSimulateSummary(makeRunResult(), { demandUnit: "requests/s" })).toBe(
      [
        "Summary (2h simulated):",
        "  Replicas        peak 10, mean 6.25, final 4 (peak ready 9)",
        "  Replica-hours   12.5",
        "  Metric cpu      cpu resource utilization (percentage of request), target 50%",
        // 600 / 7200 = 8.33%
        "                  above target 10m (8.3% of the time); peak 92.46%, mean 47.1%",
        "  Unserved load   2.3% of demand, peak 12.5 requests/s",
        "  Scale-ups       7",
        "  Scale-downs     5",
        "  Flaps           2",
        // 300 / 7200 = 4.17%
        "  Limited at max  5m (4.2% of the time)",
        "  HPA syncs       480",
        "  OOM kills       0",
        "",
      ].join("\n"),
    );
  });

  test("warnings come first; durations humane; quiet run", () => {
    const result = makeRunResult({
      warnings: ["HPA and VPA both act on cpu", "trace shorter than duration"],
      summary: makeSummary({
        durationSeconds: 7985,
        metrics: [makeMetricSummary({ secondsAboveTarget: 0, shareAboveTarget: 0 })],
        totalDemand: 0,
        unservedShare: 0,
        secondsLimitedAtMax: 0,
      }),
    });
    const text = renderSimulateSummary(result);
    expect(text.split("\n").slice(0, 5)).toEqual([
      "Warnings (2):",
      "  - HPA and VPA both act on cpu",
      "  - trace shorter than duration",
      "",
      "Summary (2h 13m 5s simulated):",
    ]);
    expect(text).toContain(
      "                  never above target (0.0% of the time); peak 92.46%, mean 47.1%\n",
    );
    expect(text).toContain("  Unserved load   none (no demand)\n");
    expect(text).toContain("  Limited at max  never\n");
  });

  test("several metrics, one without samples; no demand unit", () => {
    const result = makeRunResult({
      summary: makeSummary({
        metrics: [
          makeMetricSummary({ secondsAboveTarget: 7985, shareAboveTarget: 0.5 }),
          makeMetricSummary({
            key: "pods/http_requests_per_second",
            description: "http_requests_per_second per pod",
            unit: "1",
            target: 100,
            peakActual: null,
            meanActual: null,
          }),
        ],
      }),
    });
    const text = renderSimulateSummary(result);
    expect(text).toContain(
      [
        "  Metric cpu                            cpu resource utilization (percentage of request), target 50%",
        "                                        above target 2h 13m 5s (50.0% of the time); peak 92.46%, mean 47.1%",
        "  Metric pods/http_requests_per_second  http_requests_per_second per pod, target 100",
        "                                        above target 10m (8.3% of the time); no samples",
      ].join("\n"),
    );
    expect(text).toContain("  Unserved load                         2.3% of demand, peak 12.5\n");
  });

  test("with a cluster model: nodes and cost per group and in total, Pending time, unschedulable pods", () => {
    const group = (peakNodes: number, meanNodes: number, nodeHours: number, price: number) => ({
      peakNodes,
      meanNodes,
      nodeHours,
      cost: nodeHours * price,
      scaleUps: 1,
      scaleDowns: 0,
    });
    const result = makeRunResult({
      summary: makeSummary({
        cluster: {
          nodeGroups: { general: group(5, 3.157, 6.31, 0.19), gpu: group(1, 0.5, 1, 2.5) },
          total: { ...group(6, 3.657, 7.31, 0), cost: 6.31 * 0.19 + 2.5 },
          pendingPodSeconds: 1621,
          longestPendingSeconds: 110,
          // 11.7 of the 23.4 unserved (of 1000 demand) came while pods were Pending
          unservedWhilePending: 11.7,
          unservedWhilePendingShare: 11.7 / 1000,
          unschedulableAtEnd: [{ pod: "web-9f51d", reason: "0/5 nodes are available: 5 Insufficient cpu." }],
        },
      }),
    });
    const lines = renderSimulateSummary(result).split("\n");
    expect(lines.slice(lines.indexOf("  HPA syncs       480"))).toEqual([
      "  HPA syncs       480",
      "  OOM kills       0",
      "  Nodes general   peak 5, mean 3.16; 6.31 node-hours, cost 1.2",
      "  Nodes gpu       peak 1, mean 0.5; 1 node-hours, cost 2.5",
      "  Nodes total     peak 6, mean 3.66; 7.31 node-hours, cost 3.7",
      "  Pending pods    1621 pod-seconds, longest 1m 50s",
      "                  unserved while Pending: 1.2% of demand (50.0% of the unserved load)",
      "  Unschedulable   1 at the end",
      "                  web-9f51d: 0/5 nodes are available: 5 Insufficient cpu.",
      "",
    ]);
  });

  test("without a cluster model there are no node lines", () => {
    expect(renderSimulateSummary(makeRunResult())).not.toContain("Nodes");
  });
});
