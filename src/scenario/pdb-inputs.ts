/**
 * The replay's PodDisruptionBudgets from the manifests: the specs the engine honours, what the effective
 * configuration lists, and warnings for budgets that cannot matter in this replay.
 */
import type { DisruptionBudgetSpec, IntOrPercent } from "../cluster/disruption-budget.js";
import type { WorkloadTarget } from "../engine/run-inputs.js";
import { parseSelector, selectorMatches } from "../hpa/label-selector.js";
import type { PdbManifest } from "./pdb-manifest.js";

/** What a budget selects: the replayed workloads whose pod template labels (and namespace) it matches. */
function selects(b: DisruptionBudgetSpec, target: WorkloadTarget): boolean {
  return (
    b.selector !== null &&
    b.namespace === target.namespace &&
    selectorMatches(parseSelector(b.selector), target.podLabels)
  );
}

const shown = (v: IntOrPercent | undefined) =>
  v === undefined ? null : "int" in v ? v.int : `${v.percent}%`;

/**
 * The budgets for a replay of `targets`. `evictions` says whether anything in it evicts (a cluster model, whose
 * autoscaler drains nodes, or a VPA whose updater evicts); without, the budgets are kept but warned about.
 */
export function budgetInputs(
  pdbs: readonly PdbManifest[],
  targets: readonly WorkloadTarget[],
  evictions: boolean,
): { specs: DisruptionBudgetSpec[]; warnings: string[]; config: Record<string, unknown>[] } {
  const warnings: string[] = [];
  const specs: DisruptionBudgetSpec[] = [];
  const config: Record<string, unknown>[] = [];
  for (const { file, ...spec } of pdbs) {
    const ref = `${file}: PodDisruptionBudget "${spec.namespace}/${spec.name}"`;
    const selected = targets.filter((t) => selects(spec, t)).map((t) => `${t.kind}/${t.name}`);
    if (selected.length === 0)
      warnings.push(`${ref} selects no pod of the replayed workloads: it has no effect`);
    else if (!evictions) {
      warnings.push(
        `${ref} only limits evictions (the VPA updater's, the cluster autoscaler's node drains); this replay has neither, so it has no effect`,
      );
    }
    specs.push(spec);
    config.push({
      name: spec.name,
      namespace: spec.namespace,
      selector: spec.selector,
      minAvailable: shown(spec.minAvailable),
      maxUnavailable: shown(spec.maxUnavailable),
      unhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy,
      selects: selected,
    });
  }
  return { specs, warnings, config };
}
