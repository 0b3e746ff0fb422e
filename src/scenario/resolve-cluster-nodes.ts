/**
 * spec.cluster resolved against its nodes file (`kubectl get nodes -o yaml`): the Node objects become the
 * replay's initial nodes, matched to spec.cluster.nodeGroups by their node-pool label. Pure; reading the file
 * and applying the result to the scenario: scenario-nodes.ts.
 *
 * Rules (docs/scenario.md, spec.cluster.nodes):
 * - The file's nodes are the whole initial cluster: every group's `initialSize` becomes its node count in the
 *   file (warned when it was set to something else; a declared group with no node in the file starts empty).
 * - A declared group takes price, sizes, delays and DaemonSet overhead from its nodeGroups entry. `machine`
 *   omitted = the observed capacity; `allocatable` omitted = the observed allocatable (when `machine` is
 *   omitted too or equals the observed capacity). When both are given and differ from the file, a warning:
 *   the file's nodes keep their own shape, the scenario's is for the nodes the autoscaler adds. Labels the
 *   group's nodes all share are added under the entry's `labels`; `taints` omitted = the observed taints.
 * - A group in the file that no entry names: `unknownGroups: Keep` (default) adds it with the observed shape,
 *   minSize = maxSize = its node count (the autoscaler never scales it), price 0, and a warning;
 *   `unknownGroups: Error` makes it an input error naming the file, a node and its group label.
 * - Nodes that are not Ready in the file start Ready (the engine's initial nodes are Ready): a warning.
 */
import {
  type KubectlNodes,
  NODE_GROUP_LABELS,
  type ObservedNodeGroup,
  readKubectlNodes,
  UNGROUPED,
} from "../cluster/kubectl-nodes.js";
import type { DaemonSetOverhead, NodeGroupSpec, SimNode } from "../cluster/node-groups.js";
import { NO_OVERHEAD } from "../cluster/node-groups.js";
import type { NodeResources } from "../cluster-autoscaler/types.js";
import { formatMilli, formatMilliBinary } from "../units/quantity.js";
import { child, invalidValue, key, requiredValue } from "./field-violations.js";
import { type FieldViolation, InputError } from "./manifest-errors.js";
import type { ScenarioCluster } from "./scenario-cluster.js";
import * as D from "./scenario-defaults.js";
import { throwIfAny } from "./scenario-file.js";

/** The nodes file as read: its path (resolved) and text. */
export interface NodesFile {
  readonly path: string;
  readonly text: string;
}

/** spec.cluster resolved against the nodes file. */
export interface ResolvedClusterNodes {
  /** Declared groups (scenario order) with shapes filled in and initialSize = the file's count, then kept unknown groups (by name). */
  readonly nodeGroups: readonly NodeGroupSpec[];
  /** The file's nodes, in file order. */
  readonly initialNodes: readonly SimNode[];
  readonly warnings: readonly string[];
  /** Sentences for effectiveConfig.rules. */
  readonly rules: readonly string[];
}

const GROUPS_PATH = "spec.cluster.nodeGroups";

/**
 * The node groups and initial nodes of spec.cluster with its nodes file.
 *
 * @throws InputError naming the nodes file, the Node and the field (malformed file, unknown group with
 *   `unknownGroups: Error`), or the scenario file and the nodeGroups field (a shape that cannot be filled in)
 */
