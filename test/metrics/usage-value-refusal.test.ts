/**
 * A usage expression's value is checked at every load the replay evaluates it at, not only at load 0: a value
 * that is not a finite number (`sqrt(30 - load)` beyond 30), or a negative CPU or memory amount, is bad input
 * (ExpressionError, exit 2) naming the expression's label and the load; a Pods or External metric may be
 * negative. The capacity search (max-load.ts), which probes loads the replay may never reach, sees such values
 * as values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileLoadExpression,
  ExpressionError,
  isResourceUsageField,
  UsageValueError,
} from "../../src/metrics/usage-expression.js";
import { solveLoadAtLimit } from "../../src/scenario/max-load.js";

const LABEL = "scenario.yaml: spec.workload.usage.cpu";
const cpu = (text: string) =>
  compileLoadExpression(text, "spec.workload.usage.cpu", { nonNegative: true, label: LABEL });

function refusal(f: (load: number) => number, load: number): string {
  try {
    f(load);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageValueError);
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  throw new Error(`the value at load ${load} was accepted`);
}

describe("usage values refused during the replay", () => {
  it.each([
    ["20m + sqrt(30 - load) * 10m", 31, "is NaN at load 31"],
    ["100m - 1m * load", 150, "is negative (-0.04999999999999999) at load 150"],
    ["1 / (40 - load)", 40, "is Infinity at load 40"],
    ["log(50 - load)", 50, "is -Infinity at load 50"],
  ])("%j at load %d: %s", (text, load, what) => {
    expect(refusal(cpu(text), load)).toBe(
      `${LABEL}: ${JSON.stringify(text)} ${what}: it must be a finite number >= 0 at every load the replay reaches`,
    );
  });

  it("a negative CPU at load 0 is refused when compiled, naming the field", () => {
    expect(() => cpu("-1")).toThrow(
      'spec.workload.usage.cpu: "-1" is negative (-1) at load 0: it must be a finite number >= 0',
    );
  });

  it("a metric may be negative, never NaN", () => {
    const metric = compileLoadExpression("10 - load", "spec.workload.usage.podMetrics.delta");
    expect(metric(25)).toBe(-15);
    const root = compileLoadExpression("sqrt(10 - load)", "spec.workload.usage.podMetrics.root");
    expect(refusal(root, 11)).toContain("is NaN at load 11: it must be a finite number at every load");
  });

  it("accepted values are returned unchanged (property: the check never alters a value)", () => {
    const f = cpu("20m + 4m * load");
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (load) => {
        expect(f(load)).toBe(0.02 + 0.004 * load);
      }),
    );
  });

  it.each([
    ["cpu", true],
    ["memory", true],
    ["containers.istio-proxy.cpu", true],
    ["containers.app.memory", true],
    ["podMetrics.cpu", false],
    ["clusterMetrics.memory", false],
    ["podMetrics.rps", false],
  ])("isResourceUsageField(%j) = %s", (field, resource) => {
    expect(isResourceUsageField(field)).toBe(resource);
  });
});

describe("the capacity search reads refused values as values", () => {
  it("a usage that turns negative beyond the limit solves as the raw function does", () => {
    // 100m + 10m * load reaches the 1-core limit at load 90, whatever it does at the probe loads
    const checked = cpu("min(100m + 10m * load, 5 - 10m * load)");
    const raw = (load: number) => Math.min(0.1 + 0.01 * load, 5 - 0.01 * load);
    expect(solveLoadAtLimit(checked, 1)).toStrictEqual(solveLoadAtLimit(raw, 1));
    expect(solveLoadAtLimit(checked, 1).load).toBeCloseTo(90, 6);
  });

  it("NaN beyond the root: the same answer as the raw function gives", () => {
    const checked = cpu("20m + sqrt(30 - load) * 10m");
    const raw = (load: number) => 0.02 + Math.sqrt(30 - load) * 0.01;
    expect(solveLoadAtLimit(checked, 1)).toStrictEqual(solveLoadAtLimit(raw, 1));
  });
});
