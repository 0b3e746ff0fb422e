/**
 * The decision core memoizes on immutable inputs (parsed selectors by text, requests per container list and per
 * list of PodInfo objects, one PodMetric per shared usage list, condition texts). These properties check that
 * shared objects and repeated or interleaved calls give byte-for-byte what fresh, unshared copies give.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcileAutoscaler } from "../../src/hpa/controller.js";
import { parseSelector, SelectorParseError } from "../../src/hpa/label-selector.js";
import { calculateRequests } from "../../src/hpa/pod-requests.js";
import type { ControllerState, PodInfo, PodResourceMetrics, SyncInput } from "../../src/hpa/types.js";
import { arbScenario, type Scenario, scenarioToInput } from "./arbitraries.js";
import { makePod, serialize } from "./builders.js";

const RUNS = 300;

/** A deep copy that shares nothing (structuredClone would keep shared references shared). */
function unshared<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => unshared(x)) as T;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unshared(x);
    return out as T;
  }
  return v;
}

/**
 * The same input with as much sharing as the engine produces: one container list for all pods (when they are
 * equal), one labels object per label set, one usage list per distinct usage among the metrics items.
 */
function shared(input: SyncInput): SyncInput {
  const lists = new Map<string, PodInfo["containers"]>();
  const labels = new Map<string, PodInfo["labels"]>();
  const once = <T>(m: Map<string, T>, v: T): T => {
    const key = serialize(v);
    const hit = m.get(key);
    if (hit !== undefined) return hit;
    m.set(key, v);
    return v;
  };
  const pods = input.pods.map((p) => ({
    ...p,
    labels: once(labels, p.labels),
    containers: once(lists, p.containers),
    initContainers: once(lists, p.initContainers),
  }));
  const usage = new Map<string, PodResourceMetrics["containers"]>();
  const resourceMetrics = input.metrics.resourceMetrics.map((m) => ({
    ...m,
    containers: once(usage, m.containers),
  }));
  return { ...input, pods, metrics: { ...input.metrics, resourceMetrics } };
}

/** Every metrics item with the first item's usage (so that many items share one usage list). */
function uniformUsage(input: SyncInput): SyncInput {
  const first = input.metrics.resourceMetrics[0];
  if (first === undefined) return input;
  const resourceMetrics = input.metrics.resourceMetrics.map((m) => ({
    ...m,
    containers: unshared(first.containers),
  }));
  return { ...input, metrics: { ...input.metrics, resourceMetrics } };
}

const sync = (input: SyncInput, state: ControllerState) => serialize(reconcileAutoscaler(input, state));

describe("memoization in the HPA decision core", () => {
  it("shared objects, repeated and interleaved syncs give what unshared copies give", () => {
    fc.assert(
      fc.property(arbScenario(), arbScenario({ reliableMetrics: true }), (a: Scenario, b: Scenario) => {
        const inA = shared(scenarioToInput(a));
        const inB = shared(scenarioToInput(b));
        const expectA = sync(unshared(inA), unshared(a.state));
        const expectB = sync(unshared(inB), unshared(b.state));
        expect(sync(inA, a.state)).toBe(expectA);
        expect(sync(inA, a.state)).toBe(expectA); // every memo warm
        expect(sync(inB, b.state)).toBe(expectB);
        expect(sync(inA, a.state)).toBe(expectA); // after another input
        // the same pods in a new list (as the engine builds one every sync)
        expect(sync({ ...inA, pods: [...inA.pods] }, a.state)).toBe(expectA);
        // pods with equal usage: one usage list, one PodMetric
        const inU = shared(uniformUsage(scenarioToInput(b)));
        expect(sync(inU, b.state)).toBe(sync(unshared(inU), unshared(b.state)));
      }),
      { numRuns: RUNS },
    );
  });

  it("calculateRequests: same names with other requests are not served from the last result", () => {
    const pods = [makePod("web-0"), makePod("web-1")];
    // app 200m + sidecar 100m
    expect(calculateRequests(pods, "", "cpu", true).get("web-0")).toBe(300n);
    const bigger = pods.map((p) =>
      makePod(p.name, { containers: [{ name: "app", requests: { cpu: 700n } }] }),
    );
    expect(calculateRequests(bigger, "", "cpu", true).get("web-0")).toBe(700n);
    expect(calculateRequests(pods, "app", "cpu", true).get("web-1")).toBe(200n);
    expect(calculateRequests(pods, "", "cpu", true).get("web-1")).toBe(300n);
  });

  it("calculateRequests: a failure is reported again, never remembered", () => {
    const noCpu = [makePod("web-0", { containers: [{ name: "app", requests: {} }] })];
    const call = () => calculateRequests(noCpu, "", "cpu", true);
    expect(call).toThrow("missing request for cpu in container app of Pod web-0");
    expect(call).toThrow("missing request for cpu in container app of Pod web-0");
  });

  it("parseSelector: one parse per text; an invalid text fails every time", () => {
    expect(parseSelector("app=web,tier in (a,b)")).toBe(parseSelector("app=web,tier in (a,b)"));
    expect(() => parseSelector("app=web,,")).toThrow(SelectorParseError);
    expect(() => parseSelector("app=web,,")).toThrow(SelectorParseError);
  });
});
