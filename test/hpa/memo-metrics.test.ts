/**
 * metrics-memo.ts reuses the previous sync's metric computation when the pods array, the usage lists and
 * everything else it reads are the same objects. Each test runs a sequence of syncs that share those objects the
 * way the engine does (one HPA, one pods array while no pod changed, one usage list per distinct usage) and checks
 * every sync against a fresh computation on unshared copies, where the memo cannot hit.
 */
import { describe, expect, it } from "vitest";
import { reconcileAutoscaler } from "../../src/hpa/controller.js";
import type { PodInfo, PodResourceMetrics, ResourceList, SyncInput } from "../../src/hpa/types.js";
import { FRESH_STATE, makeHpa, makePod, makeSyncInput, NOW, serialize } from "./builders.js";

/** A deep copy that shares nothing with the original (so no memo entry matches it). */
function unshared<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => unshared(x)) as T;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = unshared(x);
    return out as T;
  }
  return v;
}

const hpa = makeHpa({ maxReplicas: 20 });

/** One usage list shared by every item, as metrics-server hands out for equal usage. */
function usage(appCpu: bigint): PodResourceMetrics["containers"] {
  const app: ResourceList = { cpu: appCpu, memory: 1000n };
  const sidecar: ResourceList = { cpu: 100n, memory: 1000n };
  return [
    { name: "app", usage: app },
    { name: "sidecar", usage: sidecar },
  ];
}

function items(pods: readonly PodInfo[], list: PodResourceMetrics["containers"], t: number) {
  return pods.map((p) => ({ pod: p.name, timestamp: t, windowSeconds: 15, containers: list }));
}

function input(now: number, pods: readonly PodInfo[], metrics: readonly PodResourceMetrics[]): SyncInput {
  return makeSyncInput({
    now,
    hpa,
    pods,
    metrics: { resourceMetrics: metrics, podsMetrics: {}, objectMetrics: [], externalMetrics: {} },
  });
}

/** Runs the syncs in order (state carried over) on shared and on unshared inputs and compares each. */
function expectSameAsFresh(syncs: readonly SyncInput[]): string[] {
  let st = FRESH_STATE;
  let freshSt = FRESH_STATE;
  const out: string[] = [];
  for (const s of syncs) {
    const r = reconcileAutoscaler(s, st);
    const f = reconcileAutoscaler(unshared(s), unshared(freshSt));
    expect(serialize(r)).toBe(serialize(f));
    st = r.state;
    freshSt = f.state;
    out.push(serialize(r.explanation.metrics));
  }
  return out;
}

describe("metric computation memo", () => {
  it("a pod leaving its CPU-initialization period between syncs with identical metric values", () => {
    // web-2 started 250 s ago, Ready 20 s ago: while it initializes, a sample taken less than a window (15 s)
    // after the readiness change marks it unready; from NOW + 50 (start + 300 s) it counts as ready.
    const young = makePod("web-2", {
      startTime: NOW - 250,
      ready: { status: "True", lastTransitionTime: NOW - 20 },
    });
    const pods = [makePod("web-0"), makePod("web-1"), young];
    const list = usage(400n); // (400m + 100m) / 300m = 167 % of a 50 % target
    const stamped = items(pods, list, NOW - 10); // NOW - 10 < NOW - 20 + 15: unready while initializing
    const out = expectSameAsFresh([
      input(NOW + 60, pods, stamped), // initialization over: 3 ready pods (memo stored)
      input(NOW + 40, pods, stamped), // time goes back into the period: must not reuse
      input(NOW + 75, pods, stamped),
    ]);
    expect(out[0]).not.toBe(out[1]);
    expect(out[1]).toContain('"unready":["web-2"]');
  });

  it("reuses the result only while the usage list object is the same", () => {
    const pods = [makePod("web-0"), makePod("web-1")];
    const low = usage(50n);
    const out = expectSameAsFresh([
      input(NOW, pods, items(pods, low, NOW)),
      input(NOW + 15, pods, items(pods, low, NOW + 15)), // same values: reused, new timestamp
      input(NOW + 30, pods, items(pods, usage(500n), NOW + 30)), // a changed value
      input(NOW + 45, pods, items(pods, usage(50n), NOW + 45)), // equal values in a new list
    ]);
    expect(out[1]).toContain(`"timestamp":${NOW + 15}`);
    expect(out[2]).not.toBe((out[1] as string).replaceAll(`${NOW + 15}`, `${NOW + 30}`));
  });

  it("a pod turning Ready (a new PodInfo and pods array) is seen at once", () => {
    // never Ready since its start (+10 s, inside the 30 s readiness delay): unready for cpu; then Ready
    const notReady = makePod("web-1", { ready: { status: "False", lastTransitionTime: NOW - 3590 } });
    const before = [makePod("web-0"), notReady];
    const turned = makePod("web-1", { ready: { status: "True", lastTransitionTime: NOW + 20 } });
    const after = [before[0] as PodInfo, turned];
    const list = usage(300n);
    const out = expectSameAsFresh([
      input(NOW, before, items(before, list, NOW)),
      input(NOW + 15, before, items(before, list, NOW + 15)),
      input(NOW + 30, after, items(after, list, NOW + 30)),
    ]);
    expect(out[1]).toContain('"unready":["web-1"]');
    expect(out[2]).not.toContain('"unready":["web-1"]');
  });

  it("a changed replica count, a metrics API error or a new item window is not served from the memo", () => {
    const pods = [makePod("web-0"), makePod("web-1"), makePod("web-2")];
    const list = usage(200n);
    const same = items(pods, list, NOW);
    const err = {
      ...input(NOW + 15, pods, same),
      metrics: { ...input(NOW, pods, same).metrics, errors: { resourceMetrics: "boom" } },
    };
    const wider = items(pods, list, NOW + 30).map((m) => ({ ...m, windowSeconds: 30 }));
    expectSameAsFresh([
      input(NOW, pods, same),
      {
        ...input(NOW + 5, pods, same),
        scaleTarget: { specReplicas: 5, statusReplicas: 5, selector: "app=web" },
      },
      err,
      input(NOW + 30, pods, wider),
      input(NOW + 45, pods, same),
    ]);
  });
});
