/**
 * The entry point for `kube-whatif simulate`: file contents in, RunInputs out. The CLI reads the files it was
 * given and passes a `readFile` for the ones the scenario names (manifests, trace); everything else here is
 * pure. A Scenario may also come as a document among the manifests (`kind: Scenario` in a -f file).
 */
import type { RunInputs, WorkloadInputs, WorkloadTarget } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import type { BacktestInput } from "../results/backtest-replicas.js";
import { buildVpaReplayInput } from "../vpa/replay/index.js";
import { buildRunInputs } from "./build-run-inputs.js";
import { readHorizontalPodAutoscalers } from "./hpa-manifest.js";
import { hpaVpaConflicts } from "./hpa-vpa-conflict.js";
import { initialReplicasField, withInitialReplicas } from "./initial-replicas.js";
import { InputError } from "./manifest-errors.js";
import { loadObservedReplicas } from "./observed-replicas.js";
import { buildOtherWorkloads } from "./other-workloads.js";
import { budgetInputs } from "./pdb-inputs.js";
import { type PdbManifest, readPodDisruptionBudgets } from "./pdb-manifest.js";
import { parseManifestDocuments } from "./read-manifests.js";
import { loadBacktestReplicas } from "./scenario-backtest.js";
import { defaultScenario, isScenarioDocument, parseScenario, readScenarioDocument } from "./scenario-file.js";
import { applyFlags, type SimulationFlags } from "./scenario-flags.js";
import { loadClusterNodes } from "./scenario-nodes.js";
import {
  loadScenarioTrace,
  type ReadFile,
  readNamedFile,
  resolveRelative,
  type TraceCache,
} from "./scenario-trace.js";
import type { ParsedScenario } from "./scenario-types.js";
import { scenarioLabel } from "./usage-model.js";
import { readVerticalPodAutoscalers, type VpaManifest } from "./vpa-manifest.js";
import { readWorkloads, type WorkloadManifest } from "./workload-manifest.js";

/** A file the user named, with its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Everything `simulate` was given. */
export interface SimulationSources {
  /** Manifest files from the command line (-f), in order. */
  readonly manifests: readonly SourceFile[];
  /** The Scenario file, if any. */
  readonly scenario?: SourceFile | undefined;
  readonly flags?: SimulationFlags | undefined;
  /** Reads the files the scenario names (paths already resolved against the scenario's folder). */
  readonly readFile: ReadFile;
  /** Reuse the last parse of the same trace text (a sweep's combinations); absent: parse every time. */
  readonly traceCache?: TraceCache | undefined;
}

/** The replay's inputs and the scenario they came from (after flags). */
export interface LoadedSimulation {
  readonly inputs: RunInputs;
  readonly scenario: ParsedScenario;
  /** Every manifest file read, in order (command line first, then the scenario's). */
  readonly manifestFiles: readonly string[];
  /** spec.backtest: the replica counts the real cluster recorded and the column compared (results/backtest-replicas.ts). */
  readonly backtest?: BacktestInput;
}

/**
 * Parses, validates and combines everything into RunInputs.
 *
 * @throws InputError (bad manifest, scenario, flag or combination) or TraceError (bad trace), both exit code 2
 */
