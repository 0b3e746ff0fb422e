import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readKubectlNodes } from "../../src/cluster/kubectl-nodes.js";
import { schedulePod } from "../../src/cluster/scheduler.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { makePod } from "./builders.js";

const FIXTURE = "kubectl-get-nodes.yaml";
const text = readFileSync(new URL(`../fixtures/cluster/${FIXTURE}`, import.meta.url), "utf8");
const KI = 1024;

function readError(yaml: string): InputError {
  try {
    readKubectlNodes(yaml, "nodes.yaml");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("readKubectlNodes (fixtures/cluster/kubectl-get-nodes.yaml)", () => {
  const { nodes, groups } = readKubectlNodes(text, FIXTURE, { now: 0 });

  it("reads every Node of the List with its group, shape, taints and readiness", () => {
    expect(
      nodes.map((n) => ({
        name: n.name.split(".")[0],
        group: n.group,
        ready: n.readyAt !== null,
        unschedulable: n.unschedulable,
        taints: n.taints,
      })),
    ).toStrictEqual([
      { name: "ip-10-0-1-17", group: "general", ready: true, unschedulable: false, taints: [] },
      // Ready status Unknown; the lifecycle controller's unreachable taints are derived state, dropped
      { name: "ip-10-0-2-91", group: "general", ready: false, unschedulable: false, taints: [] },
      {
        name: "ip-10-0-3-44",
        group: "gpu",
        ready: true,
        unschedulable: false,
        taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
      },
      // karpenter.sh/nodepool names the group; cordoned (its unschedulable taint is derived, dropped)
      { name: "ip-10-0-1-203", group: "default", ready: true, unschedulable: true, taints: [] },
    ]);
  });

  it("parses quantities exactly: 3920m -> 3920 millicores, 14880156Ki -> bytes, pods, GPUs", () => {
    expect(nodes[0]?.allocatable).toStrictEqual({ cpuMilli: 3920, memBytes: 14880156 * KI, pods: 58 });
    expect(nodes[0]?.capacity).toStrictEqual({ cpuMilli: 4000, memBytes: 15896988 * KI, pods: 58 });
    expect(nodes[2]?.allocatable).toStrictEqual({
      cpuMilli: 3920,
      memBytes: 15104788 * KI,
      pods: 29,
      gpus: 1,
    });
  });

  it("derives the groups: size, label, shape of the first node, labels shared by all members", () => {
    expect(groups.map((g) => [g.name, g.label, g.size])).toStrictEqual([
      ["default", "karpenter.sh/nodepool", 1],
      ["general", "eks.amazonaws.com/nodegroup", 2],
      ["gpu", "eks.amazonaws.com/nodegroup", 1],
    ]);
    // the zone differs between the two general nodes (1a, 1b), so it is not a group label
    expect(groups[1]?.labels).toStrictEqual({
      "eks.amazonaws.com/capacityType": "ON_DEMAND",
      "eks.amazonaws.com/nodegroup": "general",
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/os": "linux",
      "node.kubernetes.io/instance-type": "m5.xlarge",
      "topology.kubernetes.io/region": "eu-west-1",
    });
  });

  it("the scheduler sees the real cluster: only the Ready, untainted, uncordoned node takes a pod", () => {
    expect(schedulePod(makePod(1000, 1024 ** 3), nodes, 0, { scoring: "LeastAllocated" })).toMatchObject({
      node: "ip-10-0-1-17.eu-west-1.compute.internal",
    });
    const r = schedulePod(makePod(5000, 1024 ** 3), nodes, 0, { scoring: "LeastAllocated" });
    expect("unschedulable" in r && r.unschedulable.reason).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, " +
        "1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) were unschedulable. " +
        "preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, " +
        "3 Preemption is not helpful for scheduling.",
    );
  });

  it("the instance type is the fallback group label; a custom label list can be given", () => {
    const byType = readKubectlNodes(text, FIXTURE, { groupLabels: ["node.kubernetes.io/instance-type"] });
    expect(byType.groups.map((g) => g.name)).toStrictEqual(["c7g.2xlarge", "g4dn.xlarge", "m5.xlarge"]);
    const none = readKubectlNodes(text, FIXTURE, { groupLabels: ["example.com/pool"] });
    expect(none.groups.map((g) => [g.name, g.size])).toStrictEqual([["ungrouped", 4]]);
  });

  it("DaemonSet overhead per group is applied to its nodes", () => {
    const withOverhead = readKubectlNodes(text, FIXTURE, {
      overhead: { general: { cpuMilli: 190, memBytes: 300 * 1024 ** 2, pods: 4 } },
    });
    expect(withOverhead.nodes.map((n) => n.overhead.pods)).toStrictEqual([4, 4, 0, 0]);
  });
});

describe("readKubectlNodes errors name the file, the Node and the field", () => {
  const node = (status: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n${status}`;

  it("a malformed quantity", () => {
    const e = readError(node("  allocatable: {cpu: lots, memory: 1Gi, pods: 110}\n"));
    expect(e.message).toBe(
      `nodes.yaml: Node "n1": status.allocatable[cpu]: Invalid value: "lots": ` +
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect([e.file, e.objectRef, e.fieldPath]).toStrictEqual([
      "nodes.yaml",
      "Node/n1",
      "status.allocatable[cpu]",
    ]);
  });

  it("missing allocatable, and missing resources within it", () => {
    expect(readError(node("  capacity: {cpu: 1}\n")).message).toBe(
      `nodes.yaml: Node "n1": status.allocatable: Required value: the node's allocatable resources are needed to schedule pods`,
    );
    expect(readError(node("  allocatable: {cpu: 1}\n")).message).toBe(
      `nodes.yaml: Node "n1" is invalid (2 errors):\n` +
        "  * status.allocatable[memory]: Required value\n  * status.allocatable[pods]: Required value",
    );
  });

  it("an object that is not a Node, a bad taint effect, a duplicate name", () => {
    expect(readError("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n").message).toBe(
      `nodes.yaml: Pod "p": kind: Unsupported value: "Pod": supported values: "Node"`,
    );
    const taint = `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n  taints: [{key: a, effect: Sometimes}]\nstatus:\n  allocatable: {cpu: 1, memory: 1Gi, pods: 10}\n`;
    expect(readError(taint).message).toBe(
      `nodes.yaml: Node "n1": spec.taints[0].effect: Unsupported value: "Sometimes": ` +
        `supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"`,
    );
    const one =
      "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  allocatable: {cpu: 1, memory: 1Gi, pods: 10}\n";
    expect(readError(`${one}---\n${one}`).message).toBe(
      `nodes.yaml: Node "n1": metadata.name: Invalid value: "n1": duplicate node name in the file`,
    );
  });
});
