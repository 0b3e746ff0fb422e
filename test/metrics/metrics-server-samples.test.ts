/**
 * metrics-server keeps each pod's previous sample on the pod (SimPod.scrapeId ...) rather than in a map. These
 * tests hold it to the map-based server it replaced (kept here as the oracle): same items, same usage-list
 * sharing, through pods forgotten by a scrape and seen again, OOM-killed containers, deletions, and several
 * servers scraping in turn.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { podState, type SimPod } from "../../src/cluster/sim-pod.js";
import { Workload } from "../../src/cluster/workload.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import type { ContainerTemplate, RunInputs } from "../../src/engine/run-inputs.js";
import type { PodResourceMetrics } from "../../src/hpa/types.js";
import { MetricsServer } from "../../src/metrics/metrics-server.js";
import { ContainerUsageLists } from "../../src/metrics/pod-usage-values.js";
import { cpuCoresToMilliNumber, roundBytes } from "../../src/metrics/quantize.js";
import { makeRunInputs } from "../engine/builders.js";

type ContainerUsage = PodResourceMetrics["containers"];

/** The server before the samples moved onto the pods (a Map<SimPod, sample>), verbatim but for the counters. */
class MapMetricsServer {
  private readonly last = new Map<SimPod, { t: number; cpuCum: number; scrape: number; restarts: number }>();
  items: PodResourceMetrics[] = [];
  private readonly usageLists: ContainerUsageLists;
  private scrapes = 0;
  /** Pods seen again after a scrape forgot them. */
  readonly forgotten = new Set<SimPod>();
  seenAgain = 0;

  constructor(containers: readonly ContainerTemplate[]) {
    this.usageLists = new ContainerUsageLists(containers);
  }

  scrape(workload: Workload, t: number): void {
    const items: PodResourceMetrics[] = [];
    const scrape = ++this.scrapes;
    let seen = 0;
    for (const p of workload.pods) {
      const s = podState(p, t);
      if (s !== "running" && s !== "ready" && s !== "terminating") continue;
      if (s === "terminating" && p.runningAt === null) continue;
      if (p.restartAt !== undefined && p.restartAt > t) continue;
      seen++;
      const prev = this.last.get(p);
      if (prev === undefined) {
        if (this.forgotten.delete(p)) this.seenAgain++;
        this.last.set(p, { t, cpuCum: p.cpuCum, scrape, restarts: p.restarts ?? 0 });
        continue;
      }
      const prevT = prev.t;
      const prevCum = prev.cpuCum;
      const restarted = prev.restarts !== (p.restarts ?? 0);
      prev.t = t;
      prev.cpuCum = p.cpuCum;
      prev.scrape = scrape;
      prev.restarts = p.restarts ?? 0;
      if (restarted) continue;
      if (prevT >= t) continue;
      const cores = (p.cpuCum - prevCum) / (t - prevT);
      items.push({
        pod: p.name,
        timestamp: t,
        windowSeconds: t - prevT,
        containers: this.containerUsage(cores, workload.memoryOf(p, t)),
      });
    }
    if (this.last.size > seen) {
      for (const [p, sample] of this.last)
        if (sample.scrape !== scrape) {
          this.last.delete(p);
          this.forgotten.add(p);
        }
    }
    this.items = items;
  }

  /** The usage lists as the server builds them (pod-usage-values.ts; what is tested here is the sampling). */
  private containerUsage(cores: number, bytes: number): ContainerUsage {
    return this.usageLists.of(cpuCoresToMilliNumber(cores), roundBytes(bytes));
  }
}

const MiB = 1024 * 1024;

/** A workload whose pods are OOM-killed above load 50 (limit 150 MiB, 100 MiB + 1 MiB per unit of load). */
function oomInputs(
  sticky: boolean,
  startupSeconds: number,
  readinessSeconds: number,
  /** With a Pods metric (metrics-server then settles the pods at every scrape, repeats included). */
  podsMetric = false,
): RunInputs {
  const base = makeRunInputs({
    demand: [[0, 1]],
    durationSeconds: 1,
    startupSeconds,
    readinessSeconds,
    usage: {
      memory: (load) => 100 * MiB + MiB * load,
      stickyMemory: sticky,
      podMetrics: podsMetric ? { rps: (load) => load } : {},
    },
  });
  const app = base.target.containers[0] as ContainerTemplate;
  const containers: ContainerTemplate[] = [
    { ...app, limits: { memory: BigInt(150 * MiB) * 1000n } },
    { name: "sidecar", init: true, restartPolicy: "Always", requests: {}, limits: {} },
  ];
  return { ...base, target: { ...base.target, containers } };
}

