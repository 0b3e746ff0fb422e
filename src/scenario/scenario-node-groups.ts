/**
 * One `spec.cluster.nodeGroups` entry of a Scenario: name, machine capacity and allocatable, labels, taints,
 * price, sizes, node delays and DaemonSet overhead. Read strictly, with field paths; quantities become CPU
 * millicores and memory bytes as the cluster model counts them.
 */
import type { DaemonSetOverhead, DelaySpec, NodeGroupSpec, Taint } from "../cluster/node-groups.js";
import type { NodeResources } from "../cluster-autoscaler/types.js";
import { parseFloatQuantity, parseMilli } from "../units/quantity.js";
import { child, type FieldPath, invalidValue, notSupported, requiredValue } from "./field-violations.js";
import * as D from "./scenario-defaults.js";
import { enumField, integerField, nonEmptyString, numberField } from "./scenario-fields.js";
import { StrictObject } from "./strict-reader.js";

/** The fields of a nodeGroups entry. */
export const GROUP_FIELDS = [
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
const EFFECTS: readonly Taint["effect"][] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** Whether a field was given (present and not null). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** One nodeGroups entry. `machine` may be omitted when a nodes file is given (its nodes give the shape). */
export function readNodeGroup(
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
  const machineObj = g.object("machine", RESOURCE_FIELDS);
  const capacity = readResources(machineObj, true);
  const allocObj = g.object("allocatable", RESOURCE_FIELDS);
  const allocatable = allocObj === undefined ? capacity : readResources(allocObj, false, capacity);
  const shown = { cpuMilli: "cpu", memBytes: "memory", pods: "pods" } as const;
  for (const r of machineSet ? (["cpuMilli", "memBytes", "pods"] as const) : []) {
    if ((allocatable[r] ?? 0) > (capacity[r] ?? 0)) {
      g.problems.push(
        invalidValue(
          child(child(path, "allocatable"), shown[r]),
          allocObj?.fields[shown[r]],
          `must not exceed the machine's ${shown[r]} (${String(machineObj?.fields[shown[r]])})`,
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
