/** Reading user files (or stdin for "-"), with errors that name the file. */
import { readFileSync } from "node:fs";
import { UsageError } from "./exit-codes.js";

/** The text of a file, or of stdin when `path` is "-". */
export function readInputText(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, expected a file"
          : (e as Error).message;
    throw new UsageError(`${path}: ${why}`);
  }
}
