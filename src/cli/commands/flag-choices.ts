/** Small command-line helpers the commands share: a value from a fixed set, a repeatable option's list, FILE#COLUMN. */
import { existsSync } from "node:fs";
import type { ColumnRef } from "../../trace/types.js";
import { UsageError } from "../exit-codes.js";

/** Throws UsageError unless `value` is one of `allowed`: `--output: unsupported value "x": supported values: "a", "b"`. */
export function checkChoice(flag: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    const list = allowed.map((a) => `"${a}"`).join(", ");
    throw new UsageError(`${flag}: unsupported value "${value}": supported values: ${list}`);
  }
}

/** Commander's argument parser for a repeatable option: each value appended to the list. */
export const collect = (v: string, acc: string[]): string[] => [...acc, v];

/** `path#column` -> the path and the column (a 0-based index when all digits, else a header name). */
export function fileAndColumn(v: string): { path: string; column?: ColumnRef } {
  const hash = v.lastIndexOf("#");
  // a file whose own name has a `#` is read whole
  if (hash <= 0 || hash === v.length - 1 || existsSync(v)) return { path: v };
  const column = v.slice(hash + 1);
  return { path: v.slice(0, hash), column: /^\d+$/.test(column) ? Number(column) : column };
}
