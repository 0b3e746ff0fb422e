import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  costFigure,
  paretoFront,
  riskFigure,
  type TradeOffRun,
  tradeOff,
} from "../../src/report/sweep-trade-offs.js";
import type { ClusterSummary } from "../../src/results/types.js";
import { makeMetricSummary, makeSummary } from "./run-result-builder.js";

/** A run costing `hours` replica-hours, `above` of the time above a 50% cpu target, `unserved` of the demand lost. */
function run(hours: number, above: number, o: { unserved?: number; holds?: boolean; target?: number } = {}) {
  return {
    summary: makeSummary({
      replicaHours: hours,
      unservedShare: o.unserved ?? 0,
      metrics: [makeMetricSummary({ shareAboveTarget: above, target: o.target ?? 50 })],
    }),
    assertions: o.holds === false ? [{ holds: false }] : [{ holds: true }],
  };
}

/** The front by the definition: holders no other holder matches or beats on both and beats on one (first of equals). */
function dominanceFront(runs: readonly { c: number; k: number; holds: boolean }[]): number[] {
  const on = runs.flatMap((p, i) => {
    if (!p.holds) return [];
    const beaten = runs.some(
      (q, j) => j !== i && q.holds && q.c <= p.c && q.k <= p.k && (q.c < p.c || q.k < p.k || j < i), // an equal one earlier in order stands for both
    );
    return beaten ? [] : [i];
  });
  return on.sort((a, b) => (runs[a]?.c ?? 0) - (runs[b]?.c ?? 0));
}

describe("riskFigure", () => {
  it.each([
    ["unserved load when any run left some", [run(1, 0.5), run(2, 0.1, { unserved: 0.01 })], "unservedShare"],
    [
      "time above the first metric's target when none did",
      [run(1, 0.5), run(2, 0.1)],
      "cpu.shareAboveTarget",
    ],
    [
      "none when the target differs (a sweep of the target)",
      [run(1, 0.5), run(2, 0.1, { target: 60 })],
      null,
    ],
  ])("%s", (_name, runs, column) => {
    expect(riskFigure(runs)?.column ?? null).toBe(column);
  });

  it("none without metrics or unserved load", () => {
    const bare = [{ summary: makeSummary({ unservedShare: 0, metrics: [] }), assertions: [] }];
    expect(riskFigure(bare)).toBeNull();
  });

  it("labels say what the figures are", () => {
    expect(riskFigure([run(1, 0.5)])?.label).toBe("time above the cpu target");
    expect(riskFigure([run(1, 0.5, { unserved: 0.2 })])?.label).toBe("unserved load");
  });
});

describe("costFigure", () => {
  it("replica-hours, or node cost with a cluster model", () => {
    expect(costFigure([run(3, 0)]).column).toBe("replicaHours");
    const cluster = { total: { cost: 7.5 } } as unknown as ClusterSummary;
    const priced = [{ summary: makeSummary({ cluster }), assertions: [] }];
    expect(costFigure(priced)).toMatchObject({ column: "cost", label: "node cost" });
    expect(costFigure(priced).of(makeSummary({ cluster }))).toBe(7.5);
  });
});

describe("tradeOff", () => {
  it.each([
    ["the cheaper-and-riskier staircase, by cost", [run(30, 0.1), run(10, 0.4), run(20, 0.2)], [1, 2, 0]],
    ["a run beaten on both is off it", [run(10, 0.4), run(20, 0.5), run(30, 0.1)], [0, 2]],
    ["same cost, more risk: off it", [run(10, 0.4), run(10, 0.3), run(30, 0.1)], [1, 2]],
    ["equal runs: the first stands for both", [run(10, 0.4), run(10, 0.4), run(30, 0.1)], [0, 2]],
    ["failed assertions take no part", [run(5, 0.05, { holds: false }), run(10, 0.4), run(30, 0.1)], [1, 2]],
  ])("%s", (_name, runs, front) => {
    expect(tradeOff(runs)?.front).toEqual(front);
  });

  it("none when the cheapest is also the safest, for one run, or without a comparable risk", () => {
    expect(tradeOff([run(10, 0.1), run(20, 0.4)])).toBeNull();
    expect(tradeOff([run(10, 0.1)])).toBeNull();
    expect(tradeOff([run(10, 0.4), run(20, 0.1, { target: 70 })])).toBeNull();
  });

  it("property: the front is exactly the runs no other holder beats (brute force over all pairs)", () => {
    const point = fc.record({
      c: fc.integer({ min: 0, max: 6 }),
      k: fc.integer({ min: 0, max: 6 }),
      holds: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 12 }), (points) => {
        const runs: TradeOffRun[] = points.map((p) => run(p.c, p.k / 10, { holds: p.holds }));
        const cost = costFigure(runs);
        const risk = riskFigure(runs);
        if (risk === null) return;
        const front = paretoFront(runs, cost, risk);
        const expected = dominanceFront(points);
        expect([...front].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
        // cheapest first, and each step buys less risk
        for (let i = 1; i < front.length; i++) {
          const [a, b] = [points[front[i - 1] as number], points[front[i] as number]];
          expect((a?.c ?? 0) < (b?.c ?? 0) && (a?.k ?? 0) > (b?.k ?? 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
