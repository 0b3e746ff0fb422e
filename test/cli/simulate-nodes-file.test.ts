/**
 * `kube-whatif simulate` starting from real nodes, end to end: spec.cluster.nodes in
 * examples/worldcup/cluster-from-nodes-scenario.yaml (three EKS nodes of managed node group "general" in
 * examples/worldcup/nodes.yaml), `--nodes FILE`, and the input errors (exit 2, nothing on stdout).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const SCENARIO = "examples/worldcup/cluster-from-nodes-scenario.yaml";
const WINDOW = ["--from", "1998-06-29T12:00:00", "--duration", "1h"];
const NODES = readFileSync(join(ROOT, "examples/worldcup/nodes.yaml"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-nodes-"));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The example's nodes with the third one (ip-10-0-3-44) moved to managed node group "system". */
const WITH_SYSTEM = write(
  "with-system.yaml",
  NODES.split("eks.amazonaws.com/nodegroup: general")
    .map((part, i) =>
      i === 0 ? part : `eks.amazonaws.com/nodegroup: ${i === 3 ? "system" : "general"}${part}`,
    )
    .join(""),
);

interface Row {
  t: number;
  nodes: { perGroup: Record<string, number>; total: number };
}

describe("simulate with spec.cluster.nodes (examples/worldcup/cluster-from-nodes-scenario.yaml)", () => {
  it("starts the replay with the file's three nodes", () => {
    const run = runCli(["simulate", "-s", SCENARIO, ...WINDOW, "-o", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const first = doc.timeline[0] as Row;
    expect(first.t).toBe(0);
    expect(first.nodes).toStrictEqual({ perGroup: { general: 3 }, total: 3 });
    expect(doc.config.cluster.nodeGroups).toHaveLength(1);
    expect(doc.config.cluster.nodeGroups[0]).toMatchObject({
      name: "general",
      initialSize: 3,
      pricePerHour: 0.214,
      // the shape nodes the autoscaler adds get: the file's m5.xlarge (15896988Ki, 14880156Ki)
      capacity: { cpuMilli: 4000, memBytes: 16278515712, pods: 58 },
      allocatable: { cpuMilli: 3920, memBytes: 15237279744, pods: 58 },
    });
    expect(doc.config.rules).toContain(
      "cluster.nodes: the 3 node(s) of examples/worldcup/nodes.yaml are the initial nodes (general 3 by eks.amazonaws.com/nodegroup); nodeGroups[].initialSize is their count",
    );
    expect(doc.warnings).toStrictEqual([]);
    // minSize 3: never fewer nodes than the file's three
    expect(Math.min(...(doc.timeline as Row[]).map((r) => r.nodes.total))).toBe(3);
  });

  it("--nodes replaces the file; a group the scenario does not declare is kept fixed, price 0, warned", () => {
    const run = runCli(["simulate", "-s", SCENARIO, "--nodes", WITH_SYSTEM, ...WINDOW, "-o", "json"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect((doc.timeline[0] as Row).nodes).toStrictEqual({ perGroup: { general: 2, system: 1 }, total: 3 });
    expect(
      doc.config.cluster.nodeGroups.map((g: { name: string; minSize: number; maxSize: number }) => [
        g.name,
        g.minSize,
        g.maxSize,
      ]),
    ).toEqual([
      ["general", 3, 20],
      ["system", 1, 1],
    ]);
    expect(doc.summary.cluster.nodeGroups.system.cost).toBe(0);
    expect(doc.warnings.join("\n")).toContain(
      `${WITH_SYSTEM}: node group "system" (1 node(s), label eks.amazonaws.com/nodegroup) is not in spec.cluster.nodeGroups (general)`,
    );
    expect(doc.config.rules.join("\n")).toContain(`command line: --nodes "${WITH_SYSTEM}"`);
  });

  it("an unknown group with unknownGroups: Error exits 2 naming the file, the node and the group", () => {
    const scenario = write(
      "strict.yaml",
      readFileSync(join(ROOT, SCENARIO), "utf8")
        .replace("manifests: [web.yaml]", `manifests: [${join(ROOT, "examples/worldcup/web.yaml")}]`)
        .replace("file: ../../traces/", `file: ${join(ROOT, "traces")}/`)
        .replace(/file: nodes\.yaml.*/, `file: ${WITH_SYSTEM}\n      unknownGroups: Error`),
    );
    const run = runCli(["simulate", "-s", scenario, ...WINDOW]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `${WITH_SYSTEM}: Node "ip-10-0-3-44.eu-west-1.compute.internal": metadata.labels[eks.amazonaws.com/nodegroup]: Invalid value: "system": no node group of that name in spec.cluster.nodeGroups (general)`,
    );
  });

  it("a malformed nodes file exits 2 naming the file, the node and the field", () => {
    const bad = write("bad.yaml", NODES.replace("cpu: 3920m", "cpu: lots"));
    const run = runCli(["simulate", "-s", SCENARIO, "--nodes", bad, ...WINDOW]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `${bad}: Node "ip-10-0-1-17.eu-west-1.compute.internal": status.allocatable[cpu]: Invalid value: "lots"`,
    );
    const notYaml = write("not-yaml.yaml", "items: [\n");
    const broken = runCli(["simulate", "-s", SCENARIO, "--nodes", notYaml, ...WINDOW]);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain(notYaml);
  });

  it("--nodes needs a readable file and a scenario with spec.cluster (exit 2)", () => {
    const missing = runCli(["simulate", "-s", SCENARIO, "--nodes", "no-such-nodes.yaml", ...WINDOW]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("command line: --nodes: cannot read no-such-nodes.yaml");
    const plain = runCli([
      "simulate",
      "-s",
      "examples/worldcup/scenario.yaml",
      "--nodes",
      "examples/worldcup/nodes.yaml",
      ...WINDOW,
    ]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toBe("");
    expect(plain.stderr).toContain("command line: --nodes: Forbidden: needs spec.cluster in the scenario");
  });
});
