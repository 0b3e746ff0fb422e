/** The replica count a replay starts with (initial-replicas.ts): the setting's forms, `recorded`, and its errors. */
import { describe, expect, it } from "vitest";
import type { RunInputs } from "../../src/engine/run-inputs.js";
import { readInitialReplicas, withInitialReplicas } from "../../src/scenario/initial-replicas.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import { StrictObject } from "../../src/scenario/strict-reader.js";

const read = (v: unknown) => {
  const problems: { message: string }[] = [];
  const value = readInitialReplicas(
    new StrictObject({ initialReplicas: v }, "spec.simulation", problems as never),
  );
  return { value, problems: problems.map((p) => p.message) };
};

const INPUTS = {
  target: { replicas: 3 },
  effectiveConfig: { workload: { replicas: 3 }, simulation: { initialReplicas: 3 }, rules: ["a rule"] },
} as unknown as RunInputs;
const recorded = (start: number | null, t: number[], v: number[]) => ({
  series: { t: Float64Array.from(t), v: Float64Array.from(v), startEpochSeconds: start, source: "rec.csv" },
  compare: "replicas" as const,
});
const WHERE = { file: "s.yaml", field: "spec.simulation.initialReplicas" };

describe("initialReplicas", () => {
  it.each([
    [7, 7, []],
    [0, 0, []],
    ["recorded", "recorded", []],
    [undefined, null, []],
    [
      -1,
      null,
      ['spec.simulation.initialReplicas: Invalid value: -1: must be a whole number >= 0 or "recorded"'],
    ],
    [2.5, null, ["spec.simulation.initialReplicas: Invalid value: 2.5"]],
    ["latest", null, ['spec.simulation.initialReplicas: Invalid value: "latest"']],
  ])("%j reads as %j", (v, value, messages) => {
    const r = read(v);
    expect(r.value).toBe(value);
    expect(r.problems).toHaveLength(messages.length);
    for (const [i, m] of messages.entries()) expect(r.problems[i]).toContain(m);
  });

  it("is a Scenario field", () => {
    const s = parseScenario(
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec:\n  simulation: {initialReplicas: recorded}\n",
      "s.yaml",
    );
    expect(s.simulation.initialReplicas).toBe("recorded");
  });

  it("a number replaces the target's spec.replicas, and says so", () => {
    const out = withInitialReplicas(INPUTS, 12, WHERE, undefined, null);
    expect(out.target.replicas).toBe(12);
    expect(out.effectiveConfig).toMatchObject({
      workload: { replicas: 12 },
      simulation: { initialReplicas: 12 },
      rules: ["a rule", "initial replicas 12 (the manifest's spec.replicas: 3)"],
    });
    expect(withInitialReplicas(INPUTS, null, WHERE, undefined, null)).toBe(INPUTS);
  });

  it("recorded: the recorded count held at the replay's start, aligned by date-time", () => {
    // the recording starts 60 s before the replay: 5 then 8 from 30 s before the replay's start
    const b = recorded(1000, [0, 30, 90], [5, 8, 9]);
    const out = withInitialReplicas(INPUTS, "recorded", WHERE, b, 1060);
    expect(out.target.replicas).toBe(8);
    expect((out.effectiveConfig.rules as string[]).at(-1)).toBe(
      "initial replicas 8: the count rec.csv records at the replay's start",
    );
  });

  it("recorded needs a backtest that covers the start", () => {
    expect(() => withInitialReplicas(INPUTS, "recorded", WHERE, undefined, null)).toThrow(
      's.yaml: spec.simulation.initialReplicas: Required value: "recorded" starts from the recorded replica counts',
    );
    expect(() => withInitialReplicas(INPUTS, "recorded", WHERE, recorded(1100, [0], [4]), 1000)).toThrow(
      'spec.simulation.initialReplicas: Invalid value: "recorded": rec.csv begins 100 s after the replay does',
    );
  });
});
