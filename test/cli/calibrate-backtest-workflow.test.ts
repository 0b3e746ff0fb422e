/**
 * The workflow the two commands are for, end to end: a "real" workload whose pods use 30m + 3m per request/s (here
 * a replay of the WorldCup example with that usage, standing in for a cluster's Prometheus), a model that guessed
 * 20m + 4m, `calibrate` on the real traces, then the replay with the calibrated model backtested against the real
 * replicas. The guess misses them; the calibrated model reproduces them exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { movableScenario, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-workflow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GUESS = "20m + 4m * load";
const REAL = "30m + 3m * load";
const RUN = ["--duration", "12h", "--record-every", "15"];

/** The WorldCup example's scenario with its pods' CPU model replaced. */
function scenarioWith(cpu: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, movableScenario("worldcup").replace(`cpu: ${GUESS}`, `cpu: ${cpu}`));
  return path;
}

interface Row {
  time: string;
  served: number;
  replicas: number;
  readyReplicas: number;
  metrics: { cpu: { actual: number | null } };
}

describe("calibrate, then backtest", () => {
  it("the calibrated model reproduces the real replicas the guess missed", () => {
    const real = runCli(["simulate", "-s", scenarioWith(REAL, "real.yaml"), ...RUN, "-o", "json"]);
    expect(real.code).toBe(0);
    const rows: Row[] = JSON.parse(real.stdout).timeline;
    const write = (name: string, header: string, line: (r: Row) => string | null) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        `${header}\n${rows
          .map(line)
          .filter((l) => l !== null)
          .join("\n")}\n`,
      );
      return path;
    };
    const load = write("load.csv", "time,rps", (r) => `${r.time},${r.served}`);
    const pods = write("pods.csv", "time,ready", (r) => `${r.time},${r.readyReplicas}`);
    // cpu.actual is the Ready pods' mean utilization of the 250m request
    const cpu = write("cpu.csv", "time,cores", (r) =>
      r.metrics.cpu.actual === null
        ? null
        : `${r.time},${(r.metrics.cpu.actual / 100) * 0.25 * r.readyReplicas}`,
    );
    const replicas = write("replicas.csv", "time,replicas", (r) => `${r.time},${r.replicas}`);

    const fitted = runCli(["calibrate", "--load", load, "--pods", pods, "--cpu", cpu, "-o", "json"]);
    expect(fitted.code).toBe(0);
    const expression = JSON.parse(fitted.stdout).cpu.expression;
    expect(expression).toBe(REAL);

    const backtest = (scenario: string) => {
      const r = runCli(["simulate", "-s", scenario, ...RUN, "--backtest-replicas", replicas, "-o", "json"]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).summary.backtest;
    };
    const guessed = backtest(scenarioWith(GUESS, "guess.yaml"));
    const calibrated = backtest(scenarioWith(expression, "calibrated.yaml"));
    expect(guessed.meanAbsoluteError).toBeGreaterThan(0);
    expect(calibrated).toMatchObject({ meanAbsoluteError: 0, exactShare: 1, comparedSeconds: 12 * 3600 });
  });
});
