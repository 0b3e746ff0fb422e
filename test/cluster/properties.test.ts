/**
 * Invariants of the cluster model (fast-check): the scheduler never over-commits a node and never binds to
 * a node that is not Ready (or not registered); it fails only when no node passes the filters, and then
 * counts every registered node; cost equals the integral of nodes x price however time is sliced.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costOfNodes, integrateNodeCounts, nodeCountsAt } from "../../src/cluster/cost.js";
import {
  freeResources,
  isNodeReady,
  isNodeRegistered,
  type SimNode,
  type Taint,
} from "../../src/cluster/node-groups.js";
import {
  balancedAllocationScore,
  prioritizeNodes,
  runFilterChain,
  type SchedulingPod,
  schedulePod,
  scoreNode,
} from "../../src/cluster/scheduler.js";
import type { Toleration } from "../../src/cluster/taints.js";
import { bind, MIB, makeGroup, makeNode } from "./builders.js";

const NOW = 1000;
const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom("dedicated", "spot"),
  value: fc.constantFrom("", "gpu"),
  effect: fc.constantFrom("NoSchedule", "PreferNoSchedule", "NoExecute"),
});
const tolerationArb: fc.Arbitrary<Toleration> = fc.oneof(
  fc.constant({ operator: "Exists" } as const), // tolerates everything, the not-ready taint included
  fc.record({ key: fc.constantFrom("dedicated", "spot"), operator: fc.constant("Exists" as const) }),
  fc.record({ key: fc.constantFrom("dedicated", "spot"), value: fc.constantFrom("", "gpu") }),
);

const nodeArb = (i: number): fc.Arbitrary<SimNode> =>
  fc
    .record({
      cpu: fc.integer({ min: 0, max: 8000 }),
      memMi: fc.integer({ min: 0, max: 32 * 1024 }),
      pods: fc.integer({ min: 0, max: 30 }),
      overheadCpu: fc.integer({ min: 0, max: 1000 }),
      overheadMemMi: fc.integer({ min: 0, max: 1024 }),
      overheadPods: fc.integer({ min: 0, max: 3 }),
      zone: fc.constantFrom("a", "b"),
      // mostly healthy nodes, so that pods do bind; each hostile state shows up often enough
      taints: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.array(taintArb, { maxLength: 2 })),
      createdAt: fc.constantFrom(0, 0, 0, 900, NOW, NOW + 1),
      readyDelay: fc.option(fc.constantFrom(0, 0, 50, 100, 150), { nil: null, freq: 6 }),
      goneAt: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, fc.constantFrom(500, NOW, NOW + 1)),
      deletingAt: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, fc.constantFrom(0, NOW, NOW + 1)),
      unschedulable: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
    })
    .map((r) => {
      const shape = { cpuMilli: r.cpu, memBytes: r.memMi * MIB, pods: r.pods };
      const group = makeGroup(`g${i}`, {
        allocatable: shape,
        capacity: shape,
        labels: { zone: r.zone },
        taints: r.taints,
        daemonSetOverhead: { cpuMilli: r.overheadCpu, memBytes: r.overheadMemMi * MIB, pods: r.overheadPods },
      });
      return makeNode(`n${i}`, group, {
        createdAt: r.createdAt,
        readyAt: r.readyDelay === null ? null : r.createdAt + r.readyDelay,
        goneAt: r.goneAt,
        deletingAt: r.deletingAt,
        unschedulable: r.unschedulable,
      });
    });

const clusterArb = fc
  .integer({ min: 0, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => nodeArb(i))));

const podArb: fc.Arbitrary<SchedulingPod> = fc.record(
  {
    requests: fc.record({
      cpuMilli: fc.integer({ min: 0, max: 2000 }),
      memBytes: fc.integer({ min: 0, max: 4 * 1024 }).map((m) => m * MIB),
      gpus: fc.constant(0),
    }),
    nodeSelector: fc.constantFrom({}, { zone: "a" }),
    tolerations: fc.array(tolerationArb, { maxLength: 2 }),
    affinity: fc.constantFrom(
      {},
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "zone", operator: "NotIn" as const, values: ["b"] }] },
            ],
          },
        },
      },
    ),
  },
  { requiredKeys: ["requests"] },
);

/** Schedules the pods one by one, binding each where the scheduler says; returns the bindings made. */
function replay(
  nodes: SimNode[],
  pods: readonly SchedulingPod[],
  scoring: "LeastAllocated" | "MostAllocated",
) {
  const bindings: { node: SimNode; pod: SchedulingPod }[] = [];
  for (const pod of pods) {
    const r = schedulePod(pod, nodes, NOW, { scoring });
    if ("unschedulable" in r) continue;
    const i = nodes.findIndex((n) => n.name === r.node);
    const node = nodes[i] as SimNode;
    bindings.push({ node, pod });
    nodes[i] = bind(node, pod);
  }
  return bindings;
}

