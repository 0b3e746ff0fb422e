/**
 * `kube-whatif sweep --vary PATH=VALUES`: which field of which document a sweep varies, over which values, and
 * every combination of them. A path starts with the document it edits: `hpa.` (the HorizontalPodAutoscaler),
 * `workload.` (its scale target) or `scenario.` (the Scenario), then field names and `[i]` list indexes:
 * `hpa.spec.behavior.scaleDown.policies[0].value`. Values are a comma-separated list (`0,60,300`, `Percent,Pods`)
 * or an inclusive numeric range `FROM..TO/STEP` (`60..300/60`); numbers, `true` and `false` are read as such,
 * anything else as a string (quantities such as `250m` included).
 */

import { flagsFixing } from "./flag-names.js";
import type { SimulationFlags } from "./scenario-flags.js";

/** A bad --vary (exit 2). */
export class SweepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepError";
  }
}

export type SweepDocument = "hpa" | "workload" | "scenario";

/** One --vary: the document, the path in it, the values. */
export interface Variation {
  /** The path as given (`hpa.spec.maxReplicas`): a column name of the sweep's results. */
  readonly name: string;
  readonly document: SweepDocument;
  readonly path: readonly (string | number)[];
  readonly values: readonly (number | boolean | string)[];
}

const DOCUMENTS: readonly SweepDocument[] = ["hpa", "workload", "scenario"];
/** Most values of one --vary (a range with a tiny step is a typo, not a sweep). */
const MAX_VALUES = 10000;
/**
 * Most combinations of a sweep: every one is validated before the first replay, so a typo in a range (two
 * thousand-value ranges make a million) must not start hours of work.
 */
export const MAX_COMBINATIONS = 100_000;
/** Names that would reach JavaScript's object machinery instead of a field. */
const FORBIDDEN_FIELDS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Throws SweepError when a varied Scenario field is one a command-line flag sets (`--seed` with
 * `--vary scenario.spec.simulation.seed=...`): the flag would win in every combination.
 */
export function checkNotFixedByFlags(variations: readonly Variation[], flags: SimulationFlags): void {
  for (const v of variations) {
    if (v.document !== "scenario") continue;
    const fixed = flagsFixing(flags, v.path);
    if (fixed.length > 0)
      throw new SweepError(
        `--vary ${v.name}: ${fixed.join(" and ")} ${fixed.length > 1 ? "set" : "sets"} that field in every combination, so the combinations would not differ: drop ${fixed.length > 1 ? "them" : "it"} or the --vary`,
      );
  }
}

/** Parses `PATH=VALUES`. */
export function parseVariation(arg: string): Variation {
  const eq = arg.indexOf("=");
  if (eq < 0)
    throw new SweepError(`--vary "${arg}": expected PATH=VALUES, e.g. hpa.spec.maxReplicas=10,20,40`);
  const name = arg.slice(0, eq).trim();
  const path = parsePath(name, arg);
  const document = path[0] as SweepDocument;
  if (!DOCUMENTS.includes(document) || path.length < 2) {
    throw new SweepError(
      `--vary "${arg}": the path must start with hpa., workload. or scenario. and name a field, e.g. hpa.spec.behavior.scaleDown.stabilizationWindowSeconds`,
    );
  }
  return { name, document, path: path.slice(1), values: parseValues(arg.slice(eq + 1).trim(), arg) };
}

function parsePath(name: string, arg: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of name.split(".")) {
    const m = /^([A-Za-z_$][\w$-]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      const list = /^\d+$/.test(part) ? String(out.at(-1) ?? "list") : null;
      const hint =
        list === null ? "" : `: a list index goes in brackets after the list, e.g. ${list}[${part}]`;
      throw new SweepError(`--vary "${arg}": "${part}" is not a field name (with optional [index])${hint}`);
    }
    if (FORBIDDEN_FIELDS.has(m[1] as string))
      throw new SweepError(`--vary "${arg}": "${m[1]}" is not a field of any Kubernetes or Scenario object`);
    out.push(m[1] as string);
    for (const idx of (m[2] as string).matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function parseValues(text: string, arg: string): (number | boolean | string)[] {
  const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (range !== null) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (step <= 0 || to < from)
      throw new SweepError(`--vary "${arg}": a range FROM..TO/STEP needs FROM <= TO and STEP > 0`);
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_VALUES) throw new SweepError(`--vary "${arg}": ${n} values (at most ${MAX_VALUES})`);
    // integer steps stay exact; others are rounded to 12 significant digits (no 0.30000000000000004)
    return Array.from({ length: n }, (_, i) => Number((from + i * step).toPrecision(12)));
  }
  if (/^-?[\d.]+\.\.-?[\d.]+(\/.*)?$/.test(text))
    throw new SweepError(
      `--vary "${arg}": "${text}" is not a range: write FROM..TO/STEP with numbers and a STEP > 0, e.g. 60..300/60`,
    );
  const values = splitTopLevel(text).map((v) => v.trim());
  if (values.some((v) => v === ""))
    throw new SweepError(`--vary "${arg}": an empty value (VALUES is a,b,c or FROM..TO/STEP)`);
  return values.map((v) =>
    /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === "true" ? true : v === "false" ? false : v,
  );
}

/**
 * `text` split at the commas outside parentheses and brackets, so an expression value keeps its own commas
 * (`20m + 4m * load,max(20m, 3m * load)` is two values).
 */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/** Every combination of the variations' values, the first variation's changing slowest. */
export function combinations(variations: readonly Variation[]): (number | boolean | string)[][] {
  const count = variations.reduce((n, v) => n * v.values.length, 1);
  if (count > MAX_COMBINATIONS)
    throw new SweepError(
      `${variations.map((v) => `--vary ${v.name} (${v.values.length} values)`).join(" x ")} make ${count} combinations (at most ${MAX_COMBINATIONS}): sweep fewer values, or in parts`,
    );
  let out: (number | boolean | string)[][] = [[]];
  for (const v of variations) out = out.flatMap((c) => v.values.map((x) => [...c, x]));
  return out;
}

/**
 * A copy of `doc` with `value` at `path`; missing objects on the way are created (a missing list element too,
 * as an object), so the API-server validation of the result names what is then missing or wrong.
 */
export function withValue(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === "number") {
    const list = Array.isArray(doc) ? [...doc] : [];
    // the next index adds an entry; one beyond would invent the entries between (each an error of its own)
    if (key > list.length)
      throw new SweepError(
        `[${key}] is past the end of a list of ${list.length} ${list.length === 1 ? "entry" : "entries"}: use an index up to ${list.length} (${list.length} adds an entry)`,
      );
    if (key === list.length) list.push({});
    list[key] = withValue(list[key], rest, value);
    return list;
  }
  const obj = doc !== null && typeof doc === "object" && !Array.isArray(doc) ? { ...(doc as object) } : {};
  (obj as Record<string, unknown>)[key] = withValue((obj as Record<string, unknown>)[key], rest, value);
  return obj;
}
