/**
 * The timing flags (timing-flags.ts): a pod's lifecycle delays, the controller's settings and metrics-server's
 * resolution over a Scenario, table-driven from test/fixtures/flags/timing-flag-cases.json over one scenario whose
 * first other workload gives its own start-up time and whose second takes spec.pods'; and the first sync, which
 * follows a flag's sync period only when the scenario does not set it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flagsFixing } from "../../src/scenario/flag-names.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import { applyFlags, type SimulationFlags } from "../../src/scenario/scenario-flags.js";

interface TimingCase {
  readonly name: string;
  readonly flags: SimulationFlags;
  readonly expect?: {
    readonly pods?: object;
    readonly otherPods?: object[];
    readonly controller?: object;
    readonly metrics?: object;
    readonly notes?: string[];
  };
  readonly error?: string;
}

const CASES = JSON.parse(
  readFileSync(new URL("../fixtures/flags/timing-flag-cases.json", import.meta.url), "utf8"),
) as TimingCase[];

const scenario = (controller: string) =>
  parseScenario(
    [
      "apiVersion: kube-whatif.dev/v1alpha1",
      "kind: Scenario",
      "spec:",
      "  pods: {startupSeconds: 8, readinessSeconds: 5, startupCpuBurst: {cores: 500m, seconds: 30}}",
      "  metrics: {offsetSeconds: 4}",
      ...(controller === "" ? [] : [`  controller: ${controller}`]),
      "  otherWorkloads:",
      "    - {hpa: reports, pods: {startupSeconds: 45}}",
      "    - {hpa: batch}",
    ].join("\n"),
    "s.yaml",
  );
const BASE = scenario("");

describe("applyFlags: pod lifecycle, controller and metrics timings", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.error !== undefined) {
      expect(() => applyFlags(BASE, c.flags)).toThrow(c.error);
      return;
    }
    const s = applyFlags(BASE, c.flags);
    const e = c.expect ?? {};
    if (e.pods !== undefined) expect(s.pods).toMatchObject(e.pods);
    if (e.otherPods !== undefined) expect(s.otherWorkloads?.map((o) => o.pods)).toMatchObject(e.otherPods);
    if (e.controller !== undefined) expect(s.controller).toMatchObject(e.controller);
    if (e.metrics !== undefined) expect(s.metrics).toMatchObject(e.metrics);
    if (e.notes !== undefined) expect(s.notes).toStrictEqual(e.notes);
  });

  it("the scenario's own firstSyncSeconds stays when --sync-period is given", () => {
    const s = applyFlags(scenario("{firstSyncSeconds: 3}"), { syncPeriodSeconds: 30 });
    expect(s.controller).toMatchObject({ syncPeriodSeconds: 30, firstSyncSeconds: 3 });
    // and without it the first sync is the scenario's period, then the flag's
    expect(scenario("{syncPeriodSeconds: 20}").controller.firstSyncSeconds).toBe(20);
    expect(
      applyFlags(scenario("{syncPeriodSeconds: 20}"), { syncPeriodSeconds: 60 }).controller,
    ).toMatchObject({
      syncPeriodSeconds: 60,
      firstSyncSeconds: 60,
    });
  });

  it("an other workload that gives the same delay as spec.pods keeps it when a flag changes spec.pods", () => {
    const s = parseScenario(
      [
        "apiVersion: kube-whatif.dev/v1alpha1",
        "kind: Scenario",
        "spec:",
        "  pods: {startupSeconds: 8}",
        "  otherWorkloads: [{hpa: reports, pods: {startupSeconds: 8}}, {hpa: batch, pods: {startupSeconds: null}}]",
      ].join("\n"),
      "s.yaml",
    );
    const flagged = applyFlags(s, { podStartupSeconds: 120 });
    // null means not set, as in the API: the second follows spec.pods
    expect(flagged.otherWorkloads?.map((o) => o.pods.startupSeconds)).toStrictEqual([8, 120]);
  });

  it("timing flags not given leave the scenario as it is", () => {
    const s = applyFlags(BASE, { podStartupSeconds: undefined, tolerance: undefined });
    expect([s.pods, s.otherWorkloads, s.controller, s.metrics]).toStrictEqual([
      BASE.pods,
      BASE.otherWorkloads,
      BASE.controller,
      BASE.metrics,
    ]);
  });

  it("a sweep may not vary a field a timing flag sets", () => {
    expect(flagsFixing({ podStartupSeconds: 60 }, ["spec", "pods", "startupSeconds"])).toStrictEqual([
      "--pod-startup",
    ]);
    expect(flagsFixing({ podStartupSeconds: 60 }, ["spec", "pods", "readinessSeconds"])).toStrictEqual([]);
    expect(flagsFixing({ tolerance: 0.05 }, ["spec", "controller"])).toStrictEqual(["--tolerance"]);
    expect(
      flagsFixing({ metricResolutionSeconds: 60 }, ["spec", "metrics", "resolutionSeconds"]),
    ).toStrictEqual(["--metric-resolution"]);
  });
});
