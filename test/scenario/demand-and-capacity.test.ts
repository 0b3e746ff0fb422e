import { describe, expect, it } from "vitest";
import { compileLoadExpression } from "../../src/metrics/usage-expression.js";
import { DemandUnitError, toDemandSeries, traceSpanSeconds } from "../../src/scenario/demand-units.js";
import { BISECTION_RELATIVE_TOLERANCE, solveLoadAtLimit } from "../../src/scenario/max-load.js";
import { defaultRecordEverySeconds } from "../../src/scenario/scenario-defaults.js";
import type { TimeSeries } from "../../src/trace/types.js";
import { readScenarioJson } from "./scenario-fixtures.js";

function series(values: readonly number[], step = 60): TimeSeries {
  return {
    t: Float64Array.from(values.map((_, i) => i * step)),
    v: Float64Array.from(values),
    startEpochSeconds: null,
    source: "test.csv",
    notes: [],
  };
}

interface UnitCase {
  readonly name: string;
  readonly measures: string;
  readonly values: number[];
  readonly observedReplicas?: number;
  readonly cpuRequestCores?: number;
  readonly expect: number[];
  readonly unit: string;
  readonly expectWarning?: string;
}

describe("toDemandSeries: unit conversions", () => {
  for (const c of readScenarioJson<UnitCase[]>("demand-units.json")) {
    it(c.name, () => {
      const r = toDemandSeries(series(c.values), c.measures, {
        cpuRequestCores: c.cpuRequestCores ?? 0,
        observedReplicas: c.observedReplicas ?? null,
      });
      expect([...r.demand.v]).toStrictEqual(c.expect);
      expect(r.demand.unit).toBe(c.unit);
      expect(r.demand.t).toStrictEqual(series(c.values).t);
      if (c.expectWarning !== undefined) expect(r.warnings.join("\n")).toContain(c.expectWarning);
      else expect(r.warnings).toStrictEqual([]);
    });
  }

  it("requests/min divides each value by 60 exactly (v / 60, not v * (1/60))", () => {
    const values = [7, 13, 59, 61, 1e6 + 1];
    const r = toDemandSeries(series(values), "requests/min", { cpuRequestCores: 0, observedReplicas: null });
    expect([...r.demand.v]).toStrictEqual(values.map((x) => x / 60));
    expect(r.rule).toBe("trace measures requests/min: each value divided by 60 -> requests/s");
  });

  it("utilization without a CPU request cannot be converted", () => {
    expect(() =>
      toDemandSeries(series([0.5]), "utilization", { cpuRequestCores: 0, observedReplicas: 3 }),
    ).toThrow(DemandUnitError);
  });

  it("a conversion that gives a demand that is not finite is refused, naming the time", () => {
    let caught: unknown;
    try {
      toDemandSeries(series([0.5, 1e15]), "utilization", { cpuRequestCores: 1e290, observedReplicas: 1e10 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DemandUnitError);
    expect((caught as Error).message).toBe(
      "the demand at t = 60 s of test.csv is not a finite number: 1000000000000000 converted as utilization gives Infinity",
    );
  });

  it("the default duration is the last sample plus one step", () => {
    expect(traceSpanSeconds(Float64Array.from([0, 60, 120]))).toBe(180);
    expect(traceSpanSeconds(Float64Array.from([0]))).toBeNull();
  });

  it("the default recording step keeps at most 5000 rows on round steps", () => {
    expect(defaultRecordEverySeconds(3600)).toBe(1); // 3600 rows
    expect(defaultRecordEverySeconds(5000)).toBe(1);
    expect(defaultRecordEverySeconds(5001)).toBe(5);
    expect(defaultRecordEverySeconds(86_400)).toBe(30); // 86400 / 5000 = 17.3 -> 30 (2880 rows)
    expect(defaultRecordEverySeconds(172_800)).toBe(60); // 2 days: 34.6 -> 60
    expect(defaultRecordEverySeconds(90 * 86_400)).toBe(1800); // 1555.2 -> 1800 (4320 rows)
  });
});

describe("solveLoadAtLimit: maxLoadPerPod from a CPU limit", () => {
  const solve = (text: string, limit: number) =>
    solveLoadAtLimit(compileLoadExpression(text, "usage.cpu"), limit);

  it("solves linear usage exactly: 10m * load reaches 1 core at 100", () => {
    expect(solve("10m * load", 1)).toStrictEqual({
      load: 100,
      how: "linear usage 0 + 0.01 * load solved exactly",
    });
  });

  it("drops float noise from linear solves: (1 - 50m) / 2m = 475", () => {
    expect(solve("50m + 2m * load", 1).load).toBe(475);
    expect(solve("load", 0.5).load).toBe(0.5); // a cores trace: capacity = the limit
  });

  it("bisects non-linear usage within the documented tolerance", () => {
    // 100m * sqrt(load) = 1 at load 100
    const r = solve("100m * sqrt(load)", 1);
    expect(r.how).toContain("bisection");
    expect(Math.abs((r.load ?? 0) - 100)).toBeLessThanOrEqual(BISECTION_RELATIVE_TOLERANCE * 128);
    // usage at the answer does not exceed the limit
    expect(0.1 * Math.sqrt(r.load ?? 0)).toBeLessThanOrEqual(1);
  });

  it("bisects piecewise-linear usage: min(load, 250) * 10m reaches 1 at 100", () => {
    const r = solve("min(load, 250) * 10m", 1);
    expect(r.how).toContain("bisection");
    expect(Math.abs((r.load ?? 0) - 100)).toBeLessThanOrEqual(BISECTION_RELATIVE_TOLERANCE * 128);
  });

  it("has no capacity when usage never reaches the limit", () => {
    expect(solve("200m", 1).load).toBeNull();
    expect(solve("min(load, 50) * 10m", 1).load).toBeNull();
  });

  it("has zero capacity when idle usage already reaches the limit", () => {
    expect(solve("1 + 1m * load", 1).load).toBe(0);
  });
});
