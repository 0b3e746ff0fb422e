import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readVerticalPodAutoscalers, type VpaFeatureGates } from "../../src/scenario/vpa-manifest.js";

const DIR = fileURLToPath(new URL("../fixtures/vpa/", import.meta.url));
const fixture = (name: string) => readFileSync(`${DIR}${name}`, "utf8");

function read(text: string, gates?: VpaFeatureGates) {
  return readVerticalPodAutoscalers(parseManifestDocuments(text, "vpa.yaml"), "vpa.yaml", {
    featureGates: gates,
  });
}

function readError(text: string, gates?: VpaFeatureGates): InputError {
  try {
    read(text, gates);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

const BASE = `apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
`;

describe("readVerticalPodAutoscalers: valid objects", () => {
  it("reads every field, in millicores and bytes, and skips other kinds", () => {
    const [vpa, ...rest] = read(fixture("full.yaml"));
    expect(rest).toEqual([]);
    expect(vpa).toEqual({
      name: "web",
      namespace: "shop",
      targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      updateMode: "InPlaceOrRecreate",
      effectiveUpdateMode: "InPlaceOrRecreate",
      minReplicas: 1,
      evictionRequirements: [{ resources: ["cpu", "memory"], changeRequirement: "TargetHigherThanRequests" }],
      resourcePolicy: {
        containerPolicies: [
          {
            containerName: "*",
            // 64Mi = 67108864 bytes; 2Gi = 2147483648 bytes; "2" = 2000 millicores
            minAllowed: { cpu: 50, memory: 67108864 },
            maxAllowed: { cpu: 2000, memory: 2147483648 },
            controlledResources: ["cpu", "memory"],
            controlledValues: "RequestsAndLimits",
          },
          { containerName: "istio-proxy", mode: "Off" },
          {
            containerName: "app",
            mode: "Auto",
            maxAllowed: { cpu: 1500 },
            controlledResources: ["cpu"],
            controlledValues: "RequestsOnly",
          },
        ],
      },
      allowedQuantities: [
        {
          containerName: "*",
          minAllowed: { cpu: "50m", memory: "64Mi" },
          maxAllowed: { cpu: "2", memory: "2Gi" },
        },
        { containerName: "istio-proxy", minAllowed: {}, maxAllowed: {} },
        { containerName: "app", minAllowed: {}, maxAllowed: { cpu: "1500m" } },
      ],
      recommenders: ["default"],
      file: "vpa.yaml",
      warnings: [],
    });
  });

  it("defaults: namespace default, update mode Recreate when there is no updatePolicy", () => {
    const [vpa] = read(fixture("minimal.yaml"));
    expect(vpa?.namespace).toBe("default");
    expect(vpa?.updateMode).toBeUndefined();
    expect(vpa?.effectiveUpdateMode).toBe("Recreate");
    expect(vpa?.resourcePolicy).toBeUndefined();
    expect(vpa?.recommenders).toEqual([]);
  });

  it("accepts the deprecated Auto mode", () => {
    const [vpa] = read(`${BASE}  updatePolicy:\n    updateMode: Auto\n`);
    expect(vpa?.effectiveUpdateMode).toBe("Auto");
  });

  it("warns about controlled resources it never recommends", () => {
    const [vpa] = read(
      `${BASE}  resourcePolicy:\n    containerPolicies:\n      - containerName: app\n        controlledResources: [cpu, ephemeral-storage]\n`,
    );
    expect(vpa?.resourcePolicy?.containerPolicies[0]?.controlledResources).toEqual(["cpu"]);
    expect(vpa?.warnings).toEqual([
      'vpa.yaml: VerticalPodAutoscaler "web": spec.resourcePolicy.containerPolicies[0].controlledResources: "ephemeral-storage" is never recommended; ignored',
    ]);
  });

  it("InPlaceOrRecreate is rejected only when its feature gate is turned off", () => {
    const text = `${BASE}  updatePolicy:\n    updateMode: InPlaceOrRecreate\n`;
    expect(read(text)[0]?.effectiveUpdateMode).toBe("InPlaceOrRecreate");
    expect(readError(text, { InPlaceOrRecreate: false }).message).toBe(
      'vpa.yaml: VerticalPodAutoscaler "web": spec.updatePolicy.updateMode: Forbidden: in order to use UpdateMode InPlaceOrRecreate, you must enable feature gate InPlaceOrRecreate in the admission-controller args',
    );
  });
});

interface InvalidCase {
  readonly name: string;
  /** Lines appended to BASE's spec. */
  readonly patch: string;
  readonly expectFieldPath: string;
  readonly expectMessage: string;
}

describe("readVerticalPodAutoscalers: admission-webhook and CRD validation", () => {
  const cases = JSON.parse(fixture("invalid-vpas.json")) as InvalidCase[];
  for (const c of cases) {
    it(c.name, () => {
      const err = readError(`${BASE}${c.patch}`);
      expect(err.fieldPath).toBe(c.expectFieldPath);
      expect(err.objectRef).toBe("VerticalPodAutoscaler/web");
      expect(err.message).toContain(`vpa.yaml: VerticalPodAutoscaler "web": ${c.expectMessage}`);
    });
  }

  it("targetRef is required", () => {
    const err = readError(`apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
spec:
  updatePolicy:
    updateMode: "Off"
`);
    expect(err.message).toBe(
      `vpa.yaml: VerticalPodAutoscaler "web": spec.targetRef: Required value: If you're using v1beta1 version of the API, please migrate to v1`,
    );
  });

  it("targetRef needs kind and name", () => {
    const err = readError(`apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web}
spec:
  targetRef: {apiVersion: apps/v1}
`);
    expect(err.violations.map((v) => v.message)).toEqual([
      "spec.targetRef.kind: Required value",
      "spec.targetRef.name: Required value",
    ]);
    expect(err.message).toContain('VerticalPodAutoscaler "web" is invalid (2 errors):');
  });

  it("only autoscaling.k8s.io/v1", () => {
    const err = readError(BASE.replace("autoscaling.k8s.io/v1", "autoscaling.k8s.io/v1beta1"));
    expect(err.message).toBe(
      'vpa.yaml: VerticalPodAutoscaler "web": apiVersion: Unsupported value: "autoscaling.k8s.io/v1beta1": supported values: "autoscaling.k8s.io/v1"',
    );
  });

  it("metadata.name is required", () => {
    const err = readError(BASE.replace("  name: web\nspec", "  labels: {}\nspec"));
    expect(err.fieldPath).toBe("metadata.name");
    expect(err.message).toContain("VerticalPodAutoscaler (object 1, unnamed)");
  });

  it("reports every violation of one object at once", () => {
    const err = readError(
      `${BASE}  updatePolicy:\n    updateMode: Never\n    minReplicas: -1\n  resourcePolicy:\n    containerPolicies:\n      - containerName: ""\n        mode: Sometimes\n`,
    );
    expect(err.violations.map((v) => v.fieldPath)).toEqual([
      "spec.updatePolicy.updateMode",
      "spec.updatePolicy.minReplicas",
      "spec.resourcePolicy.containerPolicies[0].containerName",
      "spec.resourcePolicy.containerPolicies[0].mode",
    ]);
  });
});
