/** Invariants of the cluster phase over random bursts, node shapes and delays. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costOfNodes, integrateNodeCounts, type NodeCountSample } from "../../src/cluster/cost.js";
import { freeResources, type SimNode } from "../../src/cluster/node-groups.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";
import { expectJumpEqualsEverySecond } from "./jump-check.js";

const arbCase = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  cpuRequestMilli: fc.integer({ min: 100, max: 1500 }),
  nodeCpuMilli: fc.integer({ min: 1000, max: 4000 }),
  initialSize: fc.integer({ min: 0, max: 2 }),
  provision: fc.integer({ min: 0, max: 120 }),
  toReady: fc.integer({ min: 0, max: 60 }),
  high: fc.integer({ min: 0, max: 3000 }),
  dropAt: fc.integer({ min: 60, max: 900 }),
  seed: fc.integer({ min: 1, max: 1000 }),
  // a Deployment, or a StatefulSet whose OrderedReady pods wait for each other (a Pending one blocks the rest)
  kind: fc.constantFrom("Deployment" as const, "StatefulSet" as const),
  podManagementPolicy: fc.constantFrom("OrderedReady" as const, "Parallel" as const),
});

function inputsFor(c: typeof arbCase extends fc.Arbitrary<infer T> ? T : never) {
  const shape = { cpuMilli: c.nodeCpuMilli, memBytes: 8 * 1024 ** 3, pods: 110 };
  return makeRunInputs({
    replicas: c.replicas,
    maxReplicas: 16,
    cpuRequestMilli: BigInt(c.cpuRequestMilli),
    demand: [
      [0, 50],
      [30, c.high],
      [c.dropAt, 10],
    ],
    durationSeconds: 1500,
    seed: c.seed,
    target:
      c.kind === "StatefulSet"
        ? { kind: c.kind, podManagementPolicy: c.podManagementPolicy }
        : { kind: c.kind },
    cluster: clusterOf([
      generalGroup({
        capacity: shape,
        allocatable: shape,
        initialSize: c.initialSize,
        minSize: 0,
        provisioningDelaySeconds: { distribution: "uniform", min: c.provision, max: c.provision + 30 },
        startupToReadySeconds: c.toReady,
      }),
    ]),
  });
}

describe("cluster phase properties", () => {
  it("no node is over-committed and no pod is bound to a node that is not Ready", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        simulate(inputsFor(c), {
          onClusterStep: (v) => {
            const byName = new Map(v.nodes.map((n) => [n.name, n]));
            for (const n of v.nodes) {
              const f = freeResources(n);
              expect(f.cpuMilli).toBeGreaterThanOrEqual(0);
              expect(f.memBytes).toBeGreaterThanOrEqual(0);
              expect(f.pods).toBeGreaterThanOrEqual(0);
              expect(n.bound.pods).toBe(v.bindings.filter((b) => b.node === n.name).length);
            }
            for (const b of v.bindings) {
              const n = byName.get(b.node);
              expect(n).toBeDefined();
              if (b.boundAt >= 0) {
                expect(n?.readyAt).not.toBeNull();
                expect(n?.readyAt as number).toBeLessThanOrEqual(b.boundAt);
              }
            }
          },
        });
      }),
      { numRuns: 25, seed: 4242 },
    );
  });

  it("jumping between moments gives the same result as visiting every second", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        expectJumpEqualsEverySecond(inputsFor(c));
      }),
      { numRuns: 10, seed: 7 },
    );
  });

  it("summary cost per group = costOfNodes / integrateNodeCounts over the node lifetimes seen by onClusterStep", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        // the last state of every node the hook saw; a node dropped before it registered (scale-up
        // timeout) never counted and is forgotten
        const seen = new Map<string, SimNode>();
        const r = simulate(inputsFor(c), {
          onClusterStep: (v) => {
            const now = new Set(v.nodes.map((n) => n.name));
            for (const [name, n] of seen) if (!now.has(name) && n.createdAt > v.t) seen.delete(name);
            for (const n of v.nodes) seen.set(n.name, { ...n });
          },
        });
        const nodes = [...seen.values()];
        const end = 1500;
        const prices = { general: 0.36 };
        const byNodes = costOfNodes(nodes, 0, end, prices);
        // the same from the node count sampled at every lifetime boundary in [0, end)
        const cuts = new Set<number>([0]);
        for (const n of nodes) {
          if (n.createdAt > 0 && n.createdAt < end) cuts.add(n.createdAt);
          if (n.goneAt !== null && n.goneAt > 0 && n.goneAt < end) cuts.add(n.goneAt);
        }
        const samples: NodeCountSample[] = [...cuts]
          .sort((a, b) => a - b)
          .map((at) => ({
            at,
            counts: {
              general: nodes.filter((n) => n.createdAt <= at && (n.goneAt === null || n.goneAt > at)).length,
            },
          }));
        const bySamples = integrateNodeCounts(samples, end, prices);
        const g = r.summary.cluster?.nodeGroups.general;
        expect(bySamples.perGroup.general?.nodeSeconds).toBe(byNodes.perGroup.general?.nodeSeconds);
        expect(g?.nodeHours).toBeCloseTo(byNodes.perGroup.general?.nodeHours ?? Number.NaN, 12);
        expect(g?.cost).toBeCloseTo(byNodes.perGroup.general?.cost ?? Number.NaN, 12);
        expect(r.summary.cluster?.total.cost).toBeCloseTo(bySamples.total.cost, 12);
      }),
      { numRuns: 20, seed: 99 },
    );
  });

  it("cost equals the integral of nodes x price over the recorded nodes", () => {
    const r = simulate(
      inputsFor({
        replicas: 4,
        cpuRequestMilli: 500,
        nodeCpuMilli: 2000,
        initialSize: 1,
        provision: 30,
        toReady: 10,
        high: 2000,
        dropAt: 300,
        kind: "Deployment",
        podManagementPolicy: "OrderedReady",
        seed: 3,
      }),
      {},
    );
    // timeline rows every 15 s; node counts change only at node events, so compare at the end exactly
    const c = r.summary.cluster;
    expect(c).toBeDefined();
    const last = r.timeline.at(-1);
    expect(last?.cost).toBeCloseTo(
      (((c?.total.nodeHours ?? 0) * 3600 - (last?.nodes?.total ?? 0) * (1500 - (last?.t ?? 0))) * 0.36) /
        3600,
      9,
    );
  });
});
