/**
 * The `kind: Scenario` file (apiVersion kube-whatif.dev/v1alpha1): everything about a replay that is not a
 * Kubernetes object. Read strictly (unknown fields rejected), every field type- and range-checked, and every
 * default filled in (scenario-defaults.ts documents each; docs/scenario.md is the reference).
 */

import { parseFloatQuantity } from "../units/quantity.js";
import { child, invalidValue, notSupported, requiredValue, wrongType } from "./field-violations.js";
import { readInitialReplicas } from "./initial-replicas.js";
import { type FieldViolation, InputError, throwIfAny } from "./manifest-errors.js";
import { describeJsonType, isPlainObject, parseManifestDocuments } from "./read-manifests.js";
import { readBacktest } from "./scenario-backtest.js";
import { CLUSTER_FIELDS, readCluster } from "./scenario-cluster.js";
import * as D from "./scenario-defaults.js";
import { integerField, nonEmptyString, numberField } from "./scenario-fields.js";
import { readTraceSpec, TRACE_FIELDS } from "./scenario-trace-spec.js";
import type { ParsedScenario, ScenarioController, ScenarioPods } from "./scenario-types.js";
import { readWorkload, WORKLOAD_FIELDS } from "./scenario-workload.js";
import { StrictObject } from "./strict-reader.js";

const SPEC_FIELDS = [
  "manifests",
  "hpa",
  "trace",
  "workload",
  "pods",
  "metrics",
  "controller",
  "simulation",
  "cluster",
  "otherWorkloads",
  "assertions",
  "backtest",
];
const FEATURE_GATES = ["HPAConfigurableTolerance", "HPAScaleToZero", "PodLevelResources"] as const;
const SECONDS = { min: 0 };
const POSITIVE_SECONDS = { min: 1 };

/** True for a parsed document that is a Scenario (any apiVersion: a wrong one is reported by the reader). */
export function isScenarioDocument(doc: unknown): boolean {
  return isPlainObject(doc) && doc.kind === D.SCENARIO_KIND;
}

/**
 * Parses a Scenario file (YAML or JSON, one document).
 *
 * @param file the name to report in errors, as the user typed it
 * @throws InputError naming the file and every broken field, e.g.
 *   `scenario.yaml: spec.pods.startupSeconds: Invalid value: -5: must be greater than or equal to 0`
 */
export function parseScenario(text: string, file: string): ParsedScenario {
  const docs = parseManifestDocuments(text, file);
  if (docs.length !== 1) {
    throw new InputError({
      file,
      rule: "one Scenario",
      detail: `expected one Scenario document, found ${docs.length}${describeKinds(docs)}`,
    });
  }
  return readScenarioDocument(docs[0], file);
}

/** `: HorizontalPodAutoscaler, Deployment (manifests go with -f)` for documents none of which is a Scenario. */
function describeKinds(docs: readonly unknown[]): string {
  const kinds = docs.map((d) => (isPlainObject(d) && typeof d.kind === "string" ? d.kind : "?"));
  if (docs.length === 0 || kinds.includes("Scenario")) return "";
  return ` (${kinds.join(", ")}; manifests go with -f, a Scenario with --scenario)`;
}

/** Reads one parsed Scenario document (e.g. found among manifests). */
export function readScenarioDocument(doc: unknown, file: string): ParsedScenario {
  if (!isPlainObject(doc)) {
    throw new InputError({
      file,
      rule: "object expected",
      detail: `expected a Scenario, got ${describeJsonType(doc)}`,
    });
  }
  const problems: FieldViolation[] = [];
  const top = StrictObject.read(doc, "", ["apiVersion", "kind", "metadata", "spec"], problems);
  if (doc.kind !== D.SCENARIO_KIND) problems.push(notSupported("kind", doc.kind ?? "", [D.SCENARIO_KIND]));
  if (doc.apiVersion === undefined)
    problems.push(requiredValue("apiVersion", `must be "${D.SCENARIO_API_VERSION}"`));
  else if (doc.apiVersion !== D.SCENARIO_API_VERSION) {
    problems.push(notSupported("apiVersion", doc.apiVersion, [D.SCENARIO_API_VERSION]));
  }
  const metadata = top?.object("metadata", ["name", "labels", "annotations"]);
  metadata?.stringMap("labels");
  metadata?.stringMap("annotations");
  const spec = top?.object("spec", SPEC_FIELDS);
  const scenario = readSpec(spec, nonEmptyString(metadata, "name") ?? defaultName(file), file);
  throwIfAny(file, problems);
  return scenario;
}

