/**
 * OOM kills, hand-derived: two pods whose memory follows their load, limited to 200Mi. When the demand per
 * pod pushes memory past the limit, both are killed; the kubelet restarts them after its crash-loop
 * back-off (first at once, then 10 s, 20 s, 40 s, ...) and they are Ready again `startup + readiness`
 * (5 + 10 s) after each restart, only to be killed again while the demand stays.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/engine/simulate.js";
import { makeRunInputs } from "./builders.js";

const MI = 1024 * 1024;

function inputs() {
  const base = makeRunInputs({
    replicas: 2,
    minReplicas: 2,
    maxReplicas: 2,
    demand: [
      [0, 100],
      [100, 300],
    ],
    durationSeconds: 240,
    recordEverySeconds: 1,
    usage: { memory: (load) => 100 * MI + load * MI },
  });
  const [c] = base.target.containers;
  if (c === undefined) throw new Error("no container");
  return {
    ...base,
    target: { ...base.target, containers: [{ ...c, limits: { memory: 200n * BigInt(MI) * 1000n } }] },
  };
}

describe("OOM kills and the kubelet's restart back-off", () => {
  const r = simulate(inputs());
  const at = (t: number) => r.timeline.find((x) => x.t === t);

  it("no kill while each pod's 50 requests/s keep it at 150Mi", () => {
    expect(at(99)?.readyReplicas).toBe(2);
    expect(at(99)?.unserved).toBe(0);
  });

  it("kills both pods at 100, 115, 140, 175 and 230: back-off 0, 10, 20, 40, then Ready 15 s after each restart", () => {
    // 300 req/s over 2 Ready pods = 150 each: 100Mi + 150Mi = 250Mi > 200Mi, both killed at 100 (restart at
    // once, Ready at 115); at 115 the same load kills them again (back-off 10 s: restart 125, Ready 140);
    // 140 -> back-off 20 s (Ready 175); 175 -> 40 s (Ready 230); 230 -> 80 s (Ready 325, after the end).
    expect(r.summary.oomKills).toBe(10);
    for (const t of [100, 114, 115, 139, 140, 174, 175, 229, 230, 239]) expect(at(t)?.readyReplicas).toBe(0);
    // no pod takes load from 100 on: all of it is unserved
    expect(at(120)?.unserved).toBe(300);
  });

  it("the same run without the memory limit has no kills", () => {
    const i = inputs();
    const c = i.target.containers[0];
    if (c === undefined) throw new Error("no container");
    const unlimited = simulate({ ...i, target: { ...i.target, containers: [{ ...c, limits: {} }] } });
    expect(unlimited.summary.oomKills).toBe(0);
    expect(unlimited.timeline.find((x) => x.t === 120)?.readyReplicas).toBe(2);
  });
});

describe("metrics-server around an OOM kill", () => {
  it("publishes nothing for a pod across its container's restart, and nothing while it waits in back-off", () => {
    const seen = new Map<number, string[]>();
    simulate(inputs(), {
      onSync: (input) => {
        seen.set(
          input.now,
          input.metrics.resourceMetrics.map((m) => m.pod),
        );
      },
    });
    // scrapes every 15 s from 0 (syncs read the scrape of the same second)
    expect(seen.get(90)).toHaveLength(2);
    // killed at 100 and restarted at once: the scrape at 105 sees the restart -> no rate for either pod
    expect(seen.get(105)).toEqual([]);
    // killed again at 115 (back-off 10 s, restart at 125): down at 120 -> not scraped
    expect(seen.get(120)).toEqual([]);
    // 135: the first sample after the restart; 150: killed at 140, down until 160
    expect(seen.get(135)).toEqual([]);
    expect(seen.get(150)).toEqual([]);
  });
});
