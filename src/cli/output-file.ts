/**
 * Files the CLI writes besides stdout (`--junit FILE`): the path is checked before the run (so a long sweep does
 * not fail at its end), and the file is written whole or not at all (a temporary file in the same directory,
 * renamed over the path).
 */
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./exit-codes.js";

/** The refusal of `--junit` when there is nothing to report. */
export const JUNIT_WITHOUT_ASSERTIONS = "--junit reports assertions: give --assert or spec.assertions";

/**
 * Throws a UsageError naming the flag when `path` cannot be written: no such directory, a directory itself, or a
 * directory where no file can be created (tried: an empty probe file, removed at once; permissions alone do not
 * tell, e.g. for root on a read-only or virtual file system).
 */
export function checkOutputPath(flag: string, path: string): void {
  const dir = dirname(path);
  const stat = (p: string) => statSync(p, { throwIfNoEntry: false });
  const parent = stat(dir);
  if (parent === undefined || !parent.isDirectory()) {
    throw new UsageError(`${flag} ${path}: cannot write: the directory ${dir} does not exist`);
  }
  if (stat(path)?.isDirectory() === true) {
    throw new UsageError(`${flag} ${path}: cannot write: it is a directory, expected a file`);
  }
  const probe = join(dir, `.${basename(path)}.${process.pid}.check`);
  try {
    writeFileSync(probe, "", { flag: "wx" });
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot write: ${(e as Error).message}`);
  }
  rmSync(probe, { force: true });
}

/** Writes `text` to `path` whole: a temporary file beside it, renamed over it. Errors name the flag and path. */
export function writeOutputFile(flag: string, path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, "utf8");
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new UsageError(`${flag} ${path}: cannot write: ${(e as Error).message}`);
  }
}
