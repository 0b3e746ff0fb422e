/**
 * topologySpreadConstraints end to end (test/fixtures/topology-spread/zones.yaml): 3 pods of `web` must spread
 * over two zones (DoNotSchedule, maxSkew 1, minDomains 2); the cluster has one 4-core node in zone a and a
 * zone-b group of at most one node (provisioning 60 s, Ready 30 s later).
 *
 * By hand: at the start only zone a exists, 1 domain < minDomains 2, so the global minimum is 0: the first pod
 * fits zone-a-1 (0 + 1 - 0 = 1), the two others do not (1 + 1 - 0 = 2 > 1) and wait. The cluster autoscaler's
 * binpacking respects the constraint: zone-a is at its max, a zone-b node takes both (zone b 0 + 1 - 0 = 1, then
 * with zones a 1 and b 1: 1 + 1 - 1 = 1), so it scales zone-b 0 -> 1 at its first loop (t = 0). The node
 * registers at 60 NotReady (a domain with 0 pods: zone-a-1 still fails the skew, zone-b-1 the not-ready taint)
 * and is Ready at 90: the first waiting pod goes to zone-b-1, the second (zones 1 / 1, min 1) fits either.
 * Pending from 0 to 90: 2 x 90 = 180 pod-seconds. (Without the constraints in the autoscaler's view its own
 * filter would find room on zone-a-1, and no scale-up would come.)
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const ZONES = "test/fixtures/topology-spread/zones.yaml";
const INVALID = "test/fixtures/topology-spread/invalid-spread.yaml";
const SPREAD = "node(s) didn't match pod topology spread constraints";

interface Doc {
  events: { t: number; reason: string; object: string; message: string }[];
  summary: {
    cluster: {
      nodeGroups: Record<string, { peakNodes: number; scaleUps: number }>;
      pendingPodSeconds: number;
      longestPendingSeconds: number;
      unschedulableAtEnd: unknown[];
    };
  };
}

describe("simulate with topologySpreadConstraints", () => {
  const run = runCli(["simulate", "-f", ZONES, "-o", "json"]);
  const doc = JSON.parse(run.stdout) as Doc;
  const failed = doc.events.filter((e) => e.reason === "FailedScheduling");

  it("two pods wait: the scheduler's reason names the spread constraint", () => {
    expect(run.code).toBe(0);
    expect(new Set(failed.map((e) => e.object)).size).toBe(2);
    expect(failed.filter((e) => e.t < 60).map((e) => e.message)).toStrictEqual([
      `0/1 nodes are available: 1 ${SPREAD}. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
      `0/1 nodes are available: 1 ${SPREAD}. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
    ]);
    // the new zone-b node registers NotReady at 60: a domain with 0 pods, tainted
    expect(failed.filter((e) => e.t === 60).map((e) => e.message)).toStrictEqual([
      `0/2 nodes are available: 1 ${SPREAD}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
      `0/2 nodes are available: 1 ${SPREAD}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
    ]);
  });

  it("the cluster autoscaler adds the zone-b node the constraint needs; every pod is bound at 90", () => {
    expect(doc.events.filter((e) => e.reason === "ScaledUpGroup").map((e) => [e.t, e.message])).toStrictEqual(
      [[0, "Scale-up: setting group zone-b size to 1 instead of 0 (max: 1)"]],
    );
    expect(doc.summary.cluster.nodeGroups["zone-b"]).toMatchObject({ peakNodes: 1, scaleUps: 1 });
    expect(doc.summary.cluster.longestPendingSeconds).toBe(90);
    expect(doc.summary.cluster.pendingPodSeconds).toBe(180);
    expect(doc.summary.cluster.unschedulableAtEnd).toStrictEqual([]);
  });

  it("validate rejects constraints the API server rejects, exit 2", () => {
    const r = runCli(["validate", INVALID]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const P = "spec.template.spec.topologySpreadConstraints";
    expect(r.stderr).toBe(
      [
        `error: ${INVALID}: Deployment "web" is invalid (3 errors):`,
        `  * ${P}[0].maxSkew: Invalid value: 0: must be greater than zero`,
        `  * ${P}[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{topology.kubernetes.io/zone, DoNotSchedule}"`,
        `  * ${P}[2].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
        "",
      ].join("\n"),
    );
  });
});
