/**
 * The recommender step driven loop by loop, checked against the hand-derived values of
 * test/vpa/recommend-over-trace.test.ts (same traces, same arithmetic) and against upstream's rules for
 * which pods, samples and OOMs count.
 */
import { describe, expect, it } from "vitest";
import type { TimeSeries } from "../../../src/trace/types.js";
import { recommendOverTrace } from "../../../src/vpa/recommend-over-trace.js";
import {
  newVpaRecommenderState,
  type RecommenderObservation,
  recommenderStep,
  type VpaRecommenderState,
} from "../../../src/vpa/replay/recommender-step.js";
import type { OomObservation, PodMetricsSnapshot, VpaPod } from "../../../src/vpa/replay/types.js";
import { bytes, DAY, MiB, m, makeContainer, makeInput, makePod, res, T0 } from "./builders.js";

function metrics(pod: string, at: number, cpuMilli: number, memoryBytes: number): PodMetricsSnapshot {
  return {
    pod,
    timestamp: at,
    windowSeconds: 15,
    containers: [{ name: "app", usage: { cpu: m(cpuMilli), memory: bytes(memoryBytes) } }],
  };
}

/** Runs `loops` recommender loops a minute apart from T0, one pod using constant cpu / memory. */
function run(
  loops: number,
  cpuMilli: number,
  memoryBytes: number,
  options: {
    pods?: VpaPod[];
    ooms?: (t: number) => OomObservation[];
    input?: ReturnType<typeof makeInput>;
  } = {},
) {
  const input = options.input ?? makeInput();
  const pods = options.pods ?? [makePod("web-0")];
  let state: VpaRecommenderState = newVpaRecommenderState();
  let last: ReturnType<typeof recommenderStep> | undefined;
  for (let i = 0; i < loops; i++) {
    const now = T0 + i * 60;
    const observation: RecommenderObservation = {
      pods,
      metrics: pods.map((p) => metrics(p.name, now, cpuMilli, memoryBytes)),
      ooms: options.ooms?.(now) ?? [],
    };
    last = recommenderStep(input, state, observation, now);
    state = last.state;
  }
  return { state, last };
}

const constant = (value: number): TimeSeries => ({
  t: Float64Array.of(0),
  v: Float64Array.of(value),
  startEpochSeconds: null,
  source: "test",
  notes: [],
});

describe("recommenderStep: constant 300m CPU for 8 days (11520 loops)", () => {
  const { last } = run(11520, 300, 0);
  const rec = last?.recommendation.containers[0];

  it("target 350m, lower 349m, upper 393m, as `kube-whatif vpa recommend` and recommend-over-trace.test.ts", () => {
    // target = p90 bucket end 305m + trunc(305 × 0.15) = 350m
    // lower = trunc(350 × (1 + 0.001/7.99931)^-2) = 349m; upper = trunc(350 × (1 + 1/7.99931)) = 393m
    expect([rec?.target.cpu, rec?.lowerBound.cpu, rec?.upperBound.cpu]).toEqual([350, 349, 393]);
    expect(rec?.uncappedTarget?.cpu).toBe(350);
  });

  it("equals recommendOverTrace's final status exactly (both bounds, both resources)", () => {
    const trace = recommendOverTrace(
      {
        containers: [{ containerName: "app", cpu: constant(0.3), memory: constant(0) }],
        replicas: 1,
        usageIs: "per-pod",
      },
      { startTime: T0, endSeconds: 11519 * 60 },
    );
    expect(last?.recommendation.containers).toEqual(trace.final?.recommendations);
  });

  it("every loop adds one CPU and one memory sample", () => {
    expect([last?.samplesAdded, last?.samplesDropped]).toEqual([2, 0]);
  });
});

