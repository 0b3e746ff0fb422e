import { describe, expect, it } from "vitest";
import type { HorizontalPodAutoscaler, MetricSpec } from "../../src/hpa/api-types.js";
import { validateHorizontalPodAutoscaler } from "../../src/scenario/validate-hpa.js";

/** A valid HPA; override the spec fields under test. */
function makeHpa(spec: Partial<HorizontalPodAutoscaler["spec"]> = {}): HorizontalPodAutoscaler {
  return {
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
        },
      ],
      ...spec,
    },
  };
}

describe("validateHorizontalPodAutoscaler on objects built in code", () => {
  it("finds nothing wrong with a valid HPA", () => {
    expect(validateHorizontalPodAutoscaler(makeHpa())).toStrictEqual([]);
  });

  it("reports a quantity that does not parse", () => {
    const metric: MetricSpec = {
      type: "Pods",
      pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "ten" } },
    };
    expect(
      validateHorizontalPodAutoscaler(makeHpa({ metrics: [metric] })).map((v) => v.message),
    ).toStrictEqual([
      "spec.metrics[0].pods.target.averageValue: Invalid value: \"ten\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });

  it("validates only the first populated source and forbids the others (upstream order)", () => {
    const metric: MetricSpec = {
      type: "External",
      // object comes first in upstream's order, so it is the one validated in depth.
      object: {
        describedObject: { kind: "", name: "svc" },
        metric: { name: "rps" },
        target: { type: "Value", value: "1" },
      },
      external: { metric: { name: "" }, target: { type: "Value", value: "1" } },
    };
    expect(
      validateHorizontalPodAutoscaler(makeHpa({ metrics: [metric] })).map((v) => v.message),
    ).toStrictEqual([
      "spec.metrics[0].object.describedObject.kind: Required value",
      "spec.metrics[0].object: Forbidden: must populate the given metric source only",
    ]);
  });

  it("allows an empty API group only for a ReplicationController target", () => {
    const rc = makeHpa({ scaleTargetRef: { apiVersion: "v1", kind: "ReplicationController", name: "web" } });
    const deployment = makeHpa({ scaleTargetRef: { apiVersion: "v1", kind: "Deployment", name: "web" } });
    expect(validateHorizontalPodAutoscaler(rc)).toStrictEqual([]);
    expect(validateHorizontalPodAutoscaler(deployment).map((v) => v.message)).toStrictEqual([
      'spec.scaleTargetRef.apiVersion: Invalid value: "v1": apiVersion must specify API group',
    ]);
  });

  it("bounds: 3600 s window, 1800 s period and tolerance 0 are still valid", () => {
    const hpa = makeHpa({
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 3600,
          tolerance: "0",
          policies: [{ type: "Percent", value: 1, periodSeconds: 1800 }],
        },
      },
    });
    expect(validateHorizontalPodAutoscaler(hpa)).toStrictEqual([]);
  });
});