/** One workload of the run, its server and the oracle. */
interface Side {
  readonly w: Workload;
  readonly heap: MinHeap;
  readonly server: MetricsServer;
  readonly oracle: MapMetricsServer;
  prevItems: readonly PodResourceMetrics[];
  prevOracle: readonly PodResourceMetrics[];
  prevVersion: number;
}

function side(inputs: RunInputs, initial: number, seed: number): Side {
  const heap = new MinHeap();
  const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(seed), heap);
  w.createInitialPods(initial, 0);
  const containers = inputs.target.containers;
  return {
    w,
    heap,
    server: new MetricsServer(containers),
    oracle: new MapMetricsServer(containers),
    prevItems: [],
    prevOracle: [],
    prevVersion: 0,
  };
}

/** Which items of one scrape share a usage list. */
function sharing(items: readonly PodResourceMetrics[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < items.length; i++) {
    const c = (items[i] as PodResourceMetrics).containers;
    for (let j = 0; j < i; j++) out.push(c === (items[j] as PodResourceMetrics).containers);
  }
  return out;
}

/** What the HPA reads of the items besides their timestamps: pods, windows and usage, in order. */
function shown(items: readonly PodResourceMetrics[]): string {
  return JSON.stringify(
    items.map((i) => [i.pod, i.windowSeconds, i.containers]),
    (_k, v) => (typeof v === "bigint" ? v.toString() : v),
  );
}

interface Step {
  readonly dt: number;
  readonly load: number;
  readonly replicas: number | null;
  /** Which workloads scrape at this step (a workload not scraping keeps its previous samples). */
  readonly scrapeA: boolean;
  readonly scrapeB: boolean;
}

const arbStep = fc.record({
  dt: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(5, 15, 15, 30)),
  load: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(10, 10, 40)),
  replicas: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 4 }),
  scrapeA: fc.boolean(),
  scrapeB: fc.boolean(),
});

/** A steady stretch as a replay has them: both servers scraping every 15 s at one load, the pods unchanged. */
const arbSteady = fc
  .record({ load: fc.constantFrom(10, 20, 40), n: fc.integer({ min: 2, max: 6 }) })
  .map(({ load, n }): Step[] =>
    Array.from({ length: n }, () => ({ dt: 15, load, replicas: null, scrapeA: true, scrapeB: true })),
  );

const arbSteps = fc
  .array(
    fc.oneof({ weight: 3, arbitrary: arbStep.map((s): Step[] => [s]) }, { weight: 1, arbitrary: arbSteady }),
    { minLength: 1, maxLength: 50 },
  )
  .map((chunks) => chunks.flat());

