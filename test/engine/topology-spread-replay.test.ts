/**
 * The replay's scheduler spreads a Deployment's pods with the system default constraints (hostname maxSkew 3,
 * zone maxSkew 5, ScheduleAnyway, weight 2), derived by hand: three 4-core / 16 GiB nodes, za-1 and za-2 in zone
 * a, zb-1 in zone b; the Deployment `web` (500m / 256 MiB pods) scales 1 -> 6 at the first sync (t = 15), the
 * five new pods scheduled one after the other in creation order.
 *
 * Per node with k web pods already bound, the other plugins give (incoming pod included):
 *   LeastAllocated: fit = (floor(100 (4000 - 500 (k+1)) / 4000) + floor(100 (16384 - 256 (k+1)) / 16384)) / 2,
 *     k = 0, 1, 2 -> (87 + 98) / 2 = 92, (75 + 96) / 2 = 85, (62 + 95) / 2 = 78;
 *   MostAllocated: fit k = 0..5 -> (12 + 1) / 2 = 6, (25 + 3) / 2 = 14, (37 + 4) / 2 = 20, (50 + 6) / 2 = 28, ...;
 *   BalancedAllocation: trunc(100 (1 - |f_cpu - f_mem| / 2)), f = (k+1) * (1/8, 1/64): 94, 89, 83, 78, 72, 67;
 *   TaintToleration 3 * 100 everywhere (scale-down off: no soft taint).
 * PodTopologySpread: hostname w_h = ln(3 + 2) = 1.6094 (+ maxSkew 3 - 1 = 2), zone w_z = ln(2 + 2) = 1.3863
 * (+ 5 - 1 = 4); raw = round(n_node * w_h + 2 + n_zone * w_z + 4), normalized trunc(100 (max + min - raw) / max).
 *
 *  pod  bound so far (za-1 za-2 zb-1)  raw (za-1 za-2 zb-1)           spread       Least totals     chosen
 *  p2   1 0 0                          1w_h+1w_z+6 = 9, 1w_z+6 = 7, 6 66 88 100    606 662 686      zb-1
 *  p3   1 0 1  (zones a 1, b 1)        9, 7, 9                        77 100 77    628 686 628      za-2
 *  p4   1 1 1  (a 2, b 1)              w_h+2w_z+6 = 10, 10, 9         90 90 100    654 654 674      zb-1
 *  p5   1 1 2  (a 2, b 2)              10, 10, 2w_h+2w_z+6 = 12       100 100 83   674 674 627      za-1 (tie, name)
 *  p6   2 1 2  (a 3, b 2)              2w_h+3w_z+6 = 13, 12, 12       92 100 100   645 674 661      za-2
 * (totals = fit + balanced + 300 + 2 * spread). p1 went to za-1 at the start (every score equal: the smallest name).
 * With MostAllocated the same spread scores win over packing (fit + balanced differ by at most 6 points between
 * k and k + 1 here, 2 * spread by 22 or more): the same nodes. Without spreading, MostAllocated puts all six pods
 * on za-1 (fit + balanced 100, 103, 103, 106, 106, 109 for k = 0..5 beat an empty node's 100), and
 * LeastAllocated sends p2 to za-2 (186 = 186 for za-2 and zb-1, the smaller name), p3 zb-1, p4 za-1, p5 za-2,
 * p6 zb-1.
 */
import { describe, expect, it } from "vitest";
import type { NodeGroupSpec } from "../../src/cluster/node-groups.js";
import { bindRequests, initialNodes } from "../../src/cluster/node-groups.js";
import { type SchedulingPod, type ScoringStrategy, schedulePod } from "../../src/cluster/scheduler.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import type { ClusterStepView } from "../../src/engine/cluster-phase.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
import { generalGroup } from "./cluster-builders.js";

const GIB = 1024 ** 3;
const ZONE = "topology.kubernetes.io/zone";

function zoneGroup(name: string, zone: string, size: number): NodeGroupSpec {
  const shape = { cpuMilli: 4000, memBytes: 16 * GIB, pods: 110 };
  return generalGroup({
    name,
    capacity: shape,
    allocatable: shape,
    labels: { [ZONE]: zone },
    minSize: size,
    maxSize: size,
    initialSize: size,
  });
}

const GROUPS = [zoneGroup("za", "a", 2), zoneGroup("zb", "b", 1)];

/** Which node each pod of `web` is bound to, in bind (= creation) order, at the end of t = 15. */
function placements(scoring: ScoringStrategy): string[] {
  const views: ClusterStepView[] = [];
  simulate(
    makeRunInputs({
      replicas: 1,
      maxReplicas: 6,
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: "Percent", value: 500, periodSeconds: 15 }],
        },
      },
      demand: [
        [0, 100],
        [1, 1000],
      ],
      durationSeconds: 20,
      cluster: {
        nodeGroups: GROUPS,
        scoring,
        ca: { ...DEFAULT_CA_CONFIG, scaleDownEnabled: false },
        caScanIntervalSeconds: 10,
      },
    }),
    { onClusterStep: (v) => views.push(v) },
  );
  const at15 = views.filter((v) => v.t === 15).at(-1);
  return (at15?.bindings ?? []).map((b) => b.node);
}

describe("default topology spreading in the replay (3 nodes, 2 zones, 1 -> 6 pods)", () => {
  it("LeastAllocated: p1 za-1, then zb-1, za-2, zb-1, za-1, za-2", () => {
    expect(placements("LeastAllocated")).toStrictEqual(["za-1", "zb-1", "za-2", "zb-1", "za-1", "za-2"]);
  });

  it("MostAllocated: spreading outweighs packing, the same nodes", () => {
    expect(placements("MostAllocated")).toStrictEqual(["za-1", "zb-1", "za-2", "zb-1", "za-1", "za-2"]);
  });

  it("without spreading (a pod with no owner: no default constraints) the scheduler alone packs or alternates", () => {
    const sequence = (scoring: ScoringStrategy): string[] => {
      let nodes = initialNodes(GROUPS, 0);
      const pod: SchedulingPod = { requests: { cpuMilli: 500, memBytes: GIB / 4, gpus: 0 } };
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = schedulePod(pod, nodes, 0, { scoring });
        if (!("node" in r)) throw new Error("unschedulable");
        out.push(r.node);
        const binding = { requests: pod.requests, nonZeroCpuMilli: 500, nonZeroMemBytes: GIB / 4 };
        nodes = nodes.map((n) => (n.name === r.node ? bindRequests(n, binding) : n));
      }
      return out;
    };
    expect(sequence("MostAllocated")).toStrictEqual(["za-1", "za-1", "za-1", "za-1", "za-1", "za-1"]);
    expect(sequence("LeastAllocated")).toStrictEqual(["za-1", "za-2", "zb-1", "za-1", "za-2", "zb-1"]);
  });
});
