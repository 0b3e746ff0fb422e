/**
 * `explain`'s verdict on a snapshot's `expect` block, as text and as data. A field the block asserts but the
 * sync produced no value for (it failed before computing it) is said in words, with the condition or event
 * that says why, never as `undefined`.
 */
import type { Mismatch } from "../conformance/compare-expectation.js";
import type { SyncResult } from "../hpa/controller.js";
import { toJson } from "./table.js";

/** A mismatch as `explain -o json` prints it: a missing actual value is `null`, with `missing` saying why. */
export interface MismatchData {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly missing?: string;
}

/** What each field of a reconcile expectation is, for `the sync computed no ...`. */
const FIELD_WORDS: Readonly<Record<string, string>> = { cpuUtilization: "cpu utilization" };

/**
 * Why the sync has no value for the expectation field at `path`:
 * `the sync computed no cpu utilization (FailedGetResourceMetric: ...)`.
 */
export function missingValueReason(path: string, result: SyncResult): string {
  const what = FIELD_WORDS[path] ?? path;
  const failed = (result.status.conditions ?? []).find(
    (c) => c.status === "False" && (c.type === "AbleToScale" || c.type === "ScalingActive"),
  );
  const warning = result.events.find((e) => e.type === "Warning");
  const because =
    failed !== undefined
      ? ` (${[failed.reason, failed.message].filter((t) => t !== undefined && t !== "").join(": ")})`
      : warning !== undefined
        ? ` (${warning.reason}: ${warning.message})`
        : path === "cpuUtilization"
          ? " (the HPA has no Resource metric for cpu, or it produced no utilization)"
          : "";
  return `the sync computed no ${what}${because}`;
}

/** The mismatches as data for JSON output. */
export function mismatchData(check: readonly Mismatch[], result: SyncResult): MismatchData[] {
  return check.map((m) =>
    m.actual === undefined
      ? { path: m.path, expected: m.expected, actual: null, missing: missingValueReason(m.path, result) }
      : m,
  );
}

/** The `Expectation:` lines of the text output (after a blank line). */
export function renderExpectationText(check: readonly Mismatch[], result: SyncResult): string {
  if (check.length === 0) return "\nExpectation:       matches the snapshot's expect block\n";
  const lines = check.map((m) => {
    const got = m.actual === undefined ? `none: ${missingValueReason(m.path, result)}` : toJson(m.actual, 0);
    return `  ${m.path}: expected ${JSON.stringify(m.expected)}, got ${got}`;
  });
  return `\nExpectation:       DIFFERS from the snapshot's expect block:\n${lines.join("\n")}\n`;
}
