/**
 * fast-check arbitraries for the HPA decision core: specs, behaviors, pods, metric values, controller history.
 * A `Scenario` is plain data (shrinks well, prints readably); `scenarioToInput` turns it into a SyncInput.
 */
import fc from "fast-check";
import type {
  HorizontalPodAutoscalerBehavior,
  HPAScalingPolicy,
  HPAScalingRules,
  MetricSpec,
} from "../../src/hpa/api-types.js";
import type {
  ControllerState,
  MetricsObservation,
  PodInfo,
  SyncInput,
  TimestampedRecommendation,
  TimestampedScaleEvent,
} from "../../src/hpa/types.js";
import {
  emptyMetrics,
  MI,
  makeHpa,
  makePod,
  makePodMetrics,
  makeSyncInput,
  NOW,
  SELECTOR,
} from "./builders.js";

export const PODS_METRIC = "qps";
export const EXTERNAL_METRIC = "queue_depth";
export const OBJECT_METRIC = "requests-per-second";
export const DESCRIBED_OBJECT = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  name: "main",
} as const;

// ---------------------------------------------------------------- metric specs

export const arbCpuUtilization: fc.Arbitrary<MetricSpec> = fc.integer({ min: 1, max: 200 }).map((t) => ({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: t } },
}));

const arbMemoryAverageValue: fc.Arbitrary<MetricSpec> = fc.integer({ min: 16, max: 1024 }).map((mi) => ({
  type: "Resource",
  resource: { name: "memory", target: { type: "AverageValue", averageValue: `${mi}Mi` } },
}));

const arbPodsAverageValue: fc.Arbitrary<MetricSpec> = fc.integer({ min: 1, max: 5000 }).map((m) => ({
  type: "Pods",
  pods: { metric: { name: PODS_METRIC }, target: { type: "AverageValue", averageValue: `${m}m` } },
}));

const arbExternal: fc.Arbitrary<MetricSpec> = fc
  .tuple(fc.constantFrom("Value" as const, "AverageValue" as const), fc.integer({ min: 1, max: 100_000 }))
  .map(([type, m]) => ({
    type: "External",
    external: {
      metric: { name: EXTERNAL_METRIC },
      target: type === "Value" ? { type, value: `${m}m` } : { type, averageValue: `${m}m` },
    },
  }));

const arbObjectValue: fc.Arbitrary<MetricSpec> = fc.integer({ min: 1, max: 100_000 }).map((m) => ({
  type: "Object",
  object: {
    describedObject: { ...DESCRIBED_OBJECT },
    metric: { name: OBJECT_METRIC },
    target: { type: "Value", value: `${m}m` },
  },
}));

export const arbMetricSpec: fc.Arbitrary<MetricSpec> = fc.oneof(
  arbCpuUtilization,
  arbMemoryAverageValue,
  arbPodsAverageValue,
  arbExternal,
  arbObjectValue,
);

// ---------------------------------------------------------------- behavior

/** Periods: anything in 1..1800, biased to the usual round values so that events land exactly on a cutoff. */
export const arbPeriod: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 1800 }),
  fc.constantFrom(15, 30, 60, 120, 300, 600, 1800),
);

export const arbPolicy: fc.Arbitrary<HPAScalingPolicy> = fc.record({
  type: fc.constantFrom("Pods" as const, "Percent" as const),
  // 1..1000, biased to small values so that limits land between min and max and actually bind
  value: fc.oneof(
    fc.integer({ min: 1, max: 1000 }),
    fc.integer({ min: 1, max: 10 }),
    fc.integer({ min: 10, max: 100 }),
  ),
  periodSeconds: arbPeriod,
});

/** One direction; every field may be absent (API defaulting fills it), the window may be explicitly null. */
export const arbScalingRules: fc.Arbitrary<HPAScalingRules> = fc.record(
  {
    stabilizationWindowSeconds: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: null }),
    selectPolicy: fc.constantFrom("Max" as const, "Min" as const, "Disabled" as const),
    policies: fc.array(arbPolicy, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A present behavior: `{}` or random scaleUp/scaleDown rules. */
export const arbBehavior: fc.Arbitrary<HorizontalPodAutoscalerBehavior> = fc.oneof(
  fc.constant({}),
  fc.record({ scaleUp: arbScalingRules, scaleDown: arbScalingRules }, { requiredKeys: [] }),
);

/** Both directions with random rules (every field of a rule may still be absent). */
export const arbBehaviorBothRules: fc.Arbitrary<HorizontalPodAutoscalerBehavior> = fc.record({
  scaleUp: arbScalingRules,
  scaleDown: arbScalingRules,
});

/** Absent (legacy path), `{}`, or random rules. */
export const arbMaybeBehavior: fc.Arbitrary<HorizontalPodAutoscalerBehavior | undefined> = fc.option(
  arbBehavior,
  {
    nil: undefined,
    freq: 3,
  },
);

// ---------------------------------------------------------------- controller history

/** Seconds before NOW, biased to the usual window / period lengths and their ±1 neighbours (cutoff edges). */
const arbAgo = (max: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: 0, max }),
    fc
      .tuple(fc.constantFrom(0, 15, 30, 60, 120, 300, 600, 1800, 3600), fc.constantFrom(0, 0, -1, 1))
      .map(([a, d]) => Math.min(max, Math.max(0, a + d))),
  );

