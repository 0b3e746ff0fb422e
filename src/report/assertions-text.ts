/** The assertions of a run as the table output prints them: how many hold, then one line each with its values. */
import type { AssertionOutcome } from "../results/assertions.js";
import { renderTable } from "./table.js";
import { fmtNumber } from "./text-format.js";

/** The figures an assertion read: `peakReplicas = 25, flaps = 0`. */
export function assertionValues(o: AssertionOutcome): string {
  return Object.entries(o.values)
    .map(([k, v]) => `${k} = ${fmtNumber(v)}`)
    .join(", ");
}

/** `assertion failed: peakReplicas <= 20 (peakReplicas = 25)`. */
export function failedAssertionLine(o: AssertionOutcome): string {
  return `assertion failed: ${o.assertion} (${assertionValues(o)})`;
}

/**
 * `Assertions: 2 of 3 hold` and a table: `ok` or `FAILED`, the assertion, the figures it read
 * (`peakReplicas = 25`). Ends with a newline; empty when there are none.
 */
export function renderAssertions(outcomes: readonly AssertionOutcome[]): string {
  if (outcomes.length === 0) return "";
  const held = outcomes.filter((o) => o.holds).length;
  const rows = outcomes.map((o) => [o.holds ? "ok" : "FAILED", o.assertion, assertionValues(o)]);
  return `Assertions: ${held} of ${outcomes.length} hold\n${renderTable(["Result", "Assertion", "Values"], rows)}\n`;
}

/** The failed assertions as stderr lines (`assertion failed: ... (peakReplicas = 25)`). */
export function failedAssertionsText(outcomes: readonly AssertionOutcome[]): string {
  return outcomes
    .filter((o) => !o.holds)
    .map(failedAssertionLine)
    .join("\n");
}
