/**
 * The per-pod usage model from the scenario's expressions and the HPA's metrics: defaults for what the HPA
 * needs and the scenario leaves out, clear errors for what cannot be defaulted, compiled expressions, and the
 * pod's capacity (maxLoadPerPod) derived from its CPU limit when the scenario gives none.
 */
import type { LoadFunction, UsageModel } from "../engine/run-inputs.js";
import type { HorizontalPodAutoscaler } from "../hpa/api-types.js";
import { compileLoadExpression, ExpressionError, isResourceUsageField } from "../metrics/usage-expression.js";
import { resolveContainerUsage } from "./container-usage.js";
import { requiredValue } from "./field-violations.js";
import { FLAGS_FILE, flagLabel } from "./flag-names.js";
import { InputError } from "./manifest-errors.js";
import { solveLoadAtLimit } from "./max-load.js";
import type { ParsedScenario, ScenarioContainerUsage } from "./scenario-types.js";
import type { WorkloadManifest } from "./workload-manifest.js";

/** The usage model and the expression texts it was compiled from (for effectiveConfig). */
export interface ResolvedUsage {
  readonly usage: UsageModel;
  readonly texts: {
    readonly cpu: string | null;
    readonly memory: string | null;
    readonly podMetrics: Readonly<Record<string, string>>;
    readonly clusterMetrics: Readonly<Record<string, string>>;
    readonly containers?: Readonly<Record<string, ScenarioContainerUsage>>;
  };
  /** How maxLoadPerPod was decided. */
  readonly capacityRule: string;
  readonly rules: readonly string[];
  readonly warnings: readonly string[];
}

/** What the usage model is built from. */
export interface UsageInputs {
  readonly scenario: ParsedScenario;
  readonly hpa: HorizontalPodAutoscaler;
  readonly target: WorkloadManifest;
  /** `load` is CPU cores (the trace measures cores or utilization). */
  readonly loadIsCores: boolean;
  /** What `load` counts per second, e.g. `requests/s`, for messages. */
  readonly demandUnit: string;
}

/** The name errors about the scenario are reported under. */
export function scenarioLabel(scenario: ParsedScenario): string {
  return scenario.file !== "" ? scenario.file : "(no scenario file)";
}

/** Builds the usage model; throws InputError naming the scenario field for a missing or bad expression. */
export function resolveUsage(inputs: UsageInputs): ResolvedUsage {
  const { scenario, hpa } = inputs;
  const file = scenarioLabel(scenario);
  const given = scenario.workload.usage;
  const rules: string[] = [];
  const warnings: string[] = [];
  const metrics = hpa.spec.metrics ?? [];
  const resourceNames = new Set(metrics.map((m) => m.resource?.name ?? m.containerResource?.name));
  const podNames = metrics.flatMap((m) => (m.type === "Pods" && m.pods ? [m.pods.metric.name] : []));
  const clusterNames = metrics.flatMap((m) =>
    m.type === "Object" && m.object
      ? [m.object.metric.name]
      : m.type === "External" && m.external
        ? [m.external.metric.name]
        : [],
  );
  const hpaRef = `HorizontalPodAutoscaler "${hpa.metadata.name}"`;

  const containerCpu = Object.values(given.containers).some((c) => c.cpu !== null);
  const containerMemory = Object.values(given.containers).some((c) => c.memory !== null);
  let cpuText = given.cpu;
  if (cpuText === null && inputs.loadIsCores && !containerCpu) {
    cpuText = "load";
    rules.push("usage.cpu defaults to `load`: the trace measures CPU cores, so a pod uses its share of them");
  }
  if (cpuText === null && !containerCpu && resourceNames.has("cpu")) {
    throw missing(
      file,
      "cpu",
      `${hpaRef} scales on cpu, so the replay needs each pod's CPU use at its share of the load: set spec.workload.usage.cpu (or --cpu), e.g. "50m + 2m * load" (cores per pod when it serves \`load\` ${inputs.demandUnit}), or use a trace that measures cores`,
    );
  }
  if (given.memory === null && !containerMemory && resourceNames.has("memory")) {
    throw missing(
      file,
      "memory",
      `${hpaRef} scales on memory, so the replay needs each pod's memory at its share of the load: set spec.workload.usage.memory (or --memory), e.g. "200Mi + 1Mi * load" (bytes per pod when it serves \`load\` ${inputs.demandUnit})`,
    );
  }
  for (const name of resourceNames) {
    if (name !== undefined && name !== "cpu" && name !== "memory") {
      warnings.push(
        `${hpaRef} scales on resource ${name}, which the replay does not model: its usage reads 0`,
      );
    }
  }
  const podMetrics = defaultedMap(given.podMetrics, podNames, "podMetrics", "Pods", rules, warnings);
  const clusterMetrics = defaultedMap(
    given.clusterMetrics,
    clusterNames,
    "clusterMetrics",
    "Object/External",
    rules,
    warnings,
  );

  const compile = (text: string, field: string): LoadFunction => {
    const path = `spec.workload.usage.${field}`;
    try {
      // a value refused later, at a load the replay reaches, names the file too
      return compileLoadExpression(text, path, {
        nonNegative: isResourceUsageField(field),
        label:
          scenario.workload.fromFlags?.includes(field) === true
            ? `${FLAGS_FILE}: ${flagLabel(field)}`
            : `${file}: ${path}`,
      });
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      throw new InputError({ file, fieldPath: path, rule: "expression", detail: e.message });
    }
  };
  const perContainer = resolveContainerUsage(
    given,
    inputs.target,
    cpuText === null ? null : compile(cpuText, "cpu"),
    given.memory === null ? null : compile(given.memory, "memory"),
    compile,
    file,
  );
  const { cpu, memory } = perContainer;
  const compileAll = (texts: Readonly<Record<string, string>>, field: string) =>
    Object.fromEntries(
      Object.keys(texts)
        .sort()
        .map((k) => [k, compile(texts[k] ?? "load", `${field}.${k}`)]),
    );
  const { maxLoadPerPod, capacityRule } = resolveCapacity(inputs, perContainer.firstCpu, file);
  return {
    usage: {
      cpu,
      memory,
      podMetrics: compileAll(podMetrics, "podMetrics"),
      clusterMetrics: compileAll(clusterMetrics, "clusterMetrics"),
      maxLoadPerPod,
      stickyMemory: given.stickyMemory,
      containers: perContainer.containers,
    },
    texts: {
      cpu: cpuText,
      memory: given.memory,
      podMetrics,
      clusterMetrics,
      ...(perContainer.texts !== undefined ? { containers: perContainer.texts } : {}),
    },
    capacityRule,
    rules,
    warnings,
  };
}

