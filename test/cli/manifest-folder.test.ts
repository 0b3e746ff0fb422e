/**
 * `-f FOLDER` (and `validate FOLDER`) reads the folder's own .yaml, .yml and .json files in name order, as
 * `kubectl apply -f DIR` does: not recursively, other files ignored; a folder without any is exit 2.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expandManifestPaths } from "../../src/cli/read-input.js";
import { ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-folder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const web = readFileSync(join(ROOT, "examples/worldcup/web.yaml"), "utf8");
const split = web.indexOf("apiVersion: autoscaling/v2");
const manifests = join(dir, "manifests");
mkdirSync(join(manifests, "nested"), { recursive: true });
writeFileSync(join(manifests, "b-hpa.yml"), web.slice(split));
writeFileSync(join(manifests, "a-deployment.yaml"), web.slice(0, split));
writeFileSync(join(manifests, "README.md"), "# not a manifest\n");
writeFileSync(join(manifests, "nested", "broken.yaml"), "kind: [\n");
mkdirSync(join(dir, "empty"));

describe("-f FOLDER", () => {
  it("lists the folder's manifest files by name, not recursively, other files left out", () => {
    expect(expandManifestPaths(["-", manifests, "x.yaml"])).toStrictEqual([
      "-",
      join(manifests, "a-deployment.yaml"),
      join(manifests, "b-hpa.yml"),
      "x.yaml",
    ]);
  });

  it("validate FOLDER validates each file's objects", () => {
    const r = runCli(["validate", manifests]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${join(manifests, "a-deployment.yaml")}: Deployment "web": valid`,
        `${join(manifests, "b-hpa.yml")}: HorizontalPodAutoscaler "web": valid`,
        "",
      ].join("\n"),
    );
  });

  it("simulate -f FOLDER replays as the files given one by one", () => {
    const args = ["--expression", "300", "--duration", "20m", "--cpu", "20m + 4m * load", "-o", "json"];
    const byFolder = runCli(["simulate", "-f", manifests, ...args]);
    const byFile = runCli(["simulate", "-f", join(ROOT, "examples/worldcup/web.yaml"), ...args]);
    expect(byFolder.code).toBe(0);
    const replay = (s: string) => {
      const r = JSON.parse(s);
      return [r.summary, r.timeline, r.events];
    };
    expect(replay(byFolder.stdout)).toStrictEqual(replay(byFile.stdout));
  });

  it("a folder without manifest files is exit 2, nothing on stdout", () => {
    const r = runCli(["simulate", "-f", join(dir, "empty"), "--expression", "1", "--cpu", "1m"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${join(dir, "empty")}: a folder without .yaml, .yml or .json files`);
  });
});
