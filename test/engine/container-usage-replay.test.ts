/**
 * Per-container usage models (spec.workload.usage.containers) in the replay: metrics-server reports each
 * container's own usage, a ContainerResource metric on a sidecar reads the sidecar, a Resource metric reads the
 * sum, each container is OOM-killed against its own limit, and the shortcuts stay exact.
 *
 * The pod: `app` (500m CPU request) using 10m per request/s and 100Mi, and an `istio-proxy` sidecar (a regular
 * container, 100m request) using 1m per request/s and 40Mi + 0.5Mi per request/s. The OOM cases give the app a
 * 1Gi and the sidecar a 64Mi memory limit.
 */
import { describe, expect, it } from "vitest";
import { Workload } from "../../src/cluster/workload.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import type {
  ContainerTemplate,
  ContainerUsage,
  RunInputs,
  UsageModel,
} from "../../src/engine/run-inputs.js";
import { simulate } from "../../src/engine/simulate.js";
import type { MetricSpec } from "../../src/hpa/api-types.js";
import type { PodResourceMetrics } from "../../src/hpa/types.js";
import { makeRunInputs, type ScenarioOptions } from "./builders.js";
import { expectJumpEqualsEverySecond } from "./jump-check.js";

const Mi = 1024 * 1024;
const CONTAINERS: ContainerTemplate[] = [
  { name: "app", requests: { cpu: 500n }, limits: {} },
  { name: "istio-proxy", requests: { cpu: 100n }, limits: {} },
];
const GiB_MILLI = 1024n * 1024n * 1024n * 1000n;
/** The same containers with memory limits: the app 1Gi, the sidecar 64Mi. */
const LIMITED: ContainerTemplate[] = [
  { name: "app", requests: { cpu: 500n }, limits: { memory: GiB_MILLI } },
  { name: "istio-proxy", requests: { cpu: 100n }, limits: { memory: GiB_MILLI / 16n } },
];
const PARTS: ContainerUsage[] = [
  { name: "app", cpu: (l) => 0.01 * l, memory: () => 100 * Mi, main: true },
  { name: "istio-proxy", cpu: (l) => 0.001 * l, memory: (l) => 40 * Mi + 0.5 * Mi * l, main: false },
];
const PER_CONTAINER: Partial<UsageModel> = {
  cpu: (l) => 0.011 * l,
  memory: (l) => 140 * Mi + 0.5 * Mi * l,
  containers: PARTS,
};

function containerResource(container: string, utilization: number): MetricSpec {
  return {
    type: "ContainerResource",
    containerResource: {
      name: "cpu",
      container,
      target: { type: "Utilization", averageUtilization: utilization },
    },
  };
}

function inputsOf(o: Partial<ScenarioOptions>): RunInputs {
  return makeRunInputs({
    demand: [[0, 100]],
    durationSeconds: 900,
    target: { containers: CONTAINERS },
    usage: PER_CONTAINER,
    ...o,
  });
}

/** The replay with every sync's metrics seen (onSync: every sync runs in full). */
function run(o: Partial<ScenarioOptions>) {
  const inputs = inputsOf(o);
  const seen: { t: number; metrics: readonly PodResourceMetrics[] }[] = [];
  const result = simulate(inputs, {
    onSync: (input) => seen.push({ t: input.now, metrics: input.metrics.resourceMetrics }),
  });
  return { result, seen };
}

const usageOf = (m: PodResourceMetrics, name: string) => m.containers.find((c) => c.name === name)?.usage;

