import { describe, expect, it } from "vitest";
import { buildExpander, chainStrategy } from "../../src/cluster-autoscaler/expander/chain.js";
import { leastNodesFilter } from "../../src/cluster-autoscaler/expander/least-nodes.js";
import { leastWasteFilter, wastedScore } from "../../src/cluster-autoscaler/expander/least-waste.js";
import { mostPodsFilter } from "../../src/cluster-autoscaler/expander/most-pods.js";
import {
  type PricingModel,
  priceFilter,
  simpleNodeUnfitness,
  simplePreferredNode,
} from "../../src/cluster-autoscaler/expander/price.js";
import { parsePriorityConfig, priorityFilter } from "../../src/cluster-autoscaler/expander/priority.js";
import { randomBestOption } from "../../src/cluster-autoscaler/expander/random.js";
import type { NodeInfos } from "../../src/cluster-autoscaler/expander/types.js";
import { createRng } from "../../src/engine/rng.js";
import { GIB, MIB, makeNode, makeOption, makePod, NOW } from "./builders.js";

const ids = (o: readonly { nodeGroupId: string }[]) => o.map((x) => x.nodeGroupId);
const infos = (entries: Record<string, [number, number]>): NodeInfos =>
  new Map(Object.entries(entries).map(([id, [cpu, mem]]) => [id, { node: makeNode(id, cpu, mem) }]));

describe("least-waste", () => {
  it("scores wasted CPU plus wasted memory on capacity", () => {
    // 1 node of 8000m / 16000Mi, pod 500m / 1000Mi: (8000-500)/8000 + (16000-1000)/16000 = 0.9375 + 0.9375
    const o = makeOption("balanced", 1, [makePod("p", 500, 1000 * MIB)]);
    expect(wastedScore(o, 8000, 16000 * MIB)).toBe(1.875);
    // lowcpu 4000m: 3500/4000 + 0.9375 = 0.875 + 0.9375 = 1.8125 < 1.875 -> lowcpu wins
    const lowcpu = makeOption("lowcpu", 1, [makePod("p", 500, 1000 * MIB)]);
    const best = leastWasteFilter(
      [o, lowcpu],
      infos({ balanced: [8000, 16000 * MIB], lowcpu: [4000, 16000 * MIB] }),
    );
    expect(ids(best)).toEqual(["lowcpu"]);
  });

  it("skips options without a template and keeps exact ties", () => {
    const a = makeOption("a", 1, [makePod("p", 500, MIB)]);
    const b = makeOption("b", 1, [makePod("p", 500, MIB)]);
    const c = makeOption("c", 1, []);
    expect(ids(leastWasteFilter([a, b, c], infos({ a: [1000, GIB], b: [1000, GIB] })))).toEqual(["a", "b"]);
  });
});

describe("most-pods and least-nodes", () => {
  it("most pods, ties kept; options with no pods only win when nothing schedules more", () => {
    const p = makePod("p", 1, 1);
    expect(
      ids(
        mostPodsFilter([makeOption("a", 1, []), makeOption("b", 1, [p]), makeOption("c", 1, [p])], new Map()),
      ),
    ).toEqual(["b", "c"]);
    expect(ids(mostPodsFilter([makeOption("a", 1, [])], new Map()))).toEqual(["a"]);
  });

  it("least nodes ignores zero-node options", () => {
    const opts = [makeOption("a", 0), makeOption("b", 3), makeOption("c", 2), makeOption("d", 2)];
    expect(ids(leastNodesFilter(opts, new Map()))).toEqual(["c", "d"]);
    expect(leastNodesFilter([makeOption("a", 0)], new Map())).toEqual([]);
  });
});

