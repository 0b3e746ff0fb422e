/**
 * spec.workload.usage.containers read and resolved against the pod template (examples/sidecar: an `app` container,
 * an `istio-proxy` sidecar, a `migrate` init container): the containers that report usage and their functions,
 * the pod's usage as their sum, capacity from the app's own CPU limit, and the invalid cases of
 * test/fixtures/scenarios/invalid-container-usage.json, each naming its field and the rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSimulationInputs } from "../../src/scenario/load-simulation-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { ROOT } from "../cli/run-cli.js";

const WEB = join(ROOT, "examples/sidecar/web.yaml");
const MiB = 1024 * 1024;

/** The sidecar example's manifests with a scenario whose spec.workload.usage is `usage` (YAML, unindented). */
function load(usage: string) {
  const indented = usage
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
  const scenario = `apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  trace: {expression: "100"}\n  simulation: {durationSeconds: 600}\n  workload:\n    usage:\n${indented}\n`;
  return loadSimulationInputs({
    manifests: [{ path: WEB, text: readFileSync(WEB, "utf8") }],
    scenario: { path: "s.yaml", text: scenario },
    readFile: (p) => readFileSync(p, "utf8"),
  });
}

describe("spec.workload.usage.containers", () => {
  it("the app takes the pod-level expressions, the sidecar its own; the pod's usage is their sum", () => {
    const { inputs } = load(
      "cpu: 20m + 2m * load\nmemory: 300Mi\ncontainers: {istio-proxy: {cpu: 2m + 0.5m * load, memory: 60Mi + 0.2Mi * load}}",
    );
    const parts = inputs.usage.containers ?? [];
    // template order of the containers that report usage: the sidecar (a restartable init container), the app
    expect(parts.map((c) => [c.name, c.main])).toEqual([
      ["istio-proxy", false],
      ["app", true],
    ]);
    const [proxy, app] = parts;
    expect(app?.cpu?.(100)).toBeCloseTo(0.22, 12);
    expect(proxy?.cpu?.(100)).toBeCloseTo(0.052, 12);
    expect(inputs.usage.cpu?.(100)).toBeCloseTo(0.272, 12);
    expect(proxy?.memory?.(100)).toBeCloseTo(80 * MiB, 3);
    expect(inputs.usage.memory?.(100)).toBeCloseTo(380 * MiB, 3);
    // the app's 2-core limit caps what a pod serves: (2 - 0.02) / 0.002 = 990 requests/s (the proxy not counted)
    expect(inputs.usage.maxLoadPerPod).toBeCloseTo(990, 6);
    // the HPA reads the app container: no warning that it reads 0
    expect(inputs.warnings.join("\n")).not.toContain("reads 0");
    expect((inputs.effectiveConfig.usage as Record<string, unknown>).containers).toEqual({
      "istio-proxy": { cpu: "2m + 0.5m * load", memory: "60Mi + 0.2Mi * load" },
    });
  });

  it("without it the pod's usage is the first regular container's", () => {
    const { inputs } = load("cpu: 20m + 2m * load");
    expect(inputs.usage.containers ?? null).toBeNull();
    expect(inputs.usage.cpu?.(100)).toBeCloseTo(0.22, 12);
  });

  interface InvalidCase {
    readonly name: string;
    readonly usage: string;
    readonly fieldPath: string;
    readonly messageContains: string;
  }
  const cases = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/scenarios/invalid-container-usage.json"), "utf8"),
  ) as InvalidCase[];
  it.each(cases.map((c) => [c.name, c] as const))("rejects %s", (_name, c) => {
    let error: unknown;
    try {
      load(c.usage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.message).toContain(c.fieldPath);
    expect(e.message).toContain(c.messageContains);
  });
});
