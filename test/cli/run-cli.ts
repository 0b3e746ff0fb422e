/** Runs the built CLI as a user would, capturing stdout, stderr and the exit code. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], stdin?: string): CliRun {
  const r = spawnSync(process.execPath, ["dist/cli/main.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    input: stdin ?? "",
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
