/**
 * The usage-model flags (`--cpu`, `--memory`, `--pod-metric NAME=EXPR`, `--cluster-metric NAME=EXPR`,
 * `--sticky-memory`, `--max-load-per-pod`) over the Scenario's spec.workload: each given field replaces the
 * scenario's (a metric flag replaces that metric's expression only), checked as the file's fields are, with the
 * expressions compiled at once so that a typo is reported against the flag.
 */
import { compileLoadExpression, ExpressionError, isResourceUsageField } from "../metrics/usage-expression.js";
import { child } from "./field-violations.js";
import { nonEmptyString } from "./scenario-fields.js";
import type { ScenarioWorkload } from "./scenario-types.js";
import { maxLoadPerPodField } from "./scenario-workload.js";
import type { StrictObject } from "./strict-reader.js";

/** Records a change: the flag key, the new value and the scenario's (null = its default). */
export type FlagNote = (name: string, value: unknown, was: unknown) => void;

/** The keys this module reads. */
export const WORKLOAD_FLAG_KEYS = [
  "cpu",
  "memory",
  "stickyMemory",
  "podMetrics",
  "clusterMetrics",
  "maxLoadPerPod",
] as const;

/** `text` compiled (and dropped): a violation at `path` when it is not a usable expression of load. */
function checkExpression(f: StrictObject, path: string, text: string): boolean {
  try {
    compileLoadExpression(text, path, { nonNegative: isResourceUsageField(path) });
    return true;
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    f.problems.push({ fieldPath: path, rule: "expression", message: e.message });
    return false;
  }
}

function expressionFlag(f: StrictObject, key: string): string | undefined {
  const text = nonEmptyString(f, key);
  return text !== undefined && checkExpression(f, key, text) ? text : undefined;
}

function expressionMapFlag(f: StrictObject, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(f.stringMap(key) ?? {})) {
    if (checkExpression(f, child(key, name), text)) out[name] = text;
  }
  return out;
}

/** The workload with the flags in `f` applied; changes go to `note`, problems to `f.problems`. */
export function mergeWorkloadFlags(w: ScenarioWorkload, f: StrictObject, note: FlagNote): ScenarioWorkload {
  if (!WORKLOAD_FLAG_KEYS.some((k) => k in f.fields)) return w;
  const cpu = expressionFlag(f, "cpu");
  const memory = expressionFlag(f, "memory");
  const stickyMemory = f.boolean("stickyMemory");
  const podMetrics = expressionMapFlag(f, "podMetrics");
  const clusterMetrics = expressionMapFlag(f, "clusterMetrics");
  const maxLoadPerPod = maxLoadPerPodField(f, w.maxLoadPerPod);

  const u = w.usage;
  const fromFlags = [...(w.fromFlags ?? [])];
  const flagged: FlagNote = (name, value, was) => {
    note(name, value, was);
    if (name !== "maxLoadPerPod" && name !== "stickyMemory") fromFlags.push(name);
  };
  if (cpu !== undefined) flagged("cpu", cpu, u.cpu);
  if (memory !== undefined) flagged("memory", memory, u.memory);
  if (stickyMemory !== undefined) note("stickyMemory", stickyMemory, u.stickyMemory);
  for (const [name, text] of Object.entries(podMetrics))
    flagged(`podMetrics.${name}`, text, u.podMetrics[name] ?? null);
  for (const [name, text] of Object.entries(clusterMetrics))
    flagged(`clusterMetrics.${name}`, text, u.clusterMetrics[name] ?? null);
  if (maxLoadPerPod !== w.maxLoadPerPod) note("maxLoadPerPod", maxLoadPerPod, w.maxLoadPerPod);
  return {
    usage: {
      ...u,
      cpu: cpu ?? u.cpu,
      memory: memory ?? u.memory,
      stickyMemory: stickyMemory ?? u.stickyMemory,
      podMetrics: { ...u.podMetrics, ...podMetrics },
      clusterMetrics: { ...u.clusterMetrics, ...clusterMetrics },
    },
    maxLoadPerPod,
    ...(fromFlags.length > 0 ? { fromFlags } : {}),
  };
}
