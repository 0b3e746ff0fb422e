/**
 * `spec.cluster.autoscaler` of a Scenario: every cluster autoscaler flag (CaConfig), defaults from
 * DEFAULT_CA_CONFIG, and `expander` as --expander. Read strictly, with field paths.
 */
import { type CaConfig, DEFAULT_CA_CONFIG, type ExpanderName } from "../cluster-autoscaler/config.js";
import { child, invalidValue, notSupported } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { integerField, numberField } from "./scenario-fields.js";
import type { StrictObject } from "./strict-reader.js";

const EXPANDERS: readonly ExpanderName[] = [
  "random",
  "most-pods",
  "least-waste",
  "least-nodes",
  "price",
  "priority",
];
/** Autoscaler fields with their own reading (not a plain number or boolean of CaConfig). */
const SPECIAL_CA_FIELDS = ["expanders"];
/** The autoscaler fields a Scenario may set: every CaConfig flag, `expander` for `expanders`. */
export const AUTOSCALER_FIELDS = [
  "expander",
  ...Object.keys(DEFAULT_CA_CONFIG).filter((k) => !SPECIAL_CA_FIELDS.includes(k)),
];

/** Reads spec.cluster.autoscaler; DEFAULT_CA_CONFIG when absent. */
export function readAutoscaler(a: StrictObject | undefined): CaConfig {
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
