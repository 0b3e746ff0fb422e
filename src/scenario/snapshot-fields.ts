/**
 * Checked reads of HPA snapshot fields (the reconcile cases of ../shared/conformance/hpa/FORMAT.md) on top of
 * {@link StrictObject}: required fields, times, durations, replica counts, resource lists, lists of objects
 * and maps of lists. Each records a violation with its field path in the object's shared problem list.
 */
import { parseMilli } from "../units/quantity.js";
import { child, type FieldPath, index, invalidValue, requiredValue, wrongType } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";
import { integerField, numberField } from "./scenario-fields.js";
import { StrictObject } from "./strict-reader.js";

/** Reports every key of `keys` that `obj` lacks (absent or null) as `Required value`. */
export function requireFields(obj: StrictObject | undefined, keys: readonly string[]): void {
  if (obj === undefined) return;
  for (const key of keys) {
    const value = obj.fields[key];
    if (value === undefined || value === null) obj.problems.push(requiredValue(child(obj.path, key)));
  }
}

/** A time on the snapshot's clock: seconds, finite, >= 0 (0 = Go's zero time). */
export function timeField(obj: StrictObject | undefined, key: string): void {
  numberField(obj, key, { min: 0 }, null);
}

/** A duration in whole seconds, >= 0 (the `...Seconds` fields). */
export function secondsField(obj: StrictObject | undefined, key: string): void {
  integerField(obj, key, { min: 0 }, null);
}

/** A replica count: an int32, >= 0. */
export function replicasField(obj: StrictObject | undefined, key: string): void {
  const value = obj?.int32(key);
  if (obj !== undefined && value !== undefined && value < 0) {
    obj.problems.push(invalidValue(child(obj.path, key), value, "must be greater than or equal to 0"));
  }
}

/** A map of resource name -> quantity >= 0 (container requests, metrics-server usage). */
export function resourceListField(obj: StrictObject | undefined, key: string): void {
  const value = obj?.fields[key];
  if (obj === undefined || value === undefined || value === null) return;
  const path = child(obj.path, key);
  if (!isPlainObject(value)) {
    obj.problems.push(wrongType(path, value, 'a map of resource names to quantities, such as {cpu: "500m"}'));
    return;
  }
  const list = new StrictObject(value, path, obj.problems);
  for (const name of Object.keys(value)) {
    const quantity = list.quantity(name);
    if (quantity !== undefined && parseMilli(quantity) < 0n) {
      obj.problems.push(invalidValue(child(path, name), quantity, "must be greater than or equal to 0"));
    }
  }
}

/** The list of objects at `key`: each element read with only the fields `known`, then given to `check`. */
export function objectList(
  obj: StrictObject | undefined,
  key: string,
  known: readonly string[],
  check: (item: StrictObject) => void,
): void {
  obj?.list(key, (value, path) => {
    const item = StrictObject.read(value, path, known, obj.problems);
    if (item !== undefined) check(item);
    return undefined;
  });
}

/** A map of name -> list of objects (`podsMetrics`, `externalMetrics`), each list read by {@link objectList}. */
export function listMap(
  obj: StrictObject | undefined,
  key: string,
  known: readonly string[],
  check: (item: StrictObject) => void,
): void {
  const value = obj?.fields[key];
  if (obj === undefined || value === undefined || value === null) return;
  const path = child(obj.path, key);
  if (!isPlainObject(value)) {
    obj.problems.push(wrongType(path, value, "a map of metric names to lists of samples"));
    return;
  }
  const lists = new StrictObject(value, path, obj.problems);
  for (const name of Object.keys(value)) objectList(lists, name, known, check);
}

/**
 * Reports every `null` element of a list anywhere in `value` (`pods: [null]`): readers take `null` as "not
 * set", which a list element cannot be.
 */
export function nullListElements(value: unknown, path: FieldPath, problems: FieldViolation[]): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      const at = index(path, i);
      if (item === null || item === undefined) problems.push(wrongType(at, null, "a value, not null"));
      else nullListElements(item, at, problems);
    });
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) nullListElements(v, child(path, k), problems);
  }
}

/** A copy of `value` without the object fields that are `null` (read as "not set" by every reader). */
export function withoutNullFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullFields);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNullFields(v);
  return out;
}
