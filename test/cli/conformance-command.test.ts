/** `kube-whatif conformance` end to end, as a user runs it. */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("kube-whatif conformance", () => {
  it("passes every HPA vector: ends with `208 passed, 0 failed`, exit 0", () => {
    const r = runCli(["conformance", "../shared/conformance/hpa"]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("208 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("passes every VPA vector: ends with `87 passed, 0 failed`, exit 0", () => {
    const r = runCli(["conformance", "../shared/conformance/vpa"]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("87 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("runs HPA, VPA and CA vectors together: 208 + 87 + 86 = 381 passed, none skipped", () => {
    const r = runCli(["conformance", "../shared/conformance"]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("381 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("prints a failure with id, name, source, expected and actual, and exits 1", () => {
    const r = runCli(["conformance", "test/fixtures/conformance/one-failing-case.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL fixture-001 deliberately wrong expectation");
    expect(r.stdout).toContain(
      "source:   kube-whatif test/fixtures/conformance/one-failing-case.json CLI failure report",
    );
    expect(r.stdout).toMatch(/desiredReplicas:\n {4}expected: 6\n {4}actual: {3}7/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed");
  });

  it("rejects a missing directory with exit 2 and no stack trace", () => {
    const r = runCli(["conformance", "no/such/dir"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: no/such/dir: no such file or directory\n");
  });
});
