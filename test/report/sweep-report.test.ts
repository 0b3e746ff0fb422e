import { describe, expect, it } from "vitest";
import {
  cheapestRun,
  renderSweepJson,
  renderSweepTable,
  type SweepReport,
} from "../../src/report/sweep-report.js";
import type { AssertionOutcome } from "../../src/results/assertions.js";
import type { ClusterSummary } from "../../src/results/types.js";
import { makeMetricSummary, makeSummary } from "./run-result-builder.js";

const holds: AssertionOutcome = { assertion: "flaps == 0", holds: true, values: { flaps: 0 } };
const fails: AssertionOutcome = { assertion: "flaps == 0", holds: false, values: { flaps: 2 } };

/** A run with `replicaHours`, the assertions given, and with `cost` a cluster summary. */
function run(value: number, replicaHours: number, assertions: AssertionOutcome[] = [], cost?: number) {
  const cluster = cost === undefined ? {} : { cluster: { total: { cost } } as unknown as ClusterSummary };
  return { values: [value], summary: makeSummary({ replicaHours, ...cluster }), assertions };
}

const report = (runs: SweepReport["runs"]): SweepReport => ({
  names: ["hpa.spec.behavior.scaleDown.stabilizationWindowSeconds"],
  runs,
});

describe("cheapestRun", () => {
  it.each([
    [
      "fewest replica-hours without assertions",
      [run(0, 30), run(60, 20), run(300, 25)],
      { index: 1, value: 20 },
    ],
    [
      "only runs whose assertions hold count",
      [run(0, 10, [fails]), run(60, 20, [holds]), run(300, 15, [holds, fails])],
      { index: 1, value: 20 },
    ],
    ["the first on a tie", [run(0, 20), run(60, 20)], { index: 0, value: 20 }],
    ["none holds: none", [run(0, 10, [fails]), run(60, 20, [fails])], null],
    ["one run: nothing to choose", [run(0, 10)], null],
  ])("%s", (_name, runs, expected) => {
    const best = cheapestRun(report(runs));
    expect(best === null ? null : { index: best.index, value: best.value }).toEqual(expected);
    if (best !== null) expect(best.figure).toBe("replicaHours");
  });

  it("with a cluster model the lowest node cost decides, not replica-hours", () => {
    const best = cheapestRun(report([run(0, 10, [], 9.5), run(60, 30, [], 7.25)]));
    expect(best).toEqual({ index: 1, figure: "cost", value: 7.25 });
  });

  it("the table says which run, by its short names, and what it costs", () => {
    const text = renderSweepTable(
      report([run(0, 10, [fails]), run(60, 20.004, [holds]), run(300, 25, [holds])]),
    );
    expect(
      text.endsWith(
        "\nAssertions hold for 2 of 3 combinations\nFewest replica-hours where every assertion holds: stabilizationWindowSeconds=60 (20 replica-hours)\n",
      ),
    ).toBe(true);
    const plain = renderSweepTable(report([run(0, 10.5), run(60, 20)]));
    expect(
      plain.endsWith("\n\nFewest replica-hours: stabilizationWindowSeconds=0 (10.5 replica-hours)\n"),
    ).toBe(true);
  });
});

describe("the trade-off lines and JSON", () => {
  /** Window `value`: `hours` replica-hours, `above` of the time above the cpu target, nothing unserved. */
  const traded = (value: number, hours: number, above: number, assertions: AssertionOutcome[] = []) => ({
    values: [value],
    summary: makeSummary({
      replicaHours: hours,
      unservedShare: 0,
      metrics: [makeMetricSummary({ shareAboveTarget: above })],
    }),
    assertions,
  });
  const sweep = report([
    traded(0, 10, 0.4, [holds]),
    traded(60, 12, 0.45, [holds]),
    traded(120, 9, 0.2, [fails]),
    traded(300, 14.255, 0.1234, [holds]),
  ]);

  it("the table ends with the front, cheapest first, among the runs whose assertions hold", () => {
    const text = renderSweepTable(sweep);
    expect(
      text.endsWith(
        [
          "Fewest replica-hours where every assertion holds: stabilizationWindowSeconds=0 (10 replica-hours)",
          "Trade-off between replica-hours and time above the cpu target, where every assertion holds (no other combination has less of both):",
          "  stabilizationWindowSeconds=0: 10 replica-hours, 40% of the time above the cpu target",
          "  stabilizationWindowSeconds=300: 14.26 replica-hours, 12.34% of the time above the cpu target",
          "",
        ].join("\n"),
      ),
    ).toBe(true);
  });

  it("JSON names the cheapest and the front by index, with the figures' column names", () => {
    const doc = JSON.parse(renderSweepJson(sweep));
    expect(doc.cheapest).toEqual({ index: 0, figure: "replicaHours", value: 10 });
    expect(doc.tradeOff).toEqual({ cost: "replicaHours", risk: "cpu.shareAboveTarget", front: [0, 3] });
    const single = JSON.parse(renderSweepJson(report([traded(0, 10, 0.1)])));
    expect([single.cheapest, single.tradeOff]).toEqual([null, null]);
  });
});

describe("the line closest to the recorded replicas", () => {
  const backtested = (value: number, meanAbsoluteError: number, bias: number) => ({
    values: [value],
    summary: makeSummary({
      backtest: {
        source: "r.csv",
        alignment: "date-time" as const,
        compared: "replicas" as const,
        comparedSeconds: 3600,
        meanAbsoluteError,
        maxAbsoluteError: 2,
        maxErrorAt: 0,
        bias,
        exactShare: 0.5,
        withinOneShare: 0.9,
        replicaHours: 1,
        recordedReplicaHours: 1,
      },
    }),
    assertions: [],
  });

  it("names the run with the lowest mean |error| (the first on a tie), with its bias", () => {
    const text = renderSweepTable(
      report([backtested(0, 0.8, 0.5), backtested(60, 0.25, -0.125), backtested(300, 0.25, 0)]),
    );
    expect(text).toContain(
      "\nClosest to the recorded replicas: stabilizationWindowSeconds=60 (mean |error| 0.25, bias -0.12 replicas)\n",
    );
    const plus = renderSweepTable(report([backtested(0, 0.8, 0.5), backtested(60, 0.9, 0.5)]));
    expect(plus).toContain("stabilizationWindowSeconds=0 (mean |error| 0.8, bias +0.5 replicas)");
    expect(plus).toMatch(/backtest\.meanAbsoluteError +backtest\.bias/);
  });

  it("says nothing for one backtested run or none", () => {
    expect(renderSweepTable(report([backtested(0, 0.8, 0.5), run(60, 3)]))).not.toContain("Closest");
    expect(renderSweepTable(report([run(0, 2), run(60, 3)]))).not.toContain("Closest");
  });
});