describe("scheduler properties", () => {
  it("never over-commits a node and never binds to a node that is not Ready or not registered", () => {
    let bound = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        clusterArb,
        fc.array(podArb, { maxLength: 25 }),
        fc.constantFrom("LeastAllocated", "MostAllocated" as const),
        (cluster, pods, scoring) => {
          const nodes = [...cluster];
          const bindings = replay(nodes, pods, scoring);
          bound += bindings.length;
          refused += pods.length - bindings.length;
          for (const { node } of bindings) {
            expect(isNodeRegistered(node, NOW)).toBe(true);
            expect(isNodeReady(node, NOW)).toBe(true);
          }
          for (const n of nodes) {
            if (n.bound.pods === 0) continue;
            const free = freeResources(n);
            // every bound pod fit when bound, so nothing is negative (cpu/memory only grow by fitting pods)
            expect(free.pods).toBeGreaterThanOrEqual(0);
            if (n.bound.requests.cpuMilli > 0) expect(free.cpuMilli).toBeGreaterThanOrEqual(0);
            if (n.bound.requests.memBytes > 0) expect(free.memBytes).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
    // the generators exercise both outcomes (not a vacuous pass)
    expect(bound).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it("binds to a highest-scoring feasible node, and fails only when no registered node passes the filters", () => {
    fc.assert(
      fc.property(clusterArb, podArb, (nodes, pod) => {
        const r = schedulePod(pod, nodes, NOW, { scoring: "LeastAllocated" });
        const registered = nodes.filter((n) => isNodeRegistered(n, NOW));
        const feasible = registered.filter((n) => runFilterChain(pod, n, NOW) === undefined);
        if ("unschedulable" in r) {
          expect(feasible).toStrictEqual([]);
          if (registered.length > 0) {
            expect(r.unschedulable.reason.startsWith(`0/${registered.length} nodes are available: `)).toBe(
              true,
            );
            const reasons = Object.values(r.unschedulable.counts).reduce((a, b) => a + b, 0);
            expect(reasons).toBeGreaterThanOrEqual(registered.length);
          }
        } else {
          const totals = prioritizeNodes(pod, feasible, NOW, "LeastAllocated");
          expect(r.score).toBe(Math.max(...totals));
          // without PreferNoSchedule taints the TaintToleration part is 3 x 100 on every node
          if (feasible.every((n) => n.taints.every((t) => t.effect !== "PreferNoSchedule")))
            expect(totals).toStrictEqual(
              feasible.map(
                (n) => scoreNode(pod, n, "LeastAllocated") + balancedAllocationScore(pod, n) + 300,
              ),
            );
          expect(feasible.some((n) => n.name === r.node)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("cost properties", () => {
  const lifetimeArb = fc.record({
    group: fc.constantFrom("a", "b", "c"),
    createdAt: fc.integer({ min: 0, max: 5000 }),
    life: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  });
  const prices = { a: 0.1, b: 0.384, c: 3.06 };

  it("cost equals the integral of nodes x price, sampled at every change or every second", () => {
    fc.assert(
      fc.property(
        fc.array(lifetimeArb, { maxLength: 12 }),
        fc.integer({ min: 1, max: 6000 }),
        (specs, end) => {
          const nodes = specs.map((s, i) =>
            makeNode(`n${i}`, makeGroup(s.group), {
              createdAt: s.createdAt,
              readyAt: s.createdAt,
              goneAt: s.life === null ? null : s.createdAt + s.life,
            }),
          );
          const changes = [
            ...new Set([0, ...nodes.flatMap((n) => [n.createdAt, ...(n.goneAt === null ? [] : [n.goneAt])])]),
          ]
            .filter((t) => t < end)
            .sort((x, y) => x - y);
          const atChanges = changes.map((at) => ({ at, counts: nodeCountsAt(nodes, at) }));
          const direct = costOfNodes(nodes, 0, end, prices);
          expect(integrateNodeCounts(atChanges, end, prices)).toStrictEqual(direct);
          if (end <= 600) {
            const everySecond = Array.from({ length: end }, (_, at) => ({
              at,
              counts: nodeCountsAt(nodes, at),
            }));
            expect(integrateNodeCounts(everySecond, end, prices)).toStrictEqual(direct);
          }
          // per group: nodeSeconds * price / 3600
          for (const [g, c] of Object.entries(direct.perGroup)) {
            expect(c.cost).toBe((c.nodeSeconds * (prices[g as keyof typeof prices] ?? 0)) / 3600);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
