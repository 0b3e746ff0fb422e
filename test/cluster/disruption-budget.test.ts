/**
 * PodDisruptionBudget status (disruption.go getExpectedPodCount, countHealthyPods, updatePdbStatus) and the
 * eviction subresource's verdict (eviction.go), case by case from test/fixtures/pdb/budget-cases.json. A pod
 * there is ready, running (not Ready), starting or pending (not Running: phase Pending), or terminating.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type BudgetStatus,
  budgetStatus,
  type DisruptionBudgetSpec,
  EVICTION_REFUSED_MESSAGE,
  evictionVerdict,
} from "../../src/cluster/disruption-budget.js";

type PodCase = "ready" | "running" | "starting" | "pending" | "terminating";
interface BudgetCase {
  readonly name: string;
  readonly spec: Pick<DisruptionBudgetSpec, "minAvailable" | "maxUnavailable"> & {
    readonly unhealthyPodEvictionPolicy?: DisruptionBudgetSpec["unhealthyPodEvictionPolicy"];
  };
  readonly scale: number;
  readonly pods: readonly PodCase[];
  readonly status: BudgetStatus;
  readonly evict: { readonly pod: PodCase; readonly allowed: boolean };
}

const cases = JSON.parse(
  readFileSync(new URL("../fixtures/pdb/budget-cases.json", import.meta.url), "utf8"),
) as BudgetCase[];

const pod = (c: PodCase) => ({
  ready: c === "ready",
  terminating: c === "terminating",
  running: c === "ready" || c === "running" || c === "terminating",
});

describe("PodDisruptionBudget status and evictions", () => {
  for (const c of cases) {
    it(c.name, () => {
      const spec: DisruptionBudgetSpec = {
        name: "web",
        namespace: "default",
        selector: "app=web",
        unhealthyPodEvictionPolicy: "IfHealthyBudget",
        ...c.spec,
      };
      const status = budgetStatus(spec, c.pods.map(pod), c.scale);
      expect(status).toStrictEqual(c.status);
      const verdict = evictionVerdict(pod(c.evict.pod), [{ spec, status }]);
      expect(verdict.allowed).toBe(c.evict.allowed);
      if (!verdict.allowed) expect(verdict.message).toBe(EVICTION_REFUSED_MESSAGE);
    });
  }

  it("refuses a pod that two budgets select (the subresource supports one)", () => {
    const spec: DisruptionBudgetSpec = {
      name: "a",
      namespace: "default",
      selector: "",
      maxUnavailable: { int: 5 },
      unhealthyPodEvictionPolicy: "IfHealthyBudget",
    };
    const status = budgetStatus(spec, [pod("ready"), pod("ready")], 2);
    const v = evictionVerdict(pod("ready"), [
      { spec, status },
      { spec: { ...spec, name: "b" }, status },
    ]);
    expect(v).toStrictEqual({
      allowed: false,
      message:
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    });
  });
});
