/**
 * Extra HPA vectors translated from upstream tests that are not in the public share of
 * ../shared/conformance/hpa (same format, FORMAT.md there), one named test per case.
 * Each case's expectation is upstream's own assertion; `source` names the upstream test and row.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

const dir = fileURLToPath(new URL("../fixtures/conformance-extra/hpa/", import.meta.url));

for (const file of ["replica-calculator.json", "behavior.json", "reconcile.json"]) {
  const cases = JSON.parse(readFileSync(dir + file, "utf8")) as ConformanceCase[];
  describe(file, () => {
    cases.forEach((c, i) => {
      it(`${c.id ?? i} ${c.name}`, () => {
        const r = runCase(file, c, i);
        expect({ reason: r.reason, mismatches: r.mismatches }).toEqual({ reason: undefined, mismatches: [] });
        expect(r.status).toBe("passed");
      });
    });
  });
}
