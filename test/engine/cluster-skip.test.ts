/**
 * Skipping autoscaler loops that cannot decide anything new (ca-actuation.ts autoscale,
 * src/cluster-autoscaler/skip-loops.ts) changes no result: every scenario is replayed with skipping and with
 * `caLoopSkipping: false`, and the results (timeline, events including the autoscaler's, summaries) must be
 * byte-identical. Each scenario also checks that loops were in fact skipped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NodeGroupSpec } from "../../src/cluster/node-groups.js";
import { DEFAULT_CA_CONFIG } from "../../src/cluster-autoscaler/config.js";
import { caLoopStats } from "../../src/engine/cluster-phase.js";
import type { ClusterInputs, RunInputs } from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import { asOtherWorkload, makeRunInputs } from "./builders.js";
import { burstBehavior, burstThenDrop, clusterOf, generalGroup } from "./cluster-builders.js";

const GIB = 1024 ** 3;

function withoutSkipping(inputs: RunInputs): RunInputs {
  const cluster = inputs.cluster as ClusterInputs;
  return { ...inputs, cluster: { ...cluster, caLoopSkipping: false } as ClusterInputs };
}

/** Replays with and without skipping; returns both JSON texts and the loops run / skipped with skipping. */
function replayBoth(inputs: RunInputs) {
  const run0 = caLoopStats.run;
  const skipped0 = caLoopStats.skipped;
  const stamped0 = caLoopStats.stampSkips;
  const a = simulate(inputs);
  const run = caLoopStats.run - run0;
  const skipped = caLoopStats.skipped - skipped0;
  const stampSkips = caLoopStats.stampSkips - stamped0;
  const b = simulate(withoutSkipping(inputs));
  return { a, b, skipping: JSON.stringify(a), every: JSON.stringify(b), run, skipped, stampSkips };
}

function expectIdentical(inputs: RunInputs): { run: number; skipped: number; stampSkips: number } {
  const r = replayBoth(inputs);
  expect(r.a.events).toEqual(r.b.events);
  expect(r.skipping).toBe(r.every);
  return { run: r.run, skipped: r.skipped, stampSkips: r.stampSkips };
}

function sharedCluster(maxSize: number, durationSeconds: number) {
  const batch = makeRunInputs({
    replicas: 2,
    maxReplicas: 6,
    behavior: burstBehavior,
    demand: [
      [0, 50],
      [16, 1000],
      [1200, 20],
    ],
    durationSeconds,
    recordEverySeconds: 5,
    cluster: clusterOf([generalGroup({ initialSize: 2, maxSize })]),
  });
  const webRun = makeRunInputs({
    replicas: 4,
    maxReplicas: 8,
    behavior: burstBehavior,
    demand: [
      [0, 100],
      [1, 1000],
      [900, 50],
    ],
    durationSeconds,
  });
  const main: RunInputs = {
    ...batch,
    hpa: {
      ...batch.hpa,
      metadata: { name: "batch", namespace: "default" },
      spec: { ...batch.hpa.spec, scaleTargetRef: { ...batch.hpa.spec.scaleTargetRef, name: "batch" } },
    },
    target: { ...batch.target, name: "batch", podLabels: { app: "batch" }, selector: "app=batch" },
  };
  const web = asOtherWorkload(webRun);
  return { ...main, otherWorkloads: [web] };
}

describe("skipping autoscaler loops gives byte-identical results", () => {
  it("burst, scale-up, then scale-down of an underutilized node (delay after add, unneeded time, drain)", () => {
    const s = expectIdentical(burstThenDrop(clusterOf([generalGroup()])));
    expect(s.skipped).toBeGreaterThan(s.run);
    // most skips need no walk of the key (ca-observation-stamp.ts); test/verify-shortcuts.ts walks it anyway
    expect(caLoopStats.verifyStamps).toBe(true);
    expect(s.stampSkips).toBeGreaterThan(s.skipped / 2);
  });

  it("burst with a short scale-down-unneeded-time and delays after delete and failure", () => {
    const ca = {
      ...DEFAULT_CA_CONFIG,
      scaleDownUnneededTimeSeconds: 125,
      scaleDownDelayAfterAddSeconds: 95,
      scaleDownDelayAfterDeleteSeconds: 43,
      scaleDownDelayAfterFailureSeconds: 77,
    };
    const s = expectIdentical(burstThenDrop({ ...clusterOf([generalGroup()]), ca }, 1500, 200));
    expect(s.skipped).toBeGreaterThan(0);
  });

  it("pods 1 s old at a loop are all new (2 s buffer): the scale-up waits for the next loop", () => {
    // loops every 8 s: the HPA sync at 15 adds the pods, the loop at 16 sees them 1 s old
    const inputs = burstThenDrop({ ...clusterOf([generalGroup()]), caScanIntervalSeconds: 8 }, 600, null);
    const s = expectIdentical(inputs);
    expect(s.skipped).toBeGreaterThan(0);
    const r = simulate(inputs);
    expect(r.events.find((e) => e.reason === "ScaledUpGroup")?.t).toBe(24);
  });

  it("a pod bigger than every machine stays Pending for an hour (NotTriggerScaleUp repeats)", () => {
    const inputs = makeRunInputs({
      replicas: 1,
      cpuRequestMilli: 5000n,
      demand: [[0, 10]],
      durationSeconds: 3600,
      cluster: clusterOf([generalGroup()]),
    });
    const s = expectIdentical(inputs);
    expect(s.skipped).toBeGreaterThan(300);
  });

  it("nodes that never register in time: provisioning timeout, backoff 5/10/20 min, then another group", () => {
    const slow = generalGroup({ name: "slow", provisioningDelaySeconds: 5000 });
    const fast = generalGroup({
      name: "fast",
      initialSize: 0,
      minSize: 0,
      capacity: { cpuMilli: 3000, memBytes: 8 * GIB, pods: 110 },
      allocatable: { cpuMilli: 3000, memBytes: 8 * GIB, pods: 110 },
      provisioningDelaySeconds: 1200,
    });
    const s = expectIdentical(burstThenDrop(clusterOf([slow, fast]), 4 * 3600, 3 * 3600));
    expect(s.skipped).toBeGreaterThan(s.run);
    const only = expectIdentical(burstThenDrop(clusterOf([slow]), 4 * 3600, 3 * 3600));
    expect(only.skipped).toBeGreaterThan(only.run);
  });

  it("nodes unready past --max-node-startup-time (registered, NotStarted, then Unready)", () => {
    const group = generalGroup({ startupToReadySeconds: 1500 });
    const s = expectIdentical(burstThenDrop(clusterOf([group]), 3600, 2400));
    expect(s.skipped).toBeGreaterThan(0);
  });

  it("two workloads on one pool that can grow to 4 nodes, then both scale in", () => {
    const s = expectIdentical(sharedCluster(4, 3000));
    expect(s.skipped).toBeGreaterThan(s.run);
  });

  it("random and price expanders, two similar groups, balancing", () => {
    for (const expanders of [["random"], ["price"], ["most-pods", "random"]] as const) {
      const ca = { ...DEFAULT_CA_CONFIG, expanders, balanceSimilarNodeGroups: true };
      const a = generalGroup({ name: "a", minSize: 0, initialSize: 1 });
      const b = generalGroup({ name: "b", minSize: 0, initialSize: 0, pricePerHour: 0.3 });
      expectIdentical(burstThenDrop({ ...clusterOf([a, b]), ca }, 2400));
    }
  });
});

