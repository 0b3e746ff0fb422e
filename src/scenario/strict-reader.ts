/**
 * Reads plain parsed JSON/YAML into typed values the way the API server's strict decoder does: case-
 * sensitive keys, unknown fields rejected, `null` meaning "not set", int32 range, quantities parsed.
 * Problems are collected (not thrown) with their field paths, so all of them can be reported at once.
 */

import type { QuantityInput } from "../hpa/api-types.js";
import { INT32_MAX, INT32_MIN, isQuantity } from "../units/quantity.js";
import { child, type FieldPath, invalidValue, unknownField, wrongType } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";

/** apimachinery resource.ErrFormatWrong, the decoder's message for a malformed quantity. */
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A JSON object being read, with its path; reads of its fields record problems in the shared list. */
export class StrictObject {
  constructor(
    readonly fields: Readonly<Record<string, unknown>>,
    readonly path: FieldPath,
    /** Where problems found while reading are collected (shared by the whole object). */
    readonly problems: FieldViolation[],
  ) {}

  /**
   * Reads `value` at `path` as an object whose only fields are `known`, or undefined when absent or null.
   * Every other key is reported as an unknown field.
   */
  static read(
    value: unknown,
    path: FieldPath,
    known: readonly string[],
    problems: FieldViolation[],
  ): StrictObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      problems.push(wrongType(path, value, "an object"));
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) problems.push(unknownField(child(path, key)));
    }
    return new StrictObject(value, path, problems);
  }

  /** Reads `value` at `path` as a string (a list element), or undefined when absent, null or not a string. */
  static stringAt(value: unknown, path: FieldPath, problems: FieldViolation[]): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    problems.push(wrongType(path, value, "a string"));
    return undefined;
  }

  /** The nested object at `key` (see {@link StrictObject.read}). */
  object(key: string, known: readonly string[]): StrictObject | undefined {
    return StrictObject.read(this.fields[key], child(this.path, key), known, this.problems);
  }

  /** The list at `key`, each element read by `readItem` with its indexed path; undefined when absent. */
  list<T>(key: string, readItem: (value: unknown, path: FieldPath) => T | undefined): T[] | undefined {
    const value = this.fields[key];
    const path = child(this.path, key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problems.push(wrongType(path, value, "a list"));
      return undefined;
    }
    const out: T[] = [];
    value.forEach((item: unknown, i) => {
      const read = readItem(item, `${path}[${i}]`);
      if (read !== undefined) out.push(read);
    });
    return out;
  }

  /** The string at `key`, or undefined when absent or null. */
  string(key: string): string | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    this.problems.push(wrongType(child(this.path, key), value, "a string"));
    return undefined;
  }

  /** A map of strings (labels, annotations, matchLabels), or undefined when absent or null. */
  stringMap(key: string): Record<string, string> | undefined {
    const value = this.fields[key];
    const path = child(this.path, key);
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      this.problems.push(wrongType(path, value, "a map of strings"));
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string") out[k] = v;
      else this.problems.push(wrongType(child(path, k), v, "a string"));
    }
    return out;
  }

  /** The int32 at `key` (Go's `int32` field), or undefined when absent or null. */
  int32(key: string): number | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    const path = child(this.path, key);
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.problems.push(wrongType(path, value, "an integer"));
      return undefined;
    }
    if (value < INT32_MIN || value > INT32_MAX) {
      this.problems.push(invalidValue(path, value, "must fit in a 32-bit integer"));
      return undefined;
    }
    return value;
  }

  /** The boolean at `key`, or undefined when absent or null. */
  boolean(key: string): boolean | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    this.problems.push(wrongType(child(this.path, key), value, "a boolean (true or false)"));
    return undefined;
  }

  /** The finite number at `key`, or undefined when absent or null. */
  number(key: string): number | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    this.problems.push(wrongType(child(this.path, key), value, "a number"));
    return undefined;
  }

  /** The integer at `key` within Number's safe range (Go's `int64` field), or undefined when absent or null. */
  int64(key: string): number | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    this.problems.push(wrongType(child(this.path, key), value, "an integer"));
    return undefined;
  }

  /** The quantity at `key`, kept as written, or undefined when absent, null or malformed (reported). */
  quantity(key: string): QuantityInput | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    const path = child(this.path, key);
    if ((typeof value === "string" || typeof value === "number") && isQuantity(value)) return value;
    if (typeof value === "string" || typeof value === "number") {
      this.problems.push(invalidValue(path, value, QUANTITY_FORMAT_MESSAGE));
    } else {
      this.problems.push(wrongType(path, value, 'a quantity such as "500m" or 2'));
    }
    return undefined;
  }
}
