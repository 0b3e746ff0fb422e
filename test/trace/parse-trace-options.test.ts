/** parseTrace refuses a reading option that the trace's format would ignore (parse-trace.ts checkOptionsApply). */
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/parse-trace.js";
import type { ParseTraceOptions } from "../../src/trace/types.js";

const CSV = "t,rps\n0,1\n60,2\n";
const GRAFANA = '"Time","a","b"\n2024-01-01 10:00:00,1,2\n2024-01-01 10:01:00,3,4\n';
const PROM = JSON.stringify({
  status: "success",
  data: { resultType: "matrix", result: [{ metric: { job: "web" }, values: [[1700000000, "5"]] }] },
});

describe("parseTrace: options that do not apply to the format", () => {
  it.each([
    [
      CSV,
      { series: { job: "web" } },
      "series applies to a Prometheus query_range JSON response, and this is a CSV trace (detected",
    ],
    [
      CSV,
      { sumColumns: ["rps"] },
      "sumColumns applies to a Grafana panel CSV export, and this is a CSV trace",
    ],
    [
      GRAFANA,
      { step: 60 },
      "step applies to a CSV trace or an expression, and this is a Grafana panel CSV export",
    ],
    [
      GRAFANA,
      { timeColumn: "Time" },
      "timeColumn applies to a CSV trace, and this is a Grafana panel CSV export",
    ],
    [
      PROM,
      { valueColumn: 1 },
      "valueColumn applies to a CSV trace or a Grafana panel CSV export, and this is a Prometheus",
    ],
    [CSV, { format: "csv", series: { a: "b" } }, "and this is a CSV trace"],
  ] as const)("%#: %j", (text, options, message) => {
    expect(() => parseTrace(text, { file: "x", ...(options as ParseTraceOptions) })).toThrow(message);
  });

  it.each([
    [CSV, { valueColumn: "rps", timeColumn: "t" }, 2],
    [GRAFANA, { sumColumns: ["a", "b"] }, 2],
    [GRAFANA, { valueColumn: "b" }, 2],
    [PROM, { series: { job: "web" } }, 1],
  ] as const)("%#: %j applies", (text, options, samples) => {
    expect(parseTrace(text, { file: "x", ...(options as ParseTraceOptions) }).t.length).toBe(samples);
  });
});
