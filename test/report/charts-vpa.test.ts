/** The VPA chart: per container, the pods' mean CPU request against the VPA's target, only with a VPA. */
import { describe, expect, it } from "vitest";
import { chartSpecs, renderCharts } from "../../src/report/charts-text.js";
import { makeRow, makeRunResult } from "./run-result-builder.js";

describe("VPA charts", () => {
  const vpa = (request: number, target: number) => ({
    requests: { app: { cpu: request, memory: 1 } },
    target: { app: { cpu: target, memory: 1 } },
  });
  const withVpa = makeRunResult({
    timeline: [
      makeRow(0, { vpa: vpa(100, 350) }),
      makeRow(60, { vpa: vpa(225, 350) }),
      makeRow(120, { vpa: vpa(350, 350) }),
    ],
  });

  it("adds one chart per container, last, with the request and the target in millicores", () => {
    const specs = chartSpecs(withVpa);
    const last = specs[specs.length - 1];
    expect(last?.title).toBe("CPU request of app (mean over the pods) vs the VPA target");
    expect(last?.unit).toBe("m");
    expect(last?.series.map((s) => s.name)).toEqual(["request", "VPA target"]);
    expect(last?.series.map((s) => Array.from(s.values as readonly number[]))).toEqual([
      [100, 225, 350],
      [350, 350, 350],
    ]);
    expect(renderCharts(withVpa, { width: 60, height: 4 })).toContain("CPU request of app");
  });

  it("draws no VPA chart without a VPA", () => {
    const specs = chartSpecs(makeRunResult({ timeline: [makeRow(0), makeRow(60)] }));
    expect(specs.some((s) => s.title.startsWith("CPU request of"))).toBe(false);
  });
});