/** The scenario with every default, for runs without a Scenario file. */
export function defaultScenario(): ParsedScenario {
  return readSpec(undefined, "default", "");
}

/** Re-exported from manifest-errors.ts, where it lives so that light readers can use it. */
export { throwIfAny };

function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? "";
  return base.replace(/\.(ya?ml|json)$/i, "") || "scenario";
}

function readSpec(spec: StrictObject | undefined, name: string, file: string): ParsedScenario {
  const strings = (key: string, what: string) =>
    spec?.list(key, (item, path) => {
      if (typeof item === "string" && item.trim() !== "") return item;
      spec.problems.push(wrongType(path, item, what));
      return undefined;
    }) ?? [];
  const manifests = strings("manifests", "a file path");
  const assertions = strings("assertions", "an assertion such as `peakReplicas <= 20`");
  const metrics = spec?.object("metrics", ["resolutionSeconds", "offsetSeconds", "adapter"]);
  const adapter = metrics?.object("adapter", ["intervalSeconds", "windowSeconds", "lagSeconds"]);
  const resolutionSeconds = integerField(
    metrics,
    "resolutionSeconds",
    POSITIVE_SECONDS,
    D.DEFAULT_METRIC_RESOLUTION_SECONDS,
  );
  const simulation = spec?.object("simulation", [
    "durationSeconds",
    "seed",
    "recordEverySeconds",
    "initialReplicas",
  ]);
  const cluster = readCluster(spec?.object("cluster", CLUSTER_FIELDS));
  const pods = readPods(spec?.object("pods", POD_FIELDS), DEFAULT_PODS);
  const others = spec?.list("otherWorkloads", (item, path) => {
    const o = StrictObject.read(item, path, ["hpa", "trace", "workload", "pods"], spec.problems);
    if (o === undefined) {
      // (an entry that is null or empty names no HPA: it is an error, not nothing)
      if (item === null || item === undefined)
        spec.problems.push(requiredValue(child(path, "hpa"), "name the HPA of this workload"));
      return undefined;
    }
    const hpa = nonEmptyString(o, "hpa");
    const podsOf = o.object("pods", POD_FIELDS);
    if (hpa === undefined)
      o.problems.push(requiredValue(child(path, "hpa"), "name the HPA of this workload"));
    return {
      hpa: hpa ?? "",
      trace: readTraceSpec(o.object("trace", TRACE_FIELDS)),
      workload: readWorkload(o.object("workload", WORKLOAD_FIELDS)),
      pods: readPods(podsOf, pods),
      podsGiven: POD_DELAYS.filter((k) => podsOf !== undefined && podsOf.fields[k] != null),
    };
  });
  return {
    file,
    name,
    manifests,
    hpa: nonEmptyString(spec, "hpa") ?? null,
    trace: readTraceSpec(spec?.object("trace", TRACE_FIELDS)),
    workload: readWorkload(spec?.object("workload", WORKLOAD_FIELDS)),
    pods,
    ...(others !== undefined ? { otherWorkloads: others } : {}),
    ...(assertions.length > 0 ? { assertions } : {}),
    metrics: {
      resolutionSeconds,
      offsetSeconds: integerField(
        metrics,
        "offsetSeconds",
        { min: 0, max: resolutionSeconds - 1 },
        D.DEFAULT_METRIC_OFFSET_SECONDS,
      ),
      adapter: {
        intervalSeconds: integerField(
          adapter,
          "intervalSeconds",
          POSITIVE_SECONDS,
          D.DEFAULT_ADAPTER_INTERVAL_SECONDS,
        ),
        windowSeconds: integerField(
          adapter,
          "windowSeconds",
          POSITIVE_SECONDS,
          D.DEFAULT_ADAPTER_WINDOW_SECONDS,
        ),
        lagSeconds: integerField(adapter, "lagSeconds", SECONDS, D.DEFAULT_ADAPTER_LAG_SECONDS),
      },
    },
    controller: readController(
      spec?.object("controller", [...Object.keys(D.DEFAULT_CONTROLLER), "firstSyncSeconds"]),
    ),
    simulation: {
      durationSeconds: integerField(simulation, "durationSeconds", D.REPLAY_DURATION_RANGE, null),
      seed: integerField(simulation, "seed", { min: 0, max: 4294967295 }, D.DEFAULT_SEED),
      recordEverySeconds: integerField(simulation, "recordEverySeconds", POSITIVE_SECONDS, null),
      initialReplicas: readInitialReplicas(simulation),
    },
    ...(cluster !== undefined ? { cluster } : {}),
    ...readBacktest(spec),
    notes: [],
  };
}

