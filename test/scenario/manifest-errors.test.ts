import { describe, expect, it } from "vitest";
import { invalidValue, notSupported, requiredValue } from "../../src/scenario/field-violations.js";
import { InputError } from "../../src/scenario/manifest-errors.js";

describe("InputError", () => {
  it("reports identical lines once, as field.ErrorList.ToAggregate does", () => {
    const unsupported = notSupported("spec.metrics[0].type", "Foo", ["Pods", "Resource"]);
    const err = InputError.fromViolations("hpa.yaml", { kind: "HorizontalPodAutoscaler", name: "web" }, [
      requiredValue("spec.maxReplicas", "must be set and greater than 0"),
      unsupported,
      unsupported,
    ]);
    expect(err.violations).toHaveLength(2);
    expect(err.message).toBe(
      [
        'hpa.yaml: HorizontalPodAutoscaler "web" is invalid (2 errors):',
        "  * spec.maxReplicas: Required value: must be set and greater than 0",
        '  * spec.metrics[0].type: Unsupported value: "Foo": supported values: "Pods", "Resource"',
      ].join("\n"),
    );
  });

  it("carries file, object, field path and rule as fields", () => {
    const err = InputError.fromViolations("hpa.yaml", { kind: "HorizontalPodAutoscaler", name: "web" }, [
      invalidValue("spec.maxReplicas", 0, "must be greater than or equal to 1"),
    ]);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("InputError");
    expect(err.message).toBe(
      'hpa.yaml: HorizontalPodAutoscaler "web": spec.maxReplicas: Invalid value: 0: must be greater than or equal to 1',
    );
    expect([err.file, err.objectRef, err.fieldPath, err.rule]).toStrictEqual([
      "hpa.yaml",
      "HorizontalPodAutoscaler/web",
      "spec.maxReplicas",
      "must be greater than or equal to 1",
    ]);
  });

  it("refuses an empty violation list", () => {
    expect(() => InputError.fromViolations("hpa.yaml", { kind: "HorizontalPodAutoscaler" }, [])).toThrow();
  });
});