export const arbRecommendation: fc.Arbitrary<TimestampedRecommendation> = fc.record({
  replicas: fc.integer({ min: 1, max: 250 }),
  timestamp: arbAgo(3600).map((a) => NOW - a),
});

export const arbScaleEvent: fc.Arbitrary<TimestampedScaleEvent> = fc.record({
  replicaChange: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 5 })),
  timestamp: arbAgo(1800).map((a) => NOW - a),
  outdated: fc.boolean(),
});

/** null history (fresh controller) or 0..8 recommendations in the past hour; scale events in the past 30 min. */
export const arbControllerState: fc.Arbitrary<ControllerState> = fc.record({
  recommendations: fc.option(fc.array(arbRecommendation, { maxLength: 8 }), { nil: null, freq: 4 }),
  scaleUpEvents: fc.array(arbScaleEvent, { maxLength: 6 }),
  scaleDownEvents: fc.array(arbScaleEvent, { maxLength: 6 }),
});

// ---------------------------------------------------------------- pods and metric values

export interface PodState {
  readonly phase: "Running" | "Pending" | "Failed" | "Succeeded";
  readonly ready: "True" | "False" | "Unknown" | null;
  /** Ready condition's lastTransitionTime = NOW - readyAgo. */
  readonly readyAgo: number;
  /** startTime = NOW - startAgo (the cpu initialization period is 300 s); null = no start time. */
  readonly startAgo: number | null;
  readonly deleted: boolean;
  /** Labels match the target's selector. */
  readonly selected: boolean;
  /** Has a metrics-server item (timestamp NOW, window 60 s). */
  readonly hasResourceMetrics: boolean;
  /** Usage of the app and sidecar containers, milli-cpu. */
  readonly cpu: readonly [bigint, bigint];
  /** Usage of the app and sidecar containers, milli-bytes. */
  readonly memory: readonly [bigint, bigint];
  /** Value of the Pods metric, milli; null = missing. */
  readonly podsMetric: bigint | null;
}

const arbMilliCpu = fc.bigInt({ min: 0n, max: 1000n });
const arbMilliMemory = fc.integer({ min: 0, max: 600 }).map((mi) => BigInt(mi) * MI);

export const arbPodState: fc.Arbitrary<PodState> = fc.record({
  phase: fc.constantFrom("Running", "Running", "Running", "Running", "Pending", "Failed", "Succeeded"),
  ready: fc.constantFrom("True", "True", "True", "False", "Unknown", null),
  readyAgo: fc.integer({ min: 0, max: 1200 }),
  startAgo: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null, freq: 8 }),
  deleted: fc.constantFrom(false, false, false, false, true),
  selected: fc.constantFrom(true, true, true, true, true, false),
  hasResourceMetrics: fc.constantFrom(true, true, true, true, false),
  cpu: fc.tuple(arbMilliCpu, arbMilliCpu),
  memory: fc.tuple(arbMilliMemory, arbMilliMemory),
  podsMetric: fc.option(fc.bigInt({ min: 0n, max: 10_000n }), { nil: null, freq: 5 }),
});

// ---------------------------------------------------------------- whole scenario

export interface Scenario {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly metrics: MetricSpec[];
  readonly behavior: HorizontalPodAutoscalerBehavior | undefined;
  /** scale.spec.replicas */
  readonly current: number;
  /** scale.status.replicas */
  readonly statusReplicas: number;
  readonly pods: readonly PodState[];
  /** Object metric value, milli; null = the custom metrics API does not have it. */
  readonly objectValue: bigint | null;
  /** External metric samples, milli. */
  readonly externalSamples: readonly bigint[];
  readonly state: ControllerState;
}

/** minReplicas 1..20, maxReplicas min..200. */
export const arbBounds: fc.Arbitrary<{ minReplicas: number; maxReplicas: number }> = fc
  .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 180 }))
  .map(([minReplicas, extra]) => ({ minReplicas, maxReplicas: Math.min(200, minReplicas + extra) }));

export interface ScenarioOptions {
  /** "present": always a behavior; "absent": never; an arbitrary: that one; default: either. */
  readonly behavior?: "present" | "absent" | fc.Arbitrary<HorizontalPodAutoscalerBehavior>;
  /** Only generate current within [min, max]. */
  readonly currentInRange?: boolean;
  /**
   * Make every metric answerable (at least one selected Running pod, every pod with resource and Pods metric
   * values, an Object value and an External sample), so that most syncs reach normalization and rescale.
   */
  readonly reliableMetrics?: boolean;
}