describe("per-container usage in the replay", () => {
  it("metrics-server reports each container's own CPU and memory", () => {
    // 100 requests/s over 4 Ready pods: 25 each -> app 250m and 100Mi, istio-proxy 25m and 40Mi + 12.5Mi
    const { seen } = run({});
    const at60 = seen.find((s) => s.t === 60);
    expect(at60?.metrics).toHaveLength(4);
    for (const m of at60?.metrics ?? []) {
      expect(usageOf(m, "app")).toEqual({ cpu: 250n, memory: BigInt(100 * Mi) * 1000n });
      expect(usageOf(m, "istio-proxy")).toEqual({ cpu: 25n, memory: BigInt(52.5 * Mi) * 1000n });
    }
  });

  it.each([
    // the step at a scrape (600): the scrape at 615 shows the new rates over its whole window
    [600, { app: 100n, proxy: 10n }],
    // the step within a window (610): 10 s at 25 requests/s per pod then 5 s at 10 -> app (2.5 + 0.5) / 15 = 200m
    [610, { app: 200n, proxy: 20n }],
  ])(
    "after steady scrapes, a step to 40 requests/s at %i: each container's rate over the scrape's window",
    (at, want) => {
      const { seen } = run({
        demand: [
          [0, 100],
          [at, 40],
        ],
        durationSeconds: 700,
      });
      const sync = seen.find((s) => s.t === 615);
      for (const m of sync?.metrics ?? []) {
        expect(usageOf(m, "app")?.cpu).toBe(want.app);
        expect(usageOf(m, "istio-proxy")?.cpu).toBe(want.proxy);
      }
      expect(sync?.metrics).toHaveLength(4);
    },
  );

  it("a Resource metric reads the containers' sum: (250m + 25m) / 600m = 45%", () => {
    const { result } = run({});
    const row = result.timeline.find((r) => r.t === 60);
    expect(row?.metrics.cpu?.observed).toBe(45);
    expect(row?.metrics.cpu?.actual).toBeCloseTo((275 / 600) * 100, 9);
    expect(result.summary.finalReplicas).toBe(4); // 45% is within tolerance of 50%
  });

  it("a ContainerResource metric on the sidecar reads the sidecar, as one on a container with that usage would", () => {
    // istio-proxy at 25m of 100m = 25% against a 50% target: 4 -> 2 after the stabilization window
    const sidecar = run({
      metrics: [containerResource("istio-proxy", 50)],
      demand: [
        [0, 100],
        [400, 300],
      ],
    });
    // the same usage and request on the main container, nothing on the sidecar
    const mirrored = run({
      metrics: [containerResource("app", 50)],
      demand: [
        [0, 100],
        [400, 300],
      ],
      target: {
        containers: [
          { ...(CONTAINERS[0] as ContainerTemplate), requests: { cpu: 100n } },
          CONTAINERS[1] as ContainerTemplate,
        ],
      },
      usage: {
        ...PER_CONTAINER,
        containers: [
          { name: "app", cpu: (l) => 0.001 * l, memory: () => 100 * Mi, main: true },
          { name: "istio-proxy", cpu: null, memory: (l) => 40 * Mi + 0.5 * Mi * l, main: false },
        ],
      },
    });
    const replicas = (r: typeof sidecar) =>
      r.result.timeline.map((row) => [
        row.t,
        row.replicas,
        row.metrics[Object.keys(row.metrics)[0] as string]?.observed,
      ]);
    expect(replicas(sidecar)).toEqual(replicas(mirrored));
    expect(
      sidecar.result.timeline.find((r) => r.t === 60)?.metrics["istio-proxy/cpu"]?.observed ??
        sidecar.result.timeline.find((r) => r.t === 60)?.metrics[
          Object.keys(sidecar.result.timeline[0]?.metrics ?? {})[0] as string
        ]?.observed,
    ).toBe(25);
    expect(sidecar.result.summary.scaleDowns).toBeGreaterThan(0);
    expect(sidecar.result.summary.scaleUps).toBeGreaterThan(0); // 300 requests/s: 75m per pod of 100m
  });

  it("jumping between moments equals visiting every second", () => {
    for (const metrics of [undefined, [containerResource("istio-proxy", 50)]]) {
      const o = {
        demand: [
          [0, 100],
          [333, 180],
          [610, 40],
        ] as [number, number][],
        durationSeconds: 1200,
        ...(metrics ? { metrics } : {}),
      };
      expectJumpEqualsEverySecond(inputsOf(o)); // without onSync: the sync shortcuts on
      // and every HPA sync run in full gives the same replay as the shortcuts (repeat-sync.ts)
      const [short, full] = [simulate(inputsOf(o)), simulate(inputsOf(o), { syncShortcut: false })];
      expect(short.timeline).toEqual(full.timeline);
      expect(short.events).toEqual(full.events);
    }
  });
});

describe("OOM kills per container", () => {
  function workload(usage: Partial<UsageModel>) {
    const inputs = makeRunInputs({
      demand: [[0, 0]],
      durationSeconds: 60,
      target: { containers: LIMITED },
      usage,
    });
    const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(1), new MinHeap());
    w.observeOoms = true;
    w.createInitialPods(2, -100);
    w.applyTransitions(0);
    return w;
  }

  it("the sidecar above its own 64Mi limit is killed, though the pod's 192.5Mi is under the app's 1Gi", () => {
    const w = workload(PER_CONTAINER);
    w.setReadyLoad(48, 0); // istio-proxy 40Mi + 24Mi = 64Mi: at the limit, not above
    expect(w.checkOom(0)).toBe(false);
    w.setReadyLoad(50, 1); // 65Mi
    expect(w.checkOom(1)).toBe(true);
    expect(w.takeOoms().map((o) => o.container)).toEqual(["istio-proxy", "istio-proxy"]);
    expect(w.pods.map((p) => p.oomContainer)).toEqual(["istio-proxy", "istio-proxy"]);
  });

  it("without per-container usage the pod's memory is the app's, under its 1Gi limit: no kill", () => {
    const w = workload({ cpu: PER_CONTAINER.cpu ?? null, memory: PER_CONTAINER.memory ?? null });
    w.setReadyLoad(50, 1);
    expect(w.checkOom(1)).toBe(false);
  });
});
