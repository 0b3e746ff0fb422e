import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import { buildRunInputs } from "../../src/scenario/build-run-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { loadScenarioTrace } from "../../src/scenario/scenario-trace.js";
import {
  deploymentYaml,
  hpaYaml,
  RPS_METRIC,
  readObjects,
  scenarioWith,
  traceOf,
} from "./run-inputs-builders.js";

const noFiles = (path: string): string => {
  throw new Error(`unexpected read of ${path}`);
};

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("buildRunInputs: defaults", () => {
  // An HPA on a Pods metric needs no usage expression: the metric defaults to `load`.
  const objects = readObjects(deploymentYaml(), hpaYaml({ metrics: RPS_METRIC }));
  const scenario = scenarioWith("  trace: {expression: '200'}");
  const inputs = buildRunInputs({ ...objects, scenario, trace: loadScenarioTrace(scenario, noFiles) });
  const config = inputs.effectiveConfig as Record<string, Record<string, unknown>>;

  it("an expression trace without a duration lasts one day, sampled every second", () => {
    expect(inputs.demand.t.length).toBe(86_400);
    expect(inputs.durationSeconds).toBe(86_400); // last sample 86399 + step 1
    expect(inputs.recordEverySeconds).toBe(30); // 86400 / 5000 = 17.3 -> 30
    expect(inputs.seed).toBe(1);
    expect(config.simulation).toStrictEqual({
      durationSeconds: 86_400,
      recordEverySeconds: 30,
      seed: 1,
      initialReplicas: 2,
    });
  });

  it("echoes every documented default in effectiveConfig", () => {
    expect(config.pods).toStrictEqual({
      readinessSeconds: 10,
      schedulingSeconds: 0,
      startupCpuBurst: { cores: 0, seconds: 0 },
      startupSeconds: 5,
    });
    expect(config.metrics).toStrictEqual({
      adapter: { intervalSeconds: 30, lagSeconds: 0, windowSeconds: 60 },
      offsetSeconds: 0,
      resolutionSeconds: 15,
    });
    expect(config.controller).toStrictEqual({
      cpuInitializationPeriodSeconds: 300,
      downscaleStabilizationWindowSeconds: 300,
      featureGates: { HPAConfigurableTolerance: true, HPAScaleToZero: false, PodLevelResources: true },
      firstSyncSeconds: 15,
      initialReadinessDelaySeconds: 30,
      scaleUpLimitFactor: 2,
      scaleUpLimitMinimum: 4,
      syncPeriodSeconds: 15,
      tolerance: 0.1,
    });
    expect(config.usage).toStrictEqual({
      clusterMetrics: {},
      cpu: null,
      maxLoadPerPod: null,
      maxLoadPerPodRule: "unlimited: no CPU usage model",
      memory: null,
      podMetrics: { http_requests_per_second: "load" },
      stickyMemory: false,
    });
    expect(config.trace).toMatchObject({
      demandUnit: "requests/s",
      expression: "200",
      format: "expression",
      measures: "requests/s",
      scale: 1,
      source: "expression: 200",
    });
    expect(config.hpa).toMatchObject({
      name: "web",
      namespace: "default",
      spec: { minReplicas: 1, behavior: null },
    });
    expect(config.workload).toMatchObject({ kind: "Deployment", replicas: 2, selector: "app=web" });
    expect(config.rules).toContain(
      "usage.podMetrics.http_requests_per_second defaults to `load` (the HPA's Pods metric)",
    );
    expect(inputs.warnings).toStrictEqual([]);
  });

  it("maps the scenario onto the engine's inputs", () => {
    expect(inputs.lifecycle).toStrictEqual({
      schedulingSeconds: 0,
      startupSeconds: 5,
      readinessSeconds: 10,
      startupCpuBurstCores: 0,
      startupCpuBurstSeconds: 0,
    });
    expect(inputs.metricsPipeline).toStrictEqual({
      resourceResolutionSeconds: 15,
      resourceOffsetSeconds: 0,
      adapterIntervalSeconds: 30,
      adapterWindowSeconds: 60,
      adapterLagSeconds: 0,
    });
    expect(inputs.hpaTimings).toStrictEqual({ syncPeriodSeconds: 15, firstSyncSeconds: 15 });
    expect(inputs.usage.podMetrics.http_requests_per_second?.(42)).toBe(42);
  });

  it("prints the same bytes every time, keys sorted", () => {
    const again = buildRunInputs({ ...objects, scenario, trace: loadScenarioTrace(scenario, noFiles) });
    expect(JSON.stringify(again.effectiveConfig)).toBe(JSON.stringify(inputs.effectiveConfig));
    expect(Object.keys(inputs.effectiveConfig)).toStrictEqual(
      [...Object.keys(inputs.effectiveConfig)].sort(),
    );
  });
});

