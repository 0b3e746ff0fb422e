/** What `validate` runs, imported by its action only, so that start-up loads none of it (see main.ts). */
import {
  compileLoadExpression,
  ExpressionError,
  isResourceUsageField,
} from "../../metrics/usage-expression.js";
import { compileAssertion } from "../../results/assertion-expression.js";
import { InputError } from "../../scenario/manifest-errors.js";
import type { ParsedScenario, ScenarioUsage } from "../../scenario/scenario-types.js";

export { readHorizontalPodAutoscalers } from "../../scenario/hpa-manifest.js";
export { readPodDisruptionBudgets } from "../../scenario/pdb-manifest.js";
export { parseManifestDocuments } from "../../scenario/read-manifests.js";
export { isScenarioDocument, readScenarioDocument } from "../../scenario/scenario-file.js";
export { readVerticalPodAutoscalers } from "../../scenario/vpa-manifest.js";
export { readWorkloads } from "../../scenario/workload-manifest.js";

/** A usage model's expressions by field path, in the order simulate compiles them. */
function usageFields(usage: ScenarioUsage, prefix: string): [path: string, text: string][] {
  const named = (texts: Readonly<Record<string, string>>, field: string) =>
    Object.keys(texts)
      .sort()
      .map((k): [string, string] => [`${prefix}.${field}.${k}`, texts[k] ?? ""]);
  return [
    ...(usage.cpu !== null ? [[`${prefix}.cpu`, usage.cpu] as [string, string]] : []),
    ...(usage.memory !== null ? [[`${prefix}.memory`, usage.memory] as [string, string]] : []),
    ...named(usage.podMetrics, "podMetrics"),
    ...named(usage.clusterMetrics, "clusterMetrics"),
    ...Object.keys(usage.containers)
      .sort()
      .flatMap((name) =>
        (["cpu", "memory"] as const).flatMap((r): [string, string][] => {
          const text = usage.containers[name]?.[r] ?? null;
          return text === null ? [] : [[`${prefix}.containers.${name}.${r}`, text]];
        }),
      ),
  ];
}

/**
 * Compiles every usage expression and assertion of a Scenario (spec.workload.usage and each spec.otherWorkloads[i]'s) as
 * simulate does, so that validate reports the same InputError naming the file and field. Expressions for
 * metrics no HPA uses are checked too (simulate ignores them with a warning). mathjs loads only when the
 * scenario has an expression.
 */
export function checkUsageExpressions(scenario: ParsedScenario, file: string): void {
  const fields = [
    ...usageFields(scenario.workload.usage, "spec.workload.usage"),
    ...(scenario.otherWorkloads ?? []).flatMap((w, i) =>
      usageFields(w.workload.usage, `spec.otherWorkloads[${i}].workload.usage`),
    ),
  ];
  for (const [path, text] of fields) {
    try {
      compileLoadExpression(text, path, { nonNegative: isResourceUsageField(path) });
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      throw new InputError({ file, fieldPath: path, rule: "expression", detail: e.message });
    }
  }
  (scenario.assertions ?? []).forEach((text, i) => {
    const path = `spec.assertions[${i}]`;
    try {
      compileAssertion(text, path);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      throw new InputError({ file, fieldPath: path, rule: "assertion", detail: e.message });
    }
  });
}