const POD_DELAYS = ["schedulingSeconds", "startupSeconds", "readinessSeconds"] as const;
const POD_FIELDS = [...POD_DELAYS, "startupCpuBurst"];
const DEFAULT_PODS: ScenarioPods = {
  schedulingSeconds: D.DEFAULT_SCHEDULING_SECONDS,
  startupSeconds: D.DEFAULT_STARTUP_SECONDS,
  readinessSeconds: D.DEFAULT_READINESS_SECONDS,
  startupCpuBurst: D.DEFAULT_STARTUP_CPU_BURST,
};

/** spec.pods (or an other workload's pods), each absent field taken from `base`. */
function readPods(pods: StrictObject | undefined, base: ScenarioPods): ScenarioPods {
  const burst = pods?.object("startupCpuBurst", ["cores", "seconds"]);
  return {
    schedulingSeconds: integerField(pods, "schedulingSeconds", SECONDS, base.schedulingSeconds),
    startupSeconds: integerField(pods, "startupSeconds", SECONDS, base.startupSeconds),
    readinessSeconds: integerField(pods, "readinessSeconds", SECONDS, base.readinessSeconds),
    startupCpuBurst: {
      cores: coresField(burst, "cores", base.startupCpuBurst.cores),
      seconds: integerField(burst, "seconds", SECONDS, base.startupCpuBurst.seconds),
    },
  };
}

function readController(controller: StrictObject | undefined): ScenarioController {
  const c = D.DEFAULT_CONTROLLER;
  const syncPeriodSeconds = integerField(
    controller,
    "syncPeriodSeconds",
    POSITIVE_SECONDS,
    c.syncPeriodSeconds,
  );
  const gates = controller?.object("featureGates", FEATURE_GATES);
  return {
    syncPeriodSeconds,
    firstSyncSeconds: integerField(controller, "firstSyncSeconds", SECONDS, syncPeriodSeconds),
    firstSyncGiven: controller?.fields.firstSyncSeconds != null,
    tolerance: numberField(controller, "tolerance", { min: 0 }, c.tolerance),
    cpuInitializationPeriodSeconds: integerField(
      controller,
      "cpuInitializationPeriodSeconds",
      SECONDS,
      c.cpuInitializationPeriodSeconds,
    ),
    initialReadinessDelaySeconds: integerField(
      controller,
      "initialReadinessDelaySeconds",
      SECONDS,
      c.initialReadinessDelaySeconds,
    ),
    downscaleStabilizationWindowSeconds: integerField(
      controller,
      "downscaleStabilizationWindowSeconds",
      SECONDS,
      c.downscaleStabilizationWindowSeconds,
    ),
    featureGates: {
      HPAConfigurableTolerance:
        gates?.boolean("HPAConfigurableTolerance") ?? c.featureGates.HPAConfigurableTolerance,
      HPAScaleToZero: gates?.boolean("HPAScaleToZero") ?? c.featureGates.HPAScaleToZero,
      PodLevelResources: gates?.boolean("PodLevelResources") ?? c.featureGates.PodLevelResources,
    },
  };
}

/** Cores as a quantity (`"500m"`) or a number (`0.5`), >= 0. */
function coresField(obj: StrictObject | undefined, key: string, fallback: number): number {
  const q = obj?.quantity(key);
  if (obj === undefined || q === undefined) return fallback;
  const cores = parseFloatQuantity(q);
  if (cores < 0) {
    obj.problems.push(invalidValue(child(obj.path, key), q, "must be greater than or equal to 0"));
    return fallback;
  }
  return cores;
}
