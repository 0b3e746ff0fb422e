/**
 * Property tests of the HPA decision core (src/hpa/controller.ts reconcileAutoscaler).
 *
 * Expected values are recomputed here from the algorithm spec (/work/shared/design/hpa-algorithm.md §7, §8)
 * and never taken from src/hpa; only the system under test and the production default settings are imported.
 * Each property also counts how often its interesting branch was hit, so that a generator drift that made it
 * vacuous would fail the test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  HorizontalPodAutoscalerBehavior,
  HPAScalingPolicy,
  HPAScalingRules,
} from "../../src/hpa/api-types.js";
import { reconcileAutoscaler } from "../../src/hpa/controller.js";
import type {
  ControllerState,
  MetricsObservation,
  SyncInput,
  TimestampedScaleEvent,
} from "../../src/hpa/types.js";
import {
  arbBehavior,
  arbBehaviorBothRules,
  arbBounds,
  arbControllerState,
  arbScalingRules,
  arbScenario,
  EXTERNAL_METRIC,
  type Scenario,
  scenarioToInput,
} from "./arbitraries.js";
import {
  cpuUtilizationMetric,
  deepFreeze,
  emptyMetrics,
  FRESH_STATE,
  makeHpa,
  makePod,
  makePodMetrics,
  makeSyncInput,
  NOW,
  SELECTOR,
  serialize,
} from "./builders.js";

const RUNS = 300;

// ------------------------------------------------------------------ independent policy arithmetic (spec §8.3, §9)

interface Rules {
  readonly selectPolicy: "Max" | "Min" | "Disabled";
  readonly policies: readonly HPAScalingPolicy[];
}

/** API defaulting (defaults.go), restated: scale up Max of {4 pods, 100 %} per 15 s; scale down Max of {100 %} per 15 s. */
const API_DEFAULT_UP: Rules = {
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const API_DEFAULT_DOWN: Rules = {
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

/** Field-by-field defaulting; `policies` replaced wholesale when set. */
function resolveRules(rules: HPAScalingRules | undefined, dflt: Rules): Rules {
  return {
    selectPolicy: rules?.selectPolicy ?? dflt.selectPolicy,
    policies: rules?.policies ?? dflt.policies,
  };
}

/**
 * Sum of the changes recorded strictly inside the period: upstream keeps an event iff
 * `event.timestamp.After(now - period)`, i.e. `timestamp > now - period`. An event exactly `period` seconds old
 * no longer counts. The `outdated` flag is NOT consulted when summing (only when overwriting).
 */
function changeWithin(events: readonly TimestampedScaleEvent[], periodSeconds: number, now: number): number {
  let sum = 0;
  for (const e of events) if (e.timestamp > now - periodSeconds) sum += e.replicaChange;
  return sum;
}

/** Replica count at the start of the policy's period: current − added + removed (both directions count). */
function periodStart(current: number, p: HPAScalingPolicy, st: ControllerState, now: number): number {
  return (
    current -
    changeWithin(st.scaleUpEvents, p.periodSeconds, now) +
    changeWithin(st.scaleDownEvents, p.periodSeconds, now)
  );
}

/**
 * Highest count the scale-up policies allow:
 *   Pods:    start + value
 *   Percent: ceil(start × (1 + value/100)), in float64 as upstream (Go's int32() truncates; ceil already integral)
 *   Max → the largest proposal, Min → the smallest, Disabled → current.
 * Example: start 10, {Pods 4, Percent 50} → {14, ceil(15.0) = 15}; Max → 15, Min → 14.
 */
function expectedScaleUpLimit(current: number, rules: Rules, st: ControllerState, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const proposals = rules.policies.map((p) => {
    const start = periodStart(current, p, st, now);
    return p.type === "Pods" ? start + p.value : Math.trunc(Math.ceil(start * (1 + p.value / 100)));
  });
  return rules.selectPolicy === "Min" ? Math.min(...proposals) : Math.max(...proposals);
}

/**
 * Lowest count the scale-down policies allow:
 *   Pods:    start − value
 *   Percent: trunc(start × (1 − value/100))   (Go int32(float64) truncates toward zero)
 *   Max (largest change) → the smallest proposal, Min → the largest, Disabled → current.
 * Example: start 10, {Pods 3, Percent 25} → {7, trunc(7.5) = 7}; start 9, Percent 50 → trunc(4.5) = 4.
 */
function expectedScaleDownLimit(current: number, rules: Rules, st: ControllerState, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  const proposals = rules.policies.map((p) => {
    const start = periodStart(current, p, st, now);
    return p.type === "Pods" ? start - p.value : Math.trunc(start * (1 - p.value / 100));
  });
  return rules.selectPolicy === "Min" ? Math.max(...proposals) : Math.min(...proposals);
}

/** A fixed pick from a list: the index is taken modulo the length (for arbitraries that must stay shrinkable). */
function pick<T>(xs: readonly T[], i: number): T {
  const x = xs[i % xs.length];
  if (x === undefined) throw new Error("pick from an empty list");
  return x;
}

describe("HPA decision core properties", () => {
  // ---------------------------------------------------------------- a
  it("a. bounds: in range → [min, max] or current; above max → max; below min → min", () => {
    const hits = { inRangeRescaled: 0, aboveMax: 0, belowMin: 0 };
    fc.assert(
      fc.property(arbScenario(), (s) => {
        const r = reconcileAutoscaler(scenarioToInput(s), s.state);
        if (s.current > s.maxReplicas) {
          // §6.1: fixed target, metrics and policies not consulted
          hits.aboveMax++;
          expect(r.replicas).toBe(s.maxReplicas);
        } else if (s.current < s.minReplicas) {
          hits.belowMin++;
          expect(r.replicas).toBe(s.minReplicas);
        } else {
          // the sync may stop early (metrics failed) or not rescale; then it stays at current
          if (r.replicas !== s.current) hits.inRangeRescaled++;
          const ok = r.replicas === s.current || (r.replicas >= s.minReplicas && r.replicas <= s.maxReplicas);
          expect(ok, `replicas ${r.replicas} outside [${s.minReplicas}, ${s.maxReplicas}]`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    expect(hits.inRangeRescaled).toBeGreaterThan(10);
    expect(hits.aboveMax).toBeGreaterThan(0);
    expect(hits.belowMin).toBeGreaterThan(0);
  });

  // ---------------------------------------------------------------- b
  it("b. behavior path: a rescale never exceeds the policy limit recomputed from the event history", () => {
    const hits = { up: 0, down: 0, upAtLimit: 0, downAtLimit: 0 };
    fc.assert(
      fc.property(
        arbScenario({
          behavior: fc.oneof(arbBehavior, arbBehaviorBothRules),
          currentInRange: true,
          reliableMetrics: true,
        }),
        fc.boolean(),
        (s0, keepHistory) => {
          // half the time without recommendation history, so that stabilization does not hold most scale-downs
          // (the property is about rate limits; the events stay)
          const s = keepHistory ? s0 : { ...s0, state: { ...s0.state, recommendations: [] } };
          const behavior = s.behavior as HorizontalPodAutoscalerBehavior;
          const r = reconcileAutoscaler(scenarioToInput(s), s.state);
          if (!r.scaleUpdated) return;
          const current = s.current;
          const n = r.replicas;
          if (n > current) {
            hits.up++;
            // §8.2: the limit is never below current (`if limit < current: limit = current`), then capped by max
            const limit = expectedScaleUpLimit(
              current,
              resolveRules(behavior.scaleUp, API_DEFAULT_UP),
              s.state,
              NOW,
            );
            const bound = Math.min(s.maxReplicas, Math.max(current, limit));
            if (n === bound && bound < s.maxReplicas) hits.upAtLimit++;
            expect(n, `scale up ${current} → ${n}, limit ${limit}, max ${s.maxReplicas}`).toBeLessThanOrEqual(
              bound,
            );
          } else if (n < current) {
            hits.down++;
            // symmetric: the limit is never above current, then floored by min
            const limit = expectedScaleDownLimit(
              current,
              resolveRules(behavior.scaleDown, API_DEFAULT_DOWN),
              s.state,
              NOW,
            );
            const bound = Math.max(s.minReplicas, Math.min(current, limit));
            if (n === bound && bound > s.minReplicas) hits.downAtLimit++;
            expect(
              n,
              `scale down ${current} → ${n}, limit ${limit}, min ${s.minReplicas}`,
            ).toBeGreaterThanOrEqual(bound);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(hits.up).toBeGreaterThan(10);
    expect(hits.down).toBeGreaterThan(5);
    expect(hits.upAtLimit).toBeGreaterThan(0);
    expect(hits.downAtLimit).toBeGreaterThan(0);
  });

  /*
   * Percent limits are float64 arithmetic, as upstream's Go: 1 + 12/100 = 1.12 (rounded up in binary), so
   * 25 × 1.12 = 28.000000000000004 and ceil gives 29 where exact arithmetic gives 28; on the way down
   * 1 − 80/100 = 0.19999999999999996, 10 × that = 1.9999999999999996, truncated to 1 where exact gives 2.
   * The recomputation in b therefore uses float64 too; this pins the two artefacts.
   */
  it("b'. Percent limits follow upstream's float64 arithmetic (25 +12 % → 29; 10 −80 % → 1)", () => {
    const sync = (current: number, desired: number, behavior: HorizontalPodAutoscalerBehavior) =>
      reconcileAutoscaler(
        makeSyncInput({
          pods: [],
          hpa: makeHpa({
            minReplicas: 1,
            maxReplicas: 100,
            behavior,
            metrics: [
              {
                type: "External",
                external: {
                  metric: { name: EXTERNAL_METRIC },
                  target: { type: "AverageValue", averageValue: "1" },
                },
              },
            ],
          }),
          metrics: {
            ...emptyMetrics(),
            externalMetrics: { [EXTERNAL_METRIC]: [{ value: BigInt(desired) * 1000n, timestamp: NOW }] },
          },
          scaleTarget: { specReplicas: current, statusReplicas: current, selector: SELECTOR },
        }),
        { ...FRESH_STATE, recommendations: [] },
      );
    const up = sync(25, 100, { scaleUp: { policies: [{ type: "Percent", value: 12, periodSeconds: 60 }] } });
    expect(up.replicas).toBe(29);
    expect(
      expectedScaleUpLimit(
        25,
        { selectPolicy: "Max", policies: [{ type: "Percent", value: 12, periodSeconds: 60 }] },
        FRESH_STATE,
        NOW,
      ),
    ).toBe(29);
    const down = sync(10, 1, {
      scaleDown: {
        stabilizationWindowSeconds: 0,
        policies: [{ type: "Percent", value: 80, periodSeconds: 60 }],
      },
    });
    expect(down.replicas).toBe(1);
  });

  // ---------------------------------------------------------------- c
  /*
   * Multi-sync statement. Syncs i = 0..n−1 at t_i = T0 + 15·i; R_i is the replica count going into sync i and
   * R_{i+1} the count it leaves. The state starts fresh and every rescale is stored (behavior present, no write
   * errors), so the scale-up events are exactly the positive steps R_{j+1} − R_j of earlier syncs and the
   * scale-down events the negative ones.
   *
   * At sync i upstream counts an event iff its timestamp t_j > t_i − p (strict). Let
   *   k(i) = min { j ≤ i : t_j > t_i − p }           (the first sync strictly inside the window; k(i) ≤ i always)
   * Then periodStart = R_i − Σ_{k ≤ j < i} (R_{j+1} − R_j) = R_{k(i)} (telescoping): the count just *after* the last
   * sync at or before t_i − p. A sync exactly p seconds earlier is outside: its change is already "spent" and
   * its result is the period's starting point.
   *   (Scale-up events in the window are never overwritten: only events older than the longest scale-up period
   *   = p are marked outdated. Scale-down events may be overwritten when the scale-down rules' longest period is
   *   shorter than p; that only lowers periodStart, so what follows stays an upper bound.)
   * With one Pods policy (v, p): limit = max(R_i, R_{k(i)} + v), so
   *   (1) every scale-up sync i (R_{i+1} > R_i) satisfies R_{i+1} − R_{k(i)} ≤ v.
   * If scale-down is Disabled, R never decreases, and for every i (scale-up or not), taking the last scale-up
   * sync i' ≤ i with k(i') ≤ k(i) (or none): R_{i+1} = R_{i'+1} ≤ R_{k(i')} + v ≤ R_{k(i)} + v, i.e.
   *   (2) over every window (t_i − p, t_i] the total scale-up Σ_{k(i) ≤ j ≤ i} (R_{j+1} − R_j) ≤ v.
   * Example: v = 2, p = 30: syncs at 0, 15, 30. At t = 30 the sync at 0 is outside (0 is not > 30 − 30), so the
   * window holds the syncs at 15 and 30 and together they may add at most 2 replicas to the count left by sync 0.
   */
  it("c. multi-sync: a Pods policy (v per p s) bounds the scale-up over every window of p seconds", () => {
    const SYNCS = 40;
    const T0 = NOW;
    const hits = { upSyncs: 0, atLimit: 0, disabledRuns: 0 };
    const arb = fc.record({
      v: fc.integer({ min: 1, max: 20 }),
      p: fc.oneof(fc.constantFrom(15, 30, 45, 60, 90, 120, 300), fc.integer({ min: 1, max: 600 })),
      upWindow: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 2 }),
      scaleDown: fc.oneof(fc.constant<HPAScalingRules>({ selectPolicy: "Disabled" }), arbScalingRules),
      bounds: arbBounds,
      startSeed: fc.nat(),
      desired: fc.array(fc.integer({ min: 1, max: 250 }), { minLength: SYNCS, maxLength: SYNCS }),
    });
    fc.assert(
      fc.property(arb, (c) => {
        const { minReplicas, maxReplicas } = c.bounds;
        const scaleUp: HPAScalingRules = { policies: [{ type: "Pods", value: c.v, periodSeconds: c.p }] };
        if (c.upWindow !== null) scaleUp.stabilizationWindowSeconds = c.upWindow;
        const behavior: HorizontalPodAutoscalerBehavior = { scaleUp, scaleDown: c.scaleDown };
        const downDisabled = c.scaleDown.selectPolicy === "Disabled";
        if (downDisabled) hits.disabledRuns++;
        const R: number[] = [minReplicas + (c.startSeed % (maxReplicas - minReplicas + 1))];
        const t: number[] = [];
        let state: ControllerState = FRESH_STATE;
        let status = makeHpa().status;
        for (let i = 0; i < SYNCS; i++) {
          const now = T0 + 15 * i;
          const current = R[i] as number;
          const d = pick(c.desired, i);
          // External AverageValue target 1: proposal = ceil(d·1000 / 1000) = d unless d / statusReplicas is
          // within tolerance (then statusReplicas = current). No pods needed.
          const hpa = makeHpa({
            minReplicas,
            maxReplicas,
            behavior,
            metrics: [
              {
                type: "External",
                external: {
                  metric: { name: EXTERNAL_METRIC },
                  target: { type: "AverageValue", averageValue: "1" },
                },
              },
            ],
            status,
          });
          const metrics: MetricsObservation = {
            ...emptyMetrics(),
            externalMetrics: { [EXTERNAL_METRIC]: [{ value: BigInt(d) * 1000n, timestamp: now }] },
          };
          const r = reconcileAutoscaler(
            makeSyncInput({
              now,
              hpa,
              pods: [],
              metrics,
              scaleTarget: { specReplicas: current, statusReplicas: current, selector: SELECTOR },
            }),
            state,
          );
          state = r.state;
          status = r.status;
          t.push(now);
          R.push(r.replicas);
        }
        for (let i = 0; i < SYNCS; i++) {
          const ti = t[i] as number;
          // k(i): first sync strictly after t_i − p
          let k = 0;
          while ((t[k] as number) <= ti - c.p) k++;
          const Rk = R[k] as number;
          const before = R[i] as number;
          const after = R[i + 1] as number;
          const trace = () => `p=${c.p} v=${c.v} i=${i} k=${k} R=${R.join(",")}`;
          if (after > before) {
            hits.upSyncs++;
            if (after - Rk === c.v) hits.atLimit++;
            // (1)
            expect(after - Rk, trace()).toBeLessThanOrEqual(c.v);
          }
          if (downDisabled) {
            expect(after, trace()).toBeGreaterThanOrEqual(before);
            // (2)
            expect(after - Rk, trace()).toBeLessThanOrEqual(c.v);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(hits.upSyncs).toBeGreaterThan(100);
    expect(hits.atLimit).toBeGreaterThan(10);
    expect(hits.disabledRuns).toBeGreaterThan(10);
  });

  // ---------------------------------------------------------------- d
  /*
   * Legacy path (§7): stabilized = max(desired, every recommendation with timestamp ≥ now − 300) (inclusive: "not
   * before" the cutoff), then clamped to [min, ...]. The returned history is the input history (seeded with
   * (current, now) if null) with (desired, now) overwriting the last entry *older* than the cutoff or appended, so
   * the returned entries with timestamp ≥ now − 300 are exactly the considered ones plus (desired, now).
   * Hence a scale-down result ≥ max of those. (current > max is a fixed-target scale-down that bypasses
   * stabilization by design, so only in-range current is generated.)
   */
  it("d. legacy stabilization: a scale-down never goes below the max recommendation of the last 300 s", () => {
    const WINDOW = 300;
    const hits = { scaleDowns: 0, heldByHistory: 0 };
    fc.assert(
      fc.property(arbScenario({ behavior: "absent", currentInRange: true, reliableMetrics: true }), (s) => {
        const r = reconcileAutoscaler(scenarioToInput(s), s.state);
        if (!(r.scaleUpdated && r.replicas < s.current)) return;
        hits.scaleDowns++;
        const recs = r.state.recommendations ?? [];
        const inWindow = recs.filter((x) => x.timestamp >= NOW - WINDOW).map((x) => x.replicas);
        const floor = Math.max(...inWindow);
        if (r.replicas === floor && floor > s.minReplicas) hits.heldByHistory++;
        expect(r.replicas, `history ${JSON.stringify(recs)}`).toBeGreaterThanOrEqual(floor);
      }),
      { numRuns: RUNS },
    );
    expect(hits.scaleDowns).toBeGreaterThan(5);
    expect(hits.heldByHistory).toBeGreaterThan(0);
  });

  it("d'. legacy stabilization: a recommendation exactly 300 s old still holds the scale-down", () => {
    // current 10, cpu at 10 % of a 50 % target → raw proposal ceil(0.2·3) = 1 (< min 2 → 2 after clamp);
    // history (8, now − 300) is on the inclusive edge, so the result is 8, not 2.
    const pods = [makePod("web-0"), makePod("web-1"), makePod("web-2")];
    const input = makeSyncInput({
      pods,
      replicas: 10,
      hpa: makeHpa({ minReplicas: 2, maxReplicas: 20, metrics: [cpuUtilizationMetric(50)] }),
      metrics: {
        ...emptyMetrics(),
        // 15m + 15m of 300m request = 10 %
        resourceMetrics: pods.map((p) =>
          makePodMetrics(p.name, { app: { cpu: 15n }, sidecar: { cpu: 15n } }),
        ),
      },
    });
    const edge = reconcileAutoscaler(input, {
      ...FRESH_STATE,
      recommendations: [{ replicas: 8, timestamp: NOW - 300 }],
    });
    expect(edge.replicas).toBe(8);
    const outside = reconcileAutoscaler(input, {
      ...FRESH_STATE,
      recommendations: [{ replicas: 8, timestamp: NOW - 301 }],
    });
    expect(outside.replicas).toBe(2);
  });

  // ---------------------------------------------------------------- e
  const arbErrors = fc.constantFrom<Pick<SyncInput, "scaleErrors">>(
    {},
    {},
    {},
    { scaleErrors: { updateScale: "conflict" } },
    { scaleErrors: { getScale: "not found" } },
  );

  it("e. determinism: the same input gives the same result (also for a structural copy)", () => {
    fc.assert(
      fc.property(arbScenario(), arbErrors, (s, errors) => {
        const input: SyncInput = { ...scenarioToInput(s), ...errors };
        const a = serialize(reconcileAutoscaler(input, s.state));
        const b = serialize(reconcileAutoscaler(input, s.state));
        const c = serialize(reconcileAutoscaler(structuredClone(input), structuredClone(s.state)));
        expect(b).toBe(a);
        expect(c).toBe(a);
      }),
      { numRuns: RUNS },
    );
  });

  // ---------------------------------------------------------------- f
  /*
   * All metrics are cpu Utilization; every pod is Running, Ready=True, has metrics, and is either past the
   * 300 s cpu initialization period or became ready ≥ 60 s (one window) before the sample — so all are "ready".
   * Independently: util = floor(Σusage·100 / Σrequests) (integer percent, truncated), ratio = util / target.
   *   within [0.9, 1.1] (inclusive; 1 − 0.1 === 0.9 and 1 + 0.1 === 1.1 in float64) → proposal = current;
   *   otherwise → ceil(ratio · podCount).
   * Example: requests 2 × 300m, usage 2 × 165m → util floor(330·100/600) = 55; target 50 → 1.1 → keep current.
   */
  it("f. tolerance: a cpu utilization ratio within [0.9, 1.1] proposes the current count", () => {
    const EDGES: readonly (readonly [number, number])[] = [
      [9, 10],
      [11, 10],
      [90, 100],
      [110, 100],
      [18, 20],
      [22, 20],
      [99, 110],
      [121, 110],
      [180, 200],
      [220, 200],
      [8, 10],
      [12, 10],
    ];
    const arbPod = fc.record({
      requests: fc.tuple(
        fc.oneof(fc.constantFrom(100n, 200n, 500n, 1000n), fc.bigInt({ min: 1n, max: 1000n })),
        fc.oneof(fc.constantFrom(100n, 200n, 500n), fc.bigInt({ min: 1n, max: 1000n })),
      ),
      jitter: fc.tuple(
        fc.oneof(fc.constant(0n), fc.bigInt({ min: -20n, max: 20n })),
        fc.oneof(fc.constant(0n), fc.bigInt({ min: -20n, max: 20n })),
      ),
      startAgo: fc.integer({ min: 60, max: 3600 }),
      readySeed: fc.nat(),
    });
    const arb = fc.record({
      bounds: arbBounds,
      currentSeed: fc.nat(),
      level: fc.integer({ min: 1, max: 250 }),
      edge: fc.option(fc.integer({ min: 0, max: EDGES.length - 1 }), { nil: null, freq: 2 }),
      pods: fc.array(arbPod, { minLength: 1, maxLength: 10 }),
      // a target near the level (ratio ≈ pct/100) or anything in 1..200
      targets: fc.array(
        fc.oneof(
          fc.integer({ min: 85, max: 115 }).map((pct) => ({ near: pct })),
          fc.integer({ min: 1, max: 200 }).map((t) => ({ fixed: t })),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      state: arbControllerState,
    });
    const hits = { within: 0, outside: 0, edges: 0 };
    fc.assert(
      fc.property(arb, (c) => {
        const { minReplicas, maxReplicas } = c.bounds;
        const current = minReplicas + (c.currentSeed % (maxReplicas - minReplicas + 1));
        const edge = c.edge === null ? null : pick(EDGES, c.edge);
        const level = edge === null ? c.level : edge[0];
        const targets = c.targets.map((x, m) => {
          if (m === 0 && edge !== null) return edge[1];
          if ("fixed" in x) return x.fixed;
          return Math.min(200, Math.max(1, Math.round((level * 100) / x.near)));
        });
        const usageOf = (req: bigint, jitter: bigint) => {
          const u = (req * BigInt(level)) / 100n + jitter;
          return u < 0n ? 0n : u;
        };
        const pods = c.pods.map((p, i) => {
          // ready since NOW − lttAgo with lttAgo in [60, startAgo]: inside the init period the sample (NOW) is
          // ≥ one 60 s window after the transition, after it Ready=True is enough
          const lttAgo = 60 + (p.readySeed % (p.startAgo - 60 + 1));
          return makePod(`web-${i}`, {
            startTime: NOW - p.startAgo,
            ready: { status: "True", lastTransitionTime: NOW - lttAgo },
            containers: [
              { name: "app", requests: { cpu: p.requests[0] } },
              { name: "sidecar", requests: { cpu: p.requests[1] } },
            ],
          });
        });
        const usage = c.pods.map((p) => [
          usageOf(p.requests[0], p.jitter[0]),
          usageOf(p.requests[1], p.jitter[1]),
        ]);
        const input = makeSyncInput({
          pods,
          replicas: current,
          hpa: makeHpa({ minReplicas, maxReplicas, metrics: targets.map(cpuUtilizationMetric) }),
          metrics: {
            ...emptyMetrics(),
            resourceMetrics: pods.map((p, i) => {
              const [a = 0n, b = 0n] = usage[i] ?? [];
              return makePodMetrics(p.name, { app: { cpu: a }, sidecar: { cpu: b } });
            }),
          },
        });
        let sumUsage = 0n;
        for (const u of usage) for (const x of u) sumUsage += x;
        let sumRequests = 0n;
        for (const p of c.pods) sumRequests += p.requests[0] + p.requests[1];
        const util = Number((sumUsage * 100n) / sumRequests); // non-negative: BigInt division = floor
        const r = reconcileAutoscaler(input, c.state);
        const outcomes = r.explanation.metrics?.outcomes ?? [];
        expect(outcomes).toHaveLength(targets.length);
        targets.forEach((target, m) => {
          const ratio = util / target;
          const o = outcomes[m];
          if (o === undefined || !o.ok) throw new Error(`metric ${m} failed: ${JSON.stringify(o)}`);
          if (ratio >= 0.9 && ratio <= 1.1) {
            hits.within++;
            if (ratio === 0.9 || ratio === 1.1) hits.edges++;
            expect(o.replicas, `util ${util} target ${target} ratio ${ratio}`).toBe(current);
          } else {
            hits.outside++;
            expect(o.replicas, `util ${util} target ${target} ratio ${ratio}`).toBe(
              Math.ceil(ratio * pods.length),
            );
          }
        });
      }),
      { numRuns: RUNS },
    );
    expect(hits.within).toBeGreaterThan(30);
    expect(hits.outside).toBeGreaterThan(30);
    expect(hits.edges).toBeGreaterThan(5);
  });

  // ---------------------------------------------------------------- g
  it("g. immutability: frozen input and state are never written, across two chained syncs", () => {
    fc.assert(
      fc.property(arbScenario(), arbErrors, (s: Scenario, errors) => {
        const input: SyncInput = deepFreeze({ ...scenarioToInput(s), ...errors });
        const state: ControllerState = deepFreeze(structuredClone(s.state));
        const before = serialize({ input, state });
        // strict-mode ESM: any write to a frozen object throws a TypeError
        const r1 = reconcileAutoscaler(input, state);
        expect(serialize({ input, state })).toBe(before);
        // the returned state is the next sync's input: it must be left alone too
        const next: SyncInput = deepFreeze({
          ...input,
          now: NOW + 15,
          scaleTarget: { ...input.scaleTarget, specReplicas: r1.replicas },
        });
        const state2 = deepFreeze(r1.state);
        const before2 = serialize({ next, state2 });
        reconcileAutoscaler(next, state2);
        expect(serialize({ next, state2 })).toBe(before2);
      }),
      { numRuns: RUNS },
    );
  });
});