const arbGroup = fc.record({
  cpu: fc.integer({ min: 1000, max: 4000 }),
  minSize: fc.integer({ min: 0, max: 1 }),
  extra: fc.integer({ min: 0, max: 5 }),
  initialSize: fc.integer({ min: 0, max: 2 }),
  provision: fc.integer({ min: 0, max: 1500 }),
  spread: fc.integer({ min: 0, max: 60 }),
  toReady: fc.integer({ min: 0, max: 1200 }),
});

const arbCase = fc.record({
  replicas: fc.integer({ min: 1, max: 6 }),
  cpuRequestMilli: fc.integer({ min: 100, max: 2500 }),
  groups: fc.array(arbGroup, { minLength: 1, maxLength: 2 }),
  high: fc.integer({ min: 0, max: 3000 }),
  riseAt: fc.integer({ min: 1, max: 600 }),
  dropAt: fc.integer({ min: 60, max: 1800 }),
  expander: fc.constantFrom("least-waste", "random", "price", "most-pods", "least-nodes"),
  unneeded: fc.integer({ min: 0, max: 700 }),
  afterAdd: fc.integer({ min: 0, max: 700 }),
  afterDelete: fc.integer({ min: 0, max: 120 }),
  delayAfterTaint: fc.integer({ min: 0, max: 10 }),
  newPodDelay: fc.integer({ min: 0, max: 40 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

function inputsFor(c: typeof arbCase extends fc.Arbitrary<infer T> ? T : never): RunInputs {
  const groups: NodeGroupSpec[] = c.groups.map((g, i) => {
    const shape = { cpuMilli: g.cpu, memBytes: 8 * GIB, pods: 110 };
    return generalGroup({
      name: `g${i}`,
      capacity: shape,
      allocatable: shape,
      minSize: g.minSize,
      maxSize: Math.max(g.minSize, g.initialSize) + g.extra,
      initialSize: Math.max(g.minSize, g.initialSize),
      pricePerHour: 0.1 + 0.1 * i,
      provisioningDelaySeconds: { distribution: "uniform", min: g.provision, max: g.provision + g.spread },
      startupToReadySeconds: g.toReady,
    });
  });
  const ca = {
    ...DEFAULT_CA_CONFIG,
    expanders: [c.expander],
    scaleDownUnneededTimeSeconds: c.unneeded,
    scaleDownDelayAfterAddSeconds: c.afterAdd,
    scaleDownDelayAfterDeleteSeconds: c.afterDelete,
    nodeDeleteDelayAfterTaintSeconds: c.delayAfterTaint,
    newPodScaleUpDelaySeconds: c.newPodDelay,
  };
  return makeRunInputs({
    replicas: c.replicas,
    maxReplicas: 12,
    behavior: burstBehavior,
    cpuRequestMilli: BigInt(c.cpuRequestMilli),
    demand: [
      [0, 50],
      [c.riseAt, c.high],
      [c.riseAt + c.dropAt, 10],
    ],
    durationSeconds: 3600,
    seed: c.seed,
    cluster: { ...clusterOf(groups), ca },
  });
}

describe("skipping autoscaler loops: property", () => {
  it("random small clusters give byte-identical results with and without skipping", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const r = replayBoth(inputsFor(c));
        expect(r.skipping).toBe(r.every);
      }),
      { numRuns: 60, seed: 2024 },
    );
  });
});
