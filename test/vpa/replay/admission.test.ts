/**
 * The admission step: what a new pod is created with (recommendation_provider.go
 * GetContainersResourcesForPod, limit_and_request_scaling.go, capping.go for RequestsOnly).
 * The template requests 300m / 256Mi with limits 600m / 512Mi unless told otherwise.
 */
import { describe, expect, it } from "vitest";
import { admitPod } from "../../../src/vpa/replay/admission.js";
import { bytes, MiB, m, makeInput, makeRecommendation, makeTemplate, res, snapshot } from "./builders.js";

/** target 350m / 300 MiB. */
const REC = snapshot(
  makeRecommendation(
    { cpu: 350, memory: 300 * MiB },
    { cpu: 349, memory: 280 * MiB },
    { cpu: 393, memory: 400 * MiB },
  ),
);

describe("admitPod: RequestsAndLimits (default)", () => {
  it("requests := target; limits keep the template's 2:1 ratio", () => {
    const out = admitPod(makeInput(), REC);
    // cpu: floor(600 × 350 / 300) = 700m; memory: floor(512Mi × 300Mi / 256Mi) = 600 MiB
    expect(out.containers[0]).toEqual({
      name: "app",
      requests: res(350, 300 * MiB),
      limits: res(700, 600 * MiB),
    });
    expect(out.patched).toBe(true);
    expect(out.updatesAnnotation).toBe(
      "Pod resources updated by web: container 0: cpu request, memory request, cpu limit, memory limit",
    );
  });

  it("a non-integral ratio is floored: 500m / 300m × 350m = 583.33 -> 583m", () => {
    const template = [makeTemplate({ requests: res(300), limits: res(500) })];
    expect(admitPod(makeInput({ template }), REC).containers[0]?.limits).toEqual({ cpu: m(583) });
  });

  it("no template limit: none is set; request == limit: limit := the new request", () => {
    const template = [makeTemplate({ requests: res(300, 256 * MiB), limits: res(undefined, 256 * MiB) })];
    const out = admitPod(makeInput({ template }), REC);
    expect(out.containers[0]?.limits).toEqual({ memory: bytes(300 * MiB) });
  });

  it("a limit without a request: limit := the new request", () => {
    const template = [makeTemplate({ requests: {}, limits: res(1000) })];
    // cpu: no original request -> the new request; memory: no original limit -> still none
    expect(admitPod(makeInput({ template }), REC).containers[0]?.limits).toEqual({ cpu: m(350) });
  });

  it("maxAllowed caps the request, and the limit follows the capped request", () => {
    const policy = { containerPolicies: [{ containerName: "app", maxAllowed: { cpu: 320 } }] };
    const out = admitPod(makeInput({ policy }), REC);
    expect([out.containers[0]?.requests.cpu, out.containers[0]?.limits.cpu]).toEqual([m(320), m(640)]);
    expect(out.updatesAnnotation).toContain("container 0: cpu capped to maxAllowed, cpu request");
  });
});

describe("admitPod: RequestsOnly", () => {
  const policy = { containerPolicies: [{ containerName: "*", controlledValues: "RequestsOnly" as const }] };

  it("limits stay as in the template", () => {
    const out = admitPod(makeInput({ policy }), REC);
    expect(out.containers[0]).toEqual({
      name: "app",
      requests: res(350, 300 * MiB),
      limits: res(600, 512 * MiB),
    });
  });

  it("the request is capped to the container's limit", () => {
    const template = [makeTemplate({ limits: res(250, 512 * MiB) })];
    const out = admitPod(makeInput({ policy, template }), REC);
    expect(out.containers[0]?.requests).toEqual(res(250, 300 * MiB));
  });
});

describe("admitPod: when nothing changes", () => {
  it("no recommendation yet: the template unchanged", () => {
    const out = admitPod(makeInput(), undefined);
    expect(out.containers).toEqual([makeTemplate()]);
    expect([out.patched, out.updatesAnnotation]).toEqual([false, ""]);
  });

  it("mode Off: the template unchanged, whatever the recommendation", () => {
    expect(admitPod(makeInput({ mode: "Off" }), REC).containers).toEqual([makeTemplate()]);
  });

  for (const mode of ["Initial", "Recreate", "Auto", "InPlaceOrRecreate"] as const) {
    it(`mode ${mode} sets the resources`, () => {
      expect(admitPod(makeInput({ mode }), REC).containers[0]?.requests).toEqual(res(350, 300 * MiB));
    });
  }

  it("a container without a recommendation keeps its resources; one with a CPU-only target keeps its memory", () => {
    const template = [
      makeTemplate(),
      makeTemplate({ name: "sidecar", requests: res(50, 64 * MiB), limits: {} }),
    ];
    const cpuOnly = snapshot(makeRecommendation({ cpu: 350 }, { cpu: 349 }, { cpu: 393 }));
    const out = admitPod(makeInput({ template }), cpuOnly);
    expect(out.containers).toEqual([
      { name: "app", requests: res(350, 256 * MiB), limits: res(700, 512 * MiB) },
      template[1],
    ]);
  });

  it("init containers are dropped from the input's template (VPA does not touch them)", () => {
    const template = [makeTemplate(), makeTemplate({ name: "init", init: true })];
    expect(makeInput({ template }).template.map((c) => c.name)).toEqual(["app"]);
  });
});
