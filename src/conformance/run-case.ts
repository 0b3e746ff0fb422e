/** Dispatches one conformance case by its kind and judges it. */
import { runCaCase } from "./ca-case.js";
import { compareCaExpectation } from "./ca-expectation.js";
import { compareExpectation, type Mismatch } from "./compare-expectation.js";
import { runBehavior } from "./hpa-behavior-case.js";
import { runReconcile } from "./hpa-reconcile-case.js";
import { runReplicaCalculation } from "./hpa-replica-calc-case.js";
import { SkipCase } from "./skip-case.js";
import { runVpaCase } from "./vpa-case.js";
import { compareVpaExpectation } from "./vpa-expectation.js";

/** A case as stored in ../shared/conformance (both formats). */
export interface ConformanceCase {
  readonly id?: string;
  readonly kind: string;
  readonly name: string;
  readonly source?: unknown;
  readonly note?: string;
  readonly input: Record<string, unknown>;
  readonly expect: Record<string, unknown>;
  readonly tolerance?: unknown;
  readonly requires?: unknown;
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
  const isCa = c.kind.startsWith("ca.");
  const isVpa = c.kind.startsWith("vpa.");
  const runner = isCa ? () => runCaCase(c) : isVpa ? () => runVpaCase(c) : RUNNERS[c.kind];
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
    const mismatches = isCa
      ? compareCaExpectation(c.kind, c.expect, actual, c.tolerance)
      : isVpa
        ? compareVpaExpectation(c.expect, actual, c.tolerance)
        : compareExpectation(c.expect, actual);
    return { ...base, status: mismatches.length === 0 ? "passed" : "failed", mismatches, actual };
  } catch (e) {
    if (e instanceof SkipCase) return { ...base, status: "skipped", reason: e.message, mismatches: [] };
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ...base, status: "failed", reason, mismatches: [] };
  }
}
