/**
 * A core/v1 ResourceList (container requests/limits, a VPA's minAllowed/maxAllowed: int-or-string quantities),
 * decoded strictly with the decoder's messages; values are kept as written.
 */
import type { QuantityInput } from "../hpa/api-types.js";
import { isQuantity } from "../units/quantity.js";
import { type FieldPath, invalidValue, key, wrongType } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { isPlainObject } from "./read-manifests.js";
import { QUANTITY_FORMAT_MESSAGE } from "./strict-reader.js";

/** Resource name -> quantity as written. */
export type QuantityMap = Readonly<Record<string, QuantityInput>>;

/** Decodes a resource list at `path`; absent or null -> empty. Bad entries are reported and left out. */
export function decodeResourceList(raw: unknown, path: FieldPath, problems: FieldViolation[]): QuantityMap {
  const out: Record<string, QuantityInput> = {};
  if (raw === undefined || raw === null) return out;
  if (!isPlainObject(raw)) {
    problems.push(wrongType(path, raw, "a map of resource names to quantities"));
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const valuePath = key(path, name);
    if (typeof value !== "string" && typeof value !== "number") {
      problems.push(wrongType(valuePath, value, 'a quantity such as "500m" or 2'));
    } else if (!isQuantity(value)) {
      problems.push(invalidValue(valuePath, value, QUANTITY_FORMAT_MESSAGE));
    } else {
      out[name] = value;
    }
  }
  return out;
}
