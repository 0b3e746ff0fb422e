/**
 * Name and reference checks the API server applies, with its messages
 * (k8s.io/apimachinery/pkg/util/validation, pkg/api/validation/path, pkg/runtime/schema).
 * Each returns the list of problems, empty when the value is fine.
 */

import { invalidValue, requiredValue } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** mirrors validation.go RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')`. */
function regexError(msg: string, fmt: string, examples: readonly string[]): string {
  const shown = examples.map((e, i) => `${i > 0 ? " or " : ""}'${e}', `).join("");
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

/** mirrors validation.go MaxLenError. */
function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** mirrors validation.go IsDNS1123Label: container names, namespaces. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL_FMT,
        ["my-name", "123-abc"],
      ),
    );
  }
  return errs;
}

/** mirrors validation.go IsDNS1123Subdomain: object names (NameIsDNSSubdomain). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        ["example.com"],
      ),
    );
  }
  return errs;
}

const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MAX_LENGTH = 63;

/** mirrors validation.go IsQualifiedName: label keys (`app`, `app.kubernetes.io/name`). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, ["MyName", "my.name", "123-abc"])} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH)
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(
      `name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, ["MyName", "my.name", "123-abc"])}`,
    );
  }
  return errs;
}

/** mirrors validation.go IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        ["MyValue", "my_value", "12345"],
      ),
    );
  }
  return errs;
}

/** mirrors path/name.go IsValidPathSegmentName: names that become one segment of a URL path. */
export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of [".", ".."]) {
    if (name === illegal) return [`may not be '${illegal}'`];
  }
  const errs: string[] = [];
  for (const illegal of ["/", "%"]) {
    if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  }
  return errs;
}

/** A parsed `group/version`; the core group is `""`. */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/**
 * mirrors schema/group_version.go ParseGroupVersion: `""` and `"/"` are the empty group version, `v1` is the
 * core group, `apps/v1` a named group; anything with more slashes is an error (returned as a string).
 */
export function parseGroupVersion(apiVersion: string): GroupVersion | string {
  if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? "", version: parts[1] ?? "" };
  return `unexpected GroupVersion string: ${apiVersion}`;
}

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

/**
 * mirrors core/v1/validation ValidateContainerResourceName, simplified: an unprefixed name must be a
 * standard container resource (`cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>`); prefixed
 * (extended) names such as `example.com/gpu` are accepted without the qualified-name check.
 */
export function isContainerResourceName(name: string): string[] {
  if (name.includes("/")) return [];
  if (STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-")) return [];
  return ["must be a standard resource for containers"];
}

/** A namespaced object's name and namespace (mirrors apimachinery ValidateObjectMeta with NameIsDNSSubdomain). */
export function validateObjectMeta(
  name: string,
  namespace: string | undefined,
  errs: FieldViolation[],
): void {
  if (name === "") errs.push(requiredValue("metadata.name", "name or generateName is required"));
  else for (const msg of isDNS1123Subdomain(name)) errs.push(invalidValue("metadata.name", name, msg));
  if (namespace !== undefined && namespace !== "") {
    for (const msg of isDNS1123Label(namespace))
      errs.push(invalidValue("metadata.namespace", namespace, msg));
  }
}
