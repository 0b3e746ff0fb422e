/**
 * The soft taints of unneeded nodes (softtaint.go UpdateSoftDeletionTaints): needed nodes lose the taint first,
 * then unneeded ones get it, nodes being deleted are left alone, and no more than --max-bulk-soft-taint-count
 * changes are made per loop.
 */
import { describe, expect, it } from "vitest";
import { NO_SOFT_TAINT_CHANGES, updateSoftDeletionTaints } from "../../src/cluster-autoscaler/soft-taints.js";
import type { Node } from "../../src/cluster-autoscaler/types.js";

const node = (name: string, over: Partial<Node> = {}): { node: Node } => ({
  node: { name, allocatable: { cpuMilli: 4000, memBytes: 16 * 1024 ** 3, pods: 110 }, ...over },
});

describe("updateSoftDeletionTaints", () => {
  it("taints the unneeded nodes that lack it and untaints the needed ones that carry it", () => {
    const nodes = [
      node("a", { deletionCandidate: true }), // needed now: untainted
      node("b"), // unneeded: tainted
      node("c", { deletionCandidate: true }), // unneeded, already tainted
      node("d"), // needed, untainted: nothing
    ];
    expect(updateSoftDeletionTaints(nodes, ["b", "c"], 10)).toStrictEqual({ add: ["b"], remove: ["a"] });
  });

  it("leaves nodes being deleted (ToBeDeleted) alone", () => {
    const nodes = [
      node("a", { deletionCandidate: true, toBeDeletedTaintAt: 5 }),
      node("b", { toBeDeletedTaintAt: 5 }),
    ];
    expect(updateSoftDeletionTaints(nodes, ["b"], 10)).toBe(NO_SOFT_TAINT_CHANGES);
  });

  it("spends the per-loop budget on removals first, then additions in the planner's order", () => {
    const nodes = ["n1", "n2", "n3", "n4", "n5"].map((n, i) =>
      node(n, i < 2 ? { deletionCandidate: true } : {}),
    );
    // budget 3: untaint n1 and n2 (needed), then taint n5 (the first unneeded in order); n3 waits for a later loop
    expect(updateSoftDeletionTaints(nodes, ["n5", "n3"], 3)).toStrictEqual({
      add: ["n5"],
      remove: ["n1", "n2"],
    });
  });

  it("nothing unneeded and nothing tainted: no change", () => {
    expect(updateSoftDeletionTaints([node("a"), node("b")], [], 10)).toBe(NO_SOFT_TAINT_CHANGES);
  });

  it("does nothing with --max-bulk-soft-taint-count 0", () => {
    expect(updateSoftDeletionTaints([node("a")], ["a"], 0)).toBe(NO_SOFT_TAINT_CHANGES);
  });
});
