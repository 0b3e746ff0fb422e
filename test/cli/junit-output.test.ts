/**
 * `--junit FILE` end to end, as a CI job runs it: simulate, sweep and compare write their assertions' outcomes as
 * JUnit XML (read back with a strict reader) beside the usual stdout; a failing assertion still writes the file and
 * exits 1; bad input (nothing to report, a directory that does not exist, an assertion the run cannot judge)
 * exits 2 and writes nothing. The run: the bundled WorldCup98 example's first hour (peak 6 replicas).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { elementsNamed, readXml } from "../report/xml-reader.js";
import { movableScenario, runCli, writeWorldcupHpa } from "./run-cli.js";

const INPUT = ["-s", "examples/worldcup/scenario.yaml", "--duration", "1h"];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-junit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The report's suites as [name, tests, failures] and cases as [suite, name, failure message or null]. */
function summary(path: string) {
  const root = readXml(readFileSync(path, "utf8"));
  return {
    totals: [root.attributes.tests, root.attributes.failures],
    suites: elementsNamed(root, "testsuite").map((s) => [
      s.attributes.name,
      s.attributes.tests,
      s.attributes.failures,
    ]),
    cases: elementsNamed(root, "testcase").map((c) => [
      c.attributes.classname,
      c.attributes.name,
      elementsNamed(c, "failure")[0]?.attributes.message ?? null,
    ]),
  };
}

describe("--junit FILE", () => {
  it("simulate: every assertion a case; a failure still writes the report, then exit 1", () => {
    const file = join(dir, "simulate.xml");
    const r = runCli([
      "simulate",
      ...INPUT,
      "--no-charts",
      "--junit",
      file,
      "--assert",
      "peakReplicas <= 6",
      "--assert",
      "peakReplicas <= 5",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Assertions: 1 of 2 hold");
    expect(summary(file)).toEqual({
      totals: ["2", "1"],
      suites: [["simulate worldcup/web", "2", "1"]],
      cases: [
        ["simulate worldcup/web", "peakReplicas <= 6", null],
        [
          "simulate worldcup/web",
          "peakReplicas <= 5",
          "assertion failed: peakReplicas <= 5 (peakReplicas = 6)",
        ],
      ],
    });
    const properties = elementsNamed(readXml(readFileSync(file, "utf8")), "property");
    expect(Object.fromEntries(properties.map((p) => [p.attributes.name, p.attributes.value]))).toMatchObject({
      hpa: "worldcup/web",
      target: "Deployment/web",
      seed: "1998",
    });
    // only the report is left in the directory (no temporary file)
    expect(readdirSync(dir)).toEqual(["simulate.xml"]);
  });

  it("sweep: one suite per combination, its values as properties; all hold: exit 0", () => {
    const file = join(dir, "sweep.xml");
    const r = runCli([
      "sweep",
      ...INPUT,
      "--vary",
      "hpa.spec.maxReplicas=4,10",
      "--assert",
      "peakReplicas <= 10",
      "--junit",
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = summary(file);
    expect(s.suites).toEqual([
      ["combination hpa.spec.maxReplicas=4", "1", "0"],
      ["combination hpa.spec.maxReplicas=10", "1", "0"],
    ]);
  });

  it("compare: one suite per configuration, failures per configuration, exit 1", () => {
    const small = writeWorldcupHpa(dir, "hpa-max3.yaml", (t) =>
      t.replace(/maxReplicas: \d+/, "maxReplicas: 3"),
    );
    const file = join(dir, "compare.xml");
    // maxReplicas 3: the Deployment starts at 4 (its spec.replicas), so the peak is 4 before the HPA scales it down
    const r = runCli([
      "compare",
      ...INPUT,
      "--with",
      small,
      "--assert",
      "peakReplicas >= 5",
      "--junit",
      file,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `configuration ${small}: assertion failed: peakReplicas >= 5 (peakReplicas = 4)`,
    );
    expect(summary(file).cases).toEqual([
      ["configuration as given", "peakReplicas >= 5", null],
      [
        `configuration ${small}`,
        "peakReplicas >= 5",
        "assertion failed: peakReplicas >= 5 (peakReplicas = 4)",
      ],
    ]);
  });

  it("sweep and compare judge each configuration's spec.assertions after the --assert ones", () => {
    const scenario = join(dir, "asserting.yaml");
    writeFileSync(scenario, movableScenario("worldcup").concat('  assertions:\n    - "scaleUps >= 1"\n'));
    const file = join(dir, "sweep-scenario.xml");
    const args = ["sweep", "-s", scenario, "--duration", "1h", "--vary", "hpa.spec.maxReplicas=6,10"];
    const r = runCli([...args, "--assert", "flaps == 0", "--junit", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(summary(file).cases.map((c) => c[1])).toEqual([
      "flaps == 0",
      "scaleUps >= 1",
      "flaps == 0",
      "scaleUps >= 1",
    ]);
    // without --assert the scenario's assertions alone make the report
    expect(runCli([...args, "--junit", file]).code).toBe(0);
    expect(summary(file).totals).toEqual(["2", "0"]);
  });

  it.each([
    [["simulate", ...INPUT], "--junit reports assertions: give --assert or spec.assertions"],
    [["sweep", ...INPUT, "--vary", "hpa.spec.maxReplicas=4,10"], "--junit reports assertions"],
    [
      ["simulate", ...INPUT, "--assert", "cluster.total.cost < 5"],
      'the run has no figure "cluster.total.cost"',
    ],
  ])("bad input: exit 2, no report (%j)", (args, message) => {
    const file = join(dir, "never.xml");
    const r = runCli([...args, "--junit", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(file)).toBe(false);
  });

  it("a path that is a directory is refused before the run", () => {
    const r = runCli(["simulate", ...INPUT, "--assert", "flaps == 0", "--junit", dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: --junit ${dir}: cannot write: it is a directory, expected a file\n`);
  });

  it("a directory that does not exist is refused before the run", () => {
    const file = join(dir, "missing", "report.xml");
    const r = runCli(["simulate", ...INPUT, "--assert", "flaps == 0", "--junit", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: --junit ${file}: cannot write: the directory ${join(dir, "missing")} does not exist\n`,
    );
  });

  it("a directory no file can be created in is refused before the run, with nothing on stdout", () => {
    // sysfs takes no new files, whoever asks (root included, for whom permission bits prove nothing)
    const file = "/sys/kube-whatif-report.xml";
    const r = runCli(["simulate", ...INPUT, "--assert", "flaps == 0", "--junit", file, "-o", "json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: --junit \/sys\/kube-whatif-report\.xml: cannot write: E[A-Z]+/);
    expect(existsSync(file)).toBe(false);
  });
});
