import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Affinity } from "../../src/cluster/node-affinity.js";
import type { DaemonSetOverhead, SimNode, Taint } from "../../src/cluster/node-groups.js";
import {
  balancedAllocationScore,
  leastRequestedScore,
  mostRequestedScore,
  prioritizeNodes,
  runFilterChain,
  type SchedulingPod,
  schedulePod,
  scoreNode,
} from "../../src/cluster/scheduler.js";
import type { Toleration } from "../../src/cluster/taints.js";
import { parseMilli, parseValue } from "../../src/units/quantity.js";
import { bind, GIB, MIB, makeGroup, makeNode, makePod } from "./builders.js";

type Quantities = { cpu: string; memory: string; pods?: number };

interface FilterCase {
  readonly name: string;
  readonly node?: {
    readonly allocatable?: Quantities;
    readonly overhead?: Quantities & { pods: number };
    readonly bound?: Quantities & { pods: number };
    readonly labels?: Record<string, string>;
    readonly taints?: Taint[];
    readonly readyAt?: number | null;
    readonly deletingAt?: number;
    readonly unschedulable?: boolean;
  };
  readonly pod: {
    readonly cpu: string;
    readonly memory: string;
    readonly gpus?: number;
    readonly nodeSelector?: Record<string, string>;
    readonly tolerations?: Toleration[];
    readonly affinity?: Affinity;
  };
  readonly now?: number;
  readonly want: { plugin: string; reasons: string[] } | null;
}

const cases = (
  JSON.parse(readFileSync(new URL("../fixtures/cluster/filter-cases.json", import.meta.url), "utf8")) as {
    cases: FilterCase[];
  }
).cases;

const milli = (q: string) => Number(parseMilli(q));
const bytes = (q: string) => Number(parseValue(q));

/** The fixture's node: the 4-core / 16 GiB / 110-pod default with the case's overrides. */
function caseNode(c: FilterCase): SimNode {
  const n = c.node ?? {};
  const a = n.allocatable;
  const allocatable =
    a === undefined ? undefined : { cpuMilli: milli(a.cpu), memBytes: bytes(a.memory), pods: a.pods ?? 110 };
  const overhead: DaemonSetOverhead | undefined =
    n.overhead === undefined
      ? undefined
      : { cpuMilli: milli(n.overhead.cpu), memBytes: bytes(n.overhead.memory), pods: n.overhead.pods };
  const group = makeGroup("general", {
    ...(allocatable !== undefined ? { allocatable, capacity: allocatable } : {}),
    ...(overhead !== undefined ? { daemonSetOverhead: overhead } : {}),
    ...(n.taints !== undefined ? { taints: n.taints } : {}),
  });
  const base = makeNode("n1", group);
  const b = n.bound;
  return {
    ...base,
    labels: { ...base.labels, ...n.labels },
    readyAt: n.readyAt === undefined ? 0 : n.readyAt,
    deletingAt: n.deletingAt ?? null,
    unschedulable: n.unschedulable ?? false,
    bound:
      b === undefined
        ? base.bound
        : {
            requests: { cpuMilli: milli(b.cpu), memBytes: bytes(b.memory), gpus: 0 },
            nonZeroCpuMilli: milli(b.cpu),
            nonZeroMemBytes: bytes(b.memory),
            pods: b.pods,
          },
  };
}

function casePod(c: FilterCase): SchedulingPod {
  const p = c.pod;
  return {
    requests: { cpuMilli: milli(p.cpu), memBytes: bytes(p.memory), gpus: p.gpus ?? 0 },
    ...(p.nodeSelector !== undefined ? { nodeSelector: p.nodeSelector } : {}),
    ...(p.tolerations !== undefined ? { tolerations: p.tolerations } : {}),
    ...(p.affinity !== undefined ? { affinity: p.affinity } : {}),
  };
}

