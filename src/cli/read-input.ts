/** Reading user files (or stdin for "-", or a folder's manifests), with errors that name the file. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
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

/** The manifest files kubectl's `-f DIR` reads: a folder's own `.yaml`, `.yml` and `.json` files, by name. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * The files `-f` names: each path as given, a folder replaced by its manifest files (not recursive, sorted by
 * name, as `kubectl apply -f DIR`); a folder without any is an error.
 */
export function expandManifestPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let dir = false;
    try {
      dir = path !== "-" && statSync(path).isDirectory();
    } catch {
      // a missing path is reported when it is read
    }
    if (!dir) {
      out.push(path);
      continue;
    }
    const files = readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isFile() && MANIFEST_FILE.test(e.name))
      .map((e) => join(path, e.name))
      .sort();
    if (files.length === 0) throw new UsageError(`${path}: a folder without .yaml, .yml or .json files`);
    out.push(...files);
  }
  return out;
}
