/**
 * `kube-whatif simulate` with per-container usage (examples/sidecar: an HPA on the app container's CPU, an
 * Istio-style proxy sidecar with its own usage), end to end: the app container's utilization is its own usage
 * over its own request at every row, and a scenario naming a container the pod lacks fails with exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { movableScenario, ROOT, runCli } from "./run-cli.js";

const SCENARIO = "examples/sidecar/scenario.yaml";
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-sidecar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulate: per-container usage", () => {
  it("the HPA's container metric reads the app alone: (20m + 2m x load) / 500m at every row", () => {
    const r = runCli(["simulate", "-s", SCENARIO, "--duration", "3h", "-o", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.metrics.map((m: { key: string }) => m.key)).toEqual(["cpu/app"]);
    expect(doc.warnings.join("\n")).not.toContain("reads 0");
    let checked = 0;
    for (const row of doc.timeline) {
      if (row.readyReplicas === 0) continue;
      const load = row.demand / row.readyReplicas;
      expect(row.metrics["cpu/app"].actual).toBeCloseTo(((0.02 + 0.002 * load) / 0.5) * 100, 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(doc.summary.scaleUps).toBeGreaterThan(0);
  });

  it("the VPA recommends for the proxy from its own usage (the app's recommendation unchanged)", () => {
    // the proxy as a regular container (the VPA recommends for regular containers), the VPA in Off mode
    const web = readFileSync(join(ROOT, "examples/sidecar/web.yaml"), "utf8");
    const proxy = web.slice(web.indexOf("        - name: istio-proxy"), web.indexOf("      containers:"));
    // after the app, which stays the first regular container (where the pod-level usage goes)
    const app = '            limits: {cpu: "2", memory: 1Gi}\n';
    const regular = `${web.replace(proxy, "").replace(app, app + proxy.replace("          restartPolicy: Always\n", ""))}---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: "Off"}
`;
    writeFileSync(join(dir, "web-vpa.yaml"), regular);
    const scenario = movableScenario("sidecar", join(dir, "web-vpa.yaml"));
    writeFileSync(join(dir, "with.yaml"), scenario);
    const cut = scenario.indexOf("      containers:");
    writeFileSync(
      join(dir, "without.yaml"),
      scenario.slice(0, cut) + scenario.slice(scenario.indexOf("  pods:")),
    );
    const vpa = (file: string) => {
      const r = runCli(["simulate", "-s", join(dir, file), "--duration", "3h", "-o", "json"]);
      expect(r.code).toBe(0);
      const rec = JSON.parse(r.stdout).summary.vpa.recommendation as {
        container: string;
        target: { cpu: number };
      }[];
      return Object.fromEntries(rec.map((c) => [c.container, c.target.cpu]));
    };
    const withParts = vpa("with.yaml");
    const without = vpa("without.yaml");
    expect(withParts.app).toBe(without.app);
    // without its own usage the proxy uses nothing and gets the recommender's floor; with it, 2m + 0.5m per request/s
    expect(without["istio-proxy"]).toBeLessThan(20);
    expect(withParts["istio-proxy"]).toBeGreaterThan(50);
  });

  it("sticky memory with per-container usage is accepted; a CPU-only HPA replays as without it", () => {
    const scenario = movableScenario("sidecar");
    writeFileSync(join(dir, "plain.yaml"), scenario);
    writeFileSync(
      join(dir, "sticky.yaml"),
      scenario.replace("    usage:\n", "    usage:\n      stickyMemory: true\n"),
    );
    const summary = (file: string) => {
      const r = runCli(["simulate", "-s", join(dir, file), "--duration", "3h", "-o", "json"]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const sticky = summary("sticky.yaml");
    expect(sticky.config.usage.stickyMemory).toBe(true);
    expect(sticky.summary).toEqual(summary("plain.yaml").summary);
  });

  it("a container the pod does not have: exit 2, the field and the containers it has", () => {
    const text = movableScenario("sidecar").replace("        istio-proxy:", "        envoy:");
    const path = join(dir, "bad.yaml");
    writeFileSync(path, text);
    const r = runCli(["simulate", "-s", path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'spec.workload.usage.containers.envoy: Invalid value: "envoy": Deployment "web" has no container "envoy" (its containers: istio-proxy, app)',
    );
  });

  it("validate compiles the containers' expressions: exit 2 naming the field", () => {
    const path = join(dir, "bad-expression.yaml");
    writeFileSync(
      path,
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  workload:\n    usage:\n      containers: {istio-proxy: {cpu: 2m * lod}}\n",
    );
    const r = runCli(["validate", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'spec.workload.usage.containers.istio-proxy.cpu: unknown symbol "lod" in "2m * lod"',
    );
  });
});
