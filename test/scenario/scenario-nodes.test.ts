/**
 * spec.cluster.nodes and --nodes: `kubectl get nodes -o yaml` as the replay's initial nodes, matched to
 * spec.cluster.nodeGroups (shapes from the file, initialSize from the count, unknown groups kept or an error).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildRunInputs } from "../../src/scenario/build-run-inputs.js";
import { loadSimulationInputs } from "../../src/scenario/load-simulation-inputs.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseScenario } from "../../src/scenario/scenario-file.js";
import { applyFlags } from "../../src/scenario/scenario-flags.js";
import { applyClusterNodes, loadClusterNodes } from "../../src/scenario/scenario-nodes.js";
import { loadScenarioTrace } from "../../src/scenario/scenario-trace.js";
import type { ParsedScenario } from "../../src/scenario/scenario-types.js";
import { deploymentYaml, hpaYaml, RPS_METRIC, readObjects } from "./run-inputs-builders.js";

const KI = 1024;
const GI = 1024 ** 3;

interface NodeOpts {
  readonly group?: string;
  /** The label naming the group (default eks.amazonaws.com/nodegroup); null = no group label. */
  readonly label?: string | null;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
  readonly ready?: boolean;
  readonly taints?: readonly object[];
  readonly extraLabels?: Record<string, string>;
}

/** One v1 Node as kubectl prints it (trimmed to what matters plus a little noise). */
function node(name: string, o: NodeOpts = {}): object {
  const labels: Record<string, string> = {
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
    ...o.extraLabels,
  };
  if (o.label !== null) labels[o.label ?? "eks.amazonaws.com/nodegroup"] = o.group ?? "general";
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels, resourceVersion: "1", uid: `uid-${name}` },
    spec: { providerID: `aws:///eu-west-1a/${name}`, ...(o.taints ? { taints: o.taints } : {}) },
    status: {
      capacity: { cpu: "4", memory: "15896988Ki", pods: o.pods ?? "58", "ephemeral-storage": "83873772Ki" },
      allocatable: { cpu: o.cpu ?? "3920m", memory: o.memory ?? "14880156Ki", pods: o.pods ?? "58" },
      conditions: [{ type: "Ready", status: o.ready === false ? "Unknown" : "True" }],
      nodeInfo: { kubeletVersion: "v1.33.0" },
    },
  };
}

/** A `kind: List` of nodes as JSON (YAML reads it). */
function nodesFile(...nodes: object[]): string {
  return JSON.stringify({ apiVersion: "v1", kind: "List", items: nodes, metadata: { resourceVersion: "" } });
}

const THREE = nodesFile(node("ip-1"), node("ip-2"), node("ip-3"));

function scenario(clusterLines: string): ParsedScenario {
  return parseScenario(
    `apiVersion: kube-whatif.dev/v1alpha1
kind: Scenario
spec:
  trace: {expression: '200', duration: 600}
  cluster:
${clusterLines}`,
    "dir/s.yaml",
  );
}

const GENERAL = `    nodes: {file: nodes.yaml}
    nodeGroups:
      - {name: general, pricePerHour: 0.2, minSize: 1, maxSize: 10, daemonSetOverhead: {cpu: 100m}}`;

function apply(s: ParsedScenario, text = THREE) {
  return applyClusterNodes(s, { path: "dir/nodes.yaml", text });
}

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("spec.cluster.nodes: reading", () => {
  it("reads file, groupLabel and unknownGroups (default Keep); machine may be omitted with it", () => {
    const s = scenario(`    nodes: {file: nodes.yaml, groupLabel: pool, unknownGroups: Error}
    nodeGroups:
      - {name: general, maxSize: 3}`);
    expect(s.cluster?.nodes).toStrictEqual({
      file: "nodes.yaml",
      fileBase: "scenario",
      groupLabel: "pool",
      unknownGroups: "Error",
    });
    expect(s.cluster?.fieldsSet?.general).toStrictEqual({
      machine: false,
      allocatable: false,
      taints: false,
      initialSize: false,
    });
    expect(scenario(GENERAL).cluster?.nodes?.unknownGroups).toBe("Keep");
  });

  it("without nodes, machine is still required; nodes needs a file and a known policy", () => {
    const e = errorOf(() => scenario("    nodeGroups: [{name: general, maxSize: 3}]"));
    expect(e.message).toContain("spec.cluster.nodeGroups[0].machine: Required value");
    expect(e.message).toContain("or spec.cluster.nodes");
    const bad = errorOf(() =>
      scenario(`    nodes: {groupLabel: "", unknownGroups: keep, fiel: x}
    nodeGroups: [{name: general, maxSize: 3}]`),
    );
    expect(bad.message).toContain("dir/s.yaml: ");
    expect(bad.violations.map((v) => v.fieldPath).sort()).toEqual(
      [
        "spec.cluster.nodes.fiel",
        "spec.cluster.nodes.file",
        "spec.cluster.nodes.groupLabel",
        "spec.cluster.nodes.unknownGroups",
      ].sort(),
    );
  });
});

