/**
 * spec.otherWorkloads: the workloads replayed alongside the main one. Each is built exactly as the main one
 * is (buildRunInputs on a scenario whose hpa, trace, workload and pods are the entry's), so every rule and
 * error is the same; errors name the entry's field (`spec.otherWorkloads[1].trace.file`).
 */
import type { RunInputs, WorkloadInputs } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { buildRunInputs } from "./build-run-inputs.js";
import { InputError } from "./manifest-errors.js";
import { loadObservedReplicas } from "./observed-replicas.js";
import { selectHpa } from "./resolve-target.js";
import { loadScenarioTrace, type ReadFile } from "./scenario-trace.js";
import type { ParsedScenario } from "./scenario-types.js";
import { scenarioLabel } from "./usage-model.js";
import type { WorkloadManifest } from "./workload-manifest.js";

/** The other workloads, their effective configurations and warnings. */
export interface OtherWorkloads {
  readonly workloads: readonly WorkloadInputs[];
  readonly configs: readonly Readonly<Record<string, unknown>>[];
  readonly warnings: readonly string[];
}

const ENTRY_FIELDS = /\bspec\.(trace|workload|pods|hpa)\b/g;

/** The same error with the entry's field paths (`spec.trace` -> `spec.otherWorkloads[i].trace`). */
function rebase(e: unknown, file: string, i: number): unknown {
  if (!(e instanceof InputError) || e.file !== file) return e;
  const prefix = `spec.otherWorkloads[${i}].`;
  const detail = e.message.slice(file.length + 2).replace(ENTRY_FIELDS, (_m, f: string) => `${prefix}${f}`);
  return new InputError({
    file,
    fieldPath: e.fieldPath?.replace(ENTRY_FIELDS, (_m, f: string) => `${prefix}${f}`),
    rule: e.rule,
    detail,
    violations: e.violations,
  });
}

/** Builds every entry of spec.otherWorkloads against the main run's duration and seed. */
export function buildOtherWorkloads(
  main: RunInputs,
  scenario: ParsedScenario,
  manifests: { hpas: readonly HorizontalPodAutoscaler[]; workloads: readonly WorkloadManifest[] },
  readFile: ReadFile,
): OtherWorkloads {
  const file = scenarioLabel(scenario);
  const workloads: WorkloadInputs[] = [];
  const configs: Readonly<Record<string, unknown>>[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>([[targetKey(main.target), "spec.hpa"]]);
  const hpasSeen = new Set([`${main.hpa.metadata.namespace ?? "default"}/${main.hpa.metadata.name}`]);
  (scenario.otherWorkloads ?? []).forEach((entry, i) => {
    const sub: ParsedScenario = {
      ...scenario,
      hpa: entry.hpa,
      trace: entry.trace,
      workload: entry.workload,
      pods: entry.pods,
      simulation: { ...scenario.simulation, durationSeconds: main.durationSeconds },
      otherWorkloads: [],
    };
    const path = `spec.otherWorkloads[${i}].hpa`;
    let built: RunInputs;
    try {
      const hpa = selectHpa(manifests.hpas, entry.hpa, file);
      const hpaKey = `${hpa.metadata.namespace ?? "default"}/${hpa.metadata.name}`;
      if (hpasSeen.has(hpaKey)) {
        throw new InputError({
          file,
          fieldPath: path,
          rule: "unique HPA",
          detail: `${path}: Duplicate value: "${entry.hpa}": this HPA is already replayed`,
        });
      }
      hpasSeen.add(hpaKey);
      const field = `spec.otherWorkloads[${i}].trace`;
      const trace = loadScenarioTrace(sub, readFile, field);
      const observedReplicas = loadObservedReplicas(sub.trace, sub, readFile, field);
      built = buildRunInputs({ ...manifests, scenario: sub, trace, observedReplicas, traceField: field });
    } catch (e) {
      throw rebase(e, file, i);
    }
    const key = targetKey(built.target);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new InputError({
        file,
        fieldPath: path,
        rule: "one HPA per target",
        detail: `${path}: Invalid value: "${entry.hpa}": scales ${built.target.kind} "${built.target.name}", which the HPA of ${other} scales too (two HPAs on one target fight: AmbiguousSelector)`,
      });
    }
    seen.set(key, path);
    workloads.push({
      hpa: built.hpa,
      target: built.target,
      usage: built.usage,
      demand: built.demand,
      lifecycle: built.lifecycle,
    });
    configs.push(built.effectiveConfig);
    for (const w of built.warnings) warnings.push(`${built.target.kind} "${built.target.name}": ${w}`);
  });
  return { workloads, configs, warnings };
}

function targetKey(t: RunInputs["target"]): string {
  return `${t.namespace}/${t.kind}/${t.name}`;
}
