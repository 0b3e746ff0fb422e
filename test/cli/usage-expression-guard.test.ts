/**
 * Usage expressions outside the allow-list end to end: `simulate` and `validate` of a Scenario whose
 * spec.workload.usage or spec.otherWorkloads[i].workload.usage tries evaluate/import/createUnit, assigns,
 * defines a function or names an unknown symbol exit 2, name the scenario file and the field on stderr, and
 * print nothing on stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-usage-guard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALLOWED =
  "use numbers, quantities (50m, 300Mi), load, pi, e, + - * / ^, parentheses and the functions " +
  "min, max, abs, sqrt, exp, log, floor, ceil, round, pow";

/** A two-workload scenario (worldcup's web and shared-cluster's reports) with the given usage texts. */
function scenario(name: string, usage: { cpu?: string; memory?: string; otherCpu?: string }): string {
  const yaml = (s: string) => JSON.stringify(s);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "apiVersion: kube-whatif.dev/v1alpha1",
      "kind: Scenario",
      `metadata: {name: ${name}}`,
      "spec:",
      `  manifests: [${yaml(join(ROOT, "examples/worldcup/web.yaml"))}, ${yaml(join(ROOT, "examples/shared-cluster/reports.yaml"))}]`,
      "  hpa: web",
      '  trace: {expression: "100", duration: 600, measures: requests/s}',
      "  workload:",
      "    usage:",
      `      cpu: ${yaml(usage.cpu ?? "10m * load")}`,
      ...(usage.memory !== undefined ? [`      memory: ${yaml(usage.memory)}`] : []),
      "  otherWorkloads:",
      "    - hpa: reports",
      '      trace: {expression: "1", duration: 600, measures: jobs/s}',
      `      workload: {usage: {cpu: ${yaml(usage.otherCpu ?? "50m + 1.2 * load")}}}`,
      "",
    ].join("\n"),
  );
  return file;
}

describe("usage expressions outside the allow-list", () => {
  const cases: {
    name: string;
    usage: { cpu?: string; memory?: string; otherCpu?: string };
    detail: string;
  }[] = [
    {
      name: "evaluate",
      usage: { cpu: 'evaluate("2") * load' },
      detail: `spec.workload.usage.cpu: function "evaluate" is not allowed in "evaluate(\\"2\\") * load": ${ALLOWED}`,
    },
    {
      name: "import",
      usage: { memory: "import({pi: 4}, {override: true})" },
      detail: `spec.workload.usage.memory: function "import" is not allowed in "import({pi: 4}, {override: true})": ${ALLOWED}`,
    },
    {
      name: "create-unit",
      usage: { otherCpu: 'createUnit("rps") * load' },
      detail: `spec.otherWorkloads[0].workload.usage.cpu: function "createUnit" is not allowed in "createUnit(\\"rps\\") * load": ${ALLOWED}`,
    },
    {
      name: "assignment",
      usage: { cpu: "a = 5" },
      detail: `spec.workload.usage.cpu: assignment is not allowed in "a = 5": ${ALLOWED}`,
    },
    {
      name: "definition",
      usage: { otherCpu: "f(x) = x" },
      detail: `spec.otherWorkloads[0].workload.usage.cpu: function definition is not allowed in "f(x) = x": ${ALLOWED}`,
    },
    {
      name: "unknown",
      usage: { cpu: "10m * nope" },
      detail: 'spec.workload.usage.cpu: unknown symbol "nope" in "10m * nope" (the only variable is "load")',
    },
  ];

  it.each(cases)("simulate: $name is exit 2 naming the file and field, nothing on stdout", (c) => {
    const file = scenario(c.name, c.usage);
    const r = runCli(["simulate", "--scenario", file, "--no-charts"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `error: ${file}: ${c.detail}\n` });
  });

  it.each(cases)("validate: $name reports the same error", (c) => {
    const file = scenario(`validate-${c.name}`, c.usage);
    const r = runCli(["validate", file]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `error: ${file}: ${c.detail}\n` });
  });

  it("the same scenario with documented expressions is valid and simulates", () => {
    const file = scenario("good", { cpu: "50m + 2m * min(load, 250)", memory: "300Mi + 1Mi * load" });
    expect(runCli(["validate", file])).toEqual({
      code: 0,
      stdout: `${file}: Scenario "good": valid\n`,
      stderr: "",
    });
    const r = runCli(["simulate", "--scenario", file, "--no-charts"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