describe("applyClusterNodes", () => {
  it("the file's nodes are the initial nodes; the group takes the observed shape, labels and count", () => {
    const { scenario: s, warnings } = apply(scenario(GENERAL));
    const c = s.cluster;
    expect(warnings).toStrictEqual([]);
    expect(c?.initialNodes?.map((n) => [n.name, n.group, n.overhead.cpuMilli])).toStrictEqual([
      ["ip-1", "general", 100],
      ["ip-2", "general", 100],
      ["ip-3", "general", 100],
    ]);
    expect(c?.nodeGroups[0]).toMatchObject({
      name: "general",
      // 4 cores, 15896988Ki; allocatable 3920m, 14880156Ki (the file's), price and sizes from the scenario
      capacity: { cpuMilli: 4000, memBytes: 15896988 * KI, pods: 58 },
      allocatable: { cpuMilli: 3920, memBytes: 14880156 * KI, pods: 58 },
      labels: { "eks.amazonaws.com/nodegroup": "general", "kubernetes.io/os": "linux" },
      pricePerHour: 0.2,
      minSize: 1,
      maxSize: 10,
      initialSize: 3,
    });
    expect(s.notes).toStrictEqual([
      "cluster.nodes: the 3 node(s) of dir/nodes.yaml are the initial nodes (general 3 by eks.amazonaws.com/nodegroup); nodeGroups[].initialSize is their count",
    ]);
  });

  it("reaches RunInputs.cluster.initialNodes; building without reading the file is an error", () => {
    const objects = readObjects(deploymentYaml(), hpaYaml({ metrics: RPS_METRIC }));
    const noFiles = (path: string): string => {
      throw new Error(`unexpected read of ${path}`);
    };
    const raw = scenario(GENERAL);
    const trace = loadScenarioTrace(raw, noFiles);
    const built = buildRunInputs({ ...objects, scenario: apply(raw).scenario, trace });
    expect(built.cluster?.initialNodes?.map((n) => n.name)).toStrictEqual(["ip-1", "ip-2", "ip-3"]);
    expect(built.cluster?.nodeGroups[0]?.initialSize).toBe(3);
    expect((built.effectiveConfig.rules as string[]).some((r) => r.startsWith("cluster.nodes: the 3"))).toBe(
      true,
    );
    const e = errorOf(() => buildRunInputs({ ...objects, scenario: raw, trace }));
    expect(e.message).toContain("dir/s.yaml: spec.cluster.nodes.file: dir/nodes.yaml has not been read");
  });

  it("warns when initialSize, machine or allocatable are set and differ; new nodes get the scenario's", () => {
    const { scenario: s, warnings } = apply(
      scenario(`    nodes: {file: nodes.yaml}
    nodeGroups:
      - name: general
        machine: {cpu: "8", memory: 32Gi, pods: 110}
        allocatable: {cpu: 7910m, memory: 30Gi}
        minSize: 1
        maxSize: 10
        initialSize: 2`),
    );
    expect(s.cluster?.nodeGroups[0]).toMatchObject({
      capacity: { cpuMilli: 8000, memBytes: 32 * GI, pods: 110 },
      allocatable: { cpuMilli: 7910, memBytes: 30 * GI, pods: 110 },
      initialSize: 3,
    });
    // the nodes keep their own shape
    expect(s.cluster?.initialNodes?.[0]?.allocatable).toStrictEqual({
      cpuMilli: 3920,
      memBytes: 14880156 * KI,
      pods: 58,
    });
    expect(warnings).toStrictEqual([
      "spec.cluster.nodeGroups[0].machine (cpu 8, memory 32Gi, pods 110) differs from the 3 node(s) of group \"general\" in dir/nodes.yaml (capacity cpu 4, memory 15896988Ki, pods 58): the file's nodes keep their own; nodes the autoscaler adds get the scenario's",
      "spec.cluster.nodeGroups[0].allocatable (cpu 7910m, memory 30Gi, pods 110) differs from the 3 node(s) of group \"general\" in dir/nodes.yaml (allocatable cpu 3920m, memory 14880156Ki, pods 58): the file's nodes keep their own; nodes the autoscaler adds get the scenario's",
      "spec.cluster.nodeGroups[0].initialSize 2 is ignored: dir/nodes.yaml gives the initial nodes, 3 of this group",
    ]);
  });

  it("machine equal to the file's and allocatable omitted: the observed allocatable, no warning", () => {
    const { scenario: s, warnings } = apply(
      scenario(`    nodes: {file: nodes.yaml}
    nodeGroups:
      - {name: general, machine: {cpu: "4", memory: 15896988Ki, pods: 58}, maxSize: 10, initialSize: 3}`),
    );
    expect(warnings).toStrictEqual([]);
    expect(s.cluster?.nodeGroups[0]?.allocatable).toStrictEqual({
      cpuMilli: 3920,
      memBytes: 14880156 * KI,
      pods: 58,
    });
  });

  it("an unknown group is kept at its size (min = max = count, price 0) with a warning", () => {
    const text = nodesFile(
      node("ip-1"),
      node("sys-1", {
        group: "system",
        taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
      }),
      node("sys-2", { group: "system" }),
    );
    const { scenario: s, warnings } = apply(scenario(GENERAL), text);
    expect(
      s.cluster?.nodeGroups.map((g) => [g.name, g.minSize, g.maxSize, g.initialSize, g.pricePerHour]),
    ).toEqual([
      ["general", 1, 10, 1, 0.2],
      ["system", 2, 2, 2, 0],
    ]);
    expect(s.cluster?.nodeGroups[1]?.taints).toStrictEqual([
      { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" },
    ]);
    expect(warnings).toStrictEqual([
      'dir/nodes.yaml: node group "system" (2 node(s), label eks.amazonaws.com/nodegroup) is not in spec.cluster.nodeGroups (general): kept as it is, 2 node(s) of its observed shape that the autoscaler never scales (minSize = maxSize = 2), price 0; declare it in spec.cluster.nodeGroups to price and scale it',
    ]);
  });

  it("unknownGroups: Error names the file, a node, the label and the groups that exist", () => {
    const s = scenario(GENERAL.replace("{file: nodes.yaml}", "{file: nodes.yaml, unknownGroups: Error}"));
    const e = errorOf(() => apply(s, nodesFile(node("ip-1"), node("sys-1", { group: "system" }))));
    expect(e.file).toBe("dir/nodes.yaml");
    expect(e.message).toBe(
      'dir/nodes.yaml: Node "sys-1": metadata.labels[eks.amazonaws.com/nodegroup]: Invalid value: "system": no node group of that name in spec.cluster.nodeGroups (general): name it in spec.cluster.nodeGroups, or set spec.cluster.nodes.unknownGroups: Keep to keep it at its size',
    );
    const ungrouped = errorOf(() => apply(s, nodesFile(node("x-1", { label: null }))));
    expect(ungrouped.message).toContain(
      'dir/nodes.yaml: Node "x-1": metadata.labels: Required value: none of',
    );
    expect(ungrouped.message).toContain('its group is "ungrouped"');
  });

  it("groupLabel picks the label; a declared group absent from the file starts empty (warned)", () => {
    const s = scenario(`    nodes: {file: nodes.yaml, groupLabel: pool}
    nodeGroups:
      - {name: blue, maxSize: 5}
      - {name: green, machine: {cpu: "2", memory: 8Gi, pods: 30}, maxSize: 5, initialSize: 1}`);
    const text = nodesFile(
      node("b-1", { group: "blue", label: "pool" }),
      node("b-2", { group: "blue", label: "pool" }),
    );
    const { scenario: out, warnings } = apply(s, text);
    expect(out.cluster?.nodeGroups.map((g) => [g.name, g.initialSize])).toEqual([
      ["blue", 2],
      ["green", 0],
    ]);
    expect(warnings).toStrictEqual([
      'spec.cluster.nodeGroups[1] "green": no node of this group in dir/nodes.yaml (its groups: blue (2)): it starts with 0 nodes',
    ]);
  });

  it("a group without machine and without nodes in the file is an error naming the scenario field", () => {
    const s = scenario(`    nodes: {file: nodes.yaml}
    nodeGroups:
      - {name: general, maxSize: 5}
      - {name: spot, maxSize: 5}`);
    const e = errorOf(() => apply(s));
    expect(e.message).toBe(
      'dir/s.yaml: spec.cluster.nodeGroups[1].machine: Required value: dir/nodes.yaml has no node of group "spot" to take the shape from (its groups: general (3))',
    );
  });

  it("warns about nodes that are not Ready, a count above maxSize, and uneven shapes", () => {
    const text = nodesFile(node("ip-1"), node("ip-2", { ready: false }), node("ip-3", { cpu: "3900m" }));
    const { warnings } = apply(
      scenario(`    nodes: {file: nodes.yaml}
    nodeGroups:
      - {name: general, maxSize: 2}`),
      text,
    );
    expect(warnings).toStrictEqual([
      'the 3 node(s) of group "general" in dir/nodes.yaml differ in allocatable (ip-3 unlike the others): nodes the autoscaler adds take the shape of the first by name (cpu 3920m, memory 14880156Ki, pods 58)',
      'the 3 node(s) of group "general" in dir/nodes.yaml are more than spec.cluster.nodeGroups[0].maxSize 2: the autoscaler adds none to it (it may remove some)',
      "dir/nodes.yaml: ip-2 is not Ready: the replay starts every given node Ready",
    ]);
  });

  it("a malformed file or one without nodes is an error naming the file", () => {
    const bad = errorOf(() => apply(scenario(GENERAL), nodesFile(node("ip-1", { cpu: "lots" }))));
    expect(bad.message).toContain(
      'dir/nodes.yaml: Node "ip-1": status.allocatable[cpu]: Invalid value: "lots"',
    );
    const empty = errorOf(() => apply(scenario(GENERAL), nodesFile()));
    expect(empty.message).toBe(
      "dir/nodes.yaml: no Node objects: expected the output of kubectl get nodes -o yaml",
    );
    const notNodes = errorOf(() => apply(scenario(GENERAL), deploymentYaml()));
    expect(notNodes.message).toContain(
      'dir/nodes.yaml: Deployment "web": kind: Unsupported value: "Deployment"',
    );
  });
});

describe("--nodes (SimulationFlags.nodesFile)", () => {
  it("replaces spec.cluster.nodes.file, relative to the working directory, and is noted", () => {
    const s = applyFlags(scenario(GENERAL), { nodesFile: "other/nodes.yaml" });
    expect(s.cluster?.nodes).toMatchObject({ file: "other/nodes.yaml", fileBase: "cwd" });
    expect(s.notes).toStrictEqual(['command line: --nodes "other/nodes.yaml" (scenario: "nodes.yaml")']);
    const read: string[] = [];
    const loaded = loadClusterNodes(s, (p) => {
      read.push(p);
      return THREE;
    });
    expect(read).toStrictEqual(["other/nodes.yaml"]);
    expect(loaded.scenario.cluster?.initialNodes).toHaveLength(3);
  });

  it("adds nodes to a cluster without spec.cluster.nodes; needs spec.cluster", () => {
    const s = applyFlags(
      scenario("    nodeGroups: [{name: general, machine: {cpu: 4, memory: 16Gi, pods: 58}, maxSize: 5}]"),
      { nodesFile: "n.yaml" },
    );
    expect(s.cluster?.nodes).toStrictEqual({
      file: "n.yaml",
      fileBase: "cwd",
      groupLabel: null,
      unknownGroups: "Keep",
    });
    const noCluster = parseScenario(
      "apiVersion: kube-whatif.dev/v1alpha1\nkind: Scenario\nspec: {}",
      "s.yaml",
    );
    const e = errorOf(() => applyFlags(noCluster, { nodesFile: "n.yaml" }));
    expect(e.message).toBe(
      "command line: --nodes: Forbidden: needs spec.cluster in the scenario: its nodeGroups give each group of the nodes its price, sizes and delays",
    );
  });

  it("an unreadable file names the field that named it", () => {
    const fail = (p: string): string => {
      throw new Error(`ENOENT: no such file, open '${p}'`);
    };
    expect(errorOf(() => loadClusterNodes(scenario(GENERAL), fail)).message).toBe(
      "dir/s.yaml: spec.cluster.nodes.file: cannot read dir/nodes.yaml: ENOENT: no such file, open 'dir/nodes.yaml'",
    );
    const flagged = applyFlags(scenario(GENERAL), { nodesFile: "n.yaml" });
    expect(errorOf(() => loadClusterNodes(flagged, fail)).message).toBe(
      "command line: --nodes: cannot read n.yaml: ENOENT: no such file, open 'n.yaml'",
    );
  });
});

describe("examples/worldcup/cluster-from-nodes-scenario.yaml", () => {
  it("loads the three EKS nodes of examples/worldcup/nodes.yaml as the initial nodes", () => {
    const path = "examples/worldcup/cluster-from-nodes-scenario.yaml";
    const read: string[] = [];
    const { inputs } = loadSimulationInputs({
      manifests: [],
      scenario: { path, text: readFileSync(path, "utf8") },
      readFile: (p) => {
        read.push(p);
        return readFileSync(p, "utf8");
      },
    });
    expect(read[0]).toBe("examples/worldcup/nodes.yaml");
    expect(inputs.cluster?.initialNodes?.map((n) => n.name)).toStrictEqual([
      "ip-10-0-1-17.eu-west-1.compute.internal",
      "ip-10-0-2-91.eu-west-1.compute.internal",
      "ip-10-0-3-44.eu-west-1.compute.internal",
    ]);
    expect(inputs.cluster?.nodeGroups[0]).toMatchObject({
      name: "general",
      capacity: { cpuMilli: 4000, memBytes: 15896988 * KI, pods: 58 },
      allocatable: { cpuMilli: 3920, memBytes: 14880156 * KI, pods: 58 },
      initialSize: 3,
      pricePerHour: 0.214,
    });
    expect(inputs.warnings).toStrictEqual([]);
  });
});
