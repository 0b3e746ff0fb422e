/**
 * Real `Node` objects (`kubectl get nodes -o yaml`, a List of v1 Node) -> initial SimNodes, grouped into node
 * groups by a provider's node-pool label. Reads metadata.name / labels, spec.taints / unschedulable,
 * status.capacity / allocatable (cpu, memory, pods, nvidia.com/gpu) and the Ready condition; every other
 * field (nodeInfo, addresses, images, ...) is ignored. Errors name the file, the object and the field.
 *
 * The not-ready, unreachable and unschedulable taints the node lifecycle controller sets are dropped: the
 * model derives them from the Ready condition and spec.unschedulable (see taints.ts, scheduler.ts). DaemonSet pods are not part of a Node object; pass their
 * requests per group as `overhead`.
 */
import type { NodeResources } from "../cluster-autoscaler/types.js";
import {
  child,
  type FieldPath,
  index,
  invalidValue,
  key,
  notSupported,
  requiredValue,
  wrongType,
} from "../scenario/field-violations.js";
import { type FieldViolation, InputError } from "../scenario/manifest-errors.js";
import { isPlainObject, parseManifestDocuments } from "../scenario/read-manifests.js";
import { QUANTITY_FORMAT_MESSAGE } from "../scenario/strict-reader.js";
import { parseMilli, parseValue, QuantityError } from "../units/quantity.js";
import {
  type DaemonSetOverhead,
  NO_OVERHEAD,
  NOTHING_BOUND,
  type SimNode,
  type Taint,
} from "./node-groups.js";
import { TAINT_NODE_NOT_READY } from "./taints.js";

/**
 * Node-pool labels in the order they are tried: EKS managed node groups, GKE node pools, Karpenter node
 * pools, AKS agent pools, eksctl; then the instance type as a fallback (one group per machine shape).
 */
export const NODE_GROUP_LABELS: readonly string[] = [
  "eks.amazonaws.com/nodegroup",
  "cloud.google.com/gke-nodepool",
  "karpenter.sh/nodepool",
  "kubernetes.azure.com/agentpool",
  "alpha.eksctl.io/nodegroup-name",
  "node.kubernetes.io/instance-type",
  "beta.kubernetes.io/instance-type",
];

/** The group of nodes that carry none of the labels. */
export const UNGROUPED = "ungrouped";

/** Taints the node lifecycle controller derives from the Ready condition and spec.unschedulable. */
const DROPPED_TAINTS = new Set([
  TAINT_NODE_NOT_READY,
  "node.kubernetes.io/unreachable",
  "node.kubernetes.io/unschedulable",
]);
const TAINT_EFFECTS = ["NoExecute", "NoSchedule", "PreferNoSchedule"] as const;

export interface ReadNodesOptions {
  /** The simulation time the nodes exist at (createdAt; readyAt when Ready). Default 0. */
  readonly now?: number;
  /** Labels tried in order to name a node's group. Default {@link NODE_GROUP_LABELS}. */
  readonly groupLabels?: readonly string[];
  /** DaemonSet overhead per group name. Default none. */
  readonly overhead?: Readonly<Record<string, DaemonSetOverhead>>;
}

