/**
 * PodTopologySpread in random replays: a Deployment with a DoNotSchedule zone constraint (random maxSkew,
 * minDomains) on node groups in two or three zones, scaling up and down, nodes added by the cluster autoscaler.
 * Every scheduling the replay makes is watched (the scheduler module is wrapped) and checked with a count of
 * its own: after the bind, the chosen zone holds at most maxSkew more matching pods than the least loaded
 * eligible zone had (0 while fewer zones than minDomains exist), over the registered nodes and the bound,
 * non-terminating pods the scheduler was shown.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { SimNode } from "../../src/cluster/node-groups.js";
import type * as Scheduler from "../../src/cluster/scheduler.js";
import type { ScheduleResult, SchedulerOptions, SchedulingPod } from "../../src/cluster/scheduler.js";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";
import { clusterOf, generalGroup } from "./cluster-builders.js";
import { expectJumpEqualsEverySecond } from "./jump-check.js";

interface Call {
  readonly pod: SchedulingPod;
  readonly nodes: readonly SimNode[];
  readonly now: number;
  readonly options: SchedulerOptions;
  readonly result: ScheduleResult;
  /** Matching, non-terminating pods per node name as the scheduler was shown them, read at the call. */
  readonly counts: ReadonlyMap<string, number>;
}

const calls: Call[] = [];

vi.mock("../../src/cluster/scheduler.js", async (importOriginal) => {
  const mod = await importOriginal<typeof Scheduler>();
  return {
    ...mod,
    schedulePod: (pod: SchedulingPod, nodes: readonly SimNode[], now: number, options: SchedulerOptions) => {
      const counts = new Map<string, number>();
      for (const n of nodes) {
        const pods = options.podsOn?.(n.name) ?? [];
        counts.set(
          n.name,
          pods.filter(
            (p) => p.deletedAt === undefined && p.namespace === "default" && p.labels?.app === "web",
          ).length,
        );
      }
      const result = mod.schedulePod(pod, nodes, now, options);
      calls.push({ pod, nodes, now, options, result, counts });
      return result;
    },
  };
});

const ZONE = "topology.kubernetes.io/zone";

const arbCase = fc.record({
  zones: fc.integer({ min: 2, max: 3 }),
  initial: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
  maxSkew: fc.integer({ min: 1, max: 2 }),
  minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  replicas: fc.integer({ min: 1, max: 6 }),
  high: fc.integer({ min: 100, max: 3000 }),
  dropAt: fc.integer({ min: 120, max: 900 }),
  nodeCpuMilli: fc.constantFrom(1000, 2000, 4000),
  seed: fc.integer({ min: 1, max: 1000 }),
});

function inputsFor(c: typeof arbCase extends fc.Arbitrary<infer T> ? T : never) {
  const shape = { cpuMilli: c.nodeCpuMilli, memBytes: 8 * 1024 ** 3, pods: 110 };
  const groups = Array.from({ length: c.zones }, (_, i) =>
    generalGroup({
      name: `z${i}`,
      capacity: shape,
      allocatable: shape,
      labels: { [ZONE]: `zone-${i}` },
      minSize: 0,
      maxSize: 4,
      initialSize: c.initial[i] ?? 0,
    }),
  );
  return makeRunInputs({
    replicas: c.replicas,
    maxReplicas: 14,
    demand: [
      [0, 50],
      [30, c.high],
      [c.dropAt, 20],
    ],
    durationSeconds: 1500,
    seed: c.seed,
    target: {
      scheduling: {
        topologySpreadConstraints: [
          {
            maxSkew: c.maxSkew,
            topologyKey: ZONE,
            whenUnsatisfiable: "DoNotSchedule",
            labelSelector: { matchLabels: { app: "web" } },
            ...(c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
          },
        ],
      },
    },
    cluster: clusterOf(groups),
  });
}

/** Registered at `now` (the scheduler's snapshot). */
const registered = (n: SimNode, now: number) => n.createdAt <= now && (n.goneAt === null || n.goneAt > now);

describe("PodTopologySpread in random replays", () => {
  it("after every scheduling, the chosen zone's skew over the eligible zones is at most maxSkew", () => {
    let checked = 0;
    fc.assert(
      fc.property(arbCase, (c) => {
        calls.length = 0;
        simulate(inputsFor(c));
        for (const call of calls) {
          if (!("node" in call.result)) continue;
          const chosen = call.result.node;
          const perZone = new Map<string, number>();
          let zoneOfChosen = "";
          for (const n of call.nodes) {
            if (!registered(n, call.now)) continue;
            const zone = n.labels[ZONE] as string;
            perZone.set(zone, (perZone.get(zone) ?? 0) + (call.counts.get(n.name) ?? 0));
            if (n.name === chosen) zoneOfChosen = zone;
          }
          const min = perZone.size < (c.minDomains ?? 1) ? 0 : Math.min(...perZone.values());
          const after = (perZone.get(zoneOfChosen) ?? 0) + 1;
          expect(after - min).toBeLessThanOrEqual(c.maxSkew);
          checked++;
        }
      }),
      { numRuns: 30, seed: 2025 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it("jumping between moments gives the same replay as visiting every second", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        expectJumpEqualsEverySecond(inputsFor(c));
      }),
      { numRuns: 8, seed: 11 },
    );
  });
});