describe("buildRunInputs: usage and capacity", () => {
  const objects = readObjects(deploymentYaml(), hpaYaml());

  it("derives maxLoadPerPod from the CPU limit: 10m * load reaches limit 1 at 100", () => {
    const scenario = scenarioWith("  workload: {usage: {cpu: 10m * load}}");
    const inputs = buildRunInputs({ ...objects, scenario, trace: traceOf([100, 200]) });
    expect(inputs.usage.maxLoadPerPod).toBe(100);
    expect(inputs.usage.cpu?.(50)).toBe(0.5);
  });

  it("an explicit maxLoadPerPod wins; `unlimited` turns the derivation off", () => {
    const set = scenarioWith("  workload: {usage: {cpu: 10m * load}, maxLoadPerPod: 70}");
    expect(buildRunInputs({ ...objects, scenario: set, trace: traceOf([1, 1]) }).usage.maxLoadPerPod).toBe(
      70,
    );
    const off = scenarioWith("  workload: {usage: {cpu: 10m * load}, maxLoadPerPod: unlimited}");
    expect(
      buildRunInputs({ ...objects, scenario: off, trace: traceOf([1, 1]) }).usage.maxLoadPerPod,
    ).toBeNull();
  });

  it("a cores trace defaults usage.cpu to `load`, so the capacity is the limit", () => {
    const scenario = scenarioWith("  trace: {file: cpu.csv, measures: cores}");
    const inputs = buildRunInputs({ ...objects, scenario, trace: traceOf([2.5, 3]) });
    expect(inputs.usage.cpu?.(0.75)).toBe(0.75);
    expect(inputs.usage.maxLoadPerPod).toBe(1);
    expect(inputs.demand.unit).toBe("cores");
    expect((inputs.effectiveConfig.usage as Record<string, unknown>).cpu).toBe("load");
  });

  it("a utilization trace becomes cores: 0.5 x 4 observed replicas x 500m = 1 core", () => {
    const scenario = scenarioWith("  trace: {file: u.csv, measures: utilization, observedReplicas: 4}");
    const inputs = buildRunInputs({ ...objects, scenario, trace: traceOf([0.5, 0.25]) });
    expect([...inputs.demand.v]).toStrictEqual([1, 0.5]);
  });

  it("a utilization trace needs a CPU request", () => {
    const noRequest = readObjects(deploymentYaml({ resources: "{}" }), hpaYaml({ metrics: RPS_METRIC }));
    const scenario = scenarioWith("  trace: {file: u.csv, measures: utilization, observedReplicas: 4}");
    const err = errorOf(() => buildRunInputs({ ...noRequest, scenario, trace: traceOf([0.5, 0.5]) }));
    expect(err.fieldPath).toBe("spec.trace.measures");
    expect(err.message).toContain("the pod template requests no CPU");
  });

  it("an HPA on cpu without usage.cpu says how to fix it", () => {
    const err = errorOf(() =>
      buildRunInputs({ ...objects, scenario: scenarioWith(), trace: traceOf([1, 1]) }),
    );
    expect(err.message).toBe(
      'scenario.yaml: spec.workload.usage.cpu: Required value: HorizontalPodAutoscaler "web" scales on cpu, so the replay needs each pod\'s CPU use at its share of the load: set spec.workload.usage.cpu (or --cpu), e.g. "50m + 2m * load" (cores per pod when it serves `load` requests/s), or use a trace that measures cores',
    );
  });

  it("an HPA on memory without usage.memory says how to fix it", () => {
    const memory = readObjects(
      deploymentYaml(),
      hpaYaml({
        metrics:
          "[{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}}]",
      }),
    );
    const err = errorOf(() =>
      buildRunInputs({ ...memory, scenario: scenarioWith(), trace: traceOf([1, 1]) }),
    );
    expect(err.fieldPath).toBe("spec.workload.usage.memory");
    expect(err.message).toContain('e.g. "200Mi + 1Mi * load"');
  });

  it("names the scenario file and field of a bad expression", () => {
    const cpu = scenarioWith("  workload: {usage: {cpu: 10m * lod}}");
    expect(errorOf(() => buildRunInputs({ ...objects, scenario: cpu, trace: traceOf([1, 1]) })).message).toBe(
      'scenario.yaml: spec.workload.usage.cpu: unknown symbol "lod" in "10m * lod" (the only variable is "load")',
    );
    const rps = readObjects(deploymentYaml(), hpaYaml({ metrics: RPS_METRIC }));
    const pods = scenarioWith("  workload: {usage: {podMetrics: {http_requests_per_second: 'load +'}}}");
    const err = errorOf(() => buildRunInputs({ ...rps, scenario: pods, trace: traceOf([1, 1]) }));
    expect(err.fieldPath).toBe("spec.workload.usage.podMetrics.http_requests_per_second");
    expect(err.message).toMatch(
      /^scenario\.yaml: spec\.workload\.usage\.podMetrics\.http_requests_per_second: cannot parse "load \+"/,
    );
  });

  it("defaults Object/External metrics to the total demand and warns about unused expressions", () => {
    const ext = readObjects(
      deploymentYaml(),
      hpaYaml({
        metrics:
          "[{type: External, external: {metric: {name: queue_depth}, target: {type: Value, value: '30'}}}]",
      }),
    );
    const scenario = scenarioWith("  workload: {usage: {podMetrics: {rps: load}}}");
    const inputs = buildRunInputs({ ...ext, scenario, trace: traceOf([1, 1]) });
    expect(Object.keys(inputs.usage.clusterMetrics)).toStrictEqual(["queue_depth"]);
    expect(inputs.usage.podMetrics).toStrictEqual({});
    expect(inputs.warnings).toStrictEqual([
      'spec.workload.usage.podMetrics.rps: the HPA has no Pods metric "rps"; ignored',
    ]);
  });
});

