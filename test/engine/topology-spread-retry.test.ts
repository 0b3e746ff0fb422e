/**
 * A Pending pod held by a DoNotSchedule spread constraint is retried when a pod it counted is deleted, with no
 * node event in between (kube-scheduler's PodTopologySpread counts no terminating pod: filtering.go skips pods
 * with a deletionTimestamp, and a pod deletion requeues the unschedulable pods). Derived by hand:
 *
 * Nodes (no autoscaling: each group at its fixed size): za-1 in zone a, 4000m (8 pods of 500m); zb-1 in zone b,
 * 1000m (2 pods). Both Deployments' pods carry `tier: front`; `web`'s pods must keep the zones' counts of
 * `tier: front` pods within 1 (maxSkew 1, DoNotSchedule, on topology.kubernetes.io/zone); `batch` is pinned to
 * zone a (nodeSelector) and has no constraint.
 *
 * The skew of a domain is (its count + 1 for the incoming pod) - (the smallest count over the zones).
 * - t = 0: batch (the main workload, placed first) has its 3 pods on za-1 (a = 3). web's first pod: zone a
 *   (3 + 1) - 0 = 4 > 1, zone b (0 + 1) - 0 = 1: zb-1; its second: zone a 4 - 1 = 3, zone b (1 + 1) - 1 = 1:
 *   zb-1 again (b = 2, zb-1 full).
 * - t = 15: web's HPA (demand 1000/s, 2 pods at 1000% of 500m) scales to its maximum 3; the new pod: zone a
 *   (3 + 1) - 2 = 2 > 1, zone b has no room: Pending (FailedScheduling).
 * - batch's demand drops to 0 at t = 40. Its 3 pods used 1000/3 requests/s each, 3.33 cores = 667% of 500m; the
 *   scrape at 45 averages [30, 45) (10 s of that, 5 s of none): 444%, desired capped at 3. The scrape at 60
 *   averages [45, 60), all idle: 0%, so the sync at 60 wants minReplicas 1; with scale-down stabilization 0 s and
 *   the default policy (100% per 15 s) batch goes 3 -> 1 at 60.
 *   Two batch pods turn terminating at 60 (a = 1), and the Pending web pod fits zone a ((1 + 1) - 1 = 1): bound
 *   to za-1 at 60, though no node changed.
 */
import { describe, expect, it } from "vitest";
import type { NodeGroupSpec } from "../../src/cluster/node-groups.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import type { ClusterStepView } from "../../src/engine/cluster-phase.js";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { asOtherWorkload, makeRunInputs } from "./builders.js";
import { generalGroup } from "./cluster-builders.js";

const GIB = 1024 ** 3;
const ZONE = "topology.kubernetes.io/zone";

function zoneGroup(name: string, zone: string, cpuMilli: number): NodeGroupSpec {
  const shape = { cpuMilli, memBytes: 16 * GIB, pods: 110 };
  return generalGroup({
    name,
    capacity: shape,
    allocatable: shape,
    labels: { [ZONE]: zone },
    minSize: 1,
    maxSize: 1,
    initialSize: 1,
  });
}

/** batch is the main workload (its initial pods are placed first), web the other one. */
function inputs(spread: boolean): RunInputs {
  const cluster = {
    nodeGroups: [zoneGroup("za", "a", 4000), zoneGroup("zb", "b", 1000)],
    scoring: "LeastAllocated" as const,
    ca: { ...DEFAULT_CA_CONFIG, scaleDownEnabled: false },
    caScanIntervalSeconds: 10,
  };
  const batchRun = makeRunInputs({
    replicas: 3,
    minReplicas: 1,
    maxReplicas: 3,
    demand: [
      [0, 1000],
      [40, 0],
    ],
    durationSeconds: 120,
    recordEverySeconds: 1,
    behavior: { scaleDown: { stabilizationWindowSeconds: 0 } },
    cluster,
    target: {
      name: "batch",
      podLabels: { app: "batch", tier: "front" },
      selector: "app=batch",
      scheduling: { nodeSelector: { [ZONE]: "a" } },
    },
  });
  const webRun = makeRunInputs({
    replicas: 2,
    maxReplicas: 3,
    demand: [[0, 1000]],
    durationSeconds: 120,
    target: {
      podLabels: { app: "web", tier: "front" },
      ...(spread
        ? {
            scheduling: {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: ZONE,
                  whenUnsatisfiable: "DoNotSchedule",
                  labelSelector: { matchLabels: { tier: "front" } },
                },
              ],
            },
          }
        : {}),
    },
  });
  const web = asOtherWorkload(webRun);
  const hpa = batchRun.hpa;
  return {
    ...batchRun,
    hpa: {
      ...hpa,
      metadata: { name: "batch", namespace: "default" },
      spec: { ...hpa.spec, scaleTargetRef: { ...hpa.spec.scaleTargetRef, name: "batch" } },
    },
    otherWorkloads: [web],
  };
}

/** The replay, and web's bound pods at t as [node, bind time], in bind order. */
function replay(spread: boolean) {
  const views: ClusterStepView[] = [];
  const r = simulate(inputs(spread), { onClusterStep: (v) => views.push(v) });
  const webAt = (t: number) =>
    (views.filter((v) => v.t <= t).at(-1)?.bindings ?? [])
      .filter((b) => b.pod.startsWith("web-"))
      .map((b) => [b.node, b.boundAt] as const)
      .sort((x, y) => x[1] - y[1]);
  return { r, webAt };
}

describe("a Pending pod held by a spread constraint is retried when a counted pod is deleted", () => {
  const { r, webAt } = replay(true);
  const batch = r.workloads?.[0];
  const web = r.workloads?.[1];

  it("web's first two pods spread to zone b; the third waits while batch's three pods count in zone a", () => {
    expect(webAt(0).map(([node]) => node)).toEqual(["zb-1", "zb-1"]);
    expect(web?.timeline.find((x) => x.t === 15)?.pendingPods).toBe(1);
    expect(web?.timeline.find((x) => x.t === 59)?.pendingPods).toBe(1);
    expect(r.events.some((e) => e.reason === "FailedScheduling" && e.object.startsWith("Pod/web-"))).toBe(
      true,
    );
  });

  it("batch scales 3 -> 1 at 60; the waiting web pod binds to za-1 at that very moment, no node having changed", () => {
    expect(batch?.timeline.find((x) => x.t === 59)?.replicas).toBe(3);
    expect(batch?.timeline.find((x) => x.t === 60)?.replicas).toBe(1);
    expect(webAt(60).map(([node]) => node)).toEqual(["zb-1", "zb-1", "za-1"]);
    expect(webAt(60)[2]?.[1]).toBe(60);
    expect(web?.timeline.find((x) => x.t === 60)?.pendingPods).toBe(0);
  });

  it("without the constraint the third pod binds at once (the wait above is the constraint's)", () => {
    const plain = replay(false);
    expect(plain.r.workloads?.[1]?.timeline.find((x) => x.t === 15)?.pendingPods).toBe(0);
  });
});
