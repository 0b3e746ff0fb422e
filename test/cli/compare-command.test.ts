/**
 * `kube-whatif compare --with FILE`, end to end on the bundled WorldCup98 example (first 2 hours): the configuration
 * as given and each alternative (documents replacing those of the same kind, namespace and name), each exactly what
 * `simulate` reports for it; assertions per configuration; bad alternatives refused with exit 2, nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { movableScenario, ROOT, runCli, writeWorldcupHpa } from "./run-cli.js";

const SCENARIO = "examples/worldcup/scenario.yaml";
const BASE = ["-s", SCENARIO, "--duration", "2h"];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const web = readFileSync(join(ROOT, "examples/worldcup/web.yaml"), "utf8");
/** The example's HPA alone with a 45% CPU target: the proposed change. */
const proposed = writeWorldcupHpa(dir, "hpa-45.yaml", (t) =>
  t.replace("averageUtilization: 60}", "averageUtilization: 45}"),
);

/** simulate's summary of the example with `webText` as its manifests. */
function simulated(webText: string, name: string) {
  const path = join(dir, `${name}-web.yaml`);
  writeFileSync(path, webText);
  const scenario = movableScenario("worldcup", path);
  writeFileSync(join(dir, `${name}.yaml`), scenario);
  const r = runCli(["simulate", "-s", join(dir, `${name}.yaml`), "--duration", "2h", "-o", "json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).summary;
}

describe("compare", () => {
  it("as given and each alternative, each what simulate reports for it", () => {
    const r = runCli(["compare", ...BASE, "--with", proposed, "-o", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.vary).toEqual(["configuration"]);
    expect(doc.runs.map((x: { values: { configuration: string } }) => x.values.configuration)).toEqual([
      "as given",
      proposed,
    ]);
    expect(doc.runs[0].summary).toEqual(simulated(web, "given"));
    expect(doc.runs[1].summary).toEqual(
      simulated(web.replace("averageUtilization: 60}", "averageUtilization: 45}"), "proposed"),
    );
    // a lower target runs more replicas
    expect(doc.runs[1].summary.replicaHours).toBeGreaterThan(doc.runs[0].summary.replicaHours);
  });

  it("table: one row per configuration; an assertion failing for one: exit 1, named on stderr", () => {
    const r = runCli(["compare", ...BASE, "--with", proposed, "--assert", "metrics.cpu.peakActual < 60"]);
    expect(r.stdout.split("\n")[0]).toBe("2 configurations");
    expect(r.stdout).toMatch(/\nas given {2,}\d/);
    expect(r.stdout).toMatch(/Assertions hold for [0-2] of 2 configurations/);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^configuration (as given|.*hpa-45\.yaml): assertion failed: metrics\.cpu\.peakActual < 60/,
    );
  });

  it("table: the configurations' charts after the rows, one series each; --no-charts leaves them out", () => {
    const r = runCli(["compare", ...BASE, "--with", proposed, "--width", "72", "--height", "6"]);
    expect(r.code).toBe(0);
    const charts = r.stdout.slice(r.stdout.indexOf("\nReady replicas per configuration"));
    const titles = charts.split("\n").filter((l) => / per configuration/.test(l));
    expect(titles.map((l) => l.replace(/ \(.*$|: .*$| vs .*$/, ""))).toEqual([
      "Ready replicas per configuration",
      "Metric cpu per configuration",
    ]);
    // the targets differ (60% as given, 45% proposed): the title names each (cut to the width here)
    expect(titles[1]).toContain("(targets as given 60%, /");
    expect(charts).toContain("No configuration left load unserved.");
    expect(charts.split("\n").filter((l) => l.includes("── as given   ── ")).length).toBe(2);
    expect(
      Math.max(
        ...r.stdout
          .slice(r.stdout.indexOf("\nReady"))
          .split("\n")
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(72);
    const bare = runCli(["compare", ...BASE, "--with", proposed, "--no-charts"]);
    expect(bare.stdout).not.toContain("per configuration");
    expect(r.stdout.startsWith(bare.stdout)).toBe(true);
  });

  it("html: one page with the table's rows and the side-by-side charts as SVG; a failed assertion exits 1", () => {
    const r = runCli(["compare", ...BASE, "--with", proposed, "-o", "html", "--assert", "replicaHours < 0"]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(r.stdout.endsWith("</html>\n")).toBe(true);
    expect(r.stdout).toContain(
      "<h1>Comparison of 2 configurations on traces/worldcup98-requests-per-minute.csv</h1>",
    );
    expect(r.stdout).toContain("<p>Assertions hold for 0 of 2 configurations</p>");
    // ready replicas and the cpu metric (nothing unserved)
    expect(r.stdout.match(/<svg /g)?.length).toBe(2);
    expect(r.stdout).toContain("No configuration left load unserved.");
  });

  it.each([
    [[], "compare needs at least one --with FILE"],
    [
      ["--with", "examples/sidecar/web.yaml"],
      'Deployment "web" replaces nothing: the manifests have no Deployment of that namespace and name',
    ],
    [["--with", "README.md"], "expected YAML or JSON manifests"],
  ])("refuses %j: exit 2, nothing written", (args, message) => {
    const r = runCli(["compare", ...BASE, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