describe("buildRunInputs: which HPA, which target", () => {
  const scenario = scenarioWith("  workload: {usage: {cpu: 10m * load}}");

  it("reports a scale target the manifests do not hold, listing what they hold", () => {
    const objects = readObjects(deploymentYaml({ name: "api" }), hpaYaml({ target: "web" }));
    expect(errorOf(() => buildRunInputs({ ...objects, scenario, trace: traceOf([1, 1]) })).message).toBe(
      'scenario.yaml: HorizontalPodAutoscaler "web": spec.scaleTargetRef: targets Deployment "web" in namespace "default", which the manifests do not hold; they hold Deployment default/api',
    );
  });

  it("reports a scale target of a kind the replay does not model", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml({ kind: "ReplicaSet" }));
    expect(errorOf(() => buildRunInputs({ ...objects, scenario, trace: traceOf([1, 1]) })).message).toContain(
      "the replay models Deployments and StatefulSets only",
    );
  });

  it("asks to choose when there are two HPAs, listing them", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml({ name: "web" }), hpaYaml({ name: "web-rps" }));
    const err = errorOf(() => buildRunInputs({ ...objects, scenario, trace: traceOf([1, 1]) }));
    expect(err.message).toBe(
      "scenario.yaml: spec.hpa: Required value: 2 HorizontalPodAutoscalers found (default/web, default/web-rps): choose one with spec.hpa in the scenario or on the command line",
    );
    const chosen = buildRunInputs({
      ...objects,
      scenario,
      trace: traceOf([1, 1]),
      flags: { hpa: "web-rps" },
    });
    expect(chosen.hpa.metadata.name).toBe("web-rps");
  });

  it("reports an spec.hpa that names no HPA", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml());
    const named = scenarioWith("  hpa: api", "  workload: {usage: {cpu: 10m * load}}");
    expect(
      errorOf(() => buildRunInputs({ ...objects, scenario: named, trace: traceOf([1, 1]) })).message,
    ).toBe(
      'scenario.yaml: spec.hpa: Not found: "api": the manifests hold HorizontalPodAutoscaler default/web',
    );
  });

  it("reports no HPA at all", () => {
    const objects = readObjects(deploymentYaml());
    expect(errorOf(() => buildRunInputs({ ...objects, scenario, trace: traceOf([1, 1]) })).message).toContain(
      "no HorizontalPodAutoscaler in the manifests",
    );
  });
});

describe("buildRunInputs: the longest replay", () => {
  const objects = readObjects(deploymentYaml(), hpaYaml());
  const scenario = scenarioWith("  workload: {usage: {cpu: 10m * load}}");

  it("a duration defaulted to a trace's span past 10 years is an error naming the trace", () => {
    // the trace spans exactly 10 years (its own bound); its last step doubles the replay's default duration
    const err = errorOf(() => buildRunInputs({ ...objects, scenario, trace: traceOf([1, 2], 315_360_000) }));
    expect(err.message).toBe(
      "trace.csv: the replay would default to the trace's span, 630720000 s (20 years: its last sample at 315360000 s plus one step of 315360000 s); a replay spans at most 10 years (315360000 s): set spec.simulation.durationSeconds (--duration), or replay a slice (--from/--to, spec.trace.from/to)",
    );
    expect(err.fieldPath).toBe("spec.simulation.durationSeconds");
  });

  it("an explicit duration of 10 years is taken", () => {
    const tenYears = scenarioWith(
      "  workload: {usage: {cpu: 10m * load}}",
      "  simulation: {durationSeconds: 315360000}",
    );
    const inputs = buildRunInputs({ ...objects, scenario: tenYears, trace: traceOf([1, 2], 315_360_000) });
    expect(inputs.durationSeconds).toBe(315_360_000);
  });
});

describe("buildRunInputs -> simulate", () => {
  it("the inputs replay: a load step scales the Deployment up", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml());
    const scenario = scenarioWith(
      "  workload: {usage: {cpu: 10m * load}}",
      "  simulation: {durationSeconds: 900}",
    );
    // 2 pods x 500m at 50% target: 200 req/s -> 100 per pod -> 1 core = 200% -> scale up
    const inputs = buildRunInputs({ ...objects, scenario, trace: traceOf([20, 200], 60) });
    const result = simulate(inputs);
    expect(result.summary.peakReplicas).toBeGreaterThan(2);
  });
});
