import { describe, expect, test } from "vitest";
import { csvCell, renderTimelineCsv } from "../../src/report/timeline-csv.js";
import { CPU, makeMetric, makeRow, makeRunResult } from "./run-result-builder.js";

const BASE =
  "t,demand,served,unserved,desiredReplicas,replicas,readyReplicas,pendingPods,startingPods,terminatingPods";

describe("renderTimelineCsv", () => {
  test("header and rows, metrics in RunResult.metrics order, null as an empty cell", () => {
    const queue = {
      key: "external/queue_depth",
      description: "queue_depth (external)",
      unit: "1",
      target: 30,
    };
    const result = makeRunResult({
      metrics: [queue, CPU],
      timeline: [
        makeRow(0, { demand: 0.1 + 0.2, served: 0.3, metrics: { cpu: makeMetric(null, 12.5) } }),
        makeRow(15, {
          demand: 100 / 3, // 33.333333 (6 decimals)
          served: 30,
          unserved: 100 / 3 - 30,
          desiredReplicas: 3,
          pendingPods: 1,
          metrics: { cpu: makeMetric(40, 41.25), "external/queue_depth": makeMetric(7, 8, 30) },
        }),
      ],
    });
    expect(renderTimelineCsv(result)).toBe(
      [
        `${BASE},external/queue_depth.observed,external/queue_depth.actual,external/queue_depth.target,cpu.observed,cpu.actual,cpu.target`,
        // queue_depth missing from the first row: three empty cells; cpu observed null: empty
        "0,0.3,0.3,0,2,2,2,0,0,0,,,,,12.5,50",
        "15,33.333333,30,3.333333,3,2,2,1,0,0,7,8,30,40,41.25,50",
        "",
      ].join("\n"),
    );
  });

  test("an empty timeline is the header alone", () => {
    expect(renderTimelineCsv(makeRunResult({ timeline: [], metrics: [] }))).toBe(`${BASE}\n`);
  });

  test("RFC 4180 quoting of header cells that need it", () => {
    const odd = { key: 'pods/a,"b"', description: "odd", unit: "1", target: 1 };
    const header = renderTimelineCsv(makeRunResult({ metrics: [odd], timeline: [] })).trimEnd();
    expect(header).toBe(`${BASE},"pods/a,""b"".observed","pods/a,""b"".actual","pods/a,""b"".target"`);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  test("with a cluster model: nodes per group (key-sorted), their total and the cost after the fixed columns", () => {
    const nodes = (a: number, b: number) => ({ perGroup: { spot: b, general: a }, total: a + b });
    const result = makeRunResult({
      timeline: [
        makeRow(0, { nodes: nodes(1, 0), cost: 0 }),
        makeRow(60, { pendingPods: 3, nodes: nodes(1, 1), cost: 0.19 / 60 }), // 60 s of one 0.19/h node
      ],
    });
    expect(renderTimelineCsv(result)).toBe(
      [
        `${BASE},nodes.general,nodes.spot,nodes.total,cost,cpu.observed,cpu.actual,cpu.target`,
        "0,10,10,0,2,2,2,0,0,0,1,0,1,0,40,40,50",
        "60,10,10,0,2,2,2,3,0,0,1,1,2,0.003167,40,40,50",
        "",
      ].join("\n"),
    );
    expect(renderTimelineCsv(makeRunResult())).not.toContain("nodes");
  });

  test("equal inputs give identical text", () => {
    expect(renderTimelineCsv(makeRunResult())).toBe(renderTimelineCsv(makeRunResult()));
  });
});
