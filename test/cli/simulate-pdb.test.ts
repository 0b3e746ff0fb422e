/**
 * PodDisruptionBudgets end to end, as a user runs it: the HPA x VPA fight (examples/hpa-vpa-fight) with a
 * budget of at most one unavailable `app: api` pod (test/fixtures/pdb/api-pdb.yaml) given with -f. The VPA's
 * evictions go through it: one api pod at a time, some evictions refused; a budget that
 * selects no replayed pod is warned about.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const SCENARIO = "examples/hpa-vpa-fight/scenario.yaml";
const PDB = "test/fixtures/pdb/api-pdb.yaml";

interface Doc {
  warnings: string[];
  config: { disruptionBudgets?: { name: string; selects: string[]; maxUnavailable: number | null }[] };
  events: { t: number; reason: string }[];
  summary: { vpa: { evictions: number; evictionsRefusedByBudget?: number } };
}

describe("simulate with a PodDisruptionBudget", () => {
  const plain = JSON.parse(runCli(["simulate", "--scenario", SCENARIO, "-o", "json"]).stdout) as Doc;
  const run = runCli(["simulate", "--scenario", SCENARIO, "-f", PDB, "-o", "json"]);
  const doc = JSON.parse(run.stdout) as Doc;

  it("lists the budgets in the effective configuration, with what each selects", () => {
    expect(run.code).toBe(0);
    expect(doc.config.disruptionBudgets?.map((b) => [b.name, b.selects, b.maxUnavailable])).toEqual([
      ["api", ["Deployment/api"], 1],
      ["db", [], null],
    ]);
    expect(doc.warnings).toContain(
      `${PDB}: PodDisruptionBudget "default/db" selects no pod of the replayed workloads: it has no effect`,
    );
  });

  it("lets the VPA evict one api pod at a time; it is refused evictions it made without the budget", () => {
    // the most EvictedByVPA events at one time: several without the budget, one with it
    const most = (d: Doc) => {
      const n = new Map<number, number>();
      for (const e of d.events) if (e.reason === "EvictedByVPA") n.set(e.t, (n.get(e.t) ?? 0) + 1);
      return Math.max(...n.values());
    };
    expect(most(plain)).toBeGreaterThan(1);
    expect(most(doc)).toBe(1);
    expect(doc.summary.vpa.evictionsRefusedByBudget).toBeGreaterThan(0);
    expect(plain.summary.vpa.evictionsRefusedByBudget).toBeUndefined();
  });

  it("validate reports the budgets as the API server would", () => {
    const r = runCli(["validate", PDB]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${PDB}: PodDisruptionBudget "api": valid\n${PDB}: PodDisruptionBudget "db": valid\n`,
    );
  });
});
