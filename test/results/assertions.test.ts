/**
 * Assertions (results/assertion-expression.ts, assertion-scope.ts, assertions.ts): the expressions of
 * test/fixtures/assertions/expressions.json judged on a fixed scope and the invalid ones refused with their
 * message; the names a run has; a name the run lacks.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ExpressionError } from "../../src/metrics/usage-expression.js";
import { compileAssertion } from "../../src/results/assertion-expression.js";
import { assertionScope, isAssertionName, pathSegment } from "../../src/results/assertion-scope.js";
import { checkAssertions, compileAssertions } from "../../src/results/assertions.js";
import { makeMetricSummary, makeRow, makeRunResult, makeSummary } from "../report/run-result-builder.js";

interface Fixture {
  readonly scope: Record<string, number>;
  readonly holds: readonly { readonly assertion: string; readonly holds: boolean }[];
  readonly invalid: readonly { readonly assertion: string; readonly error: string }[];
}
const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/assertions/expressions.json", import.meta.url)), "utf8"),
) as Fixture;

describe("assertion expressions", () => {
  it.each(fixture.holds.map((c) => [c.assertion, c.holds] as const))("%s -> %s", (text, holds) => {
    const a = compileAssertion(text, "--assert");
    for (const n of a.names) expect(fixture.scope).toHaveProperty([n]);
    expect(a.holds((n) => fixture.scope[n] as number)).toBe(holds);
  });

  it.each(fixture.invalid.map((c) => [c.assertion, c.error] as const))("refuses %j", (text, error) => {
    expect(() => compileAssertion(text, "--assert")).toThrow(ExpressionError);
    expect(() => compileAssertion(text, "--assert")).toThrow(error);
    expect(() => compileAssertion(text, "--assert")).toThrow(/^--assert: /);
  });

  it("names the scenario's assertions by index", () => {
    expect(() => compileAssertions(["flaps == 0"], ["flaps == 0", "flap == 0"])).toThrow(
      /^spec\.assertions\[1\]: unknown name "flap"/,
    );
  });
});

describe("the run's figures", () => {
  const run = makeRunResult({
    summary: makeSummary({
      metrics: [
        makeMetricSummary({ key: "cpu/app", peakActual: 92.5 }),
        makeMetricSummary({ key: "external/queue_depth" }),
      ],
    }),
    timeline: [
      makeRow(0, { pendingPods: 2, readyReplicas: 1 }),
      makeRow(60, { pendingPods: 0, readyReplicas: 3 }),
    ],
  });

  it("the summary, each metric by its key as a path segment, the timeline's extremes", () => {
    const scope = assertionScope(run);
    expect(scope.get("peakReplicas")).toBe(10);
    expect(scope.get("flaps")).toBe(2);
    expect(scope.get("metrics.cpu_app.peakActual")).toBe(92.5);
    expect(scope.has("metrics.external_queue_depth.shareAboveTarget")).toBe(true);
    expect([scope.get("max.pendingPods"), scope.get("min.pendingPods")]).toEqual([2, 0]);
    expect([scope.get("max.readyReplicas"), scope.get("min.readyReplicas")]).toEqual([3, 1]);
    expect([...scope.keys()].some((k) => k.startsWith("cluster.") || k.startsWith("vpa."))).toBe(false);
    for (const k of scope.keys()) expect(isAssertionName(k)).toBe(true);
    expect(pathSegment("istio-proxy")).toBe("istio_proxy");
  });

  it("judges each assertion with the values it read", () => {
    const assertions = compileAssertions(["peakReplicas <= 10", "metrics.cpu_app.peakActual < 90"], []);
    expect(checkAssertions(assertions, run)).toEqual([
      { assertion: "peakReplicas <= 10", holds: true, values: { peakReplicas: 10 } },
      {
        assertion: "metrics.cpu_app.peakActual < 90",
        holds: false,
        values: { "metrics.cpu_app.peakActual": 92.5 },
      },
    ]);
  });

  it.each([
    ["metrics.memory.peakActual < 1", "this run has metrics.cpu_app.shareAboveTarget"],
    ["cluster.total.cost < 1", "it has no cluster model (spec.cluster)"],
    ["vpa.evictions == 0", "it has no VerticalPodAutoscaler"],
  ])("a figure the run lacks: %s", (text, hint) => {
    const assertions = compileAssertions([text], []);
    expect(() => checkAssertions(assertions, run)).toThrow(ExpressionError);
    expect(() => checkAssertions(assertions, run)).toThrow(hint);
  });
});