describe("recommenderStep: OOM", () => {
  // 500 MiB and 100m for 12 h (721 loops); the pod requests 512 MiB.
  const pod = makePod("web-0", { containers: [makeContainer({ requests: res(100, 512 * MiB) })] });
  const oomAt = T0 + 720 * 60;
  const ooms = (t: number): OomObservation[] =>
    t === oomAt ? [{ pod: "web-0", container: "app", timestamp: oomAt }] : [];

  it("without an OOM: bucket 26 ends at 546691264 B -> target 546691264 + trunc(× 0.15) = 628694953", () => {
    const { last } = run(721, 100, 500 * MiB, { pods: [pod] });
    expect(last?.recommendation.containers[0]?.target.memory).toBe(546691264 + 82003689);
  });

  it("the OOM bumps the peak to max(512Mi + 100Mi, trunc(512Mi × 1.2)) = 644245094 -> target 764046746", () => {
    // used = max(request 536870912, window peak 524288000) = 536870912 (the pod's request is the default)
    // needed = max(641728512, 644245094) = 644245094; bucket 29 ends at 664388475; + trunc(99658271.25)
    const { last } = run(721, 100, 500 * MiB, { pods: [pod], ooms });
    expect(last?.recommendation.containers[0]?.target.memory).toBe(664388475 + 99658271);
    expect(last?.oomErrors).toEqual([]);
  });

  it("an OOM reported with a usage uses max(usage, window peak) instead of the request", () => {
    // used = max(600 MiB, 500 MiB) = 629145600; needed = max(733 MiB, trunc(× 1.2) = 754974720)
    const usageOom = (t: number): OomObservation[] =>
      t === oomAt ? [{ pod: "web-0", container: "app", timestamp: oomAt, memoryBytes: 600 * MiB }] : [];
    const { state } = run(721, 100, 500 * MiB, { pods: [pod], ooms: usageOom });
    expect(state.pods.get("web-0")?.get("app")?.oomPeak).toBe(754974720);
  });

  it("an OOM more than one window older than the last memory sample is discarded with upstream's message", () => {
    const stale = (t: number): OomObservation[] =>
      t === oomAt ? [{ pod: "web-0", container: "app", timestamp: oomAt - 2 * DAY }] : [];
    const { last } = run(721, 100, 500 * MiB, { pods: [pod], ooms: stale });
    expect(last?.oomErrors[0]).toContain("OOM event will be discarded - it is too old");
  });

  it("an OOM of a pod that disappeared in this loop is still recorded (pods are deleted after the OOMs)", () => {
    const input = makeInput();
    const first = recommenderStep(
      input,
      newVpaRecommenderState(),
      { pods: [pod], metrics: [metrics("web-0", T0, 100, 500 * MiB)], ooms: [] },
      T0,
    );
    const second = recommenderStep(
      input,
      first.state,
      { pods: [], metrics: [], ooms: [{ pod: "web-0", container: "app", timestamp: T0 + 30 }] },
      T0 + 60,
    );
    expect(second.oomErrors).toEqual([]);
    expect(second.state.pods.has("web-0")).toBe(false);
    // 644245094 B bucket end 664388475 + 15% margin: the OOM reached the aggregate
    expect(second.recommendation.containers[0]?.target.memory).toBe(664388475 + 99658271);
  });
});

describe("recommenderStep: which samples count", () => {
  const input = makeInput();

  it("Pending pods are not loaded and their metrics are dropped (KeyError)", () => {
    const out = recommenderStep(
      input,
      newVpaRecommenderState(),
      { pods: [makePod("web-0", { phase: "Pending" })], metrics: [metrics("web-0", T0, 300, 0)], ooms: [] },
      T0,
    );
    expect([out.samplesAdded, out.samplesDropped]).toEqual([0, 2]);
    expect(out.recommendation.containers).toEqual([]);
  });

  it("an unrefreshed metrics timestamp gives no second CPU sample; memory (equal time) is accepted", () => {
    const pods = [makePod("web-0")];
    const a = recommenderStep(
      input,
      newVpaRecommenderState(),
      { pods, metrics: [metrics("web-0", T0, 300, 0)], ooms: [] },
      T0,
    );
    const b = recommenderStep(
      input,
      a.state,
      { pods, metrics: [metrics("web-0", T0, 300, 0)], ooms: [] },
      T0 + 60,
    );
    expect([b.samplesAdded, b.samplesDropped]).toEqual([1, 1]);
    expect(b.state.aggregates.get("app")?.totalSamplesCount).toBe(1);
  });

  it("the first loop has one sample: upper bound 1e14 (confidence 0), lower bound the pod minimum 25m", () => {
    const { last } = run(1, 300, 0);
    const rec = last?.recommendation.containers[0];
    expect([rec?.target.cpu, rec?.lowerBound.cpu, rec?.upperBound.cpu]).toEqual([350, 25, 1e14]);
  });

  it("container mode Off gets no recommendation; minAllowed / maxAllowed cap target and bounds", () => {
    const policy = {
      containerPolicies: [
        { containerName: "app", minAllowed: { cpu: 400 }, maxAllowed: { memory: 300 * MiB } },
        { containerName: "sidecar", mode: "Off" as const },
      ],
    };
    const pod = makePod("web-0", { containers: [makeContainer(), makeContainer({ name: "sidecar" })] });
    const withSidecar: PodMetricsSnapshot = {
      ...metrics("web-0", T0, 300, 0),
      containers: [
        { name: "app", usage: res(300, 0) },
        { name: "sidecar", usage: res(50, 0) },
      ],
    };
    const out = recommenderStep(
      makeInput({ policy }),
      newVpaRecommenderState(),
      { pods: [pod], metrics: [withSidecar], ooms: [] },
      T0,
    );
    expect(out.recommendation.containers.map((c) => c.containerName)).toEqual(["app"]);
    const rec = out.recommendation.containers[0];
    // cpu: the 350m target (and the 25m lower bound) raised to minAllowed 400m; uncappedTarget keeps 350m.
    // memory: the pod minimum 250 MiB = 262144000 (one container, "sidecar" is Off) is below maxAllowed
    // 300 MiB; the upper bound (1e14 at confidence 0) is capped to 300 MiB.
    expect([rec?.target.cpu, rec?.lowerBound.cpu, rec?.uncappedTarget?.cpu]).toEqual([400, 400, 350]);
    expect([rec?.target.memory, rec?.upperBound.memory]).toEqual([262144000, 300 * MiB]);
  });

  it("controlledResources [cpu] leaves memory out of the recommendation", () => {
    const policy = { containerPolicies: [{ containerName: "*", controlledResources: ["cpu" as const] }] };
    const { last } = run(1, 300, 0, { input: makeInput({ policy }) });
    expect(last?.recommendation.containers[0]?.target).toEqual({ cpu: 350 });
  });
});
