import { describe, expect, test } from "vitest";
import { RUN_JSON_KEYS, renderRunJson, sortKeysDeep } from "../../src/report/run-json.js";
import type { RunResult } from "../../src/results/types.js";
import { makeEvent, makeMetric, makeRow, makeRunResult, makeSummary } from "./run-result-builder.js";

/** The same data with every object's keys inserted in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

function fixture(): RunResult {
  return makeRunResult({
    timeline: [
      makeRow(0, { metrics: { memory: makeMetric(1, 2, 3), cpu: makeMetric(null, 40) } }),
      makeRow(15, { demand: 12.5 }),
    ],
    events: [makeEvent(15)],
    conditions: [{ t: 15, type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "ok" }],
    config: { zeta: { b: 1, a: [3, { y: 1, x: 2 }] }, alpha: 1500n, mid: new Float64Array([0.5, 1]) },
    warnings: ["w1"],
  });
}

describe("renderRunJson", () => {
  test("same input, identical bytes; insertion order of keys does not matter", () => {
    const a = renderRunJson(fixture());
    expect(renderRunJson(fixture())).toBe(a);
    expect(renderRunJson(reversed(fixture()) as RunResult)).toBe(a);
  });

  test("top-level keys in the fixed order; records in declared order; maps key-sorted", () => {
    const text = renderRunJson(fixture());
    expect(text.endsWith("}\n")).toBe(true);
    const doc = JSON.parse(text) as Record<string, unknown>;
    // `workloads` only when several workloads were replayed
    expect(Object.keys(doc)).toEqual(RUN_JSON_KEYS.filter((k) => k !== "workloads"));
    expect(RUN_JSON_KEYS).toEqual([
      "summary",
      "metrics",
      "timeline",
      "events",
      "conditions",
      "seed",
      "config",
      "warnings",
      "workloads",
    ]);
    const summary = doc.summary as Record<string, unknown>;
    expect(Object.keys(summary).slice(0, 3)).toEqual(["durationSeconds", "peakReplicas", "meanReplicas"]);
    const row = (doc.timeline as Record<string, unknown>[])[0] ?? {};
    expect(Object.keys(row)[0]).toBe("t");
    expect(Object.keys(row.metrics as object)).toEqual(["cpu", "memory"]);
    expect(Object.keys((row.metrics as Record<string, object>).cpu ?? {})).toEqual([
      "observed",
      "actual",
      "target",
    ]);
    // config: sorted at every depth, bigint as a quantity, typed array as an array
    expect(doc.config).toEqual({ alpha: "1500m", mid: [0.5, 1], zeta: { a: [3, { x: 2, y: 1 }], b: 1 } });
    expect(text).toContain('"config": {\n    "alpha": "1500m",\n    "mid": [');
    expect(text).toContain('{\n          "x": 2,\n          "y": 1\n        }');
  });

  test("two-space indent and every figure present", () => {
    const text = renderRunJson(makeRunResult({ timeline: [], summary: makeSummary({ metrics: [] }) }));
    expect(text.startsWith('{\n  "summary": {\n    "durationSeconds": 7200,\n')).toBe(true);
    expect(text).toContain('\n  "seed": 42,\n');
    expect(text).toContain('\n  "timeline": [],\n');
  });

  test("cluster: summary.cluster and the rows' nodes / cost in declared order, groups key-sorted", () => {
    const group = { peakNodes: 2, meanNodes: 1.5, nodeHours: 3, cost: 0.57, scaleUps: 1, scaleDowns: 1 };
    const result = makeRunResult({
      timeline: [
        makeRow(0, { pendingPods: 2, nodes: { perGroup: { spot: 0, general: 1 }, total: 1 }, cost: 0 }),
      ],
      summary: makeSummary({
        cluster: {
          nodeGroups: { spot: group, general: group },
          total: group,
          pendingPodSeconds: 120,
          longestPendingSeconds: 60,
          unservedWhilePending: 11.7,
          unservedWhilePendingShare: 0.0117,
          unschedulableAtEnd: [{ pod: "web-1", reason: "0/1 nodes are available: 1 Insufficient cpu." }],
        },
      }),
    });
    const text = renderRunJson(result);
    expect(renderRunJson(reversed(result) as RunResult)).toBe(text);
    const doc = JSON.parse(text);
    expect(Object.keys(doc.summary).slice(-3)).toEqual(["syncs", "oomKills", "cluster"]);
    expect(Object.keys(doc.summary.cluster)).toEqual([
      "nodeGroups",
      "total",
      "pendingPodSeconds",
      "longestPendingSeconds",
      "unservedWhilePending",
      "unservedWhilePendingShare",
      "unschedulableAtEnd",
    ]);
    expect(doc.summary.cluster.unservedWhilePending).toBe(11.7);
    expect(doc.summary.cluster.unservedWhilePendingShare).toBe(0.0117);
    expect(Object.keys(doc.summary.cluster.nodeGroups)).toEqual(["general", "spot"]);
    expect(Object.keys(doc.summary.cluster.total)).toEqual(Object.keys(group));
    const row = doc.timeline[0];
    expect(Object.keys(row).slice(7)).toEqual([
      "pendingPods",
      "startingPods",
      "terminatingPods",
      "nodes",
      "cost",
      "metrics",
    ]);
    expect(row.nodes).toEqual({ perGroup: { general: 1, spot: 0 }, total: 1 });
    expect(Object.keys(row.nodes.perGroup)).toEqual(["general", "spot"]);
  });

  test("sortKeysDeep keeps array order and leaves primitives", () => {
    expect(sortKeysDeep([{ b: 1, a: 2 }, 3, null])).toEqual([{ a: 2, b: 1 }, 3, null]);
    expect(Object.keys(sortKeysDeep({ b: 1, B: 2, a: 3 }) as object)).toEqual(["B", "a", "b"]);
    expect(
      sortKeysDeep(
        new Map([
          ["z", 1],
          ["a", 2],
        ]),
      ),
    ).toEqual({ a: 2, z: 1 });
  });
});
