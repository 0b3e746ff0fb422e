/**
 * `kube-whatif simulate` with a cluster model, end to end, for what the report adds: the load unserved while
 * pods were Pending, the Pending and nodes charts, the CSV node columns, and the pod template's placement
 * reaching the scheduler. The scenario is examples/worldcup/cluster-scenario.yaml (one group "general", one
 * node at the start) for one hour from 29 June 1998 12:00, its Deployment given a nodeSelector.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const WINDOW = ["--from", "1998-06-29T12:00:00", "--duration", "1h"];
const dir = mkdtempSync(join(tmpdir(), "kube-whatif-placement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example scenario (trace path made absolute), its group labelled `groupLabels`, in `dir/<name>`. */
function scenario(name: string, groupLabels: string | null): string {
  let text = readFileSync(join(ROOT, "examples/worldcup/cluster-scenario.yaml"), "utf8").replace(
    "file: ../../traces/",
    `file: ${join(ROOT, "traces")}/`,
  );
  if (groupLabels !== null)
    text = text.replace("- name: general", `- name: general\n        labels: ${groupLabels}`);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** examples/worldcup/web.yaml with `podSpecLine` added to the pod template's spec, as `dir/<name>`. */
function web(name: string, podSpecLine: string): string {
  const text = readFileSync(join(ROOT, "examples/worldcup/web.yaml"), "utf8").replace(
    "      terminationGracePeriodSeconds: 30",
    `      terminationGracePeriodSeconds: 30\n      ${podSpecLine}`,
  );
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("a nodeSelector no node group satisfies", () => {
  web("web.yaml", "nodeSelector: {disk: ssd}");
  const file = scenario("unmatched.yaml", null);
  const run = runCli(["simulate", "-s", file, ...WINDOW, "-o", "json"]);
  const doc = JSON.parse(run.stdout);
  const c = doc.summary.cluster;

  it("keeps every pod Pending: all the load is unserved while pods are Pending", () => {
    expect(run.code).toBe(0);
    // the 4 starting replicas never bind (the one node lacks disk=ssd): 4 pods x 3600 s
    expect(c.pendingPodSeconds).toBe(4 * 3600);
    expect(c.longestPendingSeconds).toBe(3600);
    // nothing is ever served, and a pod is Pending at every moment: unserved while Pending = all the demand
    expect(doc.summary.totalUnserved).toBe(doc.summary.totalDemand);
    expect(c.unservedWhilePending).toBe(doc.summary.totalDemand);
    expect(c.unservedWhilePendingShare).toBe(1);
    expect(c.unschedulableAtEnd).toHaveLength(4);
    expect(c.unschedulableAtEnd[0].reason).toContain(
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it("prints the unserved-while-Pending line and the Pending / nodes charts", () => {
    const text = runCli(["simulate", "-s", file, ...WINDOW, "--width", "80"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("  Pending pods    14400 pod-seconds, longest 1h\n");
    expect(text.stdout).toContain("unserved while Pending: 100.0% of demand (100.0% of the unserved load)");
    // 4 pods Pending throughout: a flat count, drawn on whole rows 3..5
    expect(text.stdout).toMatch(
      /\nPending pods waiting for a node \(pods; max per \d+s column\)\n5 pods┤\n4 pods┼─+\n3 pods┤\n/,
    );
    expect(text.stdout).toMatch(/\nNodes per group \(nodes; max per \d+s column\)\n/);
    expect(text.stdout).toContain("── general");
  });

  it("the CSV has the node columns", () => {
    const csv = runCli(["simulate", "-s", file, ...WINDOW, "-o", "csv"]);
    expect(csv.code).toBe(0);
    const [header, first] = csv.stdout.split("\n");
    expect(header).toMatch(
      /,pendingPods,startingPods,terminatingPods,nodes\.general,nodes\.total,cost,cpu\.observed,/,
    );
    // t=0 (the WorldCup98 trace's 1998-06-29 12:00 UTC, from --from): 4 Pending, one node, no cost yet
    expect(first).toMatch(/^0,1998-06-29T12:00:00Z,[\d.]+,0,[\d.]+,4,4,0,4,0,0,1,1,0,/);
  });
});

describe("the same nodeSelector with the group labelled disk=ssd", () => {
  const file = scenario("matched.yaml", "{disk: ssd}");
  const doc = JSON.parse(runCli(["simulate", "-s", file, ...WINDOW, "-o", "json"]).stdout);

  it("schedules the pods: nothing unschedulable, less unserved while Pending than in all", () => {
    const c = doc.summary.cluster;
    expect(c.unschedulableAtEnd).toEqual([]);
    expect(c.unservedWhilePending).toBeLessThan(doc.summary.totalDemand);
    expect(c.unservedWhilePending).toBeLessThanOrEqual(doc.summary.totalUnserved);
    expect(c.unservedWhilePendingShare).toBe(c.unservedWhilePending / doc.summary.totalDemand);
  });
});

describe("an invalid toleration", () => {
  it("exits 2 naming the file, object, field path and rule", () => {
    const bad = web("bad.yaml", "tolerations: [{key: dedicated, operator: Exists, value: web}]");
    const run = runCli(["simulate", "-f", bad, "--expression", "100", "--duration", "1h"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${bad}: Deployment "web": spec.template.spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"dedicated", Operator:"Exists", Value:"web", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when \`operator\` is 'Exists'`,
    );
  });
});