describe("price", () => {
  const pricing = (nodes: Record<string, number>, pods: Record<string, number>): PricingModel => ({
    nodePrice: (n) => nodes[n.name] ?? new Error("no price"),
    podPrice: (p) => pods[p.name] ?? new Error("no price"),
  });
  const groups = new Map([
    ["ng1", { node: makeNode("n1", 1000, 1000) }],
    ["ng2", { node: makeNode("n2", 4000, 1000) }],
  ]);
  const pods = [makePod("p1", 1000, 0), makePod("p2", 500, 0)];

  it("prefers the cheaper group", () => {
    // ng1: unfitness max(2000/1000, 1000/2000) = 2, faded for n=2: (2-1)(1 - tanh(1/15)) + 1 = 1.9334;
    //      price (20*2 + 10) / (20 + 10 + 10) = 1.25 -> 2.4167
    // ng2: unfitness 2 at n=1: 2; price (200 + 10) / 40 = 5.25 -> 10.5
    const f = priceFilter({
      pricing: pricing({ n1: 20, n2: 200 }, { p1: 20, p2: 10, stabilize: 10 }),
      preferredNode: makeNode("pref", 2000, GIB),
      now: NOW,
    });
    expect(ids(f([makeOption("ng1", 2, pods), makeOption("ng2", 1, pods)], groups))).toEqual(["ng1"]);
  });

  it("drops options it cannot price; a missing group doubles when it does not exist", () => {
    const f = priceFilter({ pricing: pricing({}, {}), preferredNode: makeNode("pref", 2000, GIB), now: NOW });
    expect(f([makeOption("ng1", 2, pods)], groups)).toEqual([]);
    const g = priceFilter({
      pricing: pricing({ n1: 200, n2: 200 }, { p1: 20, p2: 10, stabilize: 10 }),
      preferredNode: makeNode("pref", 4000, GIB),
      now: NOW,
    });
    // same node, same price: existing scores s, non-existing 2s -> the existing one
    const both = new Map([...groups, ["new", { node: makeNode("n2", 4000, 1000) }]]);
    expect(
      ids(g([{ ...makeOption("new", 1, pods), exists: false }, makeOption("ng2", 1, pods)], both)),
    ).toEqual(["ng2"]);
  });

  it("preferred node size grows with the cluster; unfitness is symmetric", () => {
    expect([2, 6, 20, 60, 200, 201].map((n) => simplePreferredNode(n).capacity?.cpuMilli)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000,
    ]);
    expect(simpleNodeUnfitness(makeNode("a", 2000, 0), makeNode("b", 8000, 0))).toBe(4);
    expect(simpleNodeUnfitness(makeNode("a", 8000, 0), makeNode("b", 2000, 0))).toBe(4);
  });
});

describe("priority", () => {
  const config = parsePriorityConfig(
    "5:\n  - .*t2\\.micro.*\n10:\n  - .*t2\\.large.*\n  - .*t3\\.large.*\n50:\n  - .*m4\\.4xlarge.*\n",
  );
  it("keeps the highest matching priority and drops unmatched groups", () => {
    const warnings: string[] = [];
    const f = priorityFilter(config, (m) => warnings.push(m));
    const opts = ["my-asg.t2.large", "my-asg.t3.large", "my-asg.t2.micro", "other"].map((id) =>
      makeOption(id, 1),
    );
    expect(ids(f(opts, new Map()))).toEqual(["my-asg.t2.large", "my-asg.t3.large"]);
    expect(warnings).toHaveLength(1);
  });

  it("passes everything through for an empty or invalid config, or when nothing matches", () => {
    const opts = ["a", "b"].map((id) => makeOption(id, 1));
    expect(parsePriorityConfig("")).toBeInstanceOf(Error);
    expect(parsePriorityConfig("not: [a, (]")).toBeInstanceOf(Error);
    expect(parsePriorityConfig("x:\n - a")).toBeInstanceOf(Error);
    expect(ids(priorityFilter(parsePriorityConfig(""))(opts, new Map()))).toEqual(["a", "b"]);
    expect(ids(priorityFilter(config)(opts, new Map()))).toEqual(["a", "b"]);
  });
});

describe("random and the chain", () => {
  it("random picks by the injected source", () => {
    const opts = ["a", "b", "c", "d"].map((id) => makeOption(id, 1));
    // floor(0.6 * 4) = 2
    expect(randomBestOption(opts, { next: () => 0.6 })?.nodeGroupId).toBe("c");
    expect(randomBestOption([], { next: () => 0.6 })).toBeUndefined();
  });

  it("stops at the first filter that leaves one option, else the fallback decides", () => {
    const p = makePod("p", 1, 1);
    const opts = [makeOption("a", 2, [p]), makeOption("b", 1, [p]), makeOption("c", 1, [p])];
    const first = chainStrategy([mostPodsFilter, leastNodesFilter], (o) => o[o.length - 1]);
    // most-pods keeps all three; least-nodes keeps b and c; the fallback takes the last: c
    expect(first(opts, new Map())?.nodeGroupId).toBe("c");
    const second = chainStrategy([leastNodesFilter, mostPodsFilter], () => undefined);
    expect(second([makeOption("a", 2, [p]), makeOption("b", 1, [p])], new Map())?.nodeGroupId).toBe("b");
  });

  it("builds --expander lists as upstream validates them", () => {
    const rng = createRng(7);
    expect(buildExpander(["least-waste"], { rng })).toBeTypeOf("function");
    expect(buildExpander(["random", "most-pods"], { rng })).toBeInstanceOf(Error);
    expect(buildExpander(["most-pods", "most-pods"], { rng })).toBeInstanceOf(Error);
    expect(buildExpander(["price"], { rng })).toBeInstanceOf(Error);
  });
});
