import { describe, expect, it } from "vitest";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import { defaultDrainRules, getPodsToMove } from "../../src/cluster-autoscaler/drainability.js";
import {
  filterOutUnremovable,
  SCALE_DOWN_DISABLED_ANNOTATION,
} from "../../src/cluster-autoscaler/eligibility.js";
import { QuotaTracker } from "../../src/cluster-autoscaler/resource-quotas.js";
import { scaleDownInCooldown } from "../../src/cluster-autoscaler/scale-down-cooldown.js";
import {
  removableAt,
  type UnneededEntry,
  updateUnneededSince,
} from "../../src/cluster-autoscaler/unneeded-nodes.js";
import { calculateUtilization, GPU_LABEL } from "../../src/cluster-autoscaler/utilization.js";
import { makeNode, makeNodeGroup, makePod, NOW } from "./builders.js";

const noSkip = { skipDaemonSetPods: false, skipMirrorPods: false };
const DS = { kind: "DaemonSet", name: "ds", apiGroup: "apps" };

describe("utilization", () => {
  it("takes the larger of CPU and memory", () => {
    // cpu (100+100)/2000 = 0.1, memory (200000+200000)/2000000 = 0.2 -> memory 0.2
    const pods = [
      makePod("a", 100, 200_000),
      makePod("b", 100, 200_000),
      { name: "c", namespace: "d", containers: [{}] },
    ];
    const u = calculateUtilization(makeNode("n", 2000, 2_000_000), pods, noSkip, NOW);
    expect(u).toMatchObject({ cpuUtil: 0.1, memUtil: 0.2, utilization: 0.2, resourceName: "memory" });
  });

  it("counts sidecars, and the largest init step when it dominates", () => {
    // sidecar 50m + app 100m = 150m; init step 50m + 5m = 55m < 150m -> 150m / 2000m = 0.075
    const pod = makePod("p", 100, 0, {
      initContainers: [{ cpuMilli: 50, restartPolicy: "Always" }, { cpuMilli: 5 }],
    });
    expect(calculateUtilization(makeNode("n", 2000, 1000), [pod], noSkip, NOW)).toMatchObject({
      cpuUtil: 0.075,
    });
  });

  it("skipped DaemonSet pods leave numerator and allocatable", () => {
    // (2000 - 100 - 100) = 1800m allocatable left, 450m counted -> 0.25
    const pods = [
      makePod("a", 450, 0),
      makePod("ds1", 100, 0, { owner: DS }),
      makePod("ds2", 100, 0, { owner: DS }),
    ];
    const u = calculateUtilization(
      makeNode("n", 2000, 1000),
      pods,
      { skipDaemonSetPods: true, skipMirrorPods: false },
      NOW,
    );
    expect(u).toMatchObject({ cpuUtil: 0.25 });
  });

  it("ignores pods deleted longer than grace + 30 s ago", () => {
    // deleted at NOW-61 with 30 s grace: NOW-61+30+30 = NOW-1 < NOW -> ignored; at NOW-60 it still counts
    const gone = makePod("gone", 1000, 0, { deletedAt: NOW - 61 });
    const going = makePod("going", 1000, 0, { deletedAt: NOW - 60 });
    expect(calculateUtilization(makeNode("n", 2000, 1000), [gone], noSkip, NOW)).toMatchObject({
      cpuUtil: 0,
    });
    expect(calculateUtilization(makeNode("n", 2000, 1000), [going], noSkip, NOW)).toMatchObject({
      cpuUtil: 0.5,
    });
  });

  it("GPU nodes use GPU utilization only; an unallocatable GPU counts as 0", () => {
    const gpuNode = makeNode("g", 2000, 2_000_000, {
      allocatable: { cpuMilli: 2000, memBytes: 2_000_000, pods: 110, gpus: 1 },
    });
    const pods = [
      makePod("a", 100, 200_000),
      { name: "g", namespace: "d", containers: [{ cpuMilli: 100, gpus: 1 }] },
    ];
    expect(calculateUtilization(gpuNode, pods, noSkip, NOW)).toMatchObject({
      utilization: 1,
      resourceName: "nvidia.com/gpu",
    });
    const labelled = makeNode("l", 2000, 2_000_000, { labels: { [GPU_LABEL]: "t4" } });
    expect(calculateUtilization(labelled, pods, noSkip, NOW)).toMatchObject({ utilization: 0 });
  });

  it("is an error when memory allocatable is missing or CPU is 0", () => {
    expect(
      calculateUtilization({ name: "n", allocatable: { cpuMilli: 2000 } }, [], noSkip, NOW),
    ).toBeInstanceOf(Error);
    expect(calculateUtilization(makeNode("n", 0, 10), [], noSkip, NOW)).toBeInstanceOf(Error);
  });
});

