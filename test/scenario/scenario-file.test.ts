import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { defaultScenario, parseScenario } from "../../src/scenario/scenario-file.js";
import { applyFlags } from "../../src/scenario/scenario-flags.js";
import { readScenarioJson } from "./scenario-fixtures.js";

interface InvalidCase {
  readonly name: string;
  readonly scenario: string;
  readonly expectFieldPath: string;
  readonly expectMessageContains: string;
}

function parseError(text: string): InputError {
  try {
    parseScenario(text, "scenario.yaml");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("parseScenario: defaults", () => {
  it("fills every default for a spec with only a trace expression", () => {
    const s = parseScenario(
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  trace: {expression: '200'}\n",
      "dir/worldcup.yaml",
    );
    expect(s.name).toBe("worldcup"); // from the file name
    expect(s.manifests).toStrictEqual([]);
    expect(s.hpa).toBeNull();
    expect(s.trace).toStrictEqual({
      file: null,
      fileBase: "scenario",
      expression: "200",
      format: null,
      step: null,
      duration: null,
      seed: null,
      strict: false,
      measures: "requests/s",
      scale: 1,
      observedReplicas: null,
    });
    expect(s.workload).toStrictEqual({
      usage: {
        cpu: null,
        memory: null,
        stickyMemory: false,
        podMetrics: {},
        clusterMetrics: {},
        containers: {},
      },
      maxLoadPerPod: null,
    });
    expect(s.pods).toStrictEqual({
      schedulingSeconds: 0,
      startupSeconds: 5,
      readinessSeconds: 10,
      startupCpuBurst: { cores: 0, seconds: 0 },
    });
    expect(s.metrics).toStrictEqual({
      resolutionSeconds: 15,
      offsetSeconds: 0,
      adapter: { intervalSeconds: 30, windowSeconds: 60, lagSeconds: 0 },
    });
    expect(s.controller).toStrictEqual({
      syncPeriodSeconds: 15,
      firstSyncSeconds: 15,
      firstSyncGiven: false,
      tolerance: 0.1,
      cpuInitializationPeriodSeconds: 300,
      initialReadinessDelaySeconds: 30,
      downscaleStabilizationWindowSeconds: 300,
      featureGates: { HPAConfigurableTolerance: true, HPAScaleToZero: false, PodLevelResources: true },
    });
    expect(s.simulation).toStrictEqual({
      durationSeconds: null,
      seed: 1,
      recordEverySeconds: null,
      initialReplicas: null,
    });
  });

  it("equals defaultScenario() apart from file, name and trace", () => {
    const s = parseScenario("apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\n", "s.yaml");
    expect({ ...s, file: "", name: "default" }).toStrictEqual(defaultScenario());
  });

  it("first sync follows a custom sync period unless set", () => {
    const text =
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  controller: {syncPeriodSeconds: 30}\n";
    expect(parseScenario(text, "s.yaml").controller.firstSyncSeconds).toBe(30);
  });

  it("reads the documented example in full", () => {
    const s = parseScenario(
      [
        "apiVersion: kube-whatif.dev/v1alpha1",
        "kind: Scenario",
        "metadata: {name: worldcup}",
        "spec:",
        "  manifests: [web.yaml]",
        "  hpa: web",
        "  trace:",
        "    file: ../traces/worldcup98-requests-per-minute.csv",
        "    format: csv",
        "    timeColumn: period",
        "    valueColumn: count",
        '    from: "1998-06-10T00:00:00"',
        "    to: 1998-06-12T00:00:00",
        "    measures: requests/min",
        "    scale: 1.5",
        "  workload:",
        "    usage: {cpu: 10m * load, memory: 200Mi + 1Mi * load, stickyMemory: true, podMetrics: {rps: load}}",
        "    maxLoadPerPod: unlimited",
        "  pods: {startupCpuBurst: {cores: 500m, seconds: 30}}",
        "  simulation: {durationSeconds: 3600, seed: 7, recordEverySeconds: 60}",
      ].join("\n"),
      "scenarios/worldcup.yaml",
    );
    expect(s.trace?.from).toBe("1998-06-10T00:00:00");
    expect(s.trace?.to).toBe("1998-06-12T00:00:00");
    expect(s.trace?.scale).toBe(1.5);
    expect(s.workload.maxLoadPerPod).toBe("unlimited");
    expect(s.workload.usage.podMetrics).toStrictEqual({ rps: "load" });
    expect(s.pods.startupCpuBurst).toStrictEqual({ cores: 0.5, seconds: 30 });
    expect(s.simulation).toStrictEqual({
      durationSeconds: 3600,
      seed: 7,
      recordEverySeconds: 60,
      initialReplicas: null,
    });
  });
});

describe("parseScenario: validation", () => {
  for (const c of readScenarioJson<InvalidCase[]>("invalid-scenarios.json")) {
    it(c.name, () => {
      const err = parseError(c.scenario);
      const atPath = err.violations.filter((v) => v.fieldPath === c.expectFieldPath).map((v) => v.message);
      expect(
        atPath.some((m) => m.includes(c.expectMessageContains)),
        `no violation at ${c.expectFieldPath} reads "${c.expectMessageContains}"; got:\n${err.message}`,
      ).toBe(true);
    });
  }

  it("reads as `<file>: <field>: <rule>` for one violation", () => {
    const err = parseError(
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  pods: {startupSeconds: -5}\n",
    );
    expect(err.message).toBe(
      "scenario.yaml: spec.pods.startupSeconds: Invalid value: -5: must be greater than or equal to 0",
    );
    expect(err.fieldPath).toBe("spec.pods.startupSeconds");
  });

  it("lists every violation under a count", () => {
    const err = parseError(
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  pods: {startupSeconds: -5, readinessSecond: 3}\n",
    );
    expect(err.message).toBe(
      [
        "scenario.yaml: 2 errors:",
        '  * strict decoding error: unknown field "spec.pods.readinessSecond"',
        "  * spec.pods.startupSeconds: Invalid value: -5: must be greater than or equal to 0",
      ].join("\n"),
    );
  });
});

describe("applyFlags", () => {
  const base = parseScenario(
    "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  trace: {file: a.csv, timeColumn: t, measures: requests/min}\n",
    "s.yaml",
  );

  it("overrides and notes what it overrode", () => {
    const s = applyFlags(base, { seed: 7, durationSeconds: 600, hpa: "api" });
    expect(s.simulation).toStrictEqual({
      durationSeconds: 600,
      seed: 7,
      recordEverySeconds: null,
      initialReplicas: null,
    });
    expect(s.hpa).toBe("api");
    expect(s.notes).toStrictEqual([
      'command line: --hpa "api" (scenario: default)',
      "command line: --seed 7 (scenario: 1)",
      "command line: --duration 600 (scenario: default)",
    ]);
  });

  it("a trace file flag keeps the file options and reads relative to the working directory", () => {
    const s = applyFlags(base, { traceFile: "other.csv" });
    expect(s.trace).toMatchObject({
      file: "other.csv",
      fileBase: "cwd",
      timeColumn: "t",
      measures: "requests/min",
    });
  });

  it("a trace expression flag keeps only source-independent options", () => {
    const s = applyFlags(base, { traceExpression: "100" });
    expect(s.trace).toMatchObject({ file: null, expression: "100", measures: "requests/min" });
    expect(s.trace?.timeColumn).toBeUndefined();
  });

  it("rejects a flag out of range, naming the flag", () => {
    expect(() => applyFlags(base, { seed: -1 })).toThrow(
      "command line: --seed: Invalid value: -1: must be greater than or equal to 0",
    );
    expect(() => applyFlags(base, { measures: "utilization" })).toThrow(
      "command line: --observed-replicas: Required value: needed with measures utilization",
    );
  });
});
