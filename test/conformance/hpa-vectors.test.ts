/**
 * The upstream-derived HPA vectors in ../shared/conformance/hpa, one named test per case.
 * Each case's expectation is upstream's own assertion; see ../shared/conformance/hpa/FORMAT.md.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

const dir = fileURLToPath(new URL("../../../shared/conformance/hpa/", import.meta.url));

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
