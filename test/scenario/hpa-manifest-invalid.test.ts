import { describe, expect, it } from "vitest";
import { type HpaFeatureGates, readHorizontalPodAutoscalers } from "../../src/scenario/hpa-manifest.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readJsonFixture } from "./fixtures.js";

interface InvalidCase {
  readonly name: string;
  /** YAML text of one HPA that breaks one rule. */
  readonly manifest: string;
  readonly featureGates?: HpaFeatureGates;
  readonly expectFieldPath: string;
  /** The violation's line as the API server prints it (or its start). */
  readonly expectMessageContains: string;
  /** How many distinct violations the object has in total. */
  readonly expectViolationCount?: number;
}

function readError(c: InvalidCase): InputError {
  try {
    const docs = parseManifestDocuments(c.manifest, "hpa.yaml");
    readHorizontalPodAutoscalers(docs, "hpa.yaml", { featureGates: c.featureGates });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`expected an InputError for case "${c.name}"`);
}

describe("readHorizontalPodAutoscalers: API-server validation", () => {
  for (const c of readJsonFixture<InvalidCase[]>("invalid-hpas.json")) {
    it(c.name, () => {
      const err = readError(c);
      const atPath = err.violations.filter((v) => v.fieldPath === c.expectFieldPath).map((v) => v.message);
      expect(
        atPath.some((m) => m.includes(c.expectMessageContains)),
        `no violation at ${c.expectFieldPath} reads "${c.expectMessageContains}"; got:\n${err.message}`,
      ).toBe(true);
      expect(err.message).toContain(c.expectMessageContains);
      if (c.expectFieldPath !== "metadata.name") expect(err.objectRef).toBe("HorizontalPodAutoscaler/web");
      if (c.expectViolationCount !== undefined) expect(err.violations).toHaveLength(c.expectViolationCount);
    });
  }
});

describe("InputError from validation", () => {
  const manifest = [
    "apiVersion: autoscaling/v2",
    "kind: HorizontalPodAutoscaler",
    "metadata: {name: web}",
    "spec:",
    "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}",
    "  maxReplicas: %MAX%",
    "  behavior:",
    "    scaleDown:",
    "      policies: [{type: Pods, value: 1, periodSeconds: 3600}]",
  ].join("\n");

  it("reads as one line for one violation: file, object, field path, rule", () => {
    const err = readError({
      name: "one",
      manifest: manifest.replace("%MAX%", "5"),
      expectFieldPath: "",
      expectMessageContains: "",
    });
    expect(err.message).toBe(
      'hpa.yaml: HorizontalPodAutoscaler "web": spec.behavior.scaleDown.policies[0].periodSeconds: ' +
        "Invalid value: 3600: must be less than or equal to 1800",
    );
    expect(err.file).toBe("hpa.yaml");
    expect(err.objectRef).toBe("HorizontalPodAutoscaler/web");
    expect(err.fieldPath).toBe("spec.behavior.scaleDown.policies[0].periodSeconds");
    expect(err.rule).toBe("must be less than or equal to 1800");
  });

  it("lists every violation on its own line under a count", () => {
    const err = readError({
      name: "many",
      manifest: manifest.replace("%MAX%", "-2"),
      expectFieldPath: "",
      expectMessageContains: "",
    });
    expect(err.message).toBe(
      [
        'hpa.yaml: HorizontalPodAutoscaler "web" is invalid (3 errors):',
        "  * spec.maxReplicas: Invalid value: -2: must be greater than or equal to 1",
        "  * spec.maxReplicas: Invalid value: -2: must be greater than or equal to `minReplicas`",
        "  * spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800",
      ].join("\n"),
    );
    expect(err.violations.map((v) => v.fieldPath)).toStrictEqual([
      "spec.maxReplicas",
      "spec.maxReplicas",
      "spec.behavior.scaleDown.policies[0].periodSeconds",
    ]);
  });

  it("names an unnamed object by its position", () => {
    const err = readError({
      name: "unnamed",
      manifest: manifest.replace("%MAX%", "5").replace("metadata: {name: web}", "metadata: {}"),
      expectFieldPath: "",
      expectMessageContains: "",
    });
    expect(err.objectRef).toBeUndefined();
    expect(
      err.message.startsWith("hpa.yaml: HorizontalPodAutoscaler (object 1, unnamed) is invalid (2 errors):"),
    ).toBe(true);
  });
});
