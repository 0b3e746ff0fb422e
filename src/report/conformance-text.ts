/** The text report of `kube-whatif conformance`. */
import type { CaseResult } from "../conformance/run-case.js";
import { toJson } from "./table.js";

function indent(s: string, by = "    "): string {
  return s
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

/** Failures in full, skips grouped by reason, and the closing line `N passed, M failed[, K skipped]`. */
export function renderConformanceText(results: readonly CaseResult[], verbose: boolean): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.status === "passed" && verbose) out.push(`PASS ${r.id} ${r.name}`);
    if (r.status !== "failed") continue;
    out.push(`FAIL ${r.id} ${r.name}`, `  file:     ${r.file}`, `  source:   ${r.source}`);
    if (r.reason !== undefined) out.push(`  error:    ${r.reason}`);
    for (const m of r.mismatches) {
      out.push(
        `  ${m.path}:`,
        `    expected: ${toJson(m.expected, 0)}`,
        `    actual:   ${toJson(m.actual, 0)}`,
      );
    }
    out.push("  expected (whole):", indent(toJson(r.expected)), "");
  }
  const skips = new Map<string, number>();
  for (const r of results)
    if (r.status === "skipped") skips.set(r.reason ?? "", (skips.get(r.reason ?? "") ?? 0) + 1);
  for (const [reason, n] of skips) out.push(`SKIP ${n} case(s): ${reason}`);
  const passed = results.filter((r) => r.status === "passed").length;
  const failed = results.filter((r) => r.status === "failed").length;
  const skipped = skips.size > 0 ? `, ${results.length - passed - failed} skipped` : "";
  out.push(`${passed} passed, ${failed} failed${skipped}`);
  return `${out.join("\n")}\n`;
}
