/** Runs vectors written in the FORMAT-vpa-ca.md shape through the conformance runner, one test each. */
import { expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

/** A vector as written in a test: input and expect are free-form JSON. */
export interface VectorCase {
  readonly kind: string;
  readonly name: string;
  readonly input: unknown;
  readonly expect: unknown;
  readonly tolerance?: unknown;
}

export const MiB = 1048576;

/** The status of a case as the conformance runner judges it. */
export function statusOf(c: VectorCase, i = 0): string {
  return runCase("extra", c as ConformanceCase, i).status;
}

/** One named test per case: no error, no mismatch. */
export function itPassesEach(cases: readonly VectorCase[]): void {
  cases.forEach((c, i) => {
    it(`${c.kind} ${c.name}`, () => {
      const r = runCase("extra", c as unknown as ConformanceCase, i);
      expect({ reason: r.reason, mismatches: r.mismatches }).toEqual({ reason: undefined, mismatches: [] });
      expect(r.status).toBe("passed");
    });
  });
}
