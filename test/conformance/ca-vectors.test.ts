/**
 * The upstream-derived cluster-autoscaler vectors in ../shared/conformance/ca, one named test per case.
 * Each expectation is upstream's own assertion; see ../shared/conformance/FORMAT-vpa-ca.md. A case the
 * model cannot run is listed as skipped with its reason.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { caSkipReason } from "../../src/conformance/ca-case.js";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

const file = fileURLToPath(new URL("../../../shared/conformance/ca/ca.json", import.meta.url));
const cases = JSON.parse(readFileSync(file, "utf8")) as ConformanceCase[];

describe("ca.json", () => {
  cases.forEach((c, i) => {
    const title = `${c.kind} ${c.name}`;
    const skip = caSkipReason(c);
    if (skip !== undefined) {
      it.skip(`${title} (skipped: ${skip})`, () => {});
      return;
    }
    it(title, () => {
      const r = runCase("ca.json", c, i);
      expect({ reason: r.reason, mismatches: r.mismatches }).toEqual({ reason: undefined, mismatches: [] });
      expect(r.status).toBe("passed");
    });
  });
});
