/** `kube-whatif explain SNAPSHOT`: one HPA sync, step by step. */
import type { Command } from "commander";
import { readInputText } from "../read-input.js";
import { checkChoice } from "./flag-choices.js";

export function registerExplain(program: Command, write: (s: string) => void): void {
  program
    .command("explain")
    .description(
      "explain one HPA sync step by step: pod groups, ratios, proposals, stabilization, policy limits, conditions, events",
    )
    .argument(
      "<snapshot>",
      "a reconcile case (FORMAT.md of the HPA conformance vectors) in JSON or YAML; - for stdin",
    )
    .option("-o, --output <format>", "text or json", "text")
    .action(async (file: string, opts: { output: string }) => {
      const {
        compareExpectation,
        mismatchData,
        parseHpaSnapshot,
        reconcileAutoscaler,
        reconcileObservables,
        renderExpectationText,
        renderExplainText,
        toJson,
      } = await import("./explain-deps.js");
      checkChoice("--output", opts.output, ["text", "json"]);
      const snap = parseHpaSnapshot(readInputText(file), file);
      const result = reconcileAutoscaler(snap.input, snap.state);
      const check =
        snap.expect !== undefined ? compareExpectation(snap.expect, reconcileObservables(result)) : undefined;
      if (opts.output === "json") {
        write(
          `${toJson({ snapshot: file, now: snap.input.now, decision: { currentReplicas: snap.input.scaleTarget.specReplicas, desiredReplicas: result.status.desiredReplicas, replicas: result.replicas, scaleUpdated: result.scaleUpdated, statusUpdated: result.statusUpdated }, status: result.status, events: result.events, explanation: result.explanation, stateAfter: result.state, expectation: check === undefined ? null : { matches: check.length === 0, mismatches: mismatchData(check, result) } })}\n`,
        );
        return;
      }
      const text = renderExplainText(snap.input, result);
      write(check === undefined ? text : text + renderExpectationText(check, result));
    });
}
