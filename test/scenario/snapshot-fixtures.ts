/** Bad snapshots for `explain`: the table of test/fixtures/explain/bad-snapshots.json and how to build each. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** An absolute path from one relative to the repository root. */
export const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
/** The examples of examples/explain, by name. */
export const EXAMPLES = ["cpu-50-percent", "cpu-memory-scale-down", "pods-metric-rps"] as const;
/** The text of examples/explain/<name>.yaml. */
export const exampleText = (name: string) => readFileSync(root(`examples/explain/${name}.yaml`), "utf8");

/** A parsed JSON/YAML object. */
export type Json = Record<string, unknown>;
/** Sets `value` at `path` (`input.pods[0].phase`), or deletes the field with `delete: true`. */
export interface PatchOp {
  readonly path: string;
  readonly value?: unknown;
  readonly delete?: boolean;
}
/** One row of the table: a base, a patch, a substring of the error and the number of violations. */
export interface BadCase {
  readonly name: string;
  readonly base: string;
  readonly patch: readonly PatchOp[];
  readonly error: string;
  readonly count?: number;
}

/** A fresh copy of a base document: an example by name, or `bare` (cpu-50-percent's input alone). */
export function baseDocument(base: string): Json {
  if (base === "bare") return (parse(exampleText("cpu-50-percent")) as Json).input as Json;
  return parse(exampleText(base)) as Json;
}

/** `input.pods[0].phase` -> ["input", "pods", 0, "phase"]. */
function segments(path: string): (string | number)[] {
  return path
    .split(/\.|(?=\[)/)
    .map((s) => (s.startsWith("[") ? Number(s.slice(1, -1)) : s))
    .filter((s) => s !== "");
}

/** Applies `ops` to `doc` in place (and returns it); a path the base lacks is an error of the table. */
export function applyPatch(doc: Json, ops: readonly PatchOp[]): Json {
  for (const op of ops) {
    const path = segments(op.path);
    const last = path.pop();
    if (last === undefined) throw new Error(`empty patch path in ${op.path}`);
    let parent = doc as Record<string | number, unknown>;
    for (const s of path) {
      const next = parent[s];
      if (next === null || typeof next !== "object") throw new Error(`patch path ${op.path} not in the base`);
      parent = next as Record<string | number, unknown>;
    }
    if (op.delete === true) {
      if (!(last in parent)) throw new Error(`patch deletes ${op.path}, which the base lacks`);
      delete parent[last];
    } else parent[last] = op.value;
  }
  return doc;
}

/** The cases of test/fixtures/explain/bad-snapshots.json. */
export function badSnapshotCases(): BadCase[] {
  return (
    JSON.parse(readFileSync(root("test/fixtures/explain/bad-snapshots.json"), "utf8")) as { cases: BadCase[] }
  ).cases;
}

/** The bad snapshot of the table case named `name`, as JSON text. */
export function badSnapshotText(name: string): string {
  const c = badSnapshotCases().find((x) => x.name === name);
  if (c === undefined) throw new Error(`no bad-snapshot case named ${name}`);
  return JSON.stringify(applyPatch(baseDocument(c.base), c.patch));
}
