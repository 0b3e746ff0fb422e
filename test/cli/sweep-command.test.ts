/**
 * `kube-whatif sweep`, end to end: every combination of the --vary values replayed on the bundled WorldCup98
 * example (its first 3 hours), each exactly what `simulate` reports for the manifests edited by hand, in table,
 * JSON and CSV; assertions judged per combination; bad input refused with exit 2 and nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { movableScenario, ROOT, runCli } from "./run-cli.js";

const BASE = ["-s", "examples/worldcup/scenario.yaml", "--duration", "3h"];
const WINDOW = "hpa.spec.behavior.scaleDown.stabilizationWindowSeconds";
const TARGET = "hpa.spec.metrics[0].resource.target.averageUtilization";
const SWEEP = ["sweep", ...BASE, "--vary", `${WINDOW}=0,300`, "--vary", `${TARGET}=50..70/20`];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** simulate's summary with the example's HPA edited by hand: the scale-down window and the CPU target. */
function simulated(window: number, target: number) {
  const web = readFileSync(join(ROOT, "examples/worldcup/web.yaml"), "utf8")
    .replace("averageUtilization: 60}", `averageUtilization: ${target}}`)
    .concat(`  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: ${window}\n`);
  const path = join(dir, `web-${window}-${target}.yaml`);
  writeFileSync(path, web);
  const scenario = movableScenario("worldcup", path);
  const s = join(dir, `scenario-${window}-${target}.yaml`);
  writeFileSync(s, scenario);
  const r = runCli(["simulate", "-s", s, "--duration", "3h", "-o", "json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).summary;
}

describe("sweep", () => {
  it("JSON: every combination, the first --vary slowest, each run what simulate reports for it", () => {
    const r = runCli([...SWEEP, "-o", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.vary).toEqual([WINDOW, TARGET]);
    expect(doc.runs.map((x: { values: Record<string, number> }) => Object.values(x.values))).toEqual([
      [0, 50],
      [0, 70],
      [300, 50],
      [300, 70],
    ]);
    expect(doc.runs[1].summary).toEqual(simulated(0, 70));
    expect(doc.runs[2].summary).toEqual(simulated(300, 50));
    // the window matters: without it the HPA scales down at once and flaps
    expect(doc.runs[0].summary.scaleDowns).toBeGreaterThan(doc.runs[2].summary.scaleDowns);
  });

  it("table and CSV: one row per combination, short names in the table, full ones in the CSV", () => {
    const table = runCli(SWEEP);
    expect(table.code).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toBe("4 combinations");
    expect(lines[1]).toMatch(
      /^stabilizationWindowSeconds {2}averageUtilization {2}peakReplicas {2}meanReplicas/,
    );
    expect(lines.slice(3, 7).map((l) => l.split(/ +/).slice(0, 2))).toEqual([
      ["0", "50"],
      ["0", "70"],
      ["300", "50"],
      ["300", "70"],
    ]);
    const csv = runCli([...SWEEP, "-o", "csv"])
      .stdout.trim()
      .split("\n");
    expect(csv[0]).toBe(
      `${WINDOW},${TARGET},peakReplicas,meanReplicas,replicaHours,unservedShare,cpu.shareAboveTarget,scaleUps,scaleDowns,flaps,secondsLimitedAtMax`,
    );
    expect(csv).toHaveLength(5);
    const summary = simulated(300, 70);
    expect(csv[4]?.split(",").slice(0, 3)).toEqual(["300", "70", String(summary.peakReplicas)]);
  });

  it("assertions per combination: the failing ones on stderr, exit 1", () => {
    const r = runCli([...SWEEP, "--assert", "flaps == 0"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Assertions hold for [0-3] of 4 combinations/);
    expect(r.stderr).toContain(
      `combination ${WINDOW}=0, ${TARGET}=50: assertion failed: flaps == 0 (flaps = `,
    );
    expect(r.stderr).not.toContain(`${WINDOW}=300`);
  });

  it("html: the numbered table and the trade-off chart, its front the JSON's; a failed assertion still writes it (exit 1)", () => {
    const windows = ["sweep", ...BASE, "--vary", `${WINDOW}=0,120,300,600`, "--assert", "flaps == 0"];
    const json = runCli([...windows, "-o", "json"]);
    const html = runCli([...windows, "-o", "html"]);
    const doc = JSON.parse(json.stdout);
    expect([json.code, html.code]).toEqual([
      doc.runs.some((r: { assertions: { holds: boolean }[] }) => !r.assertions[0]?.holds) ? 1 : 0,
      json.code,
    ]);
    const page = html.stdout;
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page).toContain("<h1>Sweep of 4 combinations of stabilizationWindowSeconds</h1>");
    expect(page.match(/<tr><td>\d<\/td>/g)).toHaveLength(4);
    const tradeOff = /<h2>Trade-off<\/h2>(.*?)<\/section>/s.exec(page)?.[1] ?? "";
    expect(tradeOff.match(/<circle /g)).toHaveLength(4);
    // then each figure against the window: cost, time above target, flaps, peak replicas
    expect(page).toContain("<h2>Against stabilizationWindowSeconds</h2>");
    expect(page.match(/<figure>/g)).toHaveLength(5);
    // the numbered points are the JSON's front (1-based), in its order
    const numbered = [...page.matchAll(/fill="#1f77b4">(\d+)<\/text>/g)].map((m) => Number(m[1]) - 1);
    expect(doc.tradeOff.risk).toBe("cpu.shareAboveTarget");
    expect(doc.tradeOff.front.length).toBeGreaterThanOrEqual(2);
    expect(numbered).toEqual(doc.tradeOff.front);
    expect(html.stderr).toBe(json.stderr);
  });

  it.each([
    [["sweep", ...BASE], "sweep needs at least one --vary"],
    [["sweep", ...BASE, "--vary", "hpa.spec.maxReplicas"], "expected PATH=VALUES"],
    [["sweep", ...BASE, "--vary", "hpa.spec.minReplicas=1,90"], "combination hpa.spec.minReplicas=90: "],
    [
      ["sweep", ...BASE, "--vary", "hpa.spec.maxReplicas=10", "--assert", "peakReplica < 2"],
      'unknown name "peakReplica"',
    ],
    [
      ["sweep", ...BASE, "--vary", "hpa.spec.maxReplicas=10", "-o", "yaml"],
      '--output: unsupported value "yaml"',
    ],
  ])("refuses %j: exit 2, nothing written", (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
