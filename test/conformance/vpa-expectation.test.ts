/** The VPA comparison rules of FORMAT-vpa-ca.md: each accepts the right answer and rejects a wrong one. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";
import { compareVpaExpectation } from "../../src/conformance/vpa-expectation.js";

const file = fileURLToPath(new URL("../../../shared/conformance/vpa/vpa.json", import.meta.url));
const cases = JSON.parse(readFileSync(file, "utf8")) as ConformanceCase[];

function vector(name: string): ConformanceCase {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no vector ${name}`);
  return c;
}

function statusWith(c: ConformanceCase, expectPatch: Record<string, unknown>): string {
  return runCase("vpa.json", { ...c, expect: { ...c.expect, ...expectPatch } }, 0).status;
}

describe("compareVpaExpectation", () => {
  it("tolerance: relative and absolute bounds, exact without one", () => {
    expect(compareVpaExpectation({ x: 1 }, { x: 1 + 2 ** -52 }, { relative: 1e-15 })).toEqual([]);
    expect(compareVpaExpectation({ x: 1 }, { x: 1.001 }, { relative: 1e-15 })).toHaveLength(1);
    expect(compareVpaExpectation({ x: [9] }, { x: [9.00005] }, { absolute: 0.0001 })).toEqual([]);
    expect(compareVpaExpectation({ x: 1 }, { x: 1 + 2 ** -52 })).toHaveLength(1);
  });

  it("error: true needs an error, error: false needs none", () => {
    expect(compareVpaExpectation({ error: true }, { error: "bad bucket" })).toEqual([]);
    expect(compareVpaExpectation({ error: true }, { totalWeight: 1 })).toHaveLength(1);
    expect(compareVpaExpectation({ error: false, n: 1 }, { n: 1 })).toEqual([]);
  });

  it("histogramCalls compare as sets", () => {
    const a = { h: "memory", fn: "add", value: 5, weight: 1, at: 1 };
    const b = { h: "memory", fn: "subtract", value: 5, weight: 1, at: 1 };
    expect(compareVpaExpectation({ histogramCalls: [a, b] }, { histogramCalls: [b, a] })).toEqual([]);
    expect(compareVpaExpectation({ histogramCalls: [a] }, { histogramCalls: [a, b] })).toHaveLength(1);
    expect(compareVpaExpectation({ histogramCalls: [a, b] }, { histogramCalls: [a] })).toHaveLength(1);
  });

  it("annotations: containment, null = none", () => {
    const list = ["cpu capped to minAllowed", "memory capped to maxAllowed"];
    expect(
      compareVpaExpectation({ annotationContains: "cpu capped to minAllowed" }, { annotationContains: list }),
    ).toEqual([]);
    expect(compareVpaExpectation({ annotationContains: null }, { annotationContains: list })).toHaveLength(1);
    expect(compareVpaExpectation({ annotationContains: null }, { annotationContains: [] })).toEqual([]);
    expect(compareVpaExpectation({ annotationsContain: ["x"] }, { annotationsContain: list })).toHaveLength(
      1,
    );
  });

  it("bucketWeights is an exact map", () => {
    expect(
      compareVpaExpectation({ bucketWeights: { "2": 10000 } }, { bucketWeights: { "2": 10000 } }),
    ).toEqual([]);
    expect(
      compareVpaExpectation({ bucketWeights: { "2": 10000 } }, { bucketWeights: { "1": 1, "2": 10000 } }),
    ).toHaveLength(1);
  });
});

describe("the rules reject wrong answers on real vectors", () => {
  it("histogram Equals: other samples fail", () => {
    const merge = vector("merge equals union of samples");
    expect(
      statusWith(merge, {
        equalsHistogramWithSamples: [
          [1, 1],
          [2, 1],
          [3, 1],
        ],
      }),
    ).toBe("failed");
    const decaying = vector("merge aligns reference timestamps");
    // Same samples, other order: the first sample sets another reference timestamp.
    expect(
      statusWith(decaying, {
        equalsHistogramWithSamplesInOrder: [
          [1, 1, 1234567890],
          [2, 1, 1234571490],
          [3, 1, 1234571490],
          [2, 1, 1234575090],
        ],
      }),
    ).toBe("failed");
    const byName = vector("aggregation groups containers by name across pods");
    expect(
      statusWith(byName, {
        memoryPeaksOfAppA: [
          [2000000000, 1, "windowEnd of pod-1/app-A"],
          [10000000000, 1, "windowEnd of pod-1/app-B"],
        ],
      }),
    ).toBe("failed");
  });

  it("annotations: a capped container with `null` expected fails, and vice versa", () => {
    expect(
      statusWith(vector("RequestsOnly caps target/upper to container limit"), { annotationContains: null }),
    ).toBe("failed");
    expect(
      statusWith(vector("no capping for RequestsAndLimits"), {
        annotationContains: "memory capped to container limit",
      }),
    ).toBe("failed");
  });
});
