/** spec.otherWorkloads: more HPAs in one replay, built like the main one; errors name the entry's field. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSimulationInputs } from "../../src/scenario/load-simulation-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/shared-cluster/scenario.yaml", import.meta.url));
const read = (p: string) => readFileSync(p, "utf8");

/** The shared-cluster example with its spec.otherWorkloads replaced by `others` (YAML lines). */
function withOthers(others: string): string {
  const text = read(EXAMPLE);
  const start = text.indexOf("  otherWorkloads:");
  const end = text.indexOf("  simulation:");
  return `${text.slice(0, start)}${others}\n${text.slice(end)}`;
}

function load(text: string) {
  return loadSimulationInputs({ manifests: [], scenario: { path: EXAMPLE, text }, readFile: read });
}

function errorOf(text: string): InputError {
  try {
    load(text);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("spec.otherWorkloads", () => {
  it("builds each entry like the main workload, with its own trace, usage and pod timings", () => {
    const { inputs } = load(read(EXAMPLE));
    expect(inputs.hpa.metadata.name).toBe("web");
    const [reports] = inputs.otherWorkloads ?? [];
    expect(reports?.hpa.metadata.name).toBe("reports");
    expect(reports?.target.name).toBe("reports");
    // 0.2 + 5.8 * (20:00 <= time of day < 22:00) jobs/s, sampled every 60 s
    expect(reports?.demand.v[0]).toBeCloseTo(0.2, 12);
    expect(reports?.demand.v[72000 / 60]).toBeCloseTo(6, 12);
    expect(reports?.demand.v[79200 / 60]).toBeCloseTo(0.2, 12);
    expect(reports?.usage.cpu?.(5)).toBeCloseTo(6.05, 12);
    expect(reports?.lifecycle.startupSeconds).toBe(20);
    expect(reports?.lifecycle.readinessSeconds).toBe(10);
    expect(inputs.lifecycle.startupSeconds).toBe(8);
    expect(
      (inputs.effectiveConfig.otherWorkloads as unknown[] | undefined)?.length,
      "the effective configuration lists every workload",
    ).toBe(1);
  });

  it.each([
    [
      "an entry without hpa",
      "  otherWorkloads:\n    - trace: {expression: '1'}",
      "spec.otherWorkloads[0].hpa",
      /Required value/,
    ],
    [
      "the main HPA again",
      "  otherWorkloads:\n    - hpa: web\n      trace: {expression: '1'}",
      "spec.otherWorkloads[0].hpa",
      /Duplicate value: "web"/,
    ],
    [
      "a bad expression, named at the entry",
      "  otherWorkloads:\n    - hpa: reports\n      trace: {expression: 'foo(t)'}",
      undefined,
      /spec\.otherWorkloads\[0\]\.trace\.expression/,
    ],
    [
      "no trace",
      "  otherWorkloads:\n    - hpa: reports",
      "spec.otherWorkloads[0].trace",
      /spec\.otherWorkloads\[0\]\.trace: Required value/,
    ],
    [
      "an HPA not in the manifests",
      "  otherWorkloads:\n    - hpa: nope\n      trace: {expression: '1'}",
      undefined,
      /nope/,
    ],
  ])("rejects %s", (_name, others, fieldPath, message) => {
    let error: unknown;
    try {
      load(withOthers(others));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const e = error as InputError;
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(EXAMPLE)).toBe(true);
    if (fieldPath !== undefined) expect(errorOf(withOthers(others)).fieldPath).toBe(fieldPath);
  });
});
