/**
 * Extra cluster-autoscaler vectors translated from the same upstream test files as the public share
 * (test/fixtures/conformance-extra/ca/ca-extra.json, format ../shared/conformance/FORMAT-vpa-ca.md), run
 * through the same runner as ca-vectors.test.ts, one named test per case. Each `source` names the
 * upstream test and row.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { caSkipReason } from "../../src/conformance/ca-case.js";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

const file = fileURLToPath(new URL("../fixtures/conformance-extra/ca/ca-extra.json", import.meta.url));
const cases = JSON.parse(readFileSync(file, "utf8")) as ConformanceCase[];

describe("ca-extra.json", () => {
  cases.forEach((c, i) => {
    const title = `${c.kind} ${c.name}`;
    const skip = caSkipReason(c);
    if (skip !== undefined) {
      it.skip(`${title} (skipped: ${skip})`, () => {});
      return;
    }
    it(title, () => {
      const r = runCase("ca-extra.json", c, i);
      expect({ reason: r.reason, mismatches: r.mismatches, actual: r.actual }).toMatchObject({
        reason: undefined,
        mismatches: [],
      });
      expect(r.status).toBe("passed");
    });
  });
});