function missing(file: string, field: string, detail: string): InputError {
  const v = requiredValue(`spec.workload.usage.${field}`, detail);
  return new InputError({
    file,
    fieldPath: v.fieldPath,
    rule: "required",
    detail: v.message,
    violations: [v],
  });
}

/** The HPA's metric names with the scenario's expression or `load`; scenario entries the HPA does not use are dropped. */
function defaultedMap(
  given: Readonly<Record<string, string>>,
  names: readonly string[],
  field: string,
  kind: string,
  rules: string[],
  warnings: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const text = given[name];
    if (text === undefined)
      rules.push(`usage.${field}.${name} defaults to \`load\` (the HPA's ${kind} metric)`);
    out[name] = text ?? "load";
  }
  for (const name of Object.keys(given)) {
    if (!names.includes(name))
      warnings.push(`spec.workload.usage.${field}.${name}: the HPA has no ${kind} metric "${name}"; ignored`);
  }
  return out;
}

/** The pod's CPU limit in cores: pod-level limits.cpu (gate on), else the first regular container's limit. */
export function cpuLimitCores(
  target: WorkloadManifest,
  podLevelResources: boolean,
): { cores: number; from: string } | null {
  const podLimit = podLevelResources ? target.podLimits?.cpu : undefined;
  if (podLimit !== undefined) return { cores: Number(podLimit) / 1000, from: "the pod-level CPU limit" };
  const main = target.containers.find((c) => c.init !== true);
  const limit = main?.limits.cpu;
  if (main === undefined || limit === undefined) return null;
  return { cores: Number(limit) / 1000, from: `container "${main.name}"'s CPU limit` };
}

function resolveCapacity(
  inputs: UsageInputs,
  cpu: LoadFunction | null,
  file: string,
): { maxLoadPerPod: number | null; capacityRule: string } {
  const set = inputs.scenario.workload.maxLoadPerPod;
  if (set === "unlimited")
    return { maxLoadPerPod: null, capacityRule: "unlimited (spec.workload.maxLoadPerPod)" };
  if (set !== null) return { maxLoadPerPod: set, capacityRule: `${set} (spec.workload.maxLoadPerPod)` };
  const limit = cpuLimitCores(inputs.target, inputs.scenario.controller.featureGates.PodLevelResources);
  if (cpu === null || limit === null) {
    return {
      maxLoadPerPod: null,
      capacityRule: `unlimited: ${cpu === null ? "no CPU usage model" : "no CPU limit"}`,
    };
  }
  const solution = solveLoadAtLimit(cpu, limit.cores);
  if (solution.load === 0) {
    throw new InputError({
      file,
      fieldPath: "spec.workload.usage.cpu",
      rule: "below the CPU limit at load 0",
      detail: `spec.workload.usage.cpu: at load 0 a pod already uses ${cpu(0)} cores, ${limit.from} is ${limit.cores}: lower the idle usage, or set spec.workload.maxLoadPerPod`,
    });
  }
  if (solution.load === null) {
    return {
      maxLoadPerPod: null,
      capacityRule: `unlimited: ${solution.how} (${limit.from} is ${limit.cores} CPU)`,
    };
  }
  return {
    maxLoadPerPod: solution.load,
    capacityRule: `${solution.load}: at this load usage.cpu reaches ${limit.from} of ${limit.cores} CPU (${solution.how})`,
  };
}