export function resolveClusterNodes(
  cluster: ScenarioCluster,
  file: NodesFile,
  scenarioFile: string,
): ResolvedClusterNodes {
  const spec = cluster.nodes;
  const overhead: Record<string, DaemonSetOverhead> = {};
  for (const g of cluster.nodeGroups) overhead[g.name] = g.daemonSetOverhead;
  const groupLabels = spec?.groupLabel != null ? [spec.groupLabel] : NODE_GROUP_LABELS;
  const read: KubectlNodes = readKubectlNodes(file.text, file.path, { groupLabels, overhead });
  if (read.nodes.length === 0) {
    throw new InputError({
      file: file.path,
      rule: "at least one Node",
      detail: "no Node objects: expected the output of kubectl get nodes -o yaml",
    });
  }
  const observed = new Map(read.groups.map((o) => [o.name, o]));
  const declared = new Set(cluster.nodeGroups.map((g) => g.name));
  const fileGroups = read.groups.map((o) => `${o.name} (${o.size})`).join(", ");
  const warnings: string[] = [];
  const problems: FieldViolation[] = [];

  const nodeGroups: NodeGroupSpec[] = cluster.nodeGroups.map((g, i) => {
    const path = `${GROUPS_PATH}[${i}]`;
    const set = cluster.fieldsSet?.[g.name] ?? {
      machine: true,
      allocatable: true,
      taints: true,
      initialSize: true,
    };
    const o = observed.get(g.name);
    if (o === undefined) {
      if (!set.machine) {
        problems.push(
          requiredValue(
            child(path, "machine"),
            `${file.path} has no node of group "${g.name}" to take the shape from (its groups: ${fileGroups})`,
          ),
        );
      }
      warnings.push(
        `${path} "${g.name}": no node of this group in ${file.path} (its groups: ${fileGroups}): it starts with 0 nodes`,
      );
      return { ...g, initialSize: 0 };
    }
    const capacity = set.machine ? g.capacity : o.capacity;
    const takeAllocatable = !set.allocatable && (!set.machine || sameShape(g.capacity, o.capacity));
    const allocatable = set.allocatable ? g.allocatable : takeAllocatable ? o.allocatable : g.capacity;
    const where = `the ${o.size} node(s) of group "${g.name}" in ${file.path}`;
    if (set.machine && !sameShape(g.capacity, o.capacity)) {
      warnings.push(
        `${path}.machine (${shape(g.capacity)}) differs from ${where} (capacity ${shape(o.capacity)}): the file's nodes keep their own; nodes the autoscaler adds get the scenario's`,
      );
    }
    if (set.allocatable && !sameShape(g.allocatable, o.allocatable)) {
      warnings.push(
        `${path}.allocatable (${shape(g.allocatable)}) differs from ${where} (allocatable ${shape(o.allocatable)}): the file's nodes keep their own; nodes the autoscaler adds get the scenario's`,
      );
    }
    if (!set.machine) {
      for (const r of ["cpuMilli", "memBytes", "pods"] as const) {
        if ((allocatable[r] ?? 0) > (capacity[r] ?? 0)) {
          problems.push(
            invalidValue(
              child(path, "allocatable"),
              allocatable[r],
              `${r} must not exceed the machine's capacity (${shape(capacity)}, from ${file.path})`,
            ),
          );
          break;
        }
      }
    }
    const members = read.nodes.filter((n) => n.group === g.name);
    const odd = members.filter((n) => !sameShape(n.allocatable, o.allocatable));
    if (odd.length > 0 && (!set.machine || !set.allocatable)) {
      warnings.push(
        `${where} differ in allocatable (${odd.map((n) => n.name).join(", ")} unlike the others): nodes the autoscaler adds take the shape of the first by name (${shape(o.allocatable)})`,
      );
    }
    if (set.initialSize && g.initialSize !== o.size) {
      warnings.push(
        `${path}.initialSize ${g.initialSize} is ignored: ${file.path} gives the initial nodes, ${o.size} of this group`,
      );
    }
    if (o.size > g.maxSize) {
      warnings.push(
        `${where} are more than ${path}.maxSize ${g.maxSize}: the autoscaler adds none to it (it may remove some)`,
      );
    } else if (o.size < g.minSize) {
      warnings.push(
        `${where} are fewer than ${path}.minSize ${g.minSize}: the autoscaler removes none from it (it may add some)`,
      );
    }
    return {
      ...g,
      capacity,
      allocatable,
      labels: { ...o.labels, ...g.labels },
      taints: set.taints ? g.taints : o.taints,
      initialSize: o.size,
    };
  });
  const unknown = read.groups.filter((o) => !declared.has(o.name));
  if (unknown.length > 0 && spec?.unknownGroups === "Error")
    throw unknownGroupError(unknown, read, file, cluster);
  throwIfAny(scenarioFile, problems);
  for (const o of unknown) {
    nodeGroups.push(keptGroup(o));
    warnings.push(
      `${file.path}: node group "${o.name}" (${o.size} node(s), ${o.label === undefined ? `none of the labels ${groupLabels.join(", ")}` : `label ${o.label}`}) is not in ${GROUPS_PATH} (${[...declared].join(", ")}): kept as it is, ${o.size} node(s) of its observed shape that the autoscaler never scales (minSize = maxSize = ${o.size}), price 0; declare it in ${GROUPS_PATH} to price and scale it`,
    );
  }

  const notReady = read.nodes.filter((n) => n.readyAt === null).map((n) => n.name);
  if (notReady.length > 0) {
    warnings.push(
      `${file.path}: ${notReady.join(", ")} ${notReady.length === 1 ? "is" : "are"} not Ready: the replay starts every given node Ready`,
    );
  }
  const cordoned = read.nodes.filter((n) => n.unschedulable).length;
  const counts = read.groups.map(
    (o) => `${o.name} ${o.size}${o.label !== undefined ? ` by ${o.label}` : ""}`,
  );
  const rules = [
    `cluster.nodes: the ${read.nodes.length} node(s) of ${file.path} are the initial nodes (${counts.join(", ")}${cordoned > 0 ? `; ${cordoned} cordoned` : ""}); nodeGroups[].initialSize is their count`,
  ];
  return { nodeGroups, initialNodes: read.nodes, warnings, rules };
}

