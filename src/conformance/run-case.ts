/** Dispatches one conformance case by its kind and judges it. */
import { compareExpectation, type Mismatch } from "./compare-expectation.js";
import { runBehavior } from "./hpa-behavior-case.js";
import { runReconcile } from "./hpa-reconcile-case.js";
import { runReplicaCalculation } from "./hpa-replica-calc-case.js";

/** A case as stored in ../shared/conformance (both formats). */
export interface ConformanceCase {
  readonly id?: string;
  readonly kind: string;
  readonly name: string;
  readonly source?: unknown;
  readonly note?: string;
  readonly input: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
}

export type CaseStatus = "passed" | "failed" | "skipped";

export interface CaseResult {
  readonly file: string;
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly source: string;
  readonly status: CaseStatus;
  /** Why it was skipped, or the error thrown while running it. */
  readonly reason?: string;
  readonly mismatches: readonly Mismatch[];
  readonly expected: unknown;
  readonly actual?: unknown;
}

const RUNNERS: Record<string, (input: never) => Record<string, unknown>> = {
  replicaCalculation: runReplicaCalculation,
  behavior: runBehavior,
  reconcile: runReconcile,
};

function sourceText(s: unknown): string {
  if (typeof s === "string") return s;
  if (s !== null && typeof s === "object") {
    const o = s as Record<string, string>;
    return [o.repository, o.file, o.test, o.case ? `(${o.case})` : ""].filter(Boolean).join(" ");
  }
  return "";
}

/** Runs one case; kinds without a model yet are skipped with the reason "not implemented yet". */
export function runCase(file: string, c: ConformanceCase, index: number): CaseResult {
  const base = {
    file,
    id: c.id ?? `${c.kind}#${index + 1}`,
    kind: c.kind,
    name: c.name,
    source: sourceText(c.source),
    expected: c.expect,
  };
  const runner = RUNNERS[c.kind];
  if (runner === undefined) {
    const model = c.kind.startsWith("vpa.")
      ? "VPA"
      : c.kind.startsWith("ca.")
        ? "cluster-autoscaler"
        : c.kind;
    return { ...base, status: "skipped", reason: `not implemented yet (${model} model)`, mismatches: [] };
  }
  try {
    const actual = runner(c.input as never);
    const mismatches = compareExpectation(c.expect, actual);
    return { ...base, status: mismatches.length === 0 ? "passed" : "failed", mismatches, actual };
  } catch (e) {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ...base, status: "failed", reason, mismatches: [] };
  }
}
