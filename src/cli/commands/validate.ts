/** `kube-whatif validate FILE...`: check manifests and scenarios the way the API server (and simulate) would. */
import type { Command } from "commander";
import { expandManifestPaths, readInputText } from "../read-input.js";

export function registerValidate(program: Command, write: (s: string) => void): void {
  program
    .command("validate")
    .description(
      "validate HorizontalPodAutoscaler, VerticalPodAutoscaler, Deployment/StatefulSet, PodDisruptionBudget and Scenario files as the API server would",
    )
    .argument(
      "<files...>",
      "YAML or JSON files (multi-document, kind: List), or folders of them; - for stdin",
    )
    .option("--scale-to-zero", "with the HPAScaleToZero feature gate (allows minReplicas: 0)")
    .action(async (files: string[], o: { scaleToZero?: boolean }) => {
      const {
        checkUsageExpressions,
        isScenarioDocument,
        parseManifestDocuments,
        readHorizontalPodAutoscalers,
        readPodDisruptionBudgets,
        readScenarioDocument,
        readVerticalPodAutoscalers,
        readWorkloads,
      } = await import("./validate-deps.js");
      const lines: string[] = [];
      for (const file of expandManifestPaths(files)) {
        const docs = parseManifestDocuments(readInputText(file), file);
        const kube = docs.filter((d) => !isScenarioDocument(d));
        for (const h of readHorizontalPodAutoscalers(kube, file, {
          featureGates: { HPAScaleToZero: o.scaleToZero === true },
        })) {
          lines.push(`${file}: HorizontalPodAutoscaler "${h.metadata.name}": valid`);
        }
        for (const w of readWorkloads(kube, file)) lines.push(`${file}: ${w.kind} "${w.name}": valid`);
        for (const v of readVerticalPodAutoscalers(kube, file)) {
          lines.push(`${file}: VerticalPodAutoscaler "${v.name}": valid`);
        }
        for (const b of readPodDisruptionBudgets(kube, file)) {
          lines.push(`${file}: PodDisruptionBudget "${b.name}": valid`);
        }
        for (const d of docs.filter(isScenarioDocument)) {
          const s = readScenarioDocument(d, file);
          checkUsageExpressions(s, file);
          lines.push(`${file}: Scenario "${s.name}": valid`);
        }
        if (docs.length === 0) lines.push(`${file}: no objects`);
      }
      write(`${lines.join("\n")}\n`);
    });
}
