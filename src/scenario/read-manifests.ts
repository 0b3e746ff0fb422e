/**
 * Manifest text -> plain objects: YAML or JSON, multi-document YAML (`---`), and lists (`kind: List`, as
 * `kubectl get hpa -o yaml` prints, or a typed `HorizontalPodAutoscalerList`) flattened recursively.
 */
import { parseAllDocuments } from "yaml";
import { InputError } from "./manifest-errors.js";

type PlainObject = Record<string, unknown>;

/**
 * Parses every document of a manifest file into plain objects, flattening lists and skipping empty
 * documents. Throws {@link InputError} naming the file (and line, for YAML syntax errors).
 *
 * @param text the file's contents
 * @param file the name to report in errors, e.g. `hpa.yaml`
 * @example parseManifestDocuments("kind: List\nitems: [{kind: A}, {kind: B}]", "x.yaml") // [{kind:"A"},{kind:"B"}]
 */
export function parseManifestDocuments(text: string, file: string): unknown[] {
  const out: unknown[] = [];
  parseDocuments(text, file).forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    flattenInto(out, doc, file, `document ${i + 1}`);
  });
  return out;
}

function parseDocuments(text: string, file: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return [JSON.parse(text)];
    } catch {
      // Not strict JSON: parse as YAML (a superset), which reports the line of a syntax error.
    }
  }
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  return list.map((doc) => {
    const problem = doc.errors[0];
    if (problem !== undefined) {
      const position = problem.linePos?.[0];
      const where = position !== undefined ? `line ${position.line}, column ${position.col}: ` : "";
      const summary = problem.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "";
      throw new InputError({ file, rule: "YAML syntax", detail: `${where}invalid YAML: ${summary}` });
    }
    try {
      return doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (e) {
      // the yaml library refuses alias expansion beyond the count (a "billion laughs" document)
      const detail = e instanceof Error ? e.message : String(e);
      throw new InputError({ file, rule: "YAML aliases", detail: `invalid YAML: ${detail}` });
    }
  });
}

function flattenInto(out: unknown[], value: unknown, file: string, where: string): void {
  if (!isPlainObject(value)) {
    throw new InputError({
      file,
      rule: "object expected",
      detail: `${where}: expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeJsonType(value)}`,
    });
  }
  const items = value.items;
  if (!isListKind(value.kind) || items === undefined || items === null) {
    out.push(value);
    return;
  }
  if (!Array.isArray(items)) {
    throw new InputError({
      file,
      fieldPath: "items",
      rule: "must be a list",
      detail: `${where}: items: Invalid value: must be a list of objects`,
    });
  }
  items.forEach((item: unknown, i) => {
    flattenInto(out, withListDefaults(item, value), file, `${where}, items[${i}]`);
  });
}

/** `List`, or a typed list such as `HorizontalPodAutoscalerList`. */
function isListKind(kind: unknown): boolean {
  return typeof kind === "string" && kind.endsWith("List");
}

/** Items of a typed list (`FooList`) omit apiVersion and kind; the API server means `Foo` of the list's version. */
function withListDefaults(item: unknown, list: PlainObject): unknown {
  if (!isPlainObject(item) || list.kind === "List" || typeof list.kind !== "string") return item;
  const filled: PlainObject = { ...item };
  if (filled.kind === undefined) filled.kind = list.kind.slice(0, -"List".length);
  if (filled.apiVersion === undefined && list.apiVersion !== undefined) filled.apiVersion = list.apiVersion;
  return filled;
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `a list`, `a string "x"`, ... for messages. */
export function describeJsonType(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "string") return `a string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value} ${String(value)}`;
}

/** One object of a kind a reader wants, with its 1-based position among the file's objects. */
export interface SelectedObject {
  readonly doc: Readonly<Record<string, unknown>>;
  readonly kind: string;
  readonly position: number;
}

/**
 * The objects among `docs` whose `kind` is one of `kinds`, in document order (other kinds are skipped).
 * A document that is not an object is an error naming its position.
 */
export function selectObjects(
  docs: readonly unknown[],
  file: string,
  kinds: readonly string[],
): SelectedObject[] {
  const out: SelectedObject[] = [];
  docs.forEach((doc, i) => {
    if (!isPlainObject(doc)) {
      throw new InputError({
        file,
        rule: "object expected",
        detail: `object ${i + 1}: expected a Kubernetes object, got ${describeJsonType(doc)}`,
      });
    }
    const kind = doc.kind;
    if (typeof kind === "string" && kinds.includes(kind)) out.push({ doc, kind, position: i + 1 });
  });
  return out;
}