describe("filter chain (fixtures/cluster/filter-cases.json)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const rejection = runFilterChain(casePod(c), caseNode(c), c.now ?? 100);
    expect(
      rejection === undefined ? null : { plugin: rejection.plugin, reasons: rejection.reasons },
    ).toStrictEqual(c.want);
  });
});

describe("unschedulable message", () => {
  const general = makeGroup("general");
  const gpu = makeGroup("gpu", { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] });
  // 3 general nodes with 3.5 cores bound (500m free each) and 2 tainted gpu nodes; the pod wants 1 core.
  const full = (name: string) => bind(makeNode(name, general), makePod(3500, GIB));
  const nodes = [
    full("general-1"),
    full("general-2"),
    full("general-3"),
    makeNode("gpu-1", gpu),
    makeNode("gpu-2", gpu),
  ];
  const pod = makePod(1000, GIB);

  it("counts reasons per node and sorts the 'count reason' strings as Go's sort.Strings (FitError.Error)", () => {
    // "2 node(s)..." sorts before "3 Insufficient cpu" because upstream sorts the formatted strings.
    // Preemption: the 3 resource-rejected nodes have no victims; the 2 tainted nodes cannot be helped.
    expect(schedulePod(pod, nodes, 100, { scoring: "LeastAllocated" })).toStrictEqual({
      unschedulable: {
        reason:
          "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. " +
          "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, " +
          "3 No preemption victims found for incoming pod.",
        counts: { "Insufficient cpu": 3, "node(s) had untolerated taint {dedicated: gpu}": 2 },
      },
    });
  });

  it("the Kubernetes 1.35 wording: generic taint reason and the DRA post-filter note", () => {
    const r = schedulePod(pod, nodes, 100, {
      scoring: "LeastAllocated",
      messageStyle: { taintDetail: false, draNote: true },
    });
    expect("unschedulable" in r && r.unschedulable.reason).toBe(
      "0/5 nodes are available: 2 node(s) had untolerated taint(s), 3 Insufficient cpu. " +
        "no new claims to deallocate, preemption: 0/5 nodes are available: " +
        "2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it("byte order puts 10 before 2, and a node failing cpu and memory counts under both", () => {
    const many = Array.from({ length: 10 }, (_, i) => full(`general-${i + 10}`));
    const both = makeNode(
      "small",
      makeGroup("small", { allocatable: { cpuMilli: 500, memBytes: 512 * MIB, pods: 110 } }),
    );
    const r = schedulePod(pod, [...many, both, makeNode("gpu-1", gpu), makeNode("gpu-2", gpu)], 100, {
      scoring: "LeastAllocated",
    });
    expect("unschedulable" in r && r.unschedulable.reason).toBe(
      "0/13 nodes are available: 1 Insufficient memory, 11 Insufficient cpu, " +
        "2 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/13 nodes are available: " +
        "11 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it("nodes not registered yet or already gone are not counted", () => {
    const later = makeNode("general-9", general, { createdAt: 500, readyAt: 560 });
    const gone = makeNode("general-8", general, { goneAt: 50 });
    const r = schedulePod(pod, [...nodes, later, gone], 100, { scoring: "LeastAllocated" });
    expect("unschedulable" in r && r.unschedulable.reason.startsWith("0/5 nodes are available:")).toBe(true);
  });

  it("a cluster without nodes: ErrNoNodesAvailable", () => {
    expect(schedulePod(pod, [], 0, { scoring: "LeastAllocated" })).toStrictEqual({
      unschedulable: { reason: "no nodes available to schedule pods", counts: {} },
    });
  });
});

describe("NodeResourcesFit scoring", () => {
  const group = makeGroup("general"); // allocatable 4000m, 16 GiB
  // a: 3000m and 4 GiB bound; b: 1000m and 10 GiB bound. The pod asks 500m and 1 GiB.
  const a = bind(makeNode("a", group), makePod(3000, 4 * GIB));
  const b = bind(makeNode("b", group), makePod(1000, 10 * GIB));
  const pod = makePod(500, GIB);

  it("LeastAllocated picks the emptier node", () => {
    // a: cpu (4000-3500)*100/4000 = 12 (12.5 truncated), memory (16-5)*100/16 = 68 (68.75) -> (12+68)/2 = 40
    // b: cpu (4000-1500)*100/4000 = 62 (62.5), memory (16-11)*100/16 = 31 (31.25) -> (62+31)/2 = 46 (46.5)
    expect(scoreNode(pod, a, "LeastAllocated")).toBe(40);
    expect(scoreNode(pod, b, "LeastAllocated")).toBe(46);
    // the weighted sum: NodeResourcesFit + BalancedAllocation + 3 x TaintToleration (no PreferNoSchedule taint:
    // 100 everywhere). BalancedAllocation with the pod: a cpu 3500/4000 = 0.875, memory 5/16 = 0.3125, std
    // 0.28125 -> int(71.875) = 71; b cpu 0.375, memory 11/16 = 0.6875, std 0.15625 -> 84
    expect(balancedAllocationScore(pod, a)).toBe(71);
    expect(balancedAllocationScore(pod, b)).toBe(84);
    expect(schedulePod(pod, [a, b], 0, { scoring: "LeastAllocated" })).toStrictEqual({
      node: "b",
      score: 46 + 84 + 300,
    });
  });

  it("MostAllocated scores the fuller node higher; BalancedAllocation can still outweigh it", () => {
    // a: cpu 3500*100/4000 = 87 (87.5), memory 5*100/16 = 31 (31.25) -> (87+31)/2 = 59
    // b: cpu 1500*100/4000 = 37 (37.5), memory 11*100/16 = 68 (68.75) -> (37+68)/2 = 52 (52.5)
    expect(scoreNode(pod, a, "MostAllocated")).toBe(59);
    expect(scoreNode(pod, b, "MostAllocated")).toBe(52);
    // totals: a 59 + 71 + 300 = 430, b 52 + 84 + 300 = 436: b's balance wins (as upstream's default profile)
    expect(schedulePod(pod, [a, b], 0, { scoring: "MostAllocated" })).toStrictEqual({
      node: "b",
      score: 436,
    });
    // a node as full but balanced: c 3000m and 12 GiB bound -> cpu 0.875, memory 13/16 = 0.8125, std 0.03125
    // -> 96; MostAllocated cpu 87, memory 81 -> 84; total 84 + 96 + 300 = 480 beats b
    const c = bind(makeNode("c", group), makePod(3000, 12 * GIB));
    expect(schedulePod(pod, [b, c], 0, { scoring: "MostAllocated" })).toStrictEqual({
      node: "c",
      score: 480,
    });
  });

  it("ties go to the smallest node name (upstream picks at random)", () => {
    const nodes = [makeNode("n2", group), makeNode("n10", group), makeNode("n1", group)];
    expect(schedulePod(pod, nodes, 0, { scoring: "LeastAllocated" })).toMatchObject({ node: "n1" });
  });

  it("a pod without requests scores with 100m / 200 MiB (GetNonzeroRequests)", () => {
    // cpu (4000-100)*100/4000 = 97 (97.5); memory (16384-200)*100/16384 MiB = 98 (98.78) -> (97+98)/2 = 97
    expect(scoreNode(makePod(0, 0), makeNode("n", group), "LeastAllocated")).toBe(97);
  });

  it("DaemonSet overhead counts as requested", () => {
    const withOverhead = makeGroup("ds", { daemonSetOverhead: { cpuMilli: 1000, memBytes: 0, pods: 3 } });
    // cpu (4000-1000-500)*100/4000 = 62 (62.5); memory (16-1)*100/16 = 93 (93.75) -> (62+93)/2 = 77 (77.5)
    expect(scoreNode(pod, makeNode("n", withOverhead), "LeastAllocated")).toBe(77);
  });

  it("per-resource scores: over capacity is 0 for least, capped at 100 for most; zero capacity is 0", () => {
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    expect(mostRequestedScore(5000, 4000)).toBe(100);
    expect(leastRequestedScore(0, 0)).toBe(0);
    expect(mostRequestedScore(1, 0)).toBe(0);
    // (3 * 2^40 - 1) * 100 / 2^42 = 74.9999999999999... -> 74 (integer division truncates)
    expect(mostRequestedScore(3 * 2 ** 40 - 1, 2 ** 42)).toBe(74);
  });

  it("only feasible nodes are scored: a better-scoring tainted node is skipped", () => {
    const tainted = makeNode(
      "a-empty",
      makeGroup("t", { taints: [{ key: "x", value: "", effect: "NoSchedule" }] }),
    );
    expect(schedulePod(pod, [tainted, a], 0, { scoring: "LeastAllocated" })).toMatchObject({ node: "a" });
  });
});

describe("TaintToleration scoring (PreferNoSchedule)", () => {
  const group = makeGroup("general");
  const soft: Taint = { key: "DeletionCandidateOfClusterAutoscaler", value: "0", effect: "PreferNoSchedule" };
  // with the pod (500m, 1 GiB) on 4000m / 16 GiB: busy, 3000m and 1 GiB bound: cpu (4000 - 3500) * 100 / 4000 = 12
  // (12.5), memory (16 - 2) * 100 / 16 = 87 (87.5) -> (12 + 87) / 2 = 49; empty: cpu 87 (87.5), memory 93 (93.75)
  // -> 90. BalancedAllocation: busy cpu 0.875, memory 0.125, std 0.375 -> 62; empty cpu 0.125, memory 0.0625,
  // std 0.03125 -> 96
  const busy = bind(makeNode("busy", group), makePod(3000, GIB));
  const empty = makeNode("empty", group, { taints: [soft] });
  const pod = makePod(500, GIB);

  it("steers the pod away from a node with an untolerated PreferNoSchedule taint", () => {
    // counts busy 0, empty 1 -> normalized reversed: busy 100, empty 100 - 100 * 1 / 1 = 0
    // totals: busy 49 + 62 + 3 x 100 = 411, empty 90 + 96 + 3 x 0 = 186
    expect(prioritizeNodes(pod, [busy, empty], 0, "LeastAllocated")).toStrictEqual([411, 186]);
    expect(schedulePod(pod, [busy, empty], 0, { scoring: "LeastAllocated" })).toStrictEqual({
      node: "busy",
      score: 411,
    });
  });

  it("a pod tolerating the taint is not steered", () => {
    const tolerant = makePod(500, GIB, {
      tolerations: [
        { key: "DeletionCandidateOfClusterAutoscaler", operator: "Exists", effect: "PreferNoSchedule" },
      ],
    });
    expect(schedulePod(tolerant, [busy, empty], 0, { scoring: "LeastAllocated" })).toMatchObject({
      node: "empty",
    });
  });

  it("normalizes the counts over the feasible nodes: 100 - 100 * count / max (truncated)", () => {
    const two = makeNode("two", group, { taints: [soft, { ...soft, key: "other" }] });
    const one = makeNode("one", group, { taints: [soft] });
    const none = makeNode("none", group);
    // counts 2, 1, 0 -> 0, 50, 100; fit 90 and balance 96 each (empty nodes): 186 + 3 x (0, 50, 100)
    expect(prioritizeNodes(pod, [two, one, none], 0, "LeastAllocated")).toStrictEqual([186, 336, 486]);
  });

  it("scores a cluster of 300,000 feasible nodes (no spread of the taint counts onto the call stack)", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => (i === 7 ? empty : busy));
    const scores = prioritizeNodes(pod, many, 0, "LeastAllocated");
    expect(scores[7]).toBe(186);
    expect(scores[0]).toBe(411);
  });
});
