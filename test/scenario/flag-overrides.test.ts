/**
 * The command-line overrides of the usage model and of how the trace is read (workload-flags.ts, trace-flags.ts),
 * table-driven from test/fixtures/flags/flag-cases.json over one scenario, and the sweep check that a varied field
 * is not one a flag fixes (flag-names.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flagsFixing } from "../../src/scenario/flag-names.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import { applyFlags, type SimulationFlags } from "../../src/scenario/scenario-flags.js";
import { checkNotFixedByFlags, parseVariation } from "../../src/scenario/sweep-variations.js";

interface FlagCase {
  readonly name: string;
  readonly flags: SimulationFlags;
  readonly expect?: { readonly workload?: object; readonly trace?: object; readonly notes?: string[] };
  readonly error?: string;
}

const CASES = JSON.parse(
  readFileSync(new URL("../fixtures/flags/flag-cases.json", import.meta.url), "utf8"),
) as FlagCase[];

const BASE = parseScenario(
  [
    "apiVersion: kube-whatif.dev/v1alpha1",
    "kind: Scenario",
    "spec:",
    "  trace: {file: a.csv, timeColumn: t, measures: requests/min}",
    "  workload: {usage: {cpu: 10m * load, podMetrics: {rps: load / 2}}}",
  ].join("\n"),
  "s.yaml",
);

describe("applyFlags: usage-model and trace-reading flags", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.error !== undefined) {
      expect(() => applyFlags(BASE, c.flags)).toThrow(c.error);
      return;
    }
    const s = applyFlags(BASE, c.flags);
    if (c.expect?.workload !== undefined) expect(s.workload).toMatchObject(c.expect.workload);
    if (c.expect?.trace !== undefined) expect(s.trace).toMatchObject(c.expect.trace);
    if (c.expect?.notes !== undefined) expect(s.notes).toStrictEqual(c.expect.notes);
  });

  it("flags that are not given leave the scenario as it is", () => {
    const s = applyFlags(BASE, { cpu: undefined, series: undefined, step: undefined });
    expect(s.workload).toStrictEqual(BASE.workload);
    expect(s.trace).toStrictEqual(BASE.trace);
    expect(s.notes).toStrictEqual([]);
  });
});

describe("flagsFixing / checkNotFixedByFlags: a sweep may not vary what a flag sets", () => {
  it.each([
    [{ seed: 5 }, ["spec", "simulation", "seed"], ["--seed"]],
    [{ seed: 5 }, ["spec", "simulation", "durationSeconds"], []],
    [{ cpu: "5m" }, ["spec", "workload", "usage", "cpu"], ["--cpu"]],
    [{ cpu: "5m" }, ["spec", "workload", "usage"], ["--cpu"]],
    // a trace file flag replaces the source only: the scenario's other trace fields still vary
    [{ traceFile: "x.csv" }, ["spec", "trace", "valueColumn"], []],
    [{ traceFile: "x.csv" }, ["spec", "trace", "expression"], ["--trace"]],
    [{ traceFile: "x.csv" }, ["spec", "trace"], ["--trace"]],
    [
      { observedReplicasFile: "r.csv", observedReplicasColumn: 1 },
      ["spec", "trace", "observedReplicas"],
      ["--observed-replicas"],
    ],
    [{ step: 60, scale: 2 }, ["spec", "trace"], ["--scale", "--step"]],
    [{ podMetrics: { rps: "load" } }, ["spec", "workload", "usage", "podMetrics", "rps"], ["--pod-metric"]],
    [{ podMetrics: { rps: "load" } }, ["spec", "workload", "usage", "podMetrics", "queue"], []],
    [{ nodesFile: "n.yaml" }, ["spec", "cluster", "nodes", "file"], ["--nodes"]],
    [{ cpu: undefined }, ["spec", "workload", "usage", "cpu"], []],
  ] as const)("%j fixes %j: %j", (flags, path, fixed) => {
    expect(flagsFixing(flags as SimulationFlags, path).sort()).toStrictEqual([...fixed].sort());
  });

  it("names the flag and the --vary", () => {
    const v = [
      parseVariation("scenario.spec.simulation.seed=1,2"),
      parseVariation("hpa.spec.maxReplicas=5,6"),
    ];
    expect(() => checkNotFixedByFlags(v, { seed: 3 })).toThrow(
      "--vary scenario.spec.simulation.seed: --seed sets that field in every combination, so the combinations would not differ: drop it or the --vary",
    );
    expect(() => checkNotFixedByFlags(v, { durationSeconds: 60 })).not.toThrow();
  });
});
