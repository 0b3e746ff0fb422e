/**
 * The StatefulSet controller's scaling step (stateful_set_control.go updateStatefulSet), case by case from
 * test/fixtures/statefulset/update-steps.json. A pod's `state` there is where it is at `t`: pending (created,
 * not bound), starting (bound, containers not running), running (not Ready), ready (Ready since `readyAt`,
 * default 0), terminating (deleted, grace period not over) or gone.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SimPod } from "../../src/cluster/sim-pod.js";
import { type StatefulSetScaling, updateStatefulSet } from "../../src/cluster/stateful-set-control.js";
import { makeSimPod } from "./builders.js";

interface StepCase {
  readonly name: string;
  readonly spec: Partial<StatefulSetScaling> & Pick<StatefulSetScaling, "replicas" | "podManagementPolicy">;
  readonly t: number;
  readonly pods: readonly {
    readonly ordinal: number;
    readonly state: "pending" | "starting" | "running" | "ready" | "terminating" | "gone";
    readonly readyAt?: number;
  }[];
  readonly expect: {
    readonly create: number[];
    readonly delete: number[];
    readonly recheckAt: number | null;
  };
}

const cases = JSON.parse(
  readFileSync(new URL("../fixtures/statefulset/update-steps.json", import.meta.url), "utf8"),
) as StepCase[];

function podAt(ordinal: number, state: StepCase["pods"][number]["state"], t: number, readyAt = 0): SimPod {
  const name = `db-${ordinal}`;
  switch (state) {
    case "pending":
      return makeSimPod(name, { ordinal, boundAt: null, runningAt: null, readyAt: null });
    case "starting":
      return makeSimPod(name, { ordinal, runningAt: null, readyAt: null });
    case "running":
      return makeSimPod(name, { ordinal, readyAt: null });
    case "ready":
      return makeSimPod(name, { ordinal, readyAt });
    case "terminating":
      return makeSimPod(name, { ordinal, deletedAt: t - 1, goneAt: t + 29 });
    case "gone":
      return makeSimPod(name, { ordinal, deletedAt: t - 30, goneAt: t });
  }
}

describe("updateStatefulSet (stateful_set_control.go)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const pods = c.pods.map((p) => podAt(p.ordinal, p.state, c.t, p.readyAt));
      const spec: StatefulSetScaling = { minReadySeconds: 0, startOrdinal: 0, ...c.spec };
      const step = updateStatefulSet(pods, spec, c.t);
      expect({
        create: step.create,
        delete: step.delete.map((p) => p.ordinal),
        recheckAt: step.recheckAt,
      }).toStrictEqual(c.expect);
    });
  }
});
