/**
 * Conformance runners for the expander kinds of ../shared/conformance/ca/ca.json (FORMAT-vpa-ca.md):
 * ca.expander.leastWaste, .mostPods, .leastNodes, .price, .priority.
 */
import { leastNodesFilter } from "../cluster-autoscaler/expander/least-nodes.js";
import { leastWasteFilter } from "../cluster-autoscaler/expander/least-waste.js";
import { mostPodsFilter } from "../cluster-autoscaler/expander/most-pods.js";
import { type PricingModel, priceFilter } from "../cluster-autoscaler/expander/price.js";
import {
  parsePriorityConfig,
  priorityConfigFromObject,
  priorityFilter,
} from "../cluster-autoscaler/expander/priority.js";
import type { ExpansionOption, NodeInfos } from "../cluster-autoscaler/expander/types.js";
import type { Node, NodeTemplate, Pod } from "../cluster-autoscaler/types.js";
import { GPU_LABEL } from "../cluster-autoscaler/utilization.js";

const NO_NODE_INFOS: NodeInfos = new Map();

function podOf(name: string, cpuMilli = 0, memBytes = 0): Pod {
  return { name, namespace: "default", containers: [{ cpuMilli, memBytes }] };
}

function ids(options: readonly ExpansionOption[]): string[] {
  return options.map((o) => o.nodeGroupId);
}

interface LeastWasteInput {
  readonly nodeCapacity: Readonly<
    Record<string, { readonly capCpuMilli: number; readonly capMemBytes: number }>
  >;
  readonly options: readonly {
    readonly id: string;
    readonly nodeCount: number;
    readonly pods: readonly { readonly cpuMilli: number; readonly memBytes: number }[];
  }[];
}

function runLeastWaste(input: LeastWasteInput): Record<string, unknown> {
  const infos = new Map<string, NodeTemplate>();
  for (const [id, c] of Object.entries(input.nodeCapacity)) {
    const cap = { cpuMilli: c.capCpuMilli, memBytes: c.capMemBytes, pods: 110 };
    infos.set(id, { node: { name: id, allocatable: cap, capacity: cap } });
  }
  const options = input.options.map(
    (o): ExpansionOption => ({
      nodeGroupId: o.id,
      nodeCount: o.nodeCount,
      pods: o.pods.map((p, i) => podOf(`${o.id}-${i}`, p.cpuMilli, p.memBytes)),
    }),
  );
  return { best: ids(leastWasteFilter(options, infos)) };
}

/** `best` as ids, null when the filter returns no option (upstream nil). */
function bestOrNull(options: readonly ExpansionOption[]): Record<string, unknown> {
  const best = ids(options);
  return { best: best.length === 0 ? null : best };
}

function runMostPods(input: { readonly options: readonly { readonly id: string; readonly pods: number }[] }) {
  const options = input.options.map(
    (o): ExpansionOption => ({
      nodeGroupId: o.id,
      nodeCount: 1,
      pods: Array.from({ length: o.pods }, (_, i) => podOf(`${o.id}-${i}`)),
    }),
  );
  return bestOrNull(mostPodsFilter(options, NO_NODE_INFOS));
}

function runLeastNodes(input: {
  readonly options: readonly { readonly id: string; readonly nodeCount: number }[] | null;
}): Record<string, unknown> {
  const options = (input.options ?? []).map(
    (o): ExpansionOption => ({ nodeGroupId: o.id, nodeCount: o.nodeCount, pods: [] }),
  );
  return bestOrNull(leastNodesFilter(options, NO_NODE_INFOS));
}

interface VectorPriceNode {
  readonly cpuMilli: number;
  readonly memBytes: number;
  readonly gpus?: number;
  readonly gpuLabel?: boolean;
}

interface PriceInput {
  readonly nodes: Readonly<Record<string, VectorPriceNode>>;
  readonly groupTemplateNode: Readonly<Record<string, string>>;
  readonly preferredNode: { readonly cpuMilli: number; readonly memBytes: number };
  readonly podPrice: Readonly<Record<string, number>>;
  readonly nodePrice: Readonly<Record<string, number>>;
  readonly options: readonly {
    readonly id: string;
    readonly nodeCount: number;
    readonly pods: readonly string[];
    readonly exists?: boolean;
  }[];
}

/** BuildTestNode: capacity = allocatable, 100 pods; GPUs via the GPU label and allocatable. */
function priceNode(name: string, n: VectorPriceNode): Node {
  const r = {
    cpuMilli: n.cpuMilli,
    memBytes: n.memBytes,
    pods: 100,
    ...(n.gpus === undefined ? {} : { gpus: n.gpus }),
  };
  const gpu = n.gpuLabel === true || (n.gpus ?? 0) > 0;
  return {
    name,
    allocatable: r,
    capacity: r,
    ...(gpu ? { labels: { [GPU_LABEL]: "nvidia-tesla-k80" } } : {}),
  };
}

/** The test pricing model: prices by node and pod name, an error when absent. */
function pricingOf(input: PriceInput): PricingModel {
  const lookup = (table: Readonly<Record<string, number>>, kind: string, name: string) =>
    table[name] ?? new Error(`price for ${kind} ${name} not found`);
  return {
    nodePrice: (node) => lookup(input.nodePrice, "node", node.name),
    podPrice: (pod) => lookup(input.podPrice, "pod", pod.name),
  };
}

function runPrice(input: PriceInput): Record<string, unknown> {
  const infos = new Map<string, NodeTemplate>();
  for (const [group, nodeName] of Object.entries(input.groupTemplateNode)) {
    const n = input.nodes[nodeName];
    if (n !== undefined) infos.set(group, { node: priceNode(nodeName, n) });
  }
  const pref = input.preferredNode;
  const prefRes = { cpuMilli: pref.cpuMilli, memBytes: pref.memBytes, pods: 100 };
  const filter = priceFilter({
    pricing: pricingOf(input),
    preferredNode: { name: "CA-PreferredNode", allocatable: prefRes, capacity: prefRes },
    now: 0,
  });
  const options = input.options.map(
    (o): ExpansionOption => ({
      nodeGroupId: o.id,
      nodeCount: o.nodeCount,
      pods: o.pods.map((name) => podOf(name)),
      exists: o.exists !== false,
    }),
  );
  return { best: ids(filter(options, infos)) };
}

function runPriority(input: {
  readonly priorities: string | Readonly<Record<string, readonly string[]>>;
  readonly options: readonly string[];
}): Record<string, unknown> {
  const config =
    typeof input.priorities === "string"
      ? parsePriorityConfig(input.priorities)
      : priorityConfigFromObject(input.priorities);
  const warnings: string[] = [];
  const options = input.options.map((id): ExpansionOption => ({ nodeGroupId: id, nodeCount: 1, pods: [] }));
  const best = priorityFilter(config, (m) => warnings.push(m))(options, NO_NODE_INFOS);
  return { best: ids(best), warnings };
}

export const EXPANDER_RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  "ca.expander.leastWaste": runLeastWaste,
  "ca.expander.mostPods": runMostPods,
  "ca.expander.leastNodes": runLeastNodes,
  "ca.expander.price": runPrice,
  "ca.expander.priority": runPriority,
};
