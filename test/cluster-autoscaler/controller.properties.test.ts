/** Properties of runOnce over random clusters (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  ObservedNode,
  ObservedNodeGroup,
  ObservedPod,
} from "../../src/cluster-autoscaler/cluster-state.js";
import { type CaState, INITIAL_CA_STATE, runOnce } from "../../src/cluster-autoscaler/controller.js";
import type { Pod } from "../../src/cluster-autoscaler/types.js";
import { GIB } from "./builders.js";
import { bound, CFG, group, node, obs, pending, rsPod } from "./controller-builders.js";

const groupSpec = fc.record({
  max: fc.integer({ min: 1, max: 6 }),
  fill: fc.integer({ min: 0, max: 6 }),
  cpu: fc.constantFrom(2000, 4000, 8000),
});

/** A seeded LCG in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe("runOnce properties", () => {
  it("scale-ups never exceed the group max nor --max-nodes-total, over several loops", () => {
    fc.assert(
      fc.property(
        fc.array(groupSpec, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 100, max: 9000 }), { minLength: 0, maxLength: 25 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom("least-waste", "most-pods", "least-nodes", "random", "price"),
        fc.boolean(),
        fc.integer(),
        (specs, podCpus, maxNodesTotal, expander, balance, seed) => {
          const cfg = {
            ...CFG,
            maxNodesTotal,
            expanders: [expander] as const,
            balanceSimilarNodeGroups: balance,
          };
          const targets = specs.map((s) => Math.min(s.fill, s.max));
          const nodes: ObservedNode[] = specs.flatMap((s, g) =>
            Array.from({ length: targets[g] as number }, (_, i) =>
              node(`g${g}-${i}`, `g${g}`, { cpuMilli: s.cpu }),
            ),
          );
          const pods: ObservedPod[] = podCpus.map((c, i) => pending(rsPod(`p${i}`, c, GIB), 1));
          const rng = lcg(seed);
          let state: CaState = INITIAL_CA_STATE;
          for (let loop = 0; loop < 4; loop++) {
            const groups: ObservedNodeGroup[] = specs.map((s, g) =>
              group(`g${g}`, targets[g] as number, { min: 0, max: s.max, cpuMilli: s.cpu }),
            );
            const before = targets.reduce((a, b) => a + b, 0);
            const r = runOnce(state, obs(groups, nodes, pods), cfg, 10 + 10 * loop, rng);
            state = r.state;
            if (!balance) expect(r.decision.scaleUps.length).toBeLessThanOrEqual(1);
            for (const su of r.decision.scaleUps) {
              const g = Number(su.group.slice(1));
              expect(su.delta).toBeGreaterThan(0);
              targets[g] = (targets[g] as number) + su.delta;
              expect(targets[g]).toBeLessThanOrEqual((specs[g] as { max: number }).max);
            }
            const after = targets.reduce((a, b) => a + b, 0);
            // New nodes never registered: every target is existing + upcoming, so the total is capped.
            if (maxNodesTotal > 0 && after > before) expect(after).toBeLessThanOrEqual(maxNodesTotal);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a node with a non-movable pod is never removed", () => {
    const blocker = fc.constantFrom<(p: Pod) => Pod>(
      ({ owner: _o, ...p }) => p, // no controller
      (p) => ({ ...p, annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" } }),
      (p) => ({ ...p, localStorage: true }),
      (p) => ({ ...p, namespace: "kube-system", owner: undefined as never, createdAt: 1_000_000 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3500 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 1900 }),
        blocker,
        (otherLoads, blockedLoad, makeBlocking) => {
          const names = ["blocked", ...otherLoads.map((_, i) => `n${i}`)];
          let nodes = names.map((n) => node(n, "pool"));
          const pods: ObservedPod[] = [bound(makeBlocking(rsPod("stuck", blockedLoad, GIB)), "blocked")];
          otherLoads.forEach((c, i) => {
            if (c > 0) pods.push(bound(rsPod(`w${i}`, c, GIB), `n${i}`));
          });
          let state: CaState = INITIAL_CA_STATE;
          for (let t = 10; t <= 1500; t += 10) {
            const r = runOnce(
              state,
              obs([group("pool", nodes.length, { min: 0 })], nodes, pods),
              CFG,
              t,
              () => 0,
            );
            state = r.state;
            expect(r.decision.scaleDowns.map((d) => d.node)).not.toContain("blocked");
            const gone = new Set(r.decision.scaleDowns.map((d) => d.node));
            nodes = nodes.filter((n) => !gone.has(n.node.name));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("is deterministic: same state, observation and seed give byte-identical decisions", () => {
    const groups = [group("a", 1, { max: 5 }), group("b", 1, { max: 5 })];
    const nodes = [node("a-1", "a"), node("b-1", "b")];
    const pods = Array.from({ length: 6 }, (_, i) => pending(rsPod(`p${i}`, 1500, GIB), 1));
    const cfg = { ...CFG, expanders: ["random"] as const };
    const run = () =>
      JSON.stringify(runOnce(INITIAL_CA_STATE, obs(groups, nodes, pods), cfg, 10, lcg(42)).decision);
    expect(run()).toBe(run());
  });
});