describe("MetricsServer: previous samples kept on the pods", () => {
  it("publishes what the map-based server published (forgotten pods, OOM kills, deletions, two servers)", () => {
    let seenAgain = 0;
    let ooms = 0;
    let deletedScraped = 0;
    let items = 0;
    let repeats = 0;
    let steadyRepeats = 0;
    fc.assert(
      fc.property(
        arbSteps,
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (steps: Step[], initial, sticky, startupSeconds, readinessSeconds, podsMetric) => {
          const inputs = oomInputs(sticky, startupSeconds, readinessSeconds, podsMetric);
          const a = side(inputs, initial, 3);
          const b = side(inputs, initial + 1, 4);
          let t = 0;
          for (const s of steps) {
            t += s.dt;
            for (const x of [a, b]) {
              x.w.integrate(s.dt);
              // as the engine does: transitions applied (a revision bump) only when some are due
              let due = false;
              while (x.heap.peek() <= t) {
                x.heap.pop();
                due = true;
              }
              if (due) x.w.applyTransitions(t);
            }
            if (s.replicas !== null) {
              a.w.reconcileReplicas(s.replicas, t);
              a.w.applyTransitions(t);
              b.w.reconcileReplicas(6 - s.replicas, t);
              b.w.applyTransitions(t);
            }
            for (const [x, due] of [
              [a, s.scrapeA],
              [b, s.scrapeB],
            ] as const) {
              if (!due) continue;
              x.server.scrape(x.w, t); // settles what it reads itself, as in the replay
              for (const p of x.w.pods) x.w.settle(p, t); // the oracle reads the counters as they are
              x.oracle.scrape(x.w, t);
              expect(x.server.items).toEqual(x.oracle.items);
              expect(sharing(x.server.items)).toEqual(sharing(x.oracle.items));
              // the values version stays exactly when the scrape shows what the previous one did; then every
              // item keeps its usage list (the HPA's memo compares them by identity)
              const repeated = shown(x.oracle.items) === shown(x.prevOracle);
              expect(x.server.valuesVersion === x.prevVersion).toBe(repeated);
              if (repeated) {
                x.server.items.forEach((item, i) => {
                  expect(item.containers).toBe(x.prevItems[i]?.containers);
                });
                repeats++;
              } else expect(x.server.items).not.toBe(x.prevItems);
              x.prevItems = x.server.items;
              x.prevOracle = x.oracle.items;
              x.prevVersion = x.server.valuesVersion;
              items += x.server.items.length;
              for (const p of x.w.pods)
                if (podState(p, t) === "terminating" && x.server.items.some((i) => i.pod === p.name))
                  deletedScraped++;
            }
            for (const x of [a, b]) {
              x.w.setReadyLoad(s.load, t);
              while (x.w.checkOom(t)) {
                x.w.applyTransitions(t);
                x.w.setReadyLoad(s.load, t);
              }
            }
          }
          seenAgain += a.oracle.seenAgain + b.oracle.seenAgain;
          steadyRepeats += a.server.steadyRepeats + b.server.steadyRepeats;
          ooms += a.w.oomKills + b.w.oomKills;
        },
      ),
      { numRuns: 300 },
    );
    // the cases the bookkeeping could get wrong did occur
    expect(seenAgain).toBeGreaterThan(0);
    expect(ooms).toBeGreaterThan(0);
    expect(deletedScraped).toBeGreaterThan(0);
    expect(items).toBeGreaterThan(0);
    expect(repeats).toBeGreaterThan(0);
    // scrapes proved to repeat a steady one without visiting the pods' states did occur
    expect(steadyRepeats).toBeGreaterThan(0);
  });

  it("a pod the latest scrape did not see starts fresh: no rate over the gap", () => {
    const inputs = makeRunInputs({ demand: [[0, 1]], durationSeconds: 1 });
    const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(1), new MinHeap());
    w.createInitialPods(1, 0);
    const pod = w.pods[0] as SimPod;
    const server = new MetricsServer(inputs.target.containers);
    const other = new MetricsServer(inputs.target.containers);
    const ow = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(2), new MinHeap());
    ow.createInitialPods(2, 0);
    w.setReadyLoad(10, 0);
    ow.setReadyLoad(10, 0);
    const at = (t: number) => {
      w.integrate(15);
      ow.integrate(15);
      for (const p of w.pods) w.settle(p, t);
      for (const p of ow.pods) ow.settle(p, t);
      server.scrape(w, t);
      other.scrape(ow, t); // another server's scrapes in between do not disturb this one's samples
      return server.items.map((i) => [i.pod, i.windowSeconds]);
    };
    server.scrape(w, 0);
    other.scrape(ow, 0);
    expect(at(15)).toEqual([[pod.name, 15]]);
    pod.restartAt = 40; // container down (restart back-off): not scraped at 30, so forgotten
    w.revision++; // as Workload's OOM kill does: the pods changed
    expect(at(30)).toEqual([]);
    expect(at(45)).toEqual([]); // seen again: a first sample only, not a 30 s rate
    expect(at(60)).toEqual([[pod.name, 15]]);
    expect(other.items.map((i) => i.windowSeconds)).toEqual([15, 15]);
  });

  it("no rate across a container restart, even without a scrape missed", () => {
    const inputs = makeRunInputs({ demand: [[0, 1]], durationSeconds: 1 });
    const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(1), new MinHeap());
    w.createInitialPods(1, 0);
    const pod = w.pods[0] as SimPod;
    const server = new MetricsServer(inputs.target.containers);
    w.setReadyLoad(10, 0);
    server.scrape(w, 0);
    w.integrate(15);
    w.settle(pod, 15);
    server.scrape(w, 15);
    expect(server.items).toHaveLength(1);
    pod.restarts = 1; // OOM-killed and restarted at once between two scrapes
    w.revision++; // as Workload's OOM kill does: the pods changed
    w.integrate(15);
    w.settle(pod, 30);
    server.scrape(w, 30);
    expect(server.items).toEqual([]);
    w.integrate(15);
    w.settle(pod, 45);
    server.scrape(w, 45);
    expect(server.items.map((i) => i.windowSeconds)).toEqual([15]);
  });
});
