/**
 * Invariants of the cluster-autoscaler core, checked on random inputs. Sums are recomputed here from the
 * pods' container requests, never read from the snapshot's own bookkeeping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceScaleUpBetweenGroups } from "../../src/cluster-autoscaler/balance-scale-up.js";
import { estimate } from "../../src/cluster-autoscaler/binpacking-estimator.js";
import { ClusterSnapshot } from "../../src/cluster-autoscaler/cluster-snapshot.js";
import type { ExpanderName } from "../../src/cluster-autoscaler/config.js";
import {
  staticThreshold,
  ThresholdBasedEstimationLimiter,
} from "../../src/cluster-autoscaler/estimation-limiter.js";
import { buildExpander } from "../../src/cluster-autoscaler/expander/chain.js";
import { leastNodesFilter } from "../../src/cluster-autoscaler/expander/least-nodes.js";
import { leastWasteFilter } from "../../src/cluster-autoscaler/expander/least-waste.js";
import { mostPodsFilter } from "../../src/cluster-autoscaler/expander/most-pods.js";
import { priceFilter } from "../../src/cluster-autoscaler/expander/price.js";
import { parsePriorityConfig, priorityFilter } from "../../src/cluster-autoscaler/expander/priority.js";
import type { ExpansionOption, NodeInfos } from "../../src/cluster-autoscaler/expander/types.js";
import type {
  NodeGroup,
  NodeTemplate,
  Pod,
  PodEquivalenceGroup,
} from "../../src/cluster-autoscaler/types.js";
import { createRng } from "../../src/engine/rng.js";
import { makeNode, NOW } from "./builders.js";

const arbTemplate = fc.record({
  cpuMilli: fc.integer({ min: 100, max: 4000 }),
  memBytes: fc.integer({ min: 1000, max: 100_000 }),
  pods: fc.integer({ min: 1, max: 20 }),
});

const arbGroups = fc.array(
  fc.record({
    cpuMilli: fc.integer({ min: 0, max: 2500 }),
    memBytes: fc.integer({ min: 0, max: 60_000 }),
    count: fc.integer({ min: 1, max: 25 }),
    hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 4 },
);

interface GroupSpec {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly count: number;
  readonly hostPort: number | undefined;
}

function groupsOf(specs: readonly GroupSpec[]): PodEquivalenceGroup[] {
  return specs.map((g, i) => {
    const pod: Pod = {
      name: `g${i}`,
      namespace: "default",
      containers: [{ cpuMilli: g.cpuMilli, memBytes: g.memBytes }],
      ...(g.hostPort === undefined ? {} : { hostPorts: [g.hostPort] }),
    };
    return { pods: Array.from({ length: g.count }, () => pod) };
  });
}

describe("binpacking estimator properties", () => {
  it("never over-commits a node and never exceeds the limiter's node count", () => {
    let packed = 0;
    let capped = 0;
    fc.assert(
      fc.property(
        arbTemplate,
        arbGroups,
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (t, specs, maxNodes, fastpath) => {
          const template: NodeTemplate = {
            node: makeNode("template", t.cpuMilli, t.memBytes, { allocatable: t, capacity: t }),
          };
          const old = makeNode("oldnode", 100, 1000, {
            allocatable: { cpuMilli: 100, memBytes: 1000, pods: 5 },
          });
          const limiter = new ThresholdBasedEstimationLimiter([staticThreshold(maxNodes, 0)]);
          const groups = groupsOf(specs);
          const r = estimate(groups, template, ClusterSnapshot.of([old]), limiter, NOW, {
            fastpathBinpackingEnabled: fastpath,
          });
          for (const info of r.snapshot.nodeInfos()) {
            const alloc = info.node.allocatable;
            const cpu = info.pods.reduce((s, p) => s + (p.containers[0]?.cpuMilli ?? 0), 0);
            const mem = info.pods.reduce((s, p) => s + (p.containers[0]?.memBytes ?? 0), 0);
            const ports = info.pods.flatMap((p) => p.hostPorts ?? []);
            expect(cpu).toBeLessThanOrEqual(alloc.cpuMilli ?? 0);
            expect(mem).toBeLessThanOrEqual(alloc.memBytes ?? 0);
            expect(info.pods.length).toBeLessThanOrEqual(alloc.pods ?? 0);
            expect(new Set(ports).size).toBe(ports.length);
          }
          expect(r.snapshot.getNodeInfo("oldnode")?.pods).toHaveLength(0);
          expect(r.scheduledPods.length).toBeLessThanOrEqual(groups.reduce((s, g) => s + g.pods.length, 0));
          if (maxNodes > 0) {
            expect(r.nodeCount).toBeLessThanOrEqual(maxNodes);
            expect(r.newNodeNames.length).toBeLessThanOrEqual(maxNodes);
            if (r.nodeCount === maxNodes) capped++;
          }
          if (r.nodeCount > 0) packed++;
        },
      ),
      { numRuns: 300 },
    );
    expect(packed).toBeGreaterThan(50);
    expect(capped).toBeGreaterThan(10);
  });
});

const arbOptions = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    nodeCount: fc.integer({ min: 0, max: 5 }),
    pods: fc.array(
      fc.record({ cpuMilli: fc.integer({ min: 0, max: 900 }), memBytes: fc.integer({ min: 0, max: 900 }) }),
      {
        maxLength: 5,
      },
    ),
  }),
  { selector: (o) => o.id, maxLength: 6 },
);

function optionsOf(
  specs: readonly {
    id: string;
    nodeCount: number;
    pods: readonly { cpuMilli: number; memBytes: number }[];
  }[],
) {
  return specs.map(
    (o): ExpansionOption => ({
      nodeGroupId: o.id,
      nodeCount: o.nodeCount,
      pods: o.pods.map((p, i) => ({ name: `${o.id}-${i}`, namespace: "default", containers: [p] })),
    }),
  );
}

const templates: NodeInfos = new Map(
  ["a", "b", "c", "d", "e", "f"].map((id, i) => [id, { node: makeNode(id, 1000 * (i + 1), 1000 * (6 - i)) }]),
);

describe("expander properties", () => {
  it("every filter returns a subset of its options, non-empty where upstream always keeps one", () => {
    const priority = parsePriorityConfig("10:\n  - a|b\n5:\n  - c\n");
    const price = priceFilter({
      pricing: { nodePrice: (n) => (n.allocatable.cpuMilli ?? 0) / 1000, podPrice: () => 0.1 },
      preferredNode: makeNode("pref", 2000, 1000),
      now: NOW,
    });
    fc.assert(
      fc.property(arbOptions, (specs) => {
        const options = optionsOf(specs).map((o) => ({ ...o, nodeCount: Math.max(1, o.nodeCount) }));
        for (const filter of [
          mostPodsFilter,
          leastWasteFilter,
          leastNodesFilter,
          priorityFilter(priority),
          price,
        ]) {
          const best = filter(options, templates);
          for (const b of best) expect(options).toContain(b);
          if (options.length > 0) expect(best.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("the chain always picks one of the options (none only when there is none)", () => {
    const names: ExpanderName[] = ["least-waste", "most-pods", "least-nodes", "priority", "random"];
    fc.assert(
      fc.property(arbOptions, fc.shuffledSubarray(names), fc.integer(), (specs, chosen, seed) => {
        const list = chosen.includes("random")
          ? [...chosen.filter((n) => n !== "random"), "random" as const]
          : chosen;
        const strategy = buildExpander(list, {
          rng: createRng(seed),
          priorityConfig: parsePriorityConfig("1:\n  - a\n"),
        });
        if (strategy instanceof Error) throw strategy;
        // the orchestrator drops options with no node before the expander runs
        const options = optionsOf(specs).map((o) => ({ ...o, nodeCount: Math.max(1, o.nodeCount) }));
        const best = strategy(options, templates);
        if (options.length === 0) expect(best).toBeUndefined();
        else expect(options).toContain(best);
      }),
    );
  });
});

describe("balancing properties", () => {
  it("adds min(request, headroom) nodes, never beyond a group's max, sizes at most one apart", () => {
    const arbGroupsSizes = fc.array(
      fc.record({ max: fc.integer({ min: 0, max: 20 }), target: fc.integer({ min: 0, max: 22 }) }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(arbGroupsSizes, fc.integer({ min: 0, max: 60 }), (gs, newNodes) => {
        const groups: NodeGroup[] = gs.map((g, i) => ({
          id: `g${i}`,
          minSize: 0,
          maxSize: g.max,
          targetSize: g.target,
        }));
        const r = balanceScaleUpBetweenGroups(groups, newNodes);
        if (r instanceof Error) throw r;
        const headroom = groups.reduce((s, g) => s + Math.max(0, g.maxSize - g.targetSize), 0);
        expect(r.reduce((s, i) => s + i.newSize - i.currentSize, 0)).toBe(Math.min(newNodes, headroom));
        for (const i of r) {
          expect(i.newSize).toBeLessThanOrEqual(i.maxSize);
          expect(i.newSize).toBeGreaterThan(i.currentSize);
        }
        // a grown group is at most one above every group that still has room
        const finalSizes = groups.map((g) => r.find((i) => i.groupId === g.id)?.newSize ?? g.targetSize);
        for (const i of r) {
          for (const [k, g] of groups.entries()) {
            if (g.targetSize < g.maxSize && (finalSizes[k] as number) < g.maxSize)
              expect(i.newSize - (finalSizes[k] as number)).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });
});