describe("eligibility chain", () => {
  const cfg = {
    scaleDownUtilizationThreshold: 0.5,
    scaleDownGpuUtilizationThreshold: 0.5,
    ignoreDaemonSetsUtilization: false,
    ignoreMirrorPodsUtilization: false,
    scaleDownUnreadyEnabled: false,
  };
  const g = makeNodeGroup("ng", 1, 10, 5);
  it("gives the first blocking reason, in upstream order", () => {
    const r = filterOutUnremovable(
      [
        { node: makeNode("recent", 1000, 10), pods: [], nodeGroup: g, recheckUntil: NOW + 1 },
        { node: makeNode("deleting", 1000, 10, { toBeDeletedTaintAt: NOW - 299 }), pods: [], nodeGroup: g },
        {
          node: makeNode("deleted-long-ago", 1000, 10, { toBeDeletedTaintAt: NOW - 300 }),
          pods: [],
          nodeGroup: g,
        },
        {
          node: makeNode("annotated", 1000, 10, {
            annotations: { [SCALE_DOWN_DISABLED_ANNOTATION]: "true" },
          }),
          pods: [],
          nodeGroup: g,
        },
        { node: makeNode("orphan", 1000, 10), pods: [], nodeGroup: undefined },
        { node: makeNode("unready", 1000, 10, { ready: false }), pods: [], nodeGroup: g },
        // 500m / 1000m = 0.5 is at the threshold: still a candidate; 501m is above
        { node: makeNode("half", 1000, 10), pods: [makePod("p", 500, 0)], nodeGroup: g },
        { node: makeNode("busy", 1000, 10), pods: [makePod("p", 501, 0)], nodeGroup: g },
      ],
      cfg,
      NOW,
    );
    expect(r.unneeded).toEqual(["deleted-long-ago", "half"]);
    expect(r.unremovable).toEqual([
      { node: "recent", reason: "RecentlyUnremovable" },
      { node: "deleting", reason: "CurrentlyBeingDeleted" },
      { node: "annotated", reason: "ScaleDownDisabledAnnotation" },
      { node: "orphan", reason: "NotAutoscaled" },
      { node: "unready", reason: "ScaleDownUnreadyDisabled" },
      { node: "busy", reason: "NotUnderutilized" },
    ]);
    expect(r.utilization.get("busy")?.utilization).toBe(0.501);
  });
});

