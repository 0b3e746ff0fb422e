/**
 * PodDisruptionBudgets in the replay. Evictions go through the eviction subresource, which refuses one that
 * would take the pods the budget selects below its desired healthy count (disruption.go, eviction.go):
 * - the VPA updater (vpa-replay.test.ts's four pods requesting 100m, using 300m, Recreate mode): without a
 *   budget it evicts floor(4 x 0.5) = 2 pods per loop, at 0 and 60; with maxUnavailable 1 the second eviction
 *   of a loop is refused (the first evicted pod is terminating, so 3 are healthy of the 3 desired) and the
 *   replacement is Ready 15 s later, so one pod goes per loop: 0, 60, 120, 180; with maxUnavailable 0 none;
 * - the cluster autoscaler (cluster-scale-down.test.ts's burst and drop): the node general-2 left at 25 %
 *   is drained at 960 s without a budget or with maxUnavailable 1, never with maxUnavailable 0 (its pods'
 *   budget blocks the drain: NotEnoughPdb);
 * - its drain's evictions (drain.go): four 300m pods spread over two nodes, both at 30 %: general-1 is removed
 *   (tainted at 610, drained at 615). Without a budget both its pods go at 615. With maxUnavailable 1 the
 *   second is refused and retried every 10 s: its sibling's replacement (created 615, Ready 630 with a 5 s
 *   start-up and 10 s readiness) frees the budget, so it goes at 635; with a 150 s start-up the replacement
 *   is not Ready before the deadline (615 + 2 min): the drain fails at 735 and the node stays.
 */
import { describe, expect, it } from "vitest";
import type { IntOrPercent } from "../../src/cluster/disruption-budget.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
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

describe("the cluster autoscaler's drain evictions under a PodDisruptionBudget", () => {
  const twoNodes = (startupSeconds: number) =>
    makeRunInputs({
      replicas: 4,
      minReplicas: 4,
      maxReplicas: 4,
      cpuRequestMilli: 300n,
      demand: [[0, 40]],
      durationSeconds: 1800,
      recordEverySeconds: 5,
      startupSeconds,
      cluster: clusterOf([generalGroup({ initialSize: 2 })]),
    });
  const row = (r: ReturnType<typeof simulate>, t: number) => r.timeline.find((x) => x.t === t);
  const minReady = (r: ReturnType<typeof simulate>) => Math.min(...r.timeline.map((x) => x.readyReplicas));

  it("without a budget both pods of general-1 go at 615; the node is gone once they are (645)", () => {
    const r = simulate(twoNodes(5));
    expect([row(r, 615)?.terminatingPods, row(r, 640)?.nodes?.total, row(r, 645)?.nodes?.total]).toEqual([
      2, 2, 1,
    ]);
    expect(minReady(r)).toBe(2);
  });

  it("maxUnavailable 1: the second pod goes at 635, once the first one's replacement is Ready", () => {
    const r = simulate(withBudget(twoNodes(5), { int: 1 }));
    // the first pod terminates from 615 to 645, the second from 635 to 665
    const terminating = [615, 630, 635, 645, 660, 665].map((t) => row(r, t)?.terminatingPods);
    expect(terminating).toEqual([1, 1, 2, 1, 1, 0]);
    // the node goes when its last pod is gone: 635 + 30 s grace
    expect([row(r, 660)?.nodes?.total, row(r, 665)?.nodes?.total]).toEqual([2, 1]);
    expect(minReady(r)).toBe(3);
  });

  it("maxUnavailable 1 with a 150 s start-up: the drain fails at 615 + 120 s and the node stays", () => {
    const r = simulate(withBudget(twoNodes(150), { int: 1 }));
    const failed = r.events.filter((e) => e.reason === "ScaleDownFailed");
    expect(failed.map((e) => [e.t, e.type, e.object.split("/")[0], e.message.slice(0, 33)])).toEqual([
      [735, "Warning", "Pod", "failed to delete pod for ScaleDow"],
      [735, "Warning", "Node", "failed to drain and delete node: "],
    ]);
    expect(failed[0]?.message).toBe("failed to delete pod for ScaleDown");
    expect(failed[1]?.message).toMatch(
      /^failed to drain and delete node: Failed to drain node \/general-1, due to following errors: \[failed to evict pod default\/web-\w+ within allowed timeout \(last error: Cannot evict pod as it would violate the pod's disruption budget\.\)\]$/,
    );
    expect(row(r, 900)?.nodes?.total).toBe(2);
    expect(minReady(r)).toBe(3);
    // the next scale-down waits out --scale-down-delay-after-failure (3 min) at least
    const next = r.events.find((e) => e.reason === "ScaleDown" && e.t > 735);
    expect(next?.t).toBeGreaterThanOrEqual(735 + 180);
  });

  it("is the same visiting every second (the retries are moments of their own)", () => {
    for (const startup of [5, 150]) {
      const inputs = withBudget(twoNodes(startup), { int: 1 });
      const jump = simulate(inputs);
      const each = simulate(inputs, { everySecond: true });
      expect(jump.events).toEqual(each.events);
      expect(jump.timeline).toEqual(each.timeline);
    }
  });
});
