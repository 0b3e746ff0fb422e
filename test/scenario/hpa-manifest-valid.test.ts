import { describe, expect, it } from "vitest";
import type { HorizontalPodAutoscaler } from "../../src/hpa/api-types.js";
import { readHorizontalPodAutoscalers } from "../../src/scenario/hpa-manifest.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readJsonFixture, readManifestFixture } from "./fixtures.js";

interface ValidCase {
  readonly name: string;
  readonly file: string;
  readonly expected: HorizontalPodAutoscaler[];
}

function load(file: string, options?: Parameters<typeof readHorizontalPodAutoscalers>[2]) {
  return readHorizontalPodAutoscalers(parseManifestDocuments(readManifestFixture(file), file), file, options);
}

describe("readHorizontalPodAutoscalers: valid manifests", () => {
  for (const c of readJsonFixture<ValidCase[]>("valid-cases.json")) {
    it(c.name, () => {
      // toStrictEqual: no stray `behavior: undefined` or `status` keys either.
      expect(load(c.file)).toStrictEqual(c.expected);
    });
  }

  it("leaves an HPA without behavior without behavior (the decision core defaults it)", () => {
    const [hpa] = load("v1-cpu.yaml");
    expect(hpa).toBeDefined();
    expect(Object.hasOwn(hpa?.spec ?? {}, "behavior")).toBe(false);
  });

  it("drops tolerance when HPAConfigurableTolerance is off, as the API server does on create", () => {
    const [on] = load("v2-web.yaml");
    const [off] = load("v2-web.yaml", { featureGates: { HPAConfigurableTolerance: false } });
    expect(on?.spec.behavior?.scaleDown?.tolerance).toBe("0.05");
    expect(off?.spec.behavior?.scaleDown).toStrictEqual({
      stabilizationWindowSeconds: 300,
      selectPolicy: "Min",
      policies: [
        { type: "Pods", value: 2, periodSeconds: 60 },
        { type: "Percent", value: 10, periodSeconds: 60 },
      ],
    });
  });

  it("accepts minReplicas 0 with an External metric when HPAScaleToZero is on", () => {
    const text = [
      "apiVersion: autoscaling/v2",
      "kind: HorizontalPodAutoscaler",
      "metadata: {name: idle}",
      "spec:",
      "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: idle}",
      "  minReplicas: 0",
      "  maxReplicas: 3",
      "  metrics:",
      "  - type: External",
      "    external: {metric: {name: queue_depth}, target: {type: AverageValue, averageValue: '10'}}",
    ].join("\n");
    const docs = parseManifestDocuments(text, "idle.yaml");
    const [hpa] = readHorizontalPodAutoscalers(docs, "idle.yaml", { featureGates: { HPAScaleToZero: true } });
    expect(hpa?.spec.minReplicas).toBe(0);
    expect(() => readHorizontalPodAutoscalers(docs, "idle.yaml")).toThrow(
      "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
    );
  });

  it("ignores a malformed v1 metrics annotation, as the conversion does", () => {
    const text = [
      "apiVersion: autoscaling/v1",
      "kind: HorizontalPodAutoscaler",
      "metadata:",
      "  name: web",
      "  annotations:",
      '    autoscaling.alpha.kubernetes.io/metrics: \'[{"type": "Pods", "pods": {"metricName": 7}}]\'',
      "spec:",
      "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}",
      "  maxReplicas: 3",
      "  targetCPUUtilizationPercentage: 65",
    ].join("\n");
    const [hpa] = readHorizontalPodAutoscalers(parseManifestDocuments(text, "v1.yaml"), "v1.yaml");
    expect(hpa?.spec.metrics).toStrictEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 65 } },
      },
    ]);
  });

  it("skips other kinds but rejects an object without kind", () => {
    expect(readHorizontalPodAutoscalers([{ apiVersion: "v1", kind: "Service" }], "x.yaml")).toStrictEqual([]);
    expect(() => readHorizontalPodAutoscalers([{ apiVersion: "v1" }], "x.yaml")).toThrow(
      "x.yaml: object 1: Object 'Kind' is missing",
    );
  });
});
