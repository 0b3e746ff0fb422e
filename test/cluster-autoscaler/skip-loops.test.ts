/**
 * nextLoopThatCanAct / sameCaState (src/cluster-autoscaler/skip-loops.ts): the thresholds one by one, and
 * the claim itself as a property: after a loop that changed nothing, every loop before the returned time
 * returns an equal state and an equal decision.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  CaObservation,
  CaState,
  ObservedNode,
  ObservedPod,
} from "../../src/cluster-autoscaler/cluster-state.js";
import { INITIAL_CA_STATE, runOnce } from "../../src/cluster-autoscaler/controller.js";
import { nextLoopThatCanAct, sameCaState } from "../../src/cluster-autoscaler/skip-loops.js";
import { CFG, group, node, obs, pending, rsPod } from "./controller-builders.js";

const GIB = 1024 ** 3;

describe("nextLoopThatCanAct: each threshold", () => {
  const o = obs([group("g", 2)], [node("n1", "g"), node("n2", "g")], []);
  const at = (s: Partial<CaState>, ob: CaObservation = o, now = 100) =>
    nextLoopThatCanAct({ ...INITIAL_CA_STATE, ...s }, ob, CFG, now);

  it("nothing time-dependent: never", () => {
    expect(at({})).toBe(Number.POSITIVE_INFINITY);
  });
  it("unneeded since 50: 50 + 600 (ready), just before", () => {
    expect(at({ unneededSince: new Map([["n1", 50]]) })).toBeCloseTo(650, 2);
    expect(at({ unneededSince: new Map([["n1", 50]]) })).toBeLessThan(650);
  });
  it("delays after add / delete / failure", () => {
    expect(at({ lastScaleUpTime: 90 })).toBeCloseTo(690, 2);
    expect(at({ lastScaleDownFailTime: 90 })).toBeCloseTo(270, 2);
    // delay after delete is 0: 90 is in the past
    expect(at({ lastScaleDownDeleteTime: 90 })).toBe(Number.POSITIVE_INFINITY);
    // a threshold at now itself: no skipping at all
    expect(at({ lastScaleDownDeleteTime: 100 })).toBe(100);
  });
  it("scale-up request timeout, backoff expiry and reset", () => {
    const req = { groupId: "g", increase: 1, time: 50, expectedAddTime: 950 };
    expect(at({ scaleUpRequests: new Map([["g", req]]) })).toBeCloseTo(950, 2);
    const e = { duration: 300, backoffUntil: 400, lastFailedExecution: 100, errorInfo: undefined };
    expect(at({ backoff: new Map([["g", e]]) })).toBeCloseTo(400, 2);
    expect(at({ backoff: new Map([["g", e]]) }, o, 500)).toBeCloseTo(100 + 3 * 3600, 2);
  });
  it("unready nodes: creation + max-node-startup-time; ToBeDeleted taint: + 180 s", () => {
    const unready: ObservedNode = {
      node: { ...node("n3", "g").node, ready: false },
      groupId: "g",
      createdAt: 80,
    };
    expect(at({}, obs([group("g", 3)], [...o.nodes, unready], []))).toBeCloseTo(980, 2);
    const tainted: ObservedNode = { node: { ...node("n3", "g").node, toBeDeletedTaintAt: 90 }, groupId: "g" };
    expect(at({}, obs([group("g", 3)], [...o.nodes, tainted], []))).toBeCloseTo(270, 2);
  });
  it("unschedulable pods: scale-up delay (annotation), all-new buffer (GPU 30 s)", () => {
    const p = (over = {}) => pending(rsPod("p", 100, GIB, { createdAt: 99, ...over }), 99);
    expect(at({}, obs([group("g", 2)], o.nodes, [p()]))).toBeCloseTo(101, 2);
    const annotated = p({ annotations: { "cluster-autoscaler.kubernetes.io/pod-scale-up-delay": "45s" } });
    expect(at({}, obs([group("g", 2)], o.nodes, [annotated]))).toBeCloseTo(101, 2);
    const gpu = pending(rsPod("p", 100, GIB, { createdAt: 99, containers: [{ cpuMilli: 1, gpus: 1 }] }), 99);
    expect(at({}, obs([group("g", 2)], o.nodes, [gpu]))).toBeCloseTo(129, 2);
    expect(at({}, obs([group("g", 2)], o.nodes, [annotated]), 102)).toBeCloseTo(144, 2);
  });
  it("terminating pods (grace + 30 s), young kube-system pods (1 h)", () => {
    const del: ObservedPod = { pod: rsPod("p", 100, GIB, { nodeName: "n1", deletedAt: 95 }) };
    expect(at({}, obs([group("g", 2)], o.nodes, [del]))).toBeCloseTo(155, 2);
    const sys: ObservedPod = {
      pod: rsPod("s", 100, GIB, { nodeName: "n1", namespace: "kube-system", createdAt: 0 }),
    };
    expect(at({}, obs([group("g", 2)], o.nodes, [sys]))).toBeCloseTo(3600, 2);
  });
});

describe("sameCaState", () => {
  it("compares content and map order", () => {
    const a: CaState = {
      ...INITIAL_CA_STATE,
      unneededSince: new Map([
        ["a", 1],
        ["b", 2],
      ]),
    };
    expect(
      sameCaState(a, {
        ...a,
        unneededSince: new Map([
          ["a", 1],
          ["b", 2],
        ]),
      }),
    ).toBe(true);
    expect(
      sameCaState(a, {
        ...a,
        unneededSince: new Map([
          ["b", 2],
          ["a", 1],
        ]),
      }),
    ).toBe(false);
    expect(
      sameCaState(a, {
        ...a,
        unneededSince: new Map([
          ["a", 1],
          ["b", 3],
        ]),
      }),
    ).toBe(false);
    expect(sameCaState(a, { ...a, lastScaleUpTime: 5 })).toBe(false);
    expect(sameCaState(a, { ...a, extra: 1 } as CaState)).toBe(false);
  });
});

const arbNode = fc.record({
  cpu: fc.constantFrom(2000, 4000),
  ready: fc.boolean(),
  createdAt: fc.integer({ min: -2000, max: 1000 }),
  taintAt: fc.option(fc.integer({ min: 600, max: 1000 }), { nil: undefined }),
});
const arbPod = fc.record({
  cpu: fc.integer({ min: 100, max: 3000 }),
  node: fc.integer({ min: -1, max: 4 }),
  createdAt: fc.integer({ min: -4000, max: 1000 }),
  deletedAt: fc.option(fc.integer({ min: 600, max: 1000 }), { nil: undefined }),
  system: fc.boolean(),
  delay: fc.option(fc.constantFrom("0s", "20s", "90s", "bad"), { nil: undefined }),
});
const arbState = fc.record({
  since: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 4 }),
  lastUp: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  lastFail: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  request: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  backoff: fc.option(fc.tuple(fc.integer({ min: -11_000, max: 1000 }), fc.constantFrom(300, 600, 1800)), {
    nil: undefined,
  }),
});

describe("the claim, as a property", () => {
  it("after a loop that changed nothing, loops before nextLoopThatCanAct return the same", () => {
    fc.assert(
      fc.property(
        fc.array(arbNode, { minLength: 1, maxLength: 4 }),
        fc.array(arbPod, { maxLength: 6 }),
        arbState,
        fc.integer({ min: 0, max: 3 }),
        (ns, ps, st, extraTarget) => {
          const t0 = 1000;
          const nodes: ObservedNode[] = ns.map((n, i) => ({
            node: {
              ...node(`n${i}`, "g", { cpuMilli: n.cpu }).node,
              ready: n.ready,
              ...(n.taintAt === undefined ? {} : { toBeDeletedTaintAt: n.taintAt }),
            },
            groupId: "g",
            createdAt: n.createdAt,
          }));
          const pods: ObservedPod[] = ps.map((p, i) => {
            const pod = rsPod(`p${i}`, p.cpu, GIB, {
              createdAt: p.createdAt,
              ...(p.system ? { namespace: "kube-system" } : {}),
              ...(p.deletedAt === undefined ? {} : { deletedAt: p.deletedAt }),
              ...(p.delay === undefined
                ? {}
                : { annotations: { "cluster-autoscaler.kubernetes.io/pod-scale-up-delay": p.delay } }),
            });
            const on = p.node >= 0 && p.node < nodes.length ? `n${p.node}` : undefined;
            return on === undefined ? pending(pod, p.createdAt) : { pod: { ...pod, nodeName: on } };
          });
          const o = obs([group("g", nodes.length + extraTarget, { min: 0, max: 8 })], nodes, pods);
          const cfg = { ...CFG, newPodScaleUpDelaySeconds: 10, scaleDownUnneededTimeSeconds: 300 };
          let state: CaState = {
            ...INITIAL_CA_STATE,
            unneededSince: new Map(st.since.map((s, i) => [`n${i}`, s])),
            ...(st.lastUp === undefined ? {} : { lastScaleUpTime: st.lastUp }),
            ...(st.lastFail === undefined ? {} : { lastScaleDownFailTime: st.lastFail }),
            scaleUpRequests:
              st.request === undefined
                ? new Map()
                : new Map([
                    ["g", { groupId: "g", increase: 1, time: st.request, expectedAddTime: st.request + 900 }],
                  ]),
            backoff:
              st.backoff === undefined
                ? new Map()
                : new Map([
                    [
                      "g",
                      {
                        duration: st.backoff[1],
                        backoffUntil: st.backoff[0] + st.backoff[1],
                        lastFailedExecution: st.backoff[0],
                        errorInfo: undefined,
                      },
                    ],
                  ]),
          };
          let draws = 0;
          const rng = () => {
            draws++;
            return 0;
          };
          // reach a loop that changes nothing (or give up)
          let first = runOnce(state, o, cfg, t0, rng);
          for (let k = 0; k < 3 && !sameCaState(state, first.state); k++) {
            state = first.state;
            first = runOnce(state, o, cfg, t0, rng);
          }
          const d = first.decision;
          const quiet =
            sameCaState(state, first.state) &&
            d.scaleUps.length === 0 &&
            d.scaleUpTimeouts.length === 0 &&
            d.scaleDowns.length === 0;
          if (!quiet) return;
          draws = 0;
          const until = Math.min(nextLoopThatCanAct(first.state, o, cfg, t0), t0 + 20_000);
          for (let t = t0 + 1; t < until; t += 7) {
            const r = runOnce(first.state, o, cfg, t, rng);
            expect(sameCaState(r.state, first.state)).toBe(true);
            expect(r.decision).toEqual(d);
          }
          expect(draws).toBe(0);
        },
      ),
      { numRuns: 500, seed: 99 },
    );
  });
});
