/**
 * Typed, range-checked reads of Scenario fields on top of {@link StrictObject}: each returns the value or
 * the default, and records a violation (with the field path) for a wrong type or an out-of-range value.
 */
import type { ColumnRef, TimeBound } from "../trace/types.js";
import { child, invalidValue, notSupported, wrongType } from "./field-violations.js";
import { isPlainObject } from "./read-manifests.js";
import type { ScenarioContainerUsage } from "./scenario-types.js";
import { StrictObject } from "./strict-reader.js";

/** Bounds of a number; `min` inclusive unless `above` is set (then strictly greater). */
export interface Range {
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  /** Why `max` is the bound, appended to the rule: `must be less than or equal to 315360000 (<maxReason>)`. */
  readonly maxReason?: string;
}

function checkRange(obj: StrictObject, key: string, value: number, range: Range): boolean {
  const path = child(obj.path, key);
  if (range.min !== undefined && value < range.min) {
    obj.problems.push(invalidValue(path, value, `must be greater than or equal to ${range.min}`));
    return false;
  }
  if (range.above !== undefined && value <= range.above) {
    obj.problems.push(invalidValue(path, value, `must be greater than ${range.above}`));
    return false;
  }
  if (range.max !== undefined && value > range.max) {
    const why = range.maxReason === undefined ? "" : ` (${range.maxReason})`;
    obj.problems.push(invalidValue(path, value, `must be less than or equal to ${range.max}${why}`));
    return false;
  }
  return true;
}

/** A whole number (e.g. seconds) within `range`; `fallback` when absent or invalid. */
export function integerField<T extends number | null>(
  obj: StrictObject | undefined,
  key: string,
  range: Range,
  fallback: T,
): number | T {
  const value = obj?.int64(key);
  if (obj === undefined || value === undefined) return fallback;
  return checkRange(obj, key, value, range) ? value : fallback;
}

/** A finite number within `range`; `fallback` when absent or invalid. */
export function numberField<T extends number | null>(
  obj: StrictObject | undefined,
  key: string,
  range: Range,
  fallback: T,
): number | T {
  const value = obj?.number(key);
  if (obj === undefined || value === undefined) return fallback;
  return checkRange(obj, key, value, range) ? value : fallback;
}

/** One of `allowed`; `fallback` when absent or not supported. */
export function enumField<E extends string, T extends E | null>(
  obj: StrictObject | undefined,
  key: string,
  allowed: readonly E[],
  fallback: T,
): E | T {
  const value = obj?.string(key);
  if (obj === undefined || value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as E;
  obj.problems.push(notSupported(child(obj.path, key), value, allowed));
  return fallback;
}

/** A non-empty string; undefined when absent. */
export function nonEmptyString(obj: StrictObject | undefined, key: string): string | undefined {
  const value = obj?.string(key);
  if (obj === undefined || value === undefined) return undefined;
  if (value.trim() === "") {
    obj.problems.push(invalidValue(child(obj.path, key), value, "must not be empty"));
    return undefined;
  }
  return value;
}

/** An expression: a string, or a number written bare in YAML (`cpu: 0.25`); undefined when absent. */
export function expressionField(obj: StrictObject | undefined, key: string): string | undefined {
  if (obj === undefined) return undefined;
  const value = obj.fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return nonEmptyString(obj, key);
}

/** A map of metric name -> expression. */
export function expressionMap(obj: StrictObject | undefined, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj === undefined) return out;
  const value = obj.fields[key];
  const path = child(obj.path, key);
  if (value === undefined || value === null) return out;
  if (!isPlainObject(value)) {
    obj.problems.push(wrongType(path, value, "a map of metric names to expressions"));
    return out;
  }
  for (const [name, text] of Object.entries(value)) {
    if (typeof text === "number" && Number.isFinite(text)) out[name] = String(text);
    else if (typeof text === "string" && text.trim() !== "") out[name] = text;
    else obj.problems.push(wrongType(child(path, name), text, "an expression of load, such as `2 * load`"));
  }
  return out;
}

/** spec.workload.usage.containers: container name -> {cpu, memory} expressions. */
export function containerUsageMap(usage: StrictObject | undefined): Record<string, ScenarioContainerUsage> {
  const out: Record<string, ScenarioContainerUsage> = {};
  const containers = usage?.fields.containers;
  if (usage === undefined || containers === undefined || containers === null) return out;
  const path = child(usage.path, "containers");
  if (!isPlainObject(containers)) {
    usage.problems.push(wrongType(path, containers, "a map of container names to {cpu, memory} expressions"));
    return out;
  }
  for (const name of Object.keys(containers)) {
    const c = StrictObject.read(containers[name], child(path, name), ["cpu", "memory"], usage.problems);
    out[name] = { cpu: expressionField(c, "cpu") ?? null, memory: expressionField(c, "memory") ?? null };
  }
  return out;
}

/** A column: a header name or a 0-based index. */
export function columnField(obj: StrictObject | undefined, key: string): ColumnRef | undefined {
  if (obj === undefined) return undefined;
  const value = obj.fields[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  obj.problems.push(wrongType(child(obj.path, key), value, "a column name or a 0-based column index"));
  return undefined;
}

/** A slice bound: seconds from the trace start, or an ISO-8601 time. */
export function timeBoundField(obj: StrictObject | undefined, key: string): TimeBound | undefined {
  if (obj === undefined) return undefined;
  const value = obj.fields[key];
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (
    (typeof value === "string" && value.trim() !== "") ||
    (typeof value === "number" && Number.isFinite(value))
  ) {
    return value;
  }
  obj.problems.push(
    wrongType(
      child(obj.path, key),
      value,
      'seconds from the trace start or a time such as "1998-06-10T00:00:00"',
    ),
  );
  return undefined;
}