/** A group as seen in the file: its nodes' shape (from the first node by name) and count. */
export interface ObservedNodeGroup {
  readonly name: string;
  /** The label the group was named by; undefined for {@link UNGROUPED}. */
  readonly label: string | undefined;
  readonly size: number;
  readonly capacity: NodeResources;
  readonly allocatable: NodeResources;
  /** Labels every node of the group carries with the same value (hostname excluded). */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

export interface KubectlNodes {
  /** In file order. */
  readonly nodes: readonly SimNode[];
  /** Key-sorted by group name. */
  readonly groups: readonly ObservedNodeGroup[];
}

/**
 * Reads every Node of a manifest file (YAML or JSON, lists flattened).
 *
 * @throws InputError naming the file, the Node and the field, e.g.
 *   `nodes.yaml: Node "ip-10-0-1-5": status.allocatable[cpu]: Invalid value: "lots": quantities must ...`
 */
export function readKubectlNodes(text: string, file: string, options: ReadNodesOptions = {}): KubectlNodes {
  const nodes: SimNode[] = [];
  const labelOf = new Map<string, string | undefined>();
  const seen = new Set<string>();
  parseManifestDocuments(text, file).forEach((doc, i) => {
    const { node, label } = nodeFromObject(doc, file, i + 1, options);
    if (seen.has(node.name)) {
      throw InputError.fromViolations(file, { kind: "Node", name: node.name, position: i + 1 }, [
        invalidValue("metadata.name", node.name, "duplicate node name in the file"),
      ]);
    }
    seen.add(node.name);
    nodes.push(node);
    if (!labelOf.has(node.group)) labelOf.set(node.group, label);
  });
  return { nodes, groups: observeGroups(nodes, labelOf) };
}

/** One Node object -> SimNode and the label that named its group. Throws InputError on bad fields. */
export function nodeFromObject(
  raw: unknown,
  file: string,
  position: number,
  options: ReadNodesOptions = {},
): { node: SimNode; label: string | undefined } {
  const obj = isPlainObject(raw) ? raw : {};
  const metadata = isPlainObject(obj.metadata) ? obj.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : undefined;
  const identity = { kind: typeof obj.kind === "string" ? obj.kind : "object", name, position };
  const problems: FieldViolation[] = [];
  if (obj.kind !== "Node") {
    throw InputError.fromViolations(file, identity, [notSupported("kind", obj.kind, ["Node"])]);
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== "v1") {
    problems.push(notSupported("apiVersion", obj.apiVersion, ["v1"]));
  }
  if (name === undefined || name === "") problems.push(requiredValue("metadata.name", "name is required"));
  const labels = readStringMap(metadata.labels, "metadata.labels", problems);
  const spec = readObject(obj.spec, "spec", problems);
  const status = readObject(obj.status, "status", problems);
  const taints = readTaints(spec.taints, "spec.taints", problems);
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== "boolean") {
    problems.push(wrongType("spec.unschedulable", spec.unschedulable, "a boolean"));
  }
  const allocatable = readResources(status.allocatable, "status.allocatable", problems, true);
  const capacity =
    status.capacity === undefined
      ? allocatable
      : readResources(status.capacity, "status.capacity", problems, false);
  const ready = readReady(status.conditions, "status.conditions", problems);
  if (problems.length > 0) throw InputError.fromViolations(file, identity, problems);

  const groupLabels = options.groupLabels ?? NODE_GROUP_LABELS;
  const label = groupLabels.find((l) => labels[l] !== undefined && labels[l] !== "");
  const group = label === undefined ? UNGROUPED : (labels[label] as string);
  const now = options.now ?? 0;
  const node: SimNode = {
    name: name as string,
    group,
    labels,
    taints,
    capacity,
    allocatable,
    overhead: options.overhead?.[group] ?? NO_OVERHEAD,
    createdAt: now,
    readyAt: ready ? now : null,
    deletingAt: null,
    goneAt: null,
    unschedulable: spec.unschedulable === true,
    bound: NOTHING_BOUND,
  };
  return { node, label };
}

