/**
 * Typed input errors for manifests, worded like the Kubernetes API server's field errors
 * (k8s.io/apimachinery/pkg/util/validation/field). The CLI maps {@link InputError} to exit code 2 and
 * prints only `.message`.
 */

/** One broken rule at one field, e.g. `spec.maxReplicas: Invalid value: -1: must be greater than or equal to 1`. */
export interface FieldViolation {
  /** Dotted path with indices, e.g. `spec.behavior.scaleDown.policies[0].periodSeconds`. */
  readonly fieldPath: string;
  /** Short text of the rule, e.g. `must be less than or equal to 1800`. */
  readonly rule: string;
  /** The whole line as the API server prints it: `<fieldPath>: <kind of error>[: <value>][: <rule>]`. */
  readonly message: string;
}

/** Which object in a file an error is about. `position` is 1-based among the file's objects. */
export interface ObjectIdentity {
  readonly kind: string;
  readonly name?: string | undefined;
  readonly position?: number | undefined;
}

/** What {@link InputError} is built from; `detail` is the message body after `<file>: <object>: `. */
export interface InputErrorInit {
  readonly file: string;
  readonly object?: ObjectIdentity | undefined;
  readonly fieldPath?: string | undefined;
  readonly rule: string;
  readonly detail: string;
  readonly violations?: readonly FieldViolation[] | undefined;
  /** Text between the object and `detail`: `": "` (default) or `" "` for `... "web" is invalid ...`. */
  readonly objectSeparator?: ": " | " " | undefined;
}

/**
 * Bad input: a manifest that does not parse, is not a supported HPA, or that the API server would reject.
 *
 * @example
 * // hpa.yaml: HorizontalPodAutoscaler "web": spec.maxReplicas: Invalid value: -1: must be greater than or equal to 1
 */
export class InputError extends Error {
  /** The file the input came from, as the user named it. */
  readonly file: string;
  /** `HorizontalPodAutoscaler/web`, or undefined when the error is not about one named object. */
  readonly objectRef: string | undefined;
  /** Field path of the first violation, e.g. `spec.maxReplicas`; undefined for file-level errors. */
  readonly fieldPath: string | undefined;
  /** Short text of the (first) rule violated. */
  readonly rule: string;
  /** Every violation found in the object, in the order the API server reports them. */
  readonly violations: readonly FieldViolation[];

  constructor(init: InputErrorInit) {
    const separator = init.objectSeparator ?? ": ";
    const objectPart = init.object !== undefined ? `${describeObject(init.object)}${separator}` : "";
    // (a Scenario made of flags or --vary fields has no file)
    super(`${init.file === "" ? "(no scenario file)" : init.file}: ${objectPart}${init.detail}`);
    this.name = "InputError";
    this.file = init.file;
    this.objectRef =
      init.object?.name !== undefined && init.object.name !== ""
        ? `${init.object.kind}/${init.object.name}`
        : undefined;
    this.fieldPath = init.fieldPath;
    this.rule = init.rule;
    this.violations = init.violations ?? [];
  }

  /**
   * One error for all violations of one object (mirrors field.ErrorList.ToAggregate: identical lines are
   * reported once). One violation reads as a single line; several read as a count, then one per line.
   */
  static fromViolations(
    file: string,
    object: ObjectIdentity,
    violations: readonly FieldViolation[],
  ): InputError {
    const unique = dedupeViolations(violations);
    const first = unique[0];
    if (first === undefined) throw new Error("InputError.fromViolations needs at least one violation");
    const detail =
      unique.length === 1
        ? first.message
        : `is invalid (${unique.length} errors):\n${unique.map((v) => `  * ${v.message}`).join("\n")}`;
    return new InputError({
      file,
      object,
      fieldPath: first.fieldPath,
      rule: first.rule,
      detail,
      violations: unique,
      objectSeparator: unique.length === 1 ? ": " : " ",
    });
  }
}

/**
 * Throws one {@link InputError} for all violations of a file that is not one Kubernetes object (a Scenario, a
 * snapshot): `<file>: <violation>`, or `<file>: N errors:` then one per line. Returns when there are none.
 */
export function throwIfAny(file: string, problems: readonly FieldViolation[]): void {
  const first = problems[0];
  if (first === undefined) return;
  const detail =
    problems.length === 1
      ? first.message
      : `${problems.length} errors:\n${problems.map((p) => `  * ${p.message}`).join("\n")}`;
  throw new InputError({ file, fieldPath: first.fieldPath, rule: first.rule, detail, violations: problems });
}

/** `HorizontalPodAutoscaler "web"`, or `HorizontalPodAutoscaler (object 2, unnamed)`. */
export function describeObject(object: ObjectIdentity): string {
  if (object.name !== undefined && object.name !== "") return `${object.kind} "${object.name}"`;
  return object.position !== undefined
    ? `${object.kind} (object ${object.position}, unnamed)`
    : `${object.kind} (unnamed)`;
}

function dedupeViolations(violations: readonly FieldViolation[]): FieldViolation[] {
  const seen = new Set<string>();
  const out: FieldViolation[] = [];
  for (const v of violations) {
    if (seen.has(v.message)) continue;
    seen.add(v.message);
    out.push(v);
  }
  return out;
}
