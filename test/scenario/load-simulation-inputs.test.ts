import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSimulationInputs, type SourceFile } from "../../src/scenario/load-simulation-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { TraceError } from "../../src/trace/trace-error.js";
import { SCENARIOS_DIR } from "./scenario-fixtures.js";

/** Reads fixtures by the path the layer resolved; records what was read. */
function reader(read: string[]) {
  return (path: string): string => {
    read.push(path);
    return readFileSync(path, "utf8");
  };
}

function source(name: string): SourceFile {
  const path = `${SCENARIOS_DIR}${name}`;
  return { path, text: readFileSync(path, "utf8") };
}

describe("loadSimulationInputs", () => {
  it("reads the manifests and trace a scenario names, relative to the scenario file", () => {
    const read: string[] = [];
    const { inputs, manifestFiles } = loadSimulationInputs({
      manifests: [],
      scenario: source("shop/scenario.yaml"),
      readFile: reader(read),
    });
    expect(read).toStrictEqual([
      `${SCENARIOS_DIR}shop/web.yaml`,
      `${SCENARIOS_DIR}traces/requests-per-minute.csv`,
    ]);
    expect(manifestFiles).toStrictEqual([`${SCENARIOS_DIR}shop/web.yaml`]);
    expect(inputs.hpa.metadata).toStrictEqual({ name: "web", namespace: "shop" });
    expect(inputs.target.namespace).toBe("shop");
    // 6000 requests/min -> 100 requests/s, then +600/min -> +10/s
    expect([...inputs.demand.v.slice(0, 3)]).toStrictEqual([100, 110, 120]);
    expect(inputs.durationSeconds).toBe(1800); // 30 rows a minute apart
    // (1 core - 50m) / 10m per request/s = 95
    expect(inputs.usage.maxLoadPerPod).toBe(95);
    expect(inputs.lifecycle.startupSeconds).toBe(20);
  });

  it("finds a Scenario among the -f manifests", () => {
    const { inputs, scenario } = loadSimulationInputs({
      manifests: [source("all-in-one.yaml")],
      readFile: reader([]),
    });
    expect(scenario.name).toBe("api-ramp");
    expect(inputs.seed).toBe(42);
    expect(inputs.demand.t.length).toBe(120); // 1200 s every 10 s
    expect(inputs.durationSeconds).toBe(1200);
    expect(inputs.target.replicas).toBe(1);
  });

  it("applies command-line flags over the scenario", () => {
    const { inputs } = loadSimulationInputs({
      manifests: [source("all-in-one.yaml")],
      flags: { seed: 3, traceExpression: "50", durationSeconds: 300 },
      readFile: reader([]),
    });
    expect(inputs.seed).toBe(3);
    expect(inputs.durationSeconds).toBe(300);
    expect(inputs.demand.v[0]).toBe(50);
    expect(inputs.effectiveConfig.rules).toContain("command line: --seed 3 (scenario: 42)");
  });

  it("runs without a Scenario when the flags give a trace", () => {
    const { inputs } = loadSimulationInputs({
      manifests: [source("shop/web.yaml")],
      flags: { traceFile: `${SCENARIOS_DIR}traces/requests-per-minute.csv`, measures: "cores" },
      readFile: reader([]),
    });
    expect(inputs.demand.unit).toBe("cores");
    expect(inputs.usage.maxLoadPerPod).toBe(1);
  });

  it("names the scenario field of a file it cannot read", () => {
    const scenario = { path: "dir/s.yaml", text: source("shop/scenario.yaml").text };
    const missing = (path: string): string => {
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    };
    expect(() => loadSimulationInputs({ manifests: [], scenario, readFile: missing })).toThrow(
      "dir/s.yaml: spec.manifests[0]: cannot read dir/web.yaml: ENOENT: no such file or directory, open 'dir/web.yaml'",
    );
  });

  it("lets trace errors through, naming the trace file", () => {
    const scenario = source("shop/scenario.yaml");
    const read = (path: string) =>
      path.endsWith(".csv") ? "minute,requests\n0,10\n60,abc\n" : readFileSync(path, "utf8");
    expect(() => loadSimulationInputs({ manifests: [], scenario, readFile: read })).toThrow(TraceError);
  });

  it("refuses two scenarios, and no manifests at all", () => {
    expect(() =>
      loadSimulationInputs({
        manifests: [source("all-in-one.yaml")],
        scenario: source("shop/scenario.yaml"),
        readFile: reader([]),
      }),
    ).toThrow(InputError);
    expect(() =>
      loadSimulationInputs({ manifests: [], flags: { traceExpression: "1" }, readFile: reader([]) }),
    ).toThrow("(no scenario file): spec.manifests: Required value");
  });

  it("asks for a trace when there is none", () => {
    expect(() =>
      loadSimulationInputs({ manifests: [source("shop/web.yaml")], readFile: reader([]) }),
    ).toThrow("(no scenario file): spec.trace: Required value: the replay needs a demand trace");
  });
});
