import { describe, expect, it } from "vitest";
import {
  backoffNodeGroup,
  backoffStatus,
  EMPTY_BACKOFF,
  removeBackoff,
  removeStaleBackoffData,
} from "../../src/cluster-autoscaler/backoff.js";
import {
  balanceScaleUpBetweenGroups,
  type ScaleUpInfo,
} from "../../src/cluster-autoscaler/balance-scale-up.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import {
  clusterCapacityNodeLimit,
  getMinLimit,
  sngCapacityNodeLimit,
  staticThreshold,
  ThresholdBasedEstimationLimiter,
} from "../../src/cluster-autoscaler/estimation-limiter.js";
import {
  filterOutYoungPods,
  POD_SCALE_UP_DELAY_ANNOTATION,
} from "../../src/cluster-autoscaler/filter-young-pods.js";
import { clusterResourceLimits, QuotaTracker } from "../../src/cluster-autoscaler/resource-quotas.js";
import {
  BACKOFF_REASON,
  capByGroupMax,
  capByResourceLimits,
  getCappedNewNodeCount,
  MAX_LIMIT_REACHED_REASON,
  nodeGroupSkipReason,
} from "../../src/cluster-autoscaler/scale-up-limits.js";
import { parseGoDuration } from "../../src/units/go-duration.js";
import { GIB, makeNode, makeNodeGroup, makePod, NOW } from "./builders.js";

const sizes = (r: ScaleUpInfo[] | Error) =>
  r instanceof Error ? r : Object.fromEntries(r.map((i) => [i.groupId, i.newSize]));

describe("balancing similar node groups", () => {
  it("fills the smallest group first", () => {
    const gs = [
      makeNodeGroup("ng1", 1, 10, 1),
      makeNodeGroup("ng2", 1, 10, 3),
      makeNodeGroup("ng3", 1, 10, 5),
    ];
    // 1 -> 2 -> 3 -> then ng1 and ng2 alternate: +4 gives ng1 4, ng2 4
    expect(sizes(balanceScaleUpBetweenGroups(gs, 1))).toEqual({ ng1: 2 });
    expect(sizes(balanceScaleUpBetweenGroups(gs, 4))).toEqual({ ng1: 4, ng2: 4 });
  });

  it("ignores full groups, caps at headroom, tolerates a group above its max", () => {
    // ng5 is at 6 over max 3: kept in the list, never grown
    const gs = [makeNodeGroup("ng2", 1, 3, 1), makeNodeGroup("ng5", 1, 3, 6)];
    expect(sizes(balanceScaleUpBetweenGroups(gs, 1))).toEqual({ ng2: 2 });
    expect(sizes(balanceScaleUpBetweenGroups(gs, 10))).toEqual({ ng2: 3 });
    expect(sizes(balanceScaleUpBetweenGroups([makeNodeGroup("ng1", 1, 1, 1)], 1))).toEqual({});
    expect(balanceScaleUpBetweenGroups([], 1)).toBeInstanceOf(Error);
  });
});

describe("scale-up limits", () => {
  it("caps by --max-nodes-total including upcoming nodes", () => {
    expect(getCappedNewNodeCount(5, 8, 0)).toBe(5);
    // 8 + 5 > 10 -> 10 - 8 = 2
    expect(getCappedNewNodeCount(5, 8, 10)).toBe(2);
    expect(getCappedNewNodeCount(5, 10, 10)).toBeInstanceOf(Error);
  });

  it("caps by cores and memory totals on capacity", () => {
    // max 10 cores, 3 nodes of 2 cores used -> 4 cores left -> 2 more 2-core nodes; 3500m counts as 4 cores
    const limits = clusterResourceLimits({ ...DEFAULT_CA_CONFIG, maxCoresTotal: 10 });
    const nodes = [1, 2, 3].map((i) => makeNode(`n${i}`, 2000, GIB));
    const tracker = QuotaTracker.forMaxima([limits.max], nodes);
    expect(capByResourceLimits(5, makeNode("t", 2000, GIB), tracker)).toBe(2);
    expect(capByResourceLimits(5, makeNode("t", 3500, GIB), tracker)).toBe(1);
    expect(capByGroupMax(makeNodeGroup("g", 0, 10, 8), 5)).toBe(2);
  });

  it("skips backed-off, full, or over-limit groups", () => {
    const t = makeNode("t", 2000, GIB);
    expect(nodeGroupSkipReason(makeNodeGroup("g", 0, 5, 1), t, { backedOff: true })).toBe(BACKOFF_REASON);
    expect(nodeGroupSkipReason(makeNodeGroup("g", 0, 5, 5), t, { backedOff: false })).toBe(
      MAX_LIMIT_REACHED_REASON,
    );
    const full = QuotaTracker.forMaxima([{ id: "c", limits: { cpu: 2 } }], [t]);
    expect(nodeGroupSkipReason(makeNodeGroup("g", 0, 5, 1), t, { backedOff: false, tracker: full })).toBe(
      "max cluster cpu limit reached",
    );
    expect(nodeGroupSkipReason(makeNodeGroup("g", 0, 5, 1), t, { backedOff: false })).toBeUndefined();
  });
});

