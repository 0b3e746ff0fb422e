/**
 * `--measures utilization --observed-replicas FILE` (and `spec.trace.observedReplicas: {file: ...}`), end to end: a
 * utilization trace recorded while the real HPA doubled the pods converts back to the steady demand those pods
 * served, where one fixed count would halve it; bad input exits 2 naming the flag or field.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-observed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// examples/worldcup/web.yaml requests 250m per pod: 2 cores of demand are 100% of 8 pods, 50% of 16
const WEB = join(ROOT, "examples/worldcup/web.yaml");
const START = 1_700_000_000;
const prom = (values: [number, string][]) =>
  JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values }] } });
const UTIL = join(dir, "util.json");
const READY = join(dir, "ready.json");
const READY_CSV = join(dir, "ready.csv");
writeFileSync(UTIL, prom(Array.from({ length: 20 }, (_, i) => [START + 60 * i, i < 10 ? "1" : "0.5"])));
writeFileSync(READY, prom(Array.from({ length: 40 }, (_, i) => [START + 30 * i, i < 20 ? "8" : "16"])));
writeFileSync(
  READY_CSV,
  `time,desired,available\n${Array.from({ length: 40 }, (_, i) => `${START + 30 * i},0,${i < 20 ? 8 : 16}`).join("\n")}\n`,
);

const demand = (args: string[]) => {
  const r = runCli([
    "simulate",
    "-f",
    WEB,
    "--trace",
    UTIL,
    "--measures",
    "utilization",
    ...args,
    "-o",
    "json",
  ]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  return {
    values: doc.timeline.map((x: { demand: number }) => x.demand),
    config: doc.config,
    timeline: doc.timeline,
  };
};

describe("utilization with the replicas it was recorded at, over time", () => {
  it("converts to the demand the pods served: steady 2 cores (one fixed count would halve it)", () => {
    const byFile = demand(["--observed-replicas", READY]);
    expect(new Set(byFile.values)).toStrictEqual(new Set([2]));
    expect(byFile.config.trace.conversion).toBe(
      `trace measures utilization: cores = value x the observed replicas at that time (${READY}) x 0.25 cores requested per pod`,
    );
    expect(byFile.config.trace.observedReplicas).toStrictEqual({ file: READY, samples: 40 });
    const fixed = demand(["--observed-replicas", "8"]);
    expect(new Set(fixed.values)).toStrictEqual(new Set([2, 1]));
  });

  it("FILE#COLUMN picks the count's column; the Scenario form gives the same replay", () => {
    const byColumn = demand(["--observed-replicas", `${READY_CSV}#available`]);
    expect(new Set(byColumn.values)).toStrictEqual(new Set([2]));
    const scenario = join(dir, "scenario.yaml");
    writeFileSync(
      scenario,
      [
        "apiVersion: kube-whatif.dev/v1alpha1",
        "kind: Scenario",
        "spec:",
        `  manifests: [${JSON.stringify(WEB)}]`,
        `  trace: {file: util.json, measures: utilization, observedReplicas: {file: ready.csv, valueColumn: available}}`,
      ].join("\n"),
    );
    const r = runCli(["simulate", "-s", scenario, "-o", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).timeline).toStrictEqual(byColumn.timeline);
  });

  it.each([
    [
      ["--observed-replicas", READY],
      "command line: --observed-replicas: Forbidden: applies only with measures utilization",
    ],
    [
      ["--measures", "utilization", "--observed-replicas", join(dir, "none.json")],
      "command line: --observed-replicas: cannot read",
    ],
    [
      ["--measures", "utilization", "--observed-replicas", `${READY_CSV}#ready`],
      'valueColumn: no column named "ready"',
    ],
    [
      ["--measures", "utilization"],
      "command line: --observed-replicas: Required value: needed with measures utilization",
    ],
  ])("%j: exit 2, nothing on stdout", (args, message) => {
    const r = runCli(["simulate", "-f", WEB, "--trace", UTIL, ...args]);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
