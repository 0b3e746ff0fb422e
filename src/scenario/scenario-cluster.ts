/**
 * `spec.cluster` of a Scenario: node groups, the scheduler's scoring strategy and the cluster autoscaler's
 * flags. Absent = no node model (pods bind after spec.pods.schedulingSeconds). Read strictly, with field
 * paths. One nodeGroups entry: scenario-node-groups.ts; the autoscaler's flags: scenario-autoscaler.ts.
 */
import type { NodeGroupSpec, SimNode } from "../cluster/node-groups.js";
import type { ScoringStrategy } from "../cluster/scheduler.js";
import type { CaConfig } from "../cluster-autoscaler/config.js";
import { child, duplicate, invalidValue, requiredValue } from "./field-violations.js";
import { AUTOSCALER_FIELDS, readAutoscaler } from "./scenario-autoscaler.js";
import * as D from "./scenario-defaults.js";
import { enumField, nonEmptyString } from "./scenario-fields.js";
import { GROUP_FIELDS, isSet, readNodeGroup } from "./scenario-node-groups.js";
import { StrictObject } from "./strict-reader.js";

/** A read spec.cluster. */
export interface ScenarioCluster {
  /**
   * As written. With {@link nodes}, a group whose `machine` was omitted has an empty capacity here until
   * scenario-nodes.ts fills it from the file; `initialSize` is replaced by the file's node count.
   */
  readonly nodeGroups: readonly NodeGroupSpec[];
  readonly scoring: ScoringStrategy;
  /** Every autoscaler flag, defaults from DEFAULT_CA_CONFIG. */
  readonly autoscaler: CaConfig;
  /** spec.cluster.nodes (or --nodes): real Node objects as the initial nodes; absent = initialSize nodes. */
  readonly nodes?: ScenarioClusterNodes;
  /** Which fields each nodeGroups entry set, by group name (what the nodes file may fill in or differ from). */
  readonly fieldsSet?: Readonly<Record<string, NodeGroupFieldsSet>>;
  /**
   * The nodes file's nodes, once read (scenario-nodes.ts `loadClusterNodes`); `nodeGroups` are then resolved
   * against it. Absent with {@link nodes} set = not read yet.
   */
  readonly initialNodes?: readonly SimNode[];
}

/** What a group in the nodes file that no nodeGroups entry names becomes. */
export type UnknownGroupsPolicy = "Keep" | "Error";

/** spec.cluster.nodes: `kubectl get nodes -o yaml` output as the replay's initial nodes. */
export interface ScenarioClusterNodes {
  /** The file as written: relative to the scenario file's folder, or to the working directory (command line). */
  readonly file: string;
  readonly fileBase: "scenario" | "cwd";
  /** The label whose value names a node's group; null = NODE_GROUP_LABELS in order (kubectl-nodes.ts). */
  readonly groupLabel: string | null;
  /** Keep (default): kept at its size, never scaled, price 0, with a warning. Error: an input error. */
  readonly unknownGroups: UnknownGroupsPolicy;
}

/** Fields of a nodeGroups entry that were given (not defaulted). */
export interface NodeGroupFieldsSet {
  readonly machine: boolean;
  readonly allocatable: boolean;
  readonly taints: boolean;
  readonly initialSize: boolean;
}

export const CLUSTER_FIELDS = ["nodeGroups", "scoring", "autoscaler", "nodes"];
const NODES_FIELDS = ["file", "groupLabel", "unknownGroups"];
const UNKNOWN_GROUPS: readonly UnknownGroupsPolicy[] = ["Keep", "Error"];
const SCORING: readonly ScoringStrategy[] = ["LeastAllocated", "MostAllocated"];

/** Reads spec.cluster; undefined when absent. */
export function readCluster(cluster: StrictObject | undefined): ScenarioCluster | undefined {
  if (cluster === undefined) return undefined;
  const nodes = readNodesSpec(cluster.object("nodes", NODES_FIELDS));
  const seen = new Set<string>();
  const fieldsSet: Record<string, NodeGroupFieldsSet> = {};
  const nodeGroups =
    cluster.list("nodeGroups", (item, path) => {
      const g = StrictObject.read(item, path, GROUP_FIELDS, cluster.problems);
      const group = readNodeGroup(g, path, nodes !== undefined);
      if (group === undefined || g === undefined) return undefined;
      if (seen.has(group.name)) {
        cluster.problems.push(duplicate(child(path, "name"), group.name));
        return undefined;
      }
      seen.add(group.name);
      fieldsSet[group.name] = {
        machine: isSet(g.fields.machine),
        allocatable: isSet(g.fields.allocatable),
        taints: isSet(g.fields.taints),
        initialSize: isSet(g.fields.initialSize),
      };
      return group;
    }) ?? [];
  if (cluster.fields.nodeGroups === undefined || cluster.fields.nodeGroups === null) {
    cluster.problems.push(requiredValue(child(cluster.path, "nodeGroups"), "at least one node group"));
  } else if (Array.isArray(cluster.fields.nodeGroups) && cluster.fields.nodeGroups.length === 0) {
    cluster.problems.push(
      invalidValue(child(cluster.path, "nodeGroups"), [], "must have at least one node group"),
    );
  }
  return {
    nodeGroups,
    scoring: enumField(cluster, "scoring", SCORING, D.DEFAULT_SCORING),
    autoscaler: readAutoscaler(cluster.object("autoscaler", AUTOSCALER_FIELDS)),
    fieldsSet,
    ...(nodes !== undefined ? { nodes } : {}),
  };
}

/** spec.cluster.nodes: `{file, groupLabel?, unknownGroups?}`. */
function readNodesSpec(n: StrictObject | undefined): ScenarioClusterNodes | undefined {
  if (n === undefined) return undefined;
  const file = nonEmptyString(n, "file");
  if (!isSet(n.fields.file)) {
    n.problems.push(requiredValue(child(n.path, "file"), "the output of kubectl get nodes -o yaml"));
  }
  return {
    file: file ?? "",
    fileBase: "scenario",
    groupLabel: nonEmptyString(n, "groupLabel") ?? null,
    unknownGroups: enumField(n, "unknownGroups", UNKNOWN_GROUPS, "Keep"),
  };
}
