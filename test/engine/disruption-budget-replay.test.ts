/**
 * PodDisruptionBudgets in the replay. Evictions go through the eviction subresource, which refuses one that
 * would take the pods the budget selects below its desired healthy count (disruption.go, eviction.go):
 * - the VPA updater (vpa-replay.test.ts's four pods requesting 100m, using 300m, Recreate mode): without a
 *   budget it evicts floor(4 x 0.5) = 2 pods per loop, at 0 and 60; with maxUnavailable 1 the second eviction
 *   of a loop is refused (the first evicted pod is terminating, so 3 are healthy of the 3 desired) and the
 *   replacement is Ready 15 s later, so one pod goes per loop: 0, 60, 120, 180; with maxUnavailable 0 none;
 * - the cluster autoscaler (cluster-scale-down.test.ts's burst and drop): the node general-2 left at 25 %
 *   is drained at 960 s without a budget or with maxUnavailable 1, never with maxUnavailable 0 (its pods'
 *   budget blocks the drain: NotEnoughPdb).
 */
import { describe, expect, it } from "vitest";
import type { IntOrPercent } from "../../src/cluster/disruption-budget.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { burstThenDrop, clusterOf, generalGroup } from "./cluster-builders.js";
import { vpaRun } from "./vpa-builders.js";

function withBudget(inputs: RunInputs, maxUnavailable: IntOrPercent | undefined): RunInputs {
  if (maxUnavailable === undefined) return inputs;
  const budget = {
    name: "web",
    namespace: "default",
    selector: "app=web",
    maxUnavailable,
    unhealthyPodEvictionPolicy: "IfHealthyBudget" as const,
  };
  return { ...inputs, disruptionBudgets: [budget] };
}

const evictionTimes = (inputs: RunInputs) => {
  const r = simulate(inputs);
  return {
    times: r.events.filter((e) => e.reason === "EvictedByVPA").map((e) => e.t),
    refused: r.summary.vpa?.evictionsRefusedByBudget,
  };
};

describe("the VPA updater's evictions under a PodDisruptionBudget", () => {
  it("without a budget: 2 per loop", () => {
    expect(evictionTimes(vpaRun("Recreate"))).toEqual({ times: [0, 0, 60, 60], refused: undefined });
  });

  it("maxUnavailable 1: one per loop, each after the previous replacement is Ready", () => {
    // the updater tries every pod still to update while its own budget (2 per loop) is not used up, and a
    // refused eviction does not use it: loop 0 evicts the first of 4 and is refused the other 3 (the first is
    // terminating: 3 healthy of 3 desired); its replacement is Ready at 15, so loop 60 evicts the second of the
    // 3 left (2 refused), 120 the third (1 refused), 180 the last: 3 + 2 + 1 = 6 refusals
    const r = evictionTimes(withBudget(vpaRun("Recreate"), { int: 1 }));
    expect(r.times).toEqual([0, 60, 120, 180]);
    expect(r.refused).toBe(6);
  });

  it("maxUnavailable 0: nothing is evicted, every attempt refused", () => {
    // 15 updater loops (0, 60, ..., 840), each trying 4 pods
    expect(evictionTimes(withBudget(vpaRun("Recreate"), { int: 0 }))).toEqual({ times: [], refused: 60 });
  });

  it("a budget that selects other pods changes nothing", () => {
    const other = withBudget(vpaRun("Recreate"), { int: 0 });
    const inputs = { ...other, disruptionBudgets: [{ ...other.disruptionBudgets?.[0], selector: "app=db" }] };
    expect(evictionTimes(inputs as RunInputs).times).toEqual([0, 0, 60, 60]);
  });
});

describe("the cluster autoscaler's drains under a PodDisruptionBudget", () => {
  const drains = (inputs: RunInputs) =>
    simulate(inputs)
      .events.filter((e) => e.reason === "ScaleDown")
      .map((e) => [e.t, e.message.slice(0, 35)]);

  it("drains general-2 at 960 without a budget and with maxUnavailable 1", () => {
    const expected = [[960, "Scale-down: removing node general-2"]];
    expect(drains(burstThenDrop(clusterOf([generalGroup()]), 1500))).toEqual(expected);
    expect(drains(withBudget(burstThenDrop(clusterOf([generalGroup()]), 1500), { int: 1 }))).toEqual(
      expected,
    );
  });

  it("never drains a node of the budget's pods with maxUnavailable 0", () => {
    expect(drains(withBudget(burstThenDrop(clusterOf([generalGroup()]), 1500), { int: 0 }))).toEqual([]);
  });

  it("is the same visiting every second (the budgets' status is read at every loop)", () => {
    const inputs = withBudget(burstThenDrop(clusterOf([generalGroup()]), 1500), { percent: 25 });
    const jump = simulate(inputs);
    const each = simulate(inputs, { everySecond: true });
    expect(jump.events).toEqual(each.events);
    expect(jump.timeline).toEqual(each.timeline);
  });
});