describe("unneeded timers and removable-at", () => {
  it("keeps since for nodes still unneeded, starts new ones now, forgets the rest", () => {
    const next = updateUnneededSince(
      new Map([
        ["a", 100],
        ["b", 200],
      ]),
      ["a", "c"],
      NOW,
    );
    expect([...next]).toEqual([
      ["a", 100],
      ["c", NOW],
    ]);
  });

  const g = makeNodeGroup("ng", 1, 10, 4);
  const entry = (name: string, since: number, empty = true, over = {}): UnneededEntry => ({
    node: makeNode(name, 1000, 1000, over),
    since,
    empty,
    nodeGroup: g,
  });
  const times = { scaleDownUnneededTimeSeconds: 600, scaleDownUnreadyTimeSeconds: 1200 };

  it("removes only strictly after since + unneeded time, empty nodes first, down to min size", () => {
    // size 4, min 1, 1 deletion in progress: 4 - 1 = 3 > 1 -> a; 2 > 1 -> d (drain); 1 -> min reached
    const r = removableAt(
      {
        entries: [
          entry("d", NOW - 601, false),
          entry("a", NOW - 601),
          entry("young", NOW - 600),
          entry("e", NOW - 700, false),
          entry("unready", NOW - 1000, true, { ready: false }),
        ],
        times,
        deletionsInProgress: new Map([["ng", 1]]),
      },
      NOW,
    );
    expect(r.empty.map((n) => n.name)).toEqual(["a"]);
    expect(r.needDrain.map((n) => n.name)).toEqual(["d"]);
    expect(r.unremovable).toEqual([
      { node: "young", reason: "NotUnneededLongEnough" },
      { node: "unready", reason: "NotUnreadyLongEnough" },
      { node: "e", reason: "NodeGroupMinSizeReached" },
    ]);
  });

  it("respects the cluster minimum", () => {
    // min 3 nodes over 4 nodes: 1 node of headroom
    const entries = ["a", "b"].map((n) => entry(n, NOW - 700));
    const nodes = [...entries.map((e) => e.node), makeNode("x", 1000, 1000), makeNode("y", 1000, 1000)];
    const minQuota = QuotaTracker.forMinima([{ id: "cluster", limits: { nodes: 3 } }], nodes);
    const r = removableAt({ entries, times, minQuota }, NOW);
    expect(r.empty.map((n) => n.name)).toEqual(["a"]);
    expect(r.unremovable).toEqual([{ node: "b", reason: "MinimalResourceLimitExceeded" }]);
  });

  it("cooldown: delay after add, after delete, after failure", () => {
    const c = DEFAULT_CA_CONFIG;
    expect(scaleDownInCooldown({ lastScaleUpTime: NOW - 599 }, c, NOW)).toBe(true);
    expect(scaleDownInCooldown({ lastScaleUpTime: NOW - 600 }, c, NOW)).toBe(false);
    expect(scaleDownInCooldown({ lastScaleDownFailTime: NOW - 179 }, c, NOW)).toBe(true);
    expect(scaleDownInCooldown({ lastScaleDownDeleteTime: NOW }, c, NOW)).toBe(false);
    expect(scaleDownInCooldown({}, c, NOW, true)).toBe(true);
  });
});

describe("drain rules", () => {
  const rules = defaultDrainRules(DEFAULT_CA_CONFIG);
  const rs = { kind: "ReplicaSet", name: "rs", apiGroup: "apps" };
  const ctx = { now: NOW };
  it("moves replicated pods, keeps DaemonSet pods apart, skips mirror pods", () => {
    const r = getPodsToMove(
      [
        makePod("web", 100, 0, { owner: rs }),
        makePod("ds", 100, 0, { owner: DS }),
        makePod("static", 100, 0, { annotations: { "kubernetes.io/config.mirror": "x" } }),
      ],
      rules,
      ctx,
    );
    expect(r.pods.map((p) => p.name)).toEqual(["web"]);
    expect(r.daemonSetPods.map((p) => p.name)).toEqual(["ds"]);
    expect(r.blockingPod).toBeUndefined();
  });

  it("blocks on bare pods, kube-system pods without PDB, not-safe-to-evict, local storage, exhausted PDBs", () => {
    const block = (pod: Parameters<typeof makePod>[3], c = ctx) =>
      getPodsToMove([makePod("p", 1, 0, pod)], rules, c).blockingPod?.reason;
    expect(block({})).toBe("NotReplicated");
    expect(block({ owner: { kind: "MyOperator", name: "x" } })).toBe("NotReplicated");
    expect(block({ owner: rs, namespace: "kube-system", createdAt: NOW - 60 })).toBe(
      "UnmovableKubeSystemPod",
    );
    expect(block({ owner: rs, namespace: "kube-system", createdAt: NOW - 3601 })).toBeUndefined();
    expect(
      block({ owner: rs, annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" } }),
    ).toBe("NotSafeToEvictAnnotation");
    expect(block({ owner: rs, localStorage: true })).toBe("LocalStorageRequested");
    const pdbs = [
      {
        namespace: "default",
        matches: (l: Readonly<Record<string, string>>) => l.app === "web",
        disruptionsAllowed: 0,
      },
    ];
    expect(block({ owner: rs, labels: { app: "web" } }, { now: NOW, pdbs } as typeof ctx)).toBe(
      "NotEnoughPdb",
    );
    // safe-to-evict=true overrides the blocking rules after it
    expect(
      block({
        localStorage: true,
        annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" },
      }),
    ).toBe(undefined);
  });
});
