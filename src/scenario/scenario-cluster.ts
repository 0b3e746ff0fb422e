/**
 * `spec.cluster` of a Scenario: node groups, the scheduler's scoring strategy and the cluster autoscaler's
 * flags. Absent = no node model (pods bind after spec.pods.schedulingSeconds). Read strictly, with field
 * paths; quantities become CPU millicores and memory bytes as the cluster model counts them.
 */
import type { DaemonSetOverhead, DelaySpec, NodeGroupSpec, SimNode, Taint } from "../cluster/node-groups.js";
import type { ScoringStrategy } from "../cluster/scheduler.js";
import { type CaConfig, DEFAULT_CA_CONFIG, type ExpanderName } from "../cluster-autoscaler/config.js";
import type { NodeResources } from "../cluster-autoscaler/types.js";
import { parseFloatQuantity, parseMilli } from "../units/quantity.js";
import {
  child,
  duplicate,
  type FieldPath,
  invalidValue,
  notSupported,
  requiredValue,
} from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import * as D from "./scenario-defaults.js";
import { enumField, integerField, nonEmptyString, numberField } from "./scenario-fields.js";
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
const GROUP_FIELDS = [
  "name",
  "machine",
  "allocatable",
  "labels",
  "taints",
  "pricePerHour",
  "minSize",
  "maxSize",
  "initialSize",
  "provisioningDelaySeconds",
  "startupToReadySeconds",
  "daemonSetOverhead",
];
const RESOURCE_FIELDS = ["cpu", "memory", "pods"];
const SCORING: readonly ScoringStrategy[] = ["LeastAllocated", "MostAllocated"];
const EXPANDERS: readonly ExpanderName[] = [
  "random",
  "most-pods",
  "least-waste",
  "least-nodes",
  "price",
  "priority",
];
const EFFECTS: readonly Taint["effect"][] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
/** Autoscaler fields with their own reading (not a plain number or boolean of CaConfig). */
const SPECIAL_CA_FIELDS = ["expanders"];
/** The autoscaler fields a Scenario may set: every CaConfig flag, `expander` for `expanders`. */
export const AUTOSCALER_FIELDS = [
  "expander",
  ...Object.keys(DEFAULT_CA_CONFIG).filter((k) => !SPECIAL_CA_FIELDS.includes(k)),
];

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

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
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

/** One nodeGroups entry. `machine` may be omitted when a nodes file is given (its nodes give the shape). */
function readNodeGroup(
  g: StrictObject | undefined,
  path: FieldPath,
  nodesGiven: boolean,
): NodeGroupSpec | undefined {
  if (g === undefined) return undefined;
  const problemsBefore = g.problems.length;
  const name = nonEmptyString(g, "name");
  if (g.fields.name === undefined || g.fields.name === null)
    g.problems.push(requiredValue(child(path, "name")));
  const machineSet = isSet(g.fields.machine);
  if (!machineSet && !nodesGiven) {
    g.problems.push(
      requiredValue(
        child(path, "machine"),
        "the machine's capacity: cpu, memory, pods (or spec.cluster.nodes, whose nodes of this group give it)",
      ),
    );
  }
  const capacity = readResources(g.object("machine", RESOURCE_FIELDS), true);
  const allocObj = g.object("allocatable", RESOURCE_FIELDS);
  const allocatable = allocObj === undefined ? capacity : readResources(allocObj, false, capacity);
  for (const r of machineSet ? (["cpuMilli", "memBytes", "pods"] as const) : []) {
    if ((allocatable[r] ?? 0) > (capacity[r] ?? 0)) {
      g.problems.push(
        invalidValue(
          child(path, "allocatable"),
          allocatable[r],
          `${r} must not exceed the machine's capacity`,
        ),
      );
      break;
    }
  }
  const overheadObj = g.object("daemonSetOverhead", RESOURCE_FIELDS);
  const o = overheadObj === undefined ? {} : readResources(overheadObj, false);
  const daemonSetOverhead: DaemonSetOverhead = {
    cpuMilli: o.cpuMilli ?? 0,
    memBytes: o.memBytes ?? 0,
    pods: o.pods ?? 0,
  };
  const minSize = integerField(g, "minSize", { min: 0 }, 0);
  if (g.fields.maxSize === undefined || g.fields.maxSize === null)
    g.problems.push(requiredValue(child(path, "maxSize")));
  const maxSize = integerField(g, "maxSize", { min: Math.max(1, minSize) }, Math.max(1, minSize));
  const initialSize = integerField(g, "initialSize", { min: minSize, max: maxSize }, minSize);
  const group: NodeGroupSpec = {
    name: name ?? "",
    capacity,
    allocatable,
    labels: g.stringMap("labels") ?? {},
    taints:
      g.list("taints", (item, p) =>
        readTaint(StrictObject.read(item, p, ["key", "value", "effect"], g.problems), p),
      ) ?? [],
    pricePerHour: numberField(g, "pricePerHour", { min: 0 }, 0),
    minSize,
    maxSize,
    initialSize,
    provisioningDelaySeconds: readDelay(g, "provisioningDelaySeconds", D.DEFAULT_PROVISIONING_DELAY_SECONDS),
    startupToReadySeconds: readDelay(g, "startupToReadySeconds", D.DEFAULT_STARTUP_TO_READY_SECONDS),
    daemonSetOverhead,
  };
  return g.problems.length === problemsBefore ? group : undefined;
}