describe("estimation limiter", () => {
  it("combines limits: 0 unset, negative forbids", () => {
    expect(
      [
        [-10, 10],
        [0, 0],
        [0, 10],
        [5, 10],
        [10, 5],
      ].map(([a, b]) => getMinLimit(a as number, b as number)),
    ).toEqual([-1, 0, 10, 5, 5]);
  });

  it("cluster and similar-group capacity", () => {
    const ctx = (max: number, cur: number) => ({
      clusterMaxNodeLimit: max,
      currentNodeCount: cur,
      similarNodeGroups: [],
    });
    expect([
      clusterCapacityNodeLimit(ctx(10, 5)),
      clusterCapacityNodeLimit(ctx(0, 10)),
      clusterCapacityNodeLimit(ctx(5, 10)),
    ]).toEqual([5, 0, -1]);
    // (20-10) + (10-5) + (100-50) + (5-3) = 67
    const similar = [
      makeNodeGroup("a", 0, 10, 5),
      makeNodeGroup("b", 0, 100, 50),
      makeNodeGroup("c", 0, 5, 3),
    ];
    expect(
      sngCapacityNodeLimit(makeNodeGroup("g", 0, 20, 10), { ...ctx(0, 0), similarNodeGroups: similar }),
    ).toBe(67);
  });

  it("stops after the node limit and after the duration", () => {
    const l = new ThresholdBasedEstimationLimiter([staticThreshold(2, 10)]);
    l.startEstimation(undefined, undefined, NOW);
    expect([l.permissionToAddNode(NOW), l.permissionToAddNode(NOW), l.permissionToAddNode(NOW)]).toEqual([
      true,
      true,
      false,
    ]);
    l.startEstimation(undefined, undefined, NOW);
    // 10 s allowed: at NOW+10 still, after it no more
    expect([l.permissionToAddNode(NOW + 10), l.permissionToAddNode(NOW + 10.5)]).toEqual([true, false]);
    expect(l.nodes).toBe(1);
  });
});

describe("backoff", () => {
  const cfg = { initialSeconds: 300, maxSeconds: 1800, resetSeconds: 10800 };
  it("5, 10, 20, 30, 30 minutes for failures after each expiry", () => {
    let state = EMPTY_BACKOFF;
    let t = 0;
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = backoffNodeGroup(state, "g", { errorCode: "QUOTA" }, t, cfg);
      durations.push(r.backoffUntil - t);
      state = r.state;
      t = r.backoffUntil + 1;
    }
    expect(durations).toEqual([300, 600, 1200, 1800, 1800]);
    expect(backoffStatus(state, "g", t - 1)).toEqual({
      isBackedOff: true,
      errorInfo: { errorCode: "QUOTA" },
    });
    expect(backoffStatus(removeBackoff(state, "g"), "g", t - 1)).toEqual({ isBackedOff: false });
  });

  it("forgets entries 3 h after their last failure", () => {
    let s = backoffNodeGroup(EMPTY_BACKOFF, "a", undefined, 0, cfg).state;
    s = backoffNodeGroup(s, "b", undefined, 3600, cfg).state;
    // a: 0 + 10800 < 14400 -> dropped; b: 3600 + 10800 = 14400 not < 14400 -> kept
    expect([...removeStaleBackoffData(s, 14400, cfg).keys()]).toEqual(["b"]);
  });
});

describe("young pods and Go durations", () => {
  it("parses Go durations exactly", () => {
    expect(parseGoDuration("5m")).toBe(300_000_000_000n);
    expect(parseGoDuration("1h30m")).toBe(5_400_000_000_000n);
    expect(parseGoDuration("1.5s")).toBe(1_500_000_000n);
    expect(parseGoDuration("-2ms")).toBe(-2_000_000n);
    expect(parseGoDuration("0")).toBe(0n);
    for (const bad of ["", "5", "error", "1d", "."]) expect(() => parseGoDuration(bad)).toThrow(/time: /);
  });

  it("keeps pods strictly older than their delay; annotations only lengthen it", () => {
    const pod = (name: string, age: number, delay?: string) =>
      makePod(name, 1, 1, {
        createdAt: NOW - age,
        ...(delay === undefined ? {} : { annotations: { [POD_SCALE_UP_DELAY_ANNOTATION]: delay } }),
      });
    // global 60 s: 60 s old is not older than 60 s; 61 s is
    const r = filterOutYoungPods(
      [pod("a", 60), pod("b", 61), pod("c", 120, "2m"), pod("d", 121, "2m"), pod("e", 61, "30s")],
      60,
      NOW,
    );
    expect(r.kept.map((p) => p.name)).toEqual(["b", "d", "e"]);
    expect(r.log).toEqual([
      `Failed to set pod scale up delay for "e" through annotation ${POD_SCALE_UP_DELAY_ANNOTATION}: 30000000000 is less then 60000000000`,
    ]);
  });
});
