/** `kube-whatif validate` end to end: valid objects listed, API-server violations with exit 2. */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("kube-whatif validate", () => {
  it("lists every valid object of every file", () => {
    const r = runCli(["validate", "examples/worldcup/web.yaml", "examples/worldcup/scenario.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'examples/worldcup/web.yaml: HorizontalPodAutoscaler "web": valid',
        'examples/worldcup/web.yaml: Deployment "web": valid',
        'examples/worldcup/scenario.yaml: Scenario "worldcup98-finals": valid',
        "",
      ].join("\n"),
    );
  });

  it("reports every violation of an object with its field path and rule, exit 2, nothing on stdout", () => {
    const r = runCli(["validate", "test/fixtures/manifests-cli/invalid-hpa.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        'error: test/fixtures/manifests-cli/invalid-hpa.yaml: HorizontalPodAutoscaler "web" is invalid (2 errors):',
        "  * spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
        "  * spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800",
        "",
      ].join("\n"),
    );
  });
});
