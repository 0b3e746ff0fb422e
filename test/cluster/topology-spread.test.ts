/**
 * PodTopologySpread, table-driven from fixtures/cluster/topology-spread-cases.json: the API server's checks on
 * a template's topologySpreadConstraints (exact error lines), the scheduler's Filter verdict per node and the
 * Score plugin's normalized scores (each derived by hand in the fixture's `why`).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Taint } from "../../src/cluster/node-groups.js";
import type { SpreadPod } from "../../src/cluster/pod-topology-spread.js";
import { runFilterChain, type SchedulingPod, schedulePod } from "../../src/cluster/scheduler.js";
import {
  effectiveSpreadConstraints,
  preFilterSpread,
  spreadScores,
  type TopologySpreadSpec,
} from "../../src/cluster/scheduler-spread.js";
import type { Toleration } from "../../src/cluster/taints.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { readWorkloads } from "../../src/scenario/workload-manifest.js";
import { GIB, makeGroup, makeNode, makePod } from "./builders.js";

interface NodeCase {
  readonly name: string;
  readonly zone?: string;
  readonly labels?: Record<string, string>;
  readonly taints?: Taint[];
  readonly ready?: boolean;
  readonly web?: number;
  readonly pods?: { labels?: Record<string, string>; namespace?: string; terminating?: boolean }[];
}

interface PodCase {
  readonly labels?: Record<string, string>;
  readonly namespace?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly constraints?: TopologySpreadSpec[];
  readonly owner?: Record<string, string>;
}

interface Fixture {
  readonly validation: { name: string; constraints: unknown[]; want: string[] }[];
  readonly filter: {
    name: string;
    nodes: NodeCase[];
    pod: PodCase;
    want: Record<string, string | null>;
    message?: string;
  }[];
  readonly score: { name: string; nodes: NodeCase[]; pod: PodCase; want: Record<string, number> | "skip" }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/cluster/topology-spread-cases.json", import.meta.url), "utf8"),
) as Fixture;

const NOW = 100;

function buildNodes(cases: readonly NodeCase[]) {
  return cases.map((c) => {
    const base = makeNode(c.name, makeGroup("general", { taints: c.taints ?? [] }));
    return {
      ...base,
      labels: {
        ...base.labels,
        ...(c.zone !== undefined ? { "topology.kubernetes.io/zone": c.zone } : {}),
        ...c.labels,
      },
      readyAt: c.ready === false ? null : 0,
    };
  });
}

/** The pods bound to each node, as the cluster phase hands them to the scheduler. */
function podsOn(cases: readonly NodeCase[]): (node: string) => readonly SpreadPod[] {
  const byNode = new Map<string, SpreadPod[]>();
  for (const c of cases) {
    const pods: SpreadPod[] = [];
    for (let i = 0; i < (c.web ?? 0); i++) pods.push({ namespace: "default", labels: { app: "web" } });
    for (const p of c.pods ?? [])
      pods.push({
        namespace: p.namespace ?? "default",
        labels: p.labels ?? {},
        ...(p.terminating === true ? { deletedAt: 50 } : {}),
      });
    byNode.set(c.name, pods);
  }
  return (node) => byNode.get(node) ?? [];
}

function buildPod(c: PodCase): SchedulingPod {
  const labels = c.labels ?? { app: "web" };
  const spread = effectiveSpreadConstraints(c.constraints ?? [], labels);
  return makePod(500, GIB, {
    namespace: c.namespace ?? "default",
    labels,
    ...(c.nodeSelector !== undefined ? { nodeSelector: c.nodeSelector } : {}),
    ...(c.tolerations !== undefined ? { tolerations: c.tolerations } : {}),
    ...(spread.length > 0 ? { topologySpread: spread } : {}),
    ...(c.owner !== undefined ? { ownerSelector: { selector: c.owner } } : {}),
  });
}

function readConstraints(constraints: unknown[]) {
  const doc = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "web:1" }], topologySpreadConstraints: constraints },
      },
    },
  };
  return readWorkloads([doc], "web.yaml")[0];
}

describe("topologySpreadConstraints validation (fixture)", () => {
  it.each(fixture.validation.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.want.length === 0) {
      expect(readConstraints(c.constraints)?.scheduling?.topologySpreadConstraints).toHaveLength(
        c.constraints.length,
      );
      return;
    }
    let err: unknown;
    try {
      readConstraints(c.constraints);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const prefix = 'web.yaml: Deployment "web"';
    expect((err as InputError).message).toBe(
      c.want.length === 1
        ? `${prefix}: ${c.want[0]}`
        : `${prefix} is invalid (${c.want.length} errors):\n${c.want.map((w) => `  * ${w}`).join("\n")}`,
    );
  });
});

describe("PodTopologySpread Filter (fixture)", () => {
  it.each(fixture.filter.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const nodes = buildNodes(c.nodes);
    const pod = buildPod(c.pod);
    const spread = preFilterSpread(pod, nodes, NOW, podsOn(c.nodes));
    const verdicts = Object.fromEntries(
      nodes.map((n) => [n.name, runFilterChain(pod, n, NOW, undefined, spread)?.reasons[0] ?? null]),
    );
    expect(verdicts).toStrictEqual(c.want);
    const r = schedulePod(pod, nodes, NOW, { scoring: "LeastAllocated", podsOn: podsOn(c.nodes) });
    if (c.message !== undefined) expect(r).toMatchObject({ unschedulable: { reason: c.message } });
    else expect("node" in r).toBe(Object.values(c.want).includes(null));
  });
});

describe("PodTopologySpread Score (fixture)", () => {
  it.each(fixture.score.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const nodes = buildNodes(c.nodes);
    const pod = buildPod(c.pod);
    const on = podsOn(c.nodes);
    const spread = preFilterSpread(pod, nodes, NOW, on);
    const feasible = nodes.filter((n) => runFilterChain(pod, n, NOW, undefined, spread) === undefined);
    const scores = spreadScores(pod, feasible, nodes, NOW, on);
    if (c.want === "skip") expect(scores).toBeUndefined();
    else expect(Object.fromEntries(feasible.map((n, i) => [n.name, scores?.[i]]))).toStrictEqual(c.want);
  });
});

describe("what reaches the scheduler", () => {
  it("the constraints as written; matchLabelKeys become part of the selector per pod", () => {
    const written = {
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: { app: "web" } },
      minDomains: 2,
      nodeTaintsPolicy: "Honor",
      matchLabelKeys: ["pod-template-hash", "absent"],
    };
    const specs = readConstraints([written])?.scheduling?.topologySpreadConstraints ?? [];
    expect(specs).toStrictEqual([written]);
    expect(effectiveSpreadConstraints(specs, { app: "web", "pod-template-hash": "h1" })).toStrictEqual([
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        selector: { app: "web", "pod-template-hash": "h1" },
        minDomains: 2,
        nodeTaintsPolicy: "Honor",
      },
    ]);
  });

  it("no labelSelector selects nothing, not even the pod itself", () => {
    const [c] = effectiveSpreadConstraints(
      [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" }],
      { app: "web" },
    );
    expect(c).toMatchObject({ selector: {}, selectsNothing: true });
  });
});
