/**
 * An HPA snapshot for `explain`: a reconcile case of ../shared/conformance/hpa/FORMAT.md §4 (the whole case
 * envelope, or only its `input`), in JSON or YAML (so hand-written snapshots can carry comments).
 */
import { parse } from "yaml";
import { toControllerState } from "../conformance/hpa-case-input.js";
import { toSyncInput } from "../conformance/hpa-case-input-sync.js";
import type { ControllerState, SyncInput } from "../hpa/types.js";
import { QuantityError } from "../units/quantity.js";
import { InputError } from "./manifest-errors.js";

export interface HpaSnapshot {
  readonly name: string;
  readonly input: SyncInput;
  readonly state: ControllerState;
  /** The case's `expect`, when the snapshot is a full case. */
  readonly expect?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function fail(file: string, fieldPath: string, detail: string): never {
  throw new InputError({ file, fieldPath, rule: detail, detail: `${fieldPath}: ${detail}` });
}

function requireField(file: string, obj: Json, path: string, type: "number" | "object" | "string"): void {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    cur = cur !== null && typeof cur === "object" ? (cur as Json)[part] : undefined;
  }
  if (cur === undefined || cur === null) fail(file, `input.${path}`, "Required value");
  if (typeof cur !== type)
    fail(file, `input.${path}`, `Invalid value: ${JSON.stringify(cur)}: expected a ${type}`);
}

/** Parses and checks a snapshot; quantities are parsed exactly. Errors name the file and field. */
export function parseHpaSnapshot(text: string, file: string): HpaSnapshot {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new InputError({
      file,
      rule: "YAML/JSON syntax",
      detail: `not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}`,
    });
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError({
      file,
      rule: "snapshot shape",
      detail: "expected one reconcile case (an object with `input`, or the input itself)",
    });
  }
  const root = doc as Json;
  if (root.kind !== undefined && root.kind !== "reconcile") {
    fail(file, "kind", `Unsupported value: ${JSON.stringify(root.kind)}: supported values: "reconcile"`);
  }
  const input = (root.input ?? root) as Json;
  for (const [path, type] of [
    ["now", "number"],
    ["hpa", "object"],
    ["hpa.metadata.name", "string"],
    ["hpa.spec", "object"],
    ["hpa.spec.maxReplicas", "number"],
    ["scaleTarget", "object"],
    ["scaleTarget.specReplicas", "number"],
    ["scaleTarget.statusReplicas", "number"],
    ["scaleTarget.selector", "string"],
  ] as const) {
    requireField(file, input, path, type);
  }
  try {
    const snapshot: HpaSnapshot = {
      name:
        typeof root.name === "string"
          ? root.name
          : String((input.hpa as Json).metadata && ((input.hpa as Json).metadata as Json).name),
      input: toSyncInput(input),
      state: toControllerState(input.controllerState ?? { recommendations: null }),
    };
    return root.expect !== undefined ? { ...snapshot, expect: root.expect as Json } : snapshot;
  } catch (e) {
    if (e instanceof QuantityError) throw new InputError({ file, rule: "quantity", detail: e.message });
    throw e;
  }
}
