/**
 * Builders for {@link FieldViolation}, one per error type of apimachinery's `field` package, producing the
 * same text as `field.Error.Error()` (`<path>: Invalid value: 0: must be greater than 0`).
 */
import type { FieldViolation } from "./manifest-errors.js";

/** A field path under construction: `spec.metrics[0].resource`. */
export type FieldPath = string;

/** `parent.name` (mirrors field.Path.Child). */
export function child(parent: FieldPath, name: string): FieldPath {
  return parent === "" ? name : `${parent}.${name}`;
}

/** `parent[i]` (mirrors field.Path.Index). */
export function index(parent: FieldPath, i: number): FieldPath {
  return `${parent}[${i}]`;
}

/** A value as it appears in a message: numbers and booleans bare, strings quoted, absent as `null`. */
export function formatBadValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** `<path>: Invalid value: <value>: <detail>` (mirrors field.Invalid). */
export function invalidValue(path: FieldPath, value: unknown, detail: string): FieldViolation {
  return {
    fieldPath: path,
    rule: detail,
    message: `${path}: Invalid value: ${formatBadValue(value)}: ${detail}`,
  };
}

/** field.Invalid with the value already rendered as Go prints it (e.g. a map: `map[string]string{"app":"web"}`). */
export function invalidValueText(path: FieldPath, shownValue: string, detail: string): FieldViolation {
  return { fieldPath: path, rule: detail, message: `${path}: Invalid value: ${shownValue}: ${detail}` };
}

/** `<path>: Required value[: <detail>]` (mirrors field.Required). */
export function requiredValue(path: FieldPath, detail = ""): FieldViolation {
  return {
    fieldPath: path,
    rule: detail === "" ? "required" : detail,
    message: detail === "" ? `${path}: Required value` : `${path}: Required value: ${detail}`,
  };
}

/** `<path>: Forbidden: <detail>` (mirrors field.Forbidden). */
export function forbidden(path: FieldPath, detail: string): FieldViolation {
  return { fieldPath: path, rule: detail, message: `${path}: Forbidden: ${detail}` };
}

/** `<path>: Duplicate value: "app"` (mirrors field.Duplicate). */
export function duplicate(path: FieldPath, value: unknown): FieldViolation {
  return {
    fieldPath: path,
    rule: "duplicate value",
    message: `${path}: Duplicate value: ${formatBadValue(value)}`,
  };
}

/** `parent[key]` (mirrors field.Path.Key), e.g. `resources.requests[cpu]`. */
export function key(parent: FieldPath, name: string): FieldPath {
  return `${parent}[${name}]`;
}

/**
 * `<path>: Unsupported value: "Foo": supported values: "A", "B"` (mirrors field.NotSupported). Pass the
 * supported list in upstream's order (its lists come from sets.String.List(), i.e. sorted).
 */
export function notSupported(path: FieldPath, value: unknown, supported: readonly string[]): FieldViolation {
  const rule = `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`;
  return { fieldPath: path, rule, message: `${path}: Unsupported value: ${formatBadValue(value)}: ${rule}` };
}

/**
 * A field the API does not have. The API server rejects these under strict field validation (the
 * `kubectl apply` default): `strict decoding error: unknown field "spec.foo"`.
 */
export function unknownField(path: FieldPath): FieldViolation {
  return {
    fieldPath: path,
    rule: "unknown field",
    message: `strict decoding error: unknown field "${path}"`,
  };
}

/** A JSON value of the wrong type, which the API server's decoder rejects before validation. */
export function wrongType(path: FieldPath, value: unknown, expected: string): FieldViolation {
  return invalidValue(path, value, `must be ${expected}`);
}
