/** The HPA x VPA fight warning: said only when a VPA that changes running pods controls a resource the HPA scales on by utilization. */
import { describe, expect, it } from "vitest";
import type { WorkloadTarget } from "../../src/engine/run-inputs.js";
import type { HorizontalPodAutoscaler, MetricSpec } from "../../src/hpa/api-types.js";
import { hpaVpaConflicts } from "../../src/scenario/hpa-vpa-conflict.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readVerticalPodAutoscalers } from "../../src/scenario/vpa-manifest.js";

const target: WorkloadTarget = {
  kind: "Deployment",
  name: "web",
  namespace: "default",
  replicas: 2,
  podLabels: { app: "web" },
  selector: "app=web",
  containers: [{ name: "app", requests: { cpu: 500n }, limits: {} }],
  terminationGracePeriodSeconds: 30,
};

function hpa(metric: MetricSpec): HorizontalPodAutoscaler {
  return {
    metadata: { name: "web", namespace: "default" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 5,
      metrics: [metric],
    },
  };
}

function vpa(updatePolicy: string, resourcePolicy = "", name = "web") {
  const text = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: v}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  updatePolicy: {updateMode: ${updatePolicy}}
${resourcePolicy}`;
  return readVerticalPodAutoscalers(parseManifestDocuments(text, "vpa.yaml"), "vpa.yaml");
}

const cpuUtil = hpa({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } },
});
const cpuValue = hpa({
  type: "Resource",
  resource: { name: "cpu", target: { type: "AverageValue", averageValue: "300m" } },
});

describe("hpaVpaConflicts", () => {
  const cases: [string, HorizontalPodAutoscaler, ReturnType<typeof vpa>, number][] = [
    ["Auto VPA on cpu vs cpu utilization: fight", cpuUtil, vpa("Auto"), 1],
    ["Recreate VPA: fight", cpuUtil, vpa("Recreate"), 1],
    ["Initial VPA leaves running pods alone", cpuUtil, vpa("Initial"), 0],
    ["Off VPA only recommends", cpuUtil, vpa("Off"), 0],
    ["HPA on cpu AverageValue does not divide by the request", cpuValue, vpa("Auto"), 0],
    [
      "VPA controlling memory only",
      cpuUtil,
      vpa(
        "Auto",
        "  resourcePolicy: {containerPolicies: [{containerName: '*', controlledResources: [memory]}]}",
      ),
      0,
    ],
    [
      "container policy mode Off",
      cpuUtil,
      vpa("Auto", "  resourcePolicy: {containerPolicies: [{containerName: app, mode: 'Off'}]}"),
      0,
    ],
    ["VPA on another Deployment", cpuUtil, vpa("Auto", "", "api"), 0],
  ];
  for (const [name, h, v, n] of cases) {
    it(name, () => {
      const w = hpaVpaConflicts(h, target, v);
      expect(w).toHaveLength(n);
      if (n > 0)
        expect(w[0]).toMatch(
          /^VerticalPodAutoscaler default\/v \(updateMode \w+\) controls the cpu requests of Deployment\/web/,
        );
    });
  }
});