function readObject(raw: unknown, path: FieldPath, problems: FieldViolation[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (isPlainObject(raw)) return raw;
  problems.push(wrongType(path, raw, "an object"));
  return {};
}

function readStringMap(raw: unknown, path: FieldPath, problems: FieldViolation[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(readObject(raw, path, problems))) {
    if (typeof v === "string") out[k] = v;
    else problems.push(wrongType(key(path, k), v, "a string"));
  }
  return out;
}

function readTaints(raw: unknown, path: FieldPath, problems: FieldViolation[]): Taint[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(wrongType(path, raw, "a list of taints"));
    return [];
  }
  const out: Taint[] = [];
  raw.forEach((item: unknown, i) => {
    const p = index(path, i);
    const t = readObject(item, p, problems);
    const taintKey = t.key;
    const value = t.value ?? "";
    const effect = t.effect;
    if (typeof taintKey !== "string" || taintKey === "") problems.push(requiredValue(child(p, "key")));
    if (typeof value !== "string") problems.push(wrongType(child(p, "value"), value, "a string"));
    if (!TAINT_EFFECTS.includes(effect as Taint["effect"])) {
      problems.push(notSupported(child(p, "effect"), effect, TAINT_EFFECTS));
    }
    if (typeof taintKey === "string" && typeof value === "string" && !DROPPED_TAINTS.has(taintKey)) {
      out.push({ key: taintKey, value, effect: effect as Taint["effect"] });
    }
  });
  return out;
}

const RESOURCE_FIELDS = [
  { name: "cpu", field: "cpuMilli", parse: parseMilli, required: true },
  { name: "memory", field: "memBytes", parse: parseValue, required: true },
  { name: "pods", field: "pods", parse: parseValue, required: true },
  { name: "nvidia.com/gpu", field: "gpus", parse: parseValue, required: false },
] as const;

/** cpu (milli), memory (bytes), pods and GPUs of a resource list; required ones reported when absent. */
function readResources(
  raw: unknown,
  path: FieldPath,
  problems: FieldViolation[],
  requireAll: boolean,
): NodeResources {
  if ((raw === undefined || raw === null) && requireAll) {
    problems.push(requiredValue(path, "the node's allocatable resources are needed to schedule pods"));
    return {};
  }
  const list = readObject(raw, path, problems);
  const out: { -readonly [K in keyof NodeResources]: number } = {};
  for (const r of RESOURCE_FIELDS) {
    const v = list[r.name];
    const p = key(path, r.name);
    if (v === undefined || v === null) {
      if (r.required && requireAll) problems.push(requiredValue(p));
      continue;
    }
    if (typeof v !== "string" && typeof v !== "number") {
      problems.push(wrongType(p, v, 'a quantity such as "3920m" or 110'));
      continue;
    }
    try {
      const parsed = r.parse(v);
      if (parsed < 0n) problems.push(invalidValue(p, v, "must be greater than or equal to 0"));
      else out[r.field] = Number(parsed);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      problems.push(invalidValue(p, v, QUANTITY_FORMAT_MESSAGE));
    }
  }
  return out;
}

/** The Ready condition's status is "True" (absent conditions = not Ready, as the node controller reads it). */
function readReady(raw: unknown, path: FieldPath, problems: FieldViolation[]): boolean {
  if (raw === undefined || raw === null) return false;
  if (!Array.isArray(raw)) {
    problems.push(wrongType(path, raw, "a list of conditions"));
    return false;
  }
  const ready = raw.find((c: unknown) => isPlainObject(c) && c.type === "Ready") as
    | Record<string, unknown>
    | undefined;
  return ready?.status === "True";
}

function observeGroups(
  nodes: readonly SimNode[],
  labelOf: ReadonlyMap<string, string | undefined>,
): ObservedNodeGroup[] {
  const byGroup = new Map<string, SimNode[]>();
  for (const n of nodes) byGroup.set(n.group, [...(byGroup.get(n.group) ?? []), n]);
  return [...byGroup.keys()].sort().map((name) => {
    const members = [...(byGroup.get(name) ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
    const first = members[0] as SimNode;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(first.labels)) {
      if (k === "kubernetes.io/hostname") continue;
      if (members.every((m) => m.labels[k] === v)) labels[k] = v;
    }
    return {
      name,
      label: labelOf.get(name),
      size: members.length,
      capacity: first.capacity,
      allocatable: first.allocatable,
      labels,
      taints: first.taints,
    };
  });
}
