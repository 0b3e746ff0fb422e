/** spec.cluster of a Scenario: defaults, strict validation with field paths, decoding into RunInputs.cluster. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import { buildRunInputs } from "../../src/scenario/build-run-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import { loadScenarioTrace } from "../../src/scenario/scenario-trace.js";
import { deploymentYaml, hpaYaml, RPS_METRIC, readObjects, scenarioWith } from "./run-inputs-builders.js";

const GIB = 1024 ** 3;

function scenario(cluster: string): string {
  return `apiVersion: kube-whatif.dev/v1alpha1
kind: Scenario
spec:
${cluster}`;
}

function errorOf(text: string): InputError {
  try {
    parseScenario(text, "s.yaml");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("spec.cluster", () => {
  it("is absent by default: no node model", () => {
    expect(parseScenario(scenario("  simulation: {seed: 2}"), "s.yaml").cluster).toBeUndefined();
  });

  it("fills every default: allocatable = capacity, no overhead, upstream autoscaler flags", () => {
    const c = parseScenario(
      scenario(`  cluster:
    nodeGroups:
      - name: general
        machine: {cpu: "4", memory: 16Gi, pods: 110}
        maxSize: 20`),
      "s.yaml",
    ).cluster;
    expect(c?.scoring).toBe("LeastAllocated");
    expect(c?.autoscaler).toEqual(DEFAULT_CA_CONFIG);
    expect(c?.nodeGroups).toEqual([
      {
        name: "general",
        capacity: { cpuMilli: 4000, memBytes: 16 * GIB, pods: 110 },
        allocatable: { cpuMilli: 4000, memBytes: 16 * GIB, pods: 110 },
        labels: {},
        taints: [],
        pricePerHour: 0,
        minSize: 0,
        maxSize: 20,
        initialSize: 0,
        provisioningDelaySeconds: 60,
        startupToReadySeconds: 30,
        daemonSetOverhead: { cpuMilli: 0, memBytes: 0, pods: 0 },
      },
    ]);
  });

  it("decodes two groups, delays as distributions, taints, scoring and autoscaler flags", () => {
    const c = parseScenario(
      scenario(`  cluster:
    scoring: MostAllocated
    nodeGroups:
      - name: general
        machine: {cpu: "4", memory: 16Gi, pods: 110}
        allocatable: {cpu: 3920m, memory: 15Gi}
        daemonSetOverhead: {cpu: 200m, memory: 300Mi, pods: 3}
        pricePerHour: 0.19
        minSize: 1
        maxSize: 20
        initialSize: 2
        provisioningDelaySeconds: {distribution: uniform, min: 45, max: 90}
        startupToReadySeconds: {distribution: normal, mean: 20, stddev: 5, max: 60}
      - name: gpu
        machine: {cpu: "8", memory: 61Gi, pods: 58}
        labels: {accelerator: t4}
        taints: [{key: nvidia.com/gpu, value: "present", effect: NoSchedule}]
        pricePerHour: 0.75
        maxSize: 4
    autoscaler:
      scanIntervalSeconds: 20
      expander: price,least-waste
      scaleDownUtilizationThreshold: 0.6
      maxNodesTotal: 15
      balanceSimilarNodeGroups: true`),
      "s.yaml",
    ).cluster;
    expect(c?.scoring).toBe("MostAllocated");
    expect(c?.autoscaler).toEqual({
      ...DEFAULT_CA_CONFIG,
      scanIntervalSeconds: 20,
      expanders: ["price", "least-waste"],
      scaleDownUtilizationThreshold: 0.6,
      maxNodesTotal: 15,
      balanceSimilarNodeGroups: true,
    });
    const [general, gpu] = c?.nodeGroups ?? [];
    expect(general).toMatchObject({
      allocatable: { cpuMilli: 3920, memBytes: 15 * GIB, pods: 110 },
      daemonSetOverhead: { cpuMilli: 200, memBytes: 300 * 1024 ** 2, pods: 3 },
      initialSize: 2,
      provisioningDelaySeconds: { distribution: "uniform", min: 45, max: 90 },
      startupToReadySeconds: { distribution: "normal", mean: 20, stddev: 5, max: 60 },
    });
    expect(gpu).toMatchObject({
      labels: { accelerator: "t4" },
      taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
      pricePerHour: 0.75,
      minSize: 0,
      initialSize: 0,
    });
  });

  it("rejects bad fields with their paths", () => {
    const e = errorOf(
      scenario(`  cluster:
    scoring: Balanced
    nodeGroups:
      - name: general
        machine: {cpu: "4", memory: 16Gi}
        maxSize: 2
        initialSize: 3
        colour: blue
    autoscaler:
      expander: cheapest`),
    );
    const paths = e.violations?.map((v) => v.fieldPath);
    expect(paths).toEqual(
      expect.arrayContaining([
        "spec.cluster.scoring",
        "spec.cluster.nodeGroups[0].colour",
        "spec.cluster.nodeGroups[0].machine.pods",
        "spec.cluster.nodeGroups[0].initialSize",
        "spec.cluster.autoscaler.expander",
      ]),
    );
    expect(e.message).toContain('unknown field "spec.cluster.nodeGroups[0].colour"');
  });

  it("requires node groups, a maxSize and unique names", () => {
    expect(errorOf(scenario("  cluster: {scoring: LeastAllocated}")).message).toContain(
      "spec.cluster.nodeGroups: Required value",
    );
    const e = errorOf(
      scenario(`  cluster:
    nodeGroups:
      - {name: a, machine: {cpu: 1, memory: 1Gi, pods: 10}, maxSize: 1}
      - {name: a, machine: {cpu: 1, memory: 1Gi, pods: 10}, maxSize: 1}
      - {name: b, machine: {cpu: 1, memory: 1Gi, pods: 10}}`),
    );
    expect(e.violations?.map((v) => v.fieldPath)).toEqual([
      "spec.cluster.nodeGroups[1].name",
      "spec.cluster.nodeGroups[2].maxSize",
    ]);
  });

  it("decodes into RunInputs.cluster and the effective config; absent = no cluster", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml({ metrics: RPS_METRIC }));
    const noFiles = (path: string): string => {
      throw new Error(`unexpected read of ${path}`);
    };
    const build = (...lines: string[]) => {
      const scenario = scenarioWith("  trace: {expression: '200', duration: 600}", ...lines);
      return buildRunInputs({ ...objects, scenario, trace: loadScenarioTrace(scenario, noFiles) });
    };
    const without = build();
    expect(without.cluster).toBeUndefined();
    expect(without.effectiveConfig).not.toHaveProperty("cluster");
    const inputs = build(
      "  cluster:",
      "    nodeGroups:",
      "      - {name: small, machine: {cpu: 2, memory: 8Gi, pods: 30}, pricePerHour: 0.1, minSize: 1, maxSize: 5}",
      "      - {name: large, machine: {cpu: 16, memory: 64Gi, pods: 110}, pricePerHour: 0.8, maxSize: 2}",
      "    autoscaler: {scanIntervalSeconds: 30, expander: least-nodes}",
    );
    expect(inputs.cluster?.nodeGroups.map((g) => [g.name, g.capacity.cpuMilli, g.initialSize])).toEqual([
      ["small", 2000, 1],
      ["large", 16000, 0],
    ]);
    expect(inputs.cluster?.scoring).toBe("LeastAllocated");
    expect(inputs.cluster?.caScanIntervalSeconds).toBe(30);
    expect(inputs.cluster?.ca.expanders).toEqual(["least-nodes"]);
    const config = inputs.effectiveConfig as {
      cluster: { nodeGroups: { name: string }[]; autoscaler: object };
    };
    expect(config.cluster.nodeGroups.map((g) => g.name)).toEqual(["small", "large"]);
    expect(config.cluster.autoscaler).toMatchObject({ scanIntervalSeconds: 30, expanders: ["least-nodes"] });
  });
});