/** A group of the file with no nodeGroups entry, kept at its size: min = max = its count, price 0. */
function keptGroup(o: ObservedNodeGroup): NodeGroupSpec {
  return {
    name: o.name,
    capacity: o.capacity,
    allocatable: o.allocatable,
    labels: o.labels,
    taints: o.taints,
    pricePerHour: 0,
    minSize: o.size,
    maxSize: o.size,
    initialSize: o.size,
    provisioningDelaySeconds: D.DEFAULT_PROVISIONING_DELAY_SECONDS,
    startupToReadySeconds: D.DEFAULT_STARTUP_TO_READY_SECONDS,
    daemonSetOverhead: NO_OVERHEAD,
  };
}

function unknownGroupError(
  unknown: readonly ObservedNodeGroup[],
  read: KubectlNodes,
  file: NodesFile,
  cluster: ScenarioCluster,
): InputError {
  const o = unknown[0] as ObservedNodeGroup;
  const node = read.nodes.find((n) => n.group === o.name) as SimNode;
  const names = cluster.nodeGroups.map((g) => g.name).join(", ");
  const more =
    unknown.length > 1
      ? ` (and ${unknown.length - 1} more: ${unknown
          .slice(1)
          .map((u) => u.name)
          .join(", ")})`
      : "";
  const fix = `name it in ${GROUPS_PATH}, or set spec.cluster.nodes.unknownGroups: Keep to keep it at its size`;
  const violation =
    o.label === undefined
      ? requiredValue(
          "metadata.labels",
          `none of the node-group labels (${(cluster.nodes?.groupLabel != null ? [cluster.nodes.groupLabel] : NODE_GROUP_LABELS).join(", ")}) is set, so its group is "${UNGROUPED}", which is not in ${GROUPS_PATH} (${names})${more}: ${fix}`,
        )
      : invalidValue(
          key("metadata.labels", o.label),
          o.name,
          `no node group of that name in ${GROUPS_PATH} (${names})${more}: ${fix}`,
        );
  return InputError.fromViolations(file.path, { kind: "Node", name: node.name }, [violation]);
}

function sameShape(a: NodeResources, b: NodeResources): boolean {
  return a.cpuMilli === b.cpuMilli && a.memBytes === b.memBytes && a.pods === b.pods;
}

/** `cpu 4, memory 16Gi, pods 110`. */
function shape(r: NodeResources): string {
  return [
    `cpu ${formatMilli(BigInt(r.cpuMilli ?? 0))}`,
    `memory ${formatMilliBinary(BigInt(r.memBytes ?? 0) * 1000n)}`,
    `pods ${r.pods ?? 0}`,
  ].join(", ");
}
