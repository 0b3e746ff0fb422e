import { describe, expect, it } from "vitest";
import type { Calibration } from "../../src/calibrate/calibrate-usage.js";
import type { UsageFit } from "../../src/calibrate/usage-fit.js";
import { renderCalibrationJson, renderCalibrationText } from "../../src/report/calibrate-text.js";

const fitted = (o: Partial<UsageFit> = {}): UsageFit => ({
  base: 0.02,
  perLoad: 0.004,
  baseStdError: 0.001,
  perLoadStdError: 0.0001,
  samples: 100,
  r2: 0.98,
  rmsError: 0.05,
  meanUsage: 1,
  loadPerPod: { min: 10, max: 40 },
  method: "least-squares",
  downWeighted: 0,
  ...o,
});

const calibration = (f: UsageFit): Calibration => ({
  load: { source: "rps.json", unit: "requests/s" },
  pods: "ready.json",
  alignment: "date-time",
  resources: [{ resource: "cpu", source: "cpu.json", fit: f, skipped: 3, expression: "20m + 4m * load" }],
  warnings: ["pods.csv has no date-times: all traces are taken to start together"],
});

describe("renderCalibrationText", () => {
  it("the fit, its intervals, quality and range, then the snippet", () => {
    expect(renderCalibrationText(calibration(fitted()))).toBe(
      [
        "Warnings (1):",
        "  - pods.csv has no date-times: all traces are taken to start together",
        "",
        "Usage per Ready pod, fitted (load from rps.json in requests/s, Ready pods from ready.json; aligned by date-time):",
        "",
        "  cpu     20m + 4m * load",
        "          base 20m ± 1.96m, per unit of load 4m ± 0.196m (95%)",
        "          from cpu.json: 100 samples, 3 outside the other traces",
        "          R² 0.98; residual RMS 0.05 cores, 5.0% of the mean usage (1 cores)",
        "          fitted over a load per pod of 10 .. 40 requests/s: beyond it the model is extrapolated",
        "",
        "For the Scenario (docs/scenario.md, spec.workload.usage):",
        "",
        "spec:",
        "  workload:",
        "    usage:",
        "      cpu: 20m + 4m * load",
        "",
        "Or as flags of simulate, compare and sweep:",
        "",
        "  --cpu '20m + 4m * load'",
        "",
      ].join("\n"),
    );
  });

  it("says when the samples do not pin the model down, and when a term is negative", () => {
    const text = renderCalibrationText(calibration(fitted({ base: -0.12, baseStdError: 0.3 })));
    expect(text).toContain("an interval wider than its value: the samples do not pin the model down");
    expect(text).toContain("a negative base: the samples do not follow a linear model well");
    expect(renderCalibrationText(calibration(fitted()))).not.toContain("pin the model down");
  });

  it("JSON: the figures as data", () => {
    const doc = JSON.parse(renderCalibrationJson(calibration(fitted())));
    expect(doc.cpu).toMatchObject({
      expression: "20m + 4m * load",
      base: 0.02,
      baseStdError: 0.001,
      skipped: 3,
    });
    expect(doc.alignment).toBe("date-time");
    expect(doc.warnings).toHaveLength(1);
  });
});
