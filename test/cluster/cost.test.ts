import { describe, expect, it } from "vitest";
import {
  costOfNodes,
  integrateNodeCounts,
  nodeCountsAt,
  nodeSecondsBetween,
} from "../../src/cluster/cost.js";
import { makeGroup, makeNode } from "./builders.js";

const PRICES = { general: 0.192, gpu: 0.526 };

describe("cost", () => {
  it("integrates a piecewise-constant node count per group", () => {
    const samples = [
      { at: 0, counts: { general: 2 } },
      { at: 1800, counts: { general: 3, gpu: 1 } },
      { at: 5400, counts: { general: 2 } },
    ];
    // general: 2*1800 + 3*3600 + 2*1800 = 18000 node-seconds = 5 node-hours; 5 * 0.192 = 0.96
    // gpu: 1*3600 = 3600 node-seconds = 1 node-hour; 0.526
    const c = integrateNodeCounts(samples, 7200, PRICES);
    expect(c.perGroup).toStrictEqual({
      general: { nodeSeconds: 18000, nodeHours: 5, cost: (18000 * 0.192) / 3600 },
      gpu: { nodeSeconds: 3600, nodeHours: 1, cost: (3600 * 0.526) / 3600 },
    });
    expect(c.total.nodeSeconds).toBe(21600);
    expect(c.total.nodeHours).toBe(6);
    expect(c.total.cost).toBeCloseTo(1.486, 12);
  });

  it("a sample at or after the end adds nothing; a priced group without nodes costs 0", () => {
    const c = integrateNodeCounts(
      [
        { at: 0, counts: { general: 1 } },
        { at: 60, counts: { general: 9 } },
      ],
      60,
      PRICES,
    );
    expect(c.perGroup.general?.nodeSeconds).toBe(60);
    expect(c.perGroup.gpu).toStrictEqual({ nodeSeconds: 0, nodeHours: 0, cost: 0 });
  });

  it("samples out of order and unpriced groups are errors", () => {
    expect(() =>
      integrateNodeCounts(
        [
          { at: 10, counts: {} },
          { at: 5, counts: {} },
        ],
        20,
        PRICES,
      ),
    ).toThrow("out of time order");
    expect(() => integrateNodeCounts([{ at: 0, counts: { spot: 1 } }], 10, PRICES)).toThrow(
      "spot has no price",
    );
  });

  it("node lifetimes: billed while registered, clipped to the window", () => {
    const g = makeGroup("general");
    const n = makeNode("general-2", g, { createdAt: 600, readyAt: 650, goneAt: 4200 });
    expect(nodeSecondsBetween(n, 0, 3600)).toBe(3000); // 600 .. 3600
    expect(nodeSecondsBetween(n, 3600, 7200)).toBe(600); // 3600 .. 4200
    expect(nodeSecondsBetween(n, 5000, 7200)).toBe(0);
    const always = makeNode("general-1", g);
    // general: 3600 + 3000 = 6600 node-seconds in the first hour
    expect(costOfNodes([always, n], 0, 3600, PRICES).perGroup.general?.nodeSeconds).toBe(6600);
    expect(nodeCountsAt([always, n], 600)).toStrictEqual({ general: 2 });
    expect(nodeCountsAt([always, n], 4200)).toStrictEqual({ general: 1 });
  });
});