export function loadSimulationInputs(sources: SimulationSources): LoadedSimulation {
  const parsed = sources.manifests.map((f) => ({
    path: f.path,
    docs: parseManifestDocuments(f.text, f.path),
  }));
  let scenario = pickScenario(sources.scenario, parsed);
  scenario = applyFlags(scenario, sources.flags ?? {});
  const nodes = loadClusterNodes(scenario, sources.readFile);
  scenario = nodes.scenario;

  const seen = new Set(parsed.map((f) => f.path));
  scenario.manifests.forEach((m, i) => {
    const path = resolveRelative(scenario.file, m);
    if (seen.has(path)) return;
    seen.add(path);
    const text = readNamedFile(sources.readFile, path, scenarioLabel(scenario), `spec.manifests[${i}]`);
    parsed.push({ path, docs: parseManifestDocuments(text, path) });
  });
  if (parsed.length === 0) {
    throw new InputError({
      file: scenarioLabel(scenario),
      fieldPath: "spec.manifests",
      rule: "required",
      detail:
        "spec.manifests: Required value: no manifests: list the HPA and its Deployment in spec.manifests or give them with -f",
    });
  }

  const gates = scenario.controller.featureGates;
  const hpas: HorizontalPodAutoscaler[] = [];
  const workloads: WorkloadManifest[] = [];
  const vpas: VpaManifest[] = [];
  const pdbs: PdbManifest[] = [];
  for (const { path, docs } of parsed) {
    const kube = docs.filter((d) => !isScenarioDocument(d));
    hpas.push(
      ...readHorizontalPodAutoscalers(kube, path, {
        featureGates: {
          HPAScaleToZero: gates.HPAScaleToZero,
          HPAConfigurableTolerance: gates.HPAConfigurableTolerance,
        },
      }),
    );
    workloads.push(
      ...readWorkloads(kube, path, { featureGates: { PodLevelResources: gates.PodLevelResources } }),
    );
    vpas.push(...readVerticalPodAutoscalers(kube, path));
    pdbs.push(...readPodDisruptionBudgets(kube, path));
  }
  const trace = loadScenarioTrace(scenario, sources.readFile, "spec.trace", sources.traceCache);
  const observedReplicas = loadObservedReplicas(scenario.trace, scenario, sources.readFile, "spec.trace");
  const built = buildRunInputs({ hpas, workloads, scenario, trace, observedReplicas });
  const others = buildOtherWorkloads(built, scenario, { hpas, workloads }, sources.readFile);
  const all = [built, ...others.workloads];
  const conflicts = all.flatMap((w) => hpaVpaConflicts(w.hpa, w.target, vpas));
  const vpaWarnings: string[] = [];
  const withVpa = <W extends WorkloadInputs>(w: W): W => {
    const vpa = vpaFor(w.target, vpas, vpaWarnings);
    return vpa === undefined ? w : { ...w, vpa: buildVpaReplayInput(vpa, w.target.containers) };
  };
  const main = withVpa(built);
  const otherWorkloads = others.workloads.map(withVpa);
  const evictingModes = ["Auto", "Recreate", "InPlaceOrRecreate"];
  const evicting = [main, ...otherWorkloads].some((w) => evictingModes.includes(w.vpa?.updateMode ?? "Off"));
  const budgets = budgetInputs(
    pdbs,
    all.map((w) => w.target),
    main.cluster !== undefined || evicting,
  );
  const config = {
    ...main.effectiveConfig,
    ...(otherWorkloads.length > 0 ? { otherWorkloads: others.configs } : {}),
    ...(budgets.specs.length > 0 ? { disruptionBudgets: budgets.config } : {}),
  };
  const inputs: RunInputs = {
    ...main,
    warnings: [
      ...conflicts,
      ...vpaWarnings,
      ...nodes.warnings,
      ...main.warnings,
      ...others.warnings,
      ...budgets.warnings,
    ],
    ...(otherWorkloads.length > 0 ? { otherWorkloads } : {}),
    ...(budgets.specs.length > 0 ? { disruptionBudgets: budgets.specs } : {}),
    effectiveConfig: config,
  };
  const backtest = loadBacktestReplicas(
    scenario,
    sources.readFile,
    inputs.durationSeconds,
    trace.startEpochSeconds,
  );
  const started = withInitialReplicas(
    inputs,
    scenario.simulation.initialReplicas,
    initialReplicasField(scenario),
    backtest?.backtest,
    trace.startEpochSeconds,
  );
  if (backtest === undefined) return { inputs: started, scenario, manifestFiles: parsed.map((f) => f.path) };
  return {
    inputs: {
      ...started,
      warnings: [...started.warnings, ...backtest.warnings],
      effectiveConfig: {
        ...started.effectiveConfig,
        backtest: {
          replicas: backtest.backtest.series.source,
          compare: backtest.backtest.compare,
          samples: backtest.backtest.series.t.length,
          notes: [...backtest.backtest.series.notes],
        },
      },
    },
    scenario,
    manifestFiles: parsed.map((f) => f.path),
    backtest: backtest.backtest,
  };
}

/** The VPA whose targetRef is the workload (the first one; a second one is warned about, as upstream picks one). */
function vpaFor(
  target: WorkloadTarget,
  vpas: readonly VpaManifest[],
  warnings: string[],
): VpaManifest | undefined {
  const matching = vpas.filter(
    (v) =>
      v.targetRef.kind === target.kind &&
      v.targetRef.name === target.name &&
      v.namespace === target.namespace,
  );
  if (matching.length > 1) {
    warnings.push(
      `${matching.length} VerticalPodAutoscalers target ${target.kind}/${target.name} (${matching.map((v) => v.name).join(", ")}): the replay runs the first, ${matching[0]?.name}`,
    );
  }
  return matching[0];
}

function pickScenario(
  given: SourceFile | undefined,
  parsed: readonly { path: string; docs: readonly unknown[] }[],
): ParsedScenario {
  const embedded = parsed.flatMap((f) =>
    f.docs.filter(isScenarioDocument).map((doc) => ({ path: f.path, doc })),
  );
  const first = embedded[0];
  if (given !== undefined) {
    if (first !== undefined) {
      throw new InputError({
        file: first.path,
        rule: "one Scenario",
        detail: `holds a Scenario, and ${given.path} is given as the scenario too: keep one`,
      });
    }
    return parseScenario(given.text, given.path);
  }
  if (embedded.length > 1) {
    throw new InputError({
      file: embedded.map((e) => e.path).join(", "),
      rule: "one Scenario",
      detail: `${embedded.length} Scenario documents among the manifests: keep one`,
    });
  }
  return first !== undefined ? readScenarioDocument(first.doc, first.path) : defaultScenario();
}
