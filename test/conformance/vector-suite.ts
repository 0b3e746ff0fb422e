/**
 * Runs a file of conformance vectors as a vitest suite: one describe block named after the file, one named test
 * per case, each judged by the conformance runner (src/conformance/run-case.ts) exactly as `kube-whatif
 * conformance` judges it. A case the model cannot run (`skipReason`) is listed as skipped with its reason.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { type ConformanceCase, runCase } from "../../src/conformance/run-case.js";

export interface VectorSuiteOptions {
  /** The test's name for case `c` at index `i`. */
  readonly title: (c: ConformanceCase, i: number) => string;
  /** Why the model cannot run `c`, or undefined to run it. */
  readonly skipReason?: (c: ConformanceCase) => string | undefined;
}

/** The vectors of the JSON file at `path` (an array of cases), one test each. */
export function describeVectors(path: string, options: VectorSuiteOptions): void {
  const file = basename(path);
  const cases = JSON.parse(readFileSync(path, "utf8")) as ConformanceCase[];
  describe(file, () => {
    cases.forEach((c, i) => {
      const title = options.title(c, i);
      const skip = options.skipReason?.(c);
      if (skip !== undefined) {
        it.skip(`${title} (skipped: ${skip})`, () => {});
        return;
      }
      it(title, () => {
        const r = runCase(file, c, i);
        expect({ reason: r.reason, mismatches: r.mismatches }).toEqual({ reason: undefined, mismatches: [] });
        expect(r.status).toBe("passed");
      });
    });
  });
}

/** The HPA vector files of a directory in the layout of ../shared/conformance/hpa (FORMAT.md there). */
export const HPA_VECTOR_FILES = ["replica-calculator.json", "behavior.json", "reconcile.json"] as const;

/** An HPA case's test name: its id and name. */
export const hpaTitle = (c: ConformanceCase, i: number): string => `${c.id ?? i} ${c.name}`;