/** cpu (quantity -> millicores), memory (quantity -> bytes), pods (integer). */
function readResources(
  obj: StrictObject | undefined,
  required: boolean,
  fallback: NodeResources = {},
): NodeResources {
  if (obj === undefined) return fallback;
  const out: { cpuMilli?: number; memBytes?: number; pods?: number } = {};
  const cpu = obj.quantity("cpu");
  const memory = obj.quantity("memory");
  const pods = integerField(obj, "pods", { min: 0 }, null);
  if (cpu !== undefined) out.cpuMilli = Number(parseMilli(cpu));
  if (memory !== undefined) out.memBytes = Math.round(parseFloatQuantity(memory));
  if (pods !== null) out.pods = pods;
  for (const [field, k] of [
    ["cpu", "cpuMilli"],
    ["memory", "memBytes"],
    ["pods", "pods"],
  ] as const) {
    const v = out[k];
    if (v !== undefined && v < 0) {
      obj.problems.push(
        invalidValue(child(obj.path, field), obj.fields[field], "must be greater than or equal to 0"),
      );
    }
    if (v === undefined) {
      if (required && obj.fields[field] === undefined)
        obj.problems.push(requiredValue(child(obj.path, field)));
      const f = fallback[k];
      if (f !== undefined) out[k] = f;
    }
  }
  return out;
}

function readTaint(t: StrictObject | undefined, path: FieldPath): Taint | undefined {
  if (t === undefined) return undefined;
  const key = nonEmptyString(t, "key");
  if (key === undefined && (t.fields.key === undefined || t.fields.key === null))
    t.problems.push(requiredValue(child(path, "key")));
  if (t.fields.effect === undefined || t.fields.effect === null)
    t.problems.push(requiredValue(child(path, "effect")));
  const effect = enumField(t, "effect", EFFECTS, null);
  if (key === undefined || effect === null) return undefined;
  return { key, value: t.string("value") ?? "", effect };
}

/** Seconds >= 0, or `{distribution: uniform, min, max}` / `{distribution: normal, mean, stddev, min?, max?}`. */
function readDelay(g: StrictObject, field: string, fallback: number): DelaySpec {
  const raw = g.fields[field];
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw === "number") return numberField(g, field, { min: 0 }, fallback);
  const d = g.object(field, ["distribution", "min", "max", "mean", "stddev"]);
  if (d === undefined) return fallback;
  const path = d.path;
  if (d.fields.distribution === undefined) {
    d.problems.push(requiredValue(child(path, "distribution"), "uniform or normal"));
    return fallback;
  }
  const dist = enumField(d, "distribution", ["uniform", "normal"] as const, null);
  const need = (k: string): number => {
    if (d.fields[k] === undefined || d.fields[k] === null) d.problems.push(requiredValue(child(path, k)));
    return numberField(d, k, { min: 0 }, 0);
  };
  if (dist === "uniform") {
    for (const k of ["mean", "stddev"]) {
      if (d.fields[k] !== undefined)
        d.problems.push(notSupported(child(path, "distribution"), dist, ["normal"]));
    }
    const min = need("min");
    const max = need("max");
    if (max < min)
      d.problems.push(invalidValue(child(path, "max"), max, `must be greater than or equal to min (${min})`));
    return { distribution: "uniform", min, max };
  }
  if (dist === "normal") {
    const mean = need("mean");
    const stddev = need("stddev");
    const min = numberField(d, "min", { min: 0 }, null);
    const max = numberField(d, "max", { min: 0 }, null);
    return {
      distribution: "normal",
      mean,
      stddev,
      ...(min !== null ? { min } : {}),
      ...(max !== null ? { max } : {}),
    };
  }
  return fallback;
}

function readAutoscaler(a: StrictObject | undefined): CaConfig {
  if (a === undefined) return DEFAULT_CA_CONFIG;
  const out: Record<string, unknown> = { ...DEFAULT_CA_CONFIG };
  for (const [k, def] of Object.entries(DEFAULT_CA_CONFIG)) {
    if (SPECIAL_CA_FIELDS.includes(k)) continue;
    if (typeof def === "boolean") out[k] = a.boolean(k) ?? def;
    else if (typeof def === "number") out[k] = readCaNumber(a, k, def);
  }
  const expander = readExpanders(a);
  if (expander !== undefined) out.expanders = expander;
  return out as unknown as CaConfig;
}

function readCaNumber(a: StrictObject, k: string, def: number): number {
  if (k === "expendablePodsPriorityCutoff") return integerField(a, k, {}, def);
  if (k.endsWith("Threshold")) return numberField(a, k, { min: 0, max: 1 }, def);
  if (k === "scanIntervalSeconds") return integerField(a, k, { min: 1 }, def);
  if (k.endsWith("Seconds") || k.startsWith("max") || k.startsWith("min"))
    return integerField(a, k, { min: 0 }, def);
  return numberField(a, k, { min: 0 }, def);
}

/** `expander: least-waste`, `expander: "priority,least-waste"` or a list, as --expander. */
function readExpanders(a: StrictObject): ExpanderName[] | undefined {
  const raw = a.fields.expander;
  if (raw === undefined || raw === null) return undefined;
  const path = child(a.path, "expander");
  let names: unknown[];
  if (typeof raw === "string") names = raw.split(",").map((s) => s.trim());
  else if (Array.isArray(raw)) names = raw;
  else {
    a.problems.push(invalidValue(path, raw, "must be an expander name, a comma-separated list or a list"));
    return undefined;
  }
  const out: ExpanderName[] = [];
  names.forEach((n, i) => {
    const p = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (typeof n === "string" && (EXPANDERS as readonly string[]).includes(n)) out.push(n as ExpanderName);
    else a.problems.push(notSupported(p, n, EXPANDERS) as FieldViolation);
  });
  return out.length > 0 && out.length === names.length ? out : undefined;
}
