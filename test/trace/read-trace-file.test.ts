/** readTraceFile: the only file-reading function of the trace layer. */

import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { readTraceFile, TraceError } from "../../src/trace/index.js";

const AZURE = fileURLToPath(new URL("../../traces/azure2019-vm-cpu-5min.csv", import.meta.url));
const GOOGLE = fileURLToPath(new URL("../../traces/google2019-cell-usage-5min.csv", import.meta.url));

describe("readTraceFile", () => {
  test("Azure 2019: seconds from start, step 300", () => {
    const s = readTraceFile(AZURE, { file: "azure.csv", valueColumn: "cpu_usage" });
    expect(s.startEpochSeconds).toBeNull();
    expect(s.t[1]).toBe(300);
    expect(s.v[0]).toBe(6135515.87712279);
    expect(s.notes[0]).toContain('times from column "timestamp" (found by its name) as seconds from start');
  });

  test("Google 2019: no time column, row i at i * 300 s", () => {
    expect(() => readTraceFile(GOOGLE)).toThrow("give the seconds between rows (--step");
    const s = readTraceFile(GOOGLE, { step: 300 });
    expect(s.t.length).toBe(8064);
    expect(s.t[8063]).toBe(8063 * 300);
    expect(s.v[0]).toBe(0.4416155843647663);
  });

  test("a missing file is a TraceError naming it", () => {
    let caught: unknown;
    try {
      readTraceFile("no/such/trace.csv");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TraceError);
    expect((caught as TraceError).file).toBe("no/such/trace.csv");
    expect((caught as TraceError).message).toMatch(/^no\/such\/trace\.csv: cannot read the file: ENOENT/);
  });
});
