/**
 * An HPA snapshot for `explain`: a reconcile case of ../shared/conformance/hpa/FORMAT.md §4 (the whole case
 * envelope, or only its `input`), in JSON or YAML (so hand-written snapshots can carry comments).
 *
 * The document is read strictly first, as a Scenario is: unknown fields, wrong types, numbers out of range and
 * values outside an enum are all reported at once, with their field paths (snapshot-*.ts). Only a document
 * without problems is converted: `null` fields dropped (not set), the HPA spec as the manifest decoder gives
 * it, the rest by the conformance vectors' own converter, so `explain` decides exactly as `conformance` does.
 */
import { parse } from "yaml";
import { toControllerState } from "../conformance/hpa-case-input.js";
import { toSyncInput } from "../conformance/hpa-case-input-sync.js";
import type { ControllerState, SyncInput } from "../hpa/types.js";
import { decodeSpecV2 } from "./decode-hpa-v2.js";
import { notSupported } from "./field-violations.js";
import { type FieldViolation, InputError, throwIfAny } from "./manifest-errors.js";
import { checkExpectation, EXPECT_FIELDS } from "./snapshot-expect.js";
import { nullListElements, requireFields, withoutNullFields } from "./snapshot-fields.js";
import { checkSnapshotInput, SNAPSHOT_INPUT_FIELDS } from "./snapshot-input.js";
import { StrictObject } from "./strict-reader.js";

export interface HpaSnapshot {
  readonly name: string;
  readonly input: SyncInput;
  readonly state: ControllerState;
  /** The case's `expect`, when the snapshot is a full case with a non-empty `expect`. */
  readonly expect?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: checked JSON, converted by the vectors' converter
type Json = any;

/** The fields of a case envelope (FORMAT.md §1.1). A document with `input` is an envelope. */
const CASE_FIELDS = ["id", "kind", "name", "source", "note", "input", "expect"];
const SOURCE_FIELDS = ["repository", "file", "test", "case"];

/**
 * Parses and checks a snapshot; quantities are parsed exactly.
 *
 * @param file the name to report in errors, as the user typed it
 * @throws InputError naming the file and every broken field, e.g.
 *   `snap.yaml: input.settings.tolerance: Invalid value: -1: must be greater than or equal to 0`
 */
export function parseHpaSnapshot(text: string, file: string): HpaSnapshot {
  const root = parseSnapshotText(text, file);
  const isCase = Object.hasOwn(root, "input");
  throwIfAny(file, checkSnapshotDocument(root, isCase));
  const doc = withoutNullFields(root) as Json;
  const input = isCase ? doc.input : doc;
  // the spec as Go's decoder gives it to the controller: an absent struct field is its zero value
  const hpa = { ...input.hpa, spec: decodeSpecV2(input.hpa.spec, []) };
  const snapshot: HpaSnapshot = {
    name: typeof doc.name === "string" ? doc.name : input.hpa.metadata.name,
    input: toSyncInput({ ...input, hpa }),
    state: toControllerState(input.controllerState),
  };
  return isCase && doc.expect !== undefined ? { ...snapshot, expect: doc.expect } : snapshot;
}

function parseSnapshotText(text: string, file: string): Record<string, unknown> {
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
  return doc as Record<string, unknown>;
}

/** Every problem of a parsed snapshot, in document order (then `null` list elements). */
function checkSnapshotDocument(root: Record<string, unknown>, isCase: boolean): FieldViolation[] {
  const problems: FieldViolation[] = [];
  const fields = isCase ? CASE_FIELDS : SNAPSHOT_INPUT_FIELDS;
  // `root` is an object, so read() returns it (after reporting its unknown fields)
  const top = StrictObject.read(root, "", fields, problems) ?? new StrictObject(root, "", problems);
  if (isCase) checkCase(top);
  else checkSnapshotInput(top);
  nullListElements(root, "", problems);
  return problems;
}

/** A case envelope (FORMAT.md §1.1): `kind: reconcile` if given, an `input`, and an optional `expect`. */
function checkCase(top: StrictObject): void {
  const kind = top.string("kind");
  if (kind !== undefined && kind !== "reconcile")
    top.problems.push(notSupported("kind", kind, ["reconcile"]));
  for (const key of ["id", "name", "note"]) top.string(key);
  const source = top.object("source", SOURCE_FIELDS);
  for (const key of SOURCE_FIELDS) source?.string(key);
  requireFields(top, ["input"]);
  const input = top.object("input", SNAPSHOT_INPUT_FIELDS);
  if (input !== undefined) checkSnapshotInput(input);
  const expect = top.object("expect", EXPECT_FIELDS);
  if (expect !== undefined) checkExpectation(expect);
}
