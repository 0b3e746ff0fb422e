/**
 * The upstream-derived VPA vectors in ../shared/conformance/vpa, one named test per case.
 * Each case's expectation is upstream's own assertion; see ../shared/conformance/FORMAT-vpa-ca.md.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

const file = fileURLToPath(new URL("../../../shared/conformance/vpa/vpa.json", import.meta.url));
const cases = JSON.parse(readFileSync(file, "utf8")) as ConformanceCase[];

describe("vpa.json", () => {
  it("holds the 87 public vectors", () => {
    expect(cases).toHaveLength(87);
  });
  cases.forEach((c, i) => {
    it(`${c.kind}#${i + 1} ${c.name}`, () => {
      const r = runCase("vpa.json", c, i);
      expect({ reason: r.reason, mismatches: r.mismatches }).toEqual({ reason: undefined, mismatches: [] });
      expect(r.status).toBe("passed");
    });
  });
});
