/**
 * PodInfoView hands the HPA the previous pods list while Workload.revision has not moved. That relies on every
 * visible change bumping the revision (creation, binding, deletion, OOM kills, VPA resizes and evictions,
 * transitions). With PodInfoView.verify on, every such answer is checked against the per-pod rebuild and a
 * stale one throws; these replays cover each kind of change. Workload.countActive keys on the revision too:
 * every sync's status.replicas must equal its pods not deleted.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Workload } from "../../src/cluster/workload.js";
import { PodInfoView } from "../../src/engine/hpa-sync.js";
import { MinHeap } from "../../src/engine/min-heap.js";
import { createRng } from "../../src/engine/rng.js";
import { type SimulateOptions, simulate } from "../../src/engine/simulate.js";
import { loadSimulationInputs } from "../../src/scenario/load-simulation-inputs.js";
import { arbReplayBehavior } from "./arbitraries.js";
import { makeRunInputs } from "./builders.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const MI = 1024 * 1024;

function example(path: string) {
  const file = `${root}${path}`;
  return loadSimulationInputs({
    manifests: [],
    scenario: { path: file, text: readFileSync(file, "utf8") },
    readFile: (p) => readFileSync(p, "utf8"),
  }).inputs;
}

/** Every sync's scale status.replicas against the pods it was shown (collects mismatches). */
function checkingActive(bad: string[]): SimulateOptions {
  return {
    onSync: (input) => {
      const active = input.pods.filter((p) => !p.deleted).length;
      if (input.scaleTarget.statusReplicas !== active)
        bad.push(
          `t=${input.now}: status.replicas ${input.scaleTarget.statusReplicas}, active pods ${active}`,
        );
    },
  };
}

describe("Workload.revision covers every change PodInfo shows", () => {
  beforeAll(() => {
    PodInfoView.verify = true;
  });
  afterAll(() => {
    PodInfoView.verify = false;
  });

  it("a stale answer would throw (the check is live)", () => {
    const inputs = makeRunInputs({
      demand: [[0, 1]],
      durationSeconds: 1,
      startupSeconds: 5,
      readinessSeconds: 10,
    });
    const w = new Workload(inputs.target, inputs.usage, inputs.lifecycle, createRng(7), new MinHeap());
    w.reconcileReplicas(3, 0); // bound at 0, running at 5, Ready at 15
    const view = new PodInfoView(inputs.target);
    expect(view.pods(w, 1).map((p) => p.phase)).toEqual(["Pending", "Pending", "Pending"]);
    // t passes the pods' start without their transitions applied (the engine never does this): caught
    expect(() => view.pods(w, 20)).toThrow(/without a Workload.revision bump/);
    w.applyTransitions(20);
    expect(view.pods(w, 20).map((p) => p.ready?.status)).toEqual(["True", "True", "True"]);
  });

  it("random replays: scale up and down, startup and readiness delays, behaviors", () => {
    fc.assert(
      fc.property(
        arbReplayBehavior,
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (behavior, levels, startup, readiness) => {
          const bad: string[] = [];
          const r = simulate(
            makeRunInputs({
              minReplicas: 1,
              maxReplicas: 15,
              replicas: 2,
              behavior: behavior as NonNullable<typeof behavior>,
              demand: levels.map((v, i) => [i * 180, v] as const),
              durationSeconds: levels.length * 180 + 600,
              startupSeconds: startup,
              readinessSeconds: readiness,
            }),
            checkingActive(bad),
          );
          expect(r.summary.syncs).toBeGreaterThan(0);
          expect(bad).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("OOM kills and restarts", () => {
    const base = makeRunInputs({
      replicas: 2,
      minReplicas: 2,
      maxReplicas: 6,
      demand: [
        [0, 40],
        [100, 300],
        [400, 50],
      ],
      durationSeconds: 900,
      usage: { memory: (load) => 100 * MI + 2 * load * MI },
    });
    const [c] = base.target.containers;
    if (c === undefined) throw new Error("no container");
    const bad: string[] = [];
    const r = simulate(
      {
        ...base,
        target: { ...base.target, containers: [{ ...c, limits: { memory: 200n * BigInt(MI) * 1000n } }] },
      },
      checkingActive(bad),
    );
    expect(r.summary.oomKills).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it("a VPA evicting and recreating pods (examples/hpa-vpa-fight)", () => {
    const bad: string[] = [];
    const r = simulate(
      { ...example("examples/hpa-vpa-fight/scenario.yaml"), durationSeconds: 6 * 3600 },
      checkingActive(bad),
    );
    expect(r.summary.vpa?.evictions ?? 0).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it("a cluster binding Pending pods on new nodes (examples/shared-cluster)", () => {
    const bad: string[] = [];
    const r = simulate(example("examples/shared-cluster/scenario.yaml"), checkingActive(bad));
    expect(r.summary.cluster?.pendingPodSeconds ?? 0).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });
});
