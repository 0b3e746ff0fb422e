import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daemonSetPods,
  groupCanHost,
  templateFor,
  toAutoscalerNode,
  toAutoscalerNodeGroup,
} from "../../src/cluster/autoscaler-view.js";
import { runFilterChain } from "../../src/cluster/scheduler.js";
import { ClusterSnapshot } from "../../src/cluster-autoscaler/cluster-snapshot.js";
import { sumRequests } from "../../src/cluster-autoscaler/pod-requests.js";
import type { Pod } from "../../src/cluster-autoscaler/types.js";
import { bind, GIB, MIB, makeGroup, makeNode, makePod } from "./builders.js";

describe("the autoscaler's view of the cluster model", () => {
  const group = makeGroup("general", {
    daemonSetOverhead: { cpuMilli: 250, memBytes: 300 * MIB + 1, pods: 3 },
    taints: [{ key: "dedicated", value: "web", effect: "NoSchedule" }],
  });

  it("DaemonSet pods carry the overhead exactly (the first takes the remainder)", () => {
    const pods = daemonSetPods(group, "general-1");
    // 250 = 84 + 83 + 83; 300 MiB + 1 = (100 MiB + 1) + 100 MiB + 100 MiB
    expect(pods.map((p) => p.containers[0]?.cpuMilli)).toStrictEqual([84, 83, 83]);
    expect(sumRequests(pods)).toStrictEqual({ cpuMilli: 250, memBytes: 300 * MIB + 1, gpus: 0 });
    expect(pods.every((p) => p.owner?.kind === "DaemonSet")).toBe(true);
  });

  it("templates, nodes and groups", () => {
    expect(templateFor(group).pods).toHaveLength(3);
    const noPods = makeGroup("x", { daemonSetOverhead: { cpuMilli: 100, memBytes: GIB, pods: 0 } });
    // overhead without pods comes off the template's allocatable: 4000 - 100, 16 GiB - 1 GiB
    expect(templateFor(noPods).node.allocatable).toStrictEqual({
      cpuMilli: 3900,
      memBytes: 15 * GIB,
      pods: 110,
    });
    const n = makeNode("general-1", group, { createdAt: 0, readyAt: 40, deletingAt: 900 });
    expect(toAutoscalerNode(n, 30)).toMatchObject({ ready: false, unschedulable: false });
    expect(toAutoscalerNode(n, 900)).toMatchObject({ ready: true, toBeDeletedTaintAt: 900 });
    expect(toAutoscalerNodeGroup(group, 4)).toStrictEqual({
      id: "general",
      minSize: 1,
      maxSize: 10,
      targetSize: 4,
    });
  });

  it("groupCanHost applies taints, selectors and the machine shape", () => {
    expect(groupCanHost(makePod(500, GIB), group)).toBe(false);
    const tolerating = { tolerations: [{ key: "dedicated", operator: "Exists" as const }] };
    expect(groupCanHost(makePod(500, GIB, tolerating), group)).toBe(true);
    expect(groupCanHost(makePod(3800, GIB, tolerating), group)).toBe(false); // 4000 - 250 overhead < 3800
    expect(groupCanHost(makePod(500, GIB, { ...tolerating, nodeSelector: { disk: "ssd" } }), group)).toBe(
      false,
    );
  });

  it("resource fit agrees with the autoscaler's predicates on the same node", () => {
    fc.assert(
      fc.property(
        fc.record({
          cpu: fc.integer({ min: 0, max: 4000 }),
          memMi: fc.integer({ min: 0, max: 8192 }),
          pods: fc.integer({ min: 0, max: 8 }),
          dsCpu: fc.integer({ min: 0, max: 600 }),
          dsMemMi: fc.integer({ min: 0, max: 600 }),
          dsPods: fc.integer({ min: 1, max: 3 }),
          bound: fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 2048 })), {
            maxLength: 4,
          }),
          pod: fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 4096 })),
        }),
        (r) => {
          const shape = { cpuMilli: r.cpu, memBytes: r.memMi * MIB, pods: r.pods };
          const g = makeGroup("g", {
            allocatable: shape,
            capacity: shape,
            daemonSetOverhead: { cpuMilli: r.dsCpu, memBytes: r.dsMemMi * MIB, pods: r.dsPods },
          });
          let node = makeNode("g-1", g);
          const caPods: Pod[] = daemonSetPods(g, node.name);
          r.bound.forEach(([c, m], i) => {
            node = bind(node, makePod(c, m * MIB));
            caPods.push({
              name: `b${i}`,
              namespace: "default",
              containers: [{ cpuMilli: c, memBytes: m * MIB }],
              nodeName: node.name,
            });
          });
          const snapshot = ClusterSnapshot.of([toAutoscalerNode(node, 0)], caPods);
          const [c, m] = r.pod;
          const caPod: Pod = {
            name: "p",
            namespace: "default",
            containers: [{ cpuMilli: c, memBytes: m * MIB }],
          };
          const caFits = snapshot.checkPredicates(caPod, node.name) === undefined;
          expect(runFilterChain(makePod(c, m * MIB), node, 0) === undefined).toBe(caFits);
        },
      ),
      { numRuns: 500 },
    );
  });
});