export function arbScenario(opts: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const behavior: fc.Arbitrary<HorizontalPodAutoscalerBehavior | undefined> =
    opts.behavior === "present"
      ? arbBehavior
      : opts.behavior === "absent"
        ? fc.constant(undefined)
        : (opts.behavior ?? arbMaybeBehavior);
  return fc
    .record({
      bounds: arbBounds,
      metrics: fc.array(arbMetricSpec, { minLength: 1, maxLength: 3 }),
      behavior,
      // current: in range (4 of 5) via a seed, or anything in 1..250 (possibly outside [min, max])
      currentMode: opts.currentInRange ? fc.constant(1) : fc.integer({ min: 0, max: 4 }),
      currentSeed: fc.nat(),
      anyCurrent: fc.integer({ min: 1, max: 250 }),
      statusReplicas: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null, freq: 4 }),
      pods: fc.array(arbPodState, { minLength: opts.reliableMetrics ? 1 : 0, maxLength: 25 }),
      objectValue: fc.option(fc.bigInt({ min: 0n, max: 200_000n }), { nil: null, freq: 6 }),
      externalSamples: fc.array(fc.bigInt({ min: 0n, max: 200_000n }), { maxLength: 3 }),
      state: arbControllerState,
    })
    .map((r) => {
      if (!opts.reliableMetrics) return r;
      const pods = r.pods.map(
        (p, i): PodState => ({
          ...p,
          hasResourceMetrics: true,
          podsMetric: p.podsMetric ?? 1000n,
          deleted: false,
          selected: true,
          // the first pod is Running so that the selector matches something countable
          phase: i === 0 || p.phase === "Failed" || p.phase === "Succeeded" ? "Running" : p.phase,
        }),
      );
      return {
        ...r,
        pods,
        objectValue: r.objectValue ?? 50_000n,
        externalSamples: r.externalSamples.length > 0 ? r.externalSamples : [50_000n],
      };
    })
    .map((r) => {
      const { minReplicas, maxReplicas } = r.bounds;
      const current =
        r.currentMode === 0 ? r.anyCurrent : minReplicas + (r.currentSeed % (maxReplicas - minReplicas + 1));
      return {
        minReplicas,
        maxReplicas,
        metrics: r.metrics,
        behavior: r.behavior,
        current,
        // status.replicas usually equals spec.replicas; sometimes it lags (rollout)
        statusReplicas: r.statusReplicas ?? current,
        pods: r.pods,
        objectValue: r.objectValue,
        externalSamples: r.externalSamples,
        state: r.state,
      };
    });
}

export function podInfo(p: PodState, i: number): PodInfo {
  return makePod(`web-${i}`, {
    labels: p.selected ? { app: "web" } : { app: "other" },
    phase: p.phase,
    startTime: p.startAgo === null ? null : NOW - p.startAgo,
    ready: p.ready === null ? null : { status: p.ready, lastTransitionTime: NOW - p.readyAgo },
    deleted: p.deleted,
  });
}

export function scenarioMetrics(s: Scenario): MetricsObservation {
  const pods = s.pods.map((p, i) => ({ p, name: `web-${i}` }));
  return {
    ...emptyMetrics(),
    resourceMetrics: pods
      .filter(({ p }) => p.hasResourceMetrics)
      .map(({ p, name }) =>
        makePodMetrics(name, {
          app: { cpu: p.cpu[0], memory: p.memory[0] },
          sidecar: { cpu: p.cpu[1], memory: p.memory[1] },
        }),
      ),
    podsMetrics: {
      [PODS_METRIC]: pods.flatMap(({ p, name }) =>
        p.podsMetric === null ? [] : [{ pod: name, value: p.podsMetric, timestamp: NOW }],
      ),
    },
    objectMetrics:
      s.objectValue === null
        ? []
        : [
            {
              describedObject: { ...DESCRIBED_OBJECT },
              metric: OBJECT_METRIC,
              value: s.objectValue,
              timestamp: NOW,
            },
          ],
    externalMetrics: { [EXTERNAL_METRIC]: s.externalSamples.map((value) => ({ value, timestamp: NOW })) },
  };
}

export function scenarioToInput(s: Scenario): SyncInput {
  return makeSyncInput({
    hpa: makeHpa({
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      metrics: s.metrics,
      behavior: s.behavior,
    }),
    scaleTarget: { specReplicas: s.current, statusReplicas: s.statusReplicas, selector: SELECTOR },
    pods: s.pods.map(podInfo),
    metrics: scenarioMetrics(s),
  });
}
