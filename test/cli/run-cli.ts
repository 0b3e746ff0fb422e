/** Runs the built CLI as a user would, capturing stdout, stderr and the exit code. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

/** The HorizontalPodAutoscaler document of the bundled WorldCup98 example (examples/worldcup/web.yaml), as text. */
export function worldcupHpaText(): string {
  const web = readFileSync(join(ROOT, "examples/worldcup/web.yaml"), "utf8");
  return web.slice(web.indexOf("apiVersion: autoscaling/v2"));
}

/** Writes the example's HPA with `edit` applied to `dir/name` (an alternative for compare); returns the path. */
export function writeWorldcupHpa(dir: string, name: string, edit: (text: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, edit(worldcupHpaText()));
  return path;
}

/**
 * The Scenario of a bundled example (`examples/<name>/scenario.yaml`) as text that works from any folder: its
 * trace path absolute, and its `manifests: [web.yaml]` the example's own web.yaml, or `manifests` when given.
 */
export function movableScenario(example: string, manifests?: string): string {
  const dir = join(ROOT, "examples", example);
  return readFileSync(join(dir, "scenario.yaml"), "utf8")
    .replace("manifests: [web.yaml]", `manifests: [${manifests ?? join(dir, "web.yaml")}]`)
    .replace("file: ../../traces/", `file: ${join(ROOT, "traces")}/`);
}
