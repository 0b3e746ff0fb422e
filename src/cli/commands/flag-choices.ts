/** Small command-line helpers the commands share: a value from a fixed set, and a repeatable option's list. */
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
