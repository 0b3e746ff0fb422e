/**
 * The cluster autoscaler's soft taint steers the scheduler (softtaint.go + taint_toleration.go Score).
 *
 * Two 2-core nodes, three pods requesting 600m: the scheduler spreads them general-1, general-2, general-1
 * (LeastAllocated, ties by name), so general-1 is at 60 % and general-2 at 30 %. The autoscaler's first loop
 * (t = 0) finds general-2 unneeded (below 50 %, its pod fits on general-1) and soft-taints it
 * (DeletionCandidateOfClusterAutoscaler:PreferNoSchedule). At 15 the HPA adds a fourth pod (120 rps / 3 pods
 * = 40 rps -> 400m = 66 % of 600m, ratio 1.32 -> ceil(3.96) = 4). Both nodes fit it; LeastAllocated alone
 * prefers general-2 (emptier), but general-2's untolerated PreferNoSchedule taint scores 0 of 100 at weight 3
 * against general-1's 100, so it goes to general-1. general-1 is then at 90 %: general-2's pod no longer fits
 * there, general-2 is needed again, and the loop at 20 removes its soft taint.
 * With --max-bulk-soft-taint-count 0 (soft taints off) the pod goes to general-2.
 */
import { describe, expect, it } from "vitest";
import type { ClusterStepView } from "../../src/engine/cluster-phase.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";

function run(maxBulkSoftTaintCount: number, everySecond = false) {
  const base = makeRunInputs({
    replicas: 3,
    minReplicas: 3,
    maxReplicas: 6,
    cpuRequestMilli: 600n,
    demand: [[0, 120]],
    durationSeconds: 300,
    recordEverySeconds: 5,
    cluster: clusterOf([generalGroup({ initialSize: 2 })]),
  });
  const cluster = base.cluster as NonNullable<RunInputs["cluster"]>;
  const inputs = { ...base, cluster: { ...cluster, ca: { ...cluster.ca, maxBulkSoftTaintCount } } };
  const views: { t: number; bindings: string[]; tainted: string[] }[] = [];
  const onClusterStep = (v: ClusterStepView) =>
    views.push({
      t: v.t,
      bindings: v.bindings.map((b) => b.node),
      tainted: v.nodes
        .filter((n) => n.taints.some((x) => x.key === "DeletionCandidateOfClusterAutoscaler"))
        .map((n) => n.name),
    });
  const r = simulate(inputs, { onClusterStep, everySecond });
  return { r, at: (t: number) => views.find((v) => v.t === t) };
}

describe("cluster autoscaler soft taints", () => {
  it("soft-taints the unneeded node at 0 and places the new pod on the needed one at 15", () => {
    const { r, at } = run(10);
    expect(r.events.map((e) => [e.t, e.reason])).toEqual([[15, "SuccessfulRescale"]]);
    expect(at(0)?.tainted).toEqual(["general-2"]);
    expect(at(15)?.bindings).toEqual(["general-1", "general-2", "general-1", "general-1"]);
    // needed again once the pod landed: the taint goes at the next loop
    expect([at(15)?.tainted, at(20)?.tainted]).toEqual([["general-2"], []]);
  });

  it("without soft taints the new pod goes to the emptier node", () => {
    const { at } = run(0);
    expect(at(0)?.tainted).toEqual([]);
    expect(at(15)?.bindings).toEqual(["general-1", "general-2", "general-1", "general-2"]);
  });

  it("is the same visiting every second", () => {
    const jump = run(10).r;
    const each = run(10, true).r;
    expect(jump.timeline).toEqual(each.timeline);
    expect(jump.events).toEqual(each.events);
  });
});
