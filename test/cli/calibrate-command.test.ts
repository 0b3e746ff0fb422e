/**
 * `kube-whatif calibrate`, end to end: the usage model of the bundled WorldCup example (20m + 4m per request/s per
 * Ready pod) recovered from a replay's own output, written as the traces a Prometheus would export (demand,
 * Ready pods, total CPU cores); a demand in requests/min; memory; and bad input refused with exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-calibrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  time: string;
  served: number;
  readyReplicas: number;
  metrics: { cpu: { actual: number | null } };
}
const files = { load: "", loadPerMin: "", pods: "", cpu: "", memory: "", both: "" };

/** web.yaml's CPU request per pod (cores): cpu.actual is a percentage of it. */
const REQUEST = 0.25;

beforeAll(() => {
  const r = runCli(["simulate", "-s", "examples/worldcup/scenario.yaml", "--duration", "12h", "-o", "json"]);
  expect(r.code).toBe(0);
  const rows: Row[] = JSON.parse(r.stdout).timeline;
  const write = (name: string, header: string, line: (x: Row) => string | null) => {
    const path = join(dir, name);
    const lines = rows.map(line).filter((l): l is string => l !== null);
    writeFileSync(path, `${header}\n${lines.join("\n")}\n`);
    return path;
  };
  files.load = write("load.csv", "time,rps", (x) => `${x.time},${x.served}`);
  files.loadPerMin = write("load-per-min.csv", "time,rpm", (x) => `${x.time},${x.served * 60}`);
  files.pods = write("pods.csv", "time,ready", (x) => `${x.time},${x.readyReplicas}`);
  const cores = (x: Row) => ((x.metrics.cpu.actual ?? 0) / 100) * REQUEST * x.readyReplicas;
  files.cpu = write("cpu.csv", "time,cores", (x) =>
    x.metrics.cpu.actual === null ? null : `${x.time},${cores(x)}`,
  );
  // memory as the example models it: 120Mi + 100Ki per request/s per pod
  files.memory = write(
    "memory.csv",
    "time,bytes",
    (x) => `${x.time},${x.readyReplicas * 120 * 2 ** 20 + 100 * 1024 * x.served}`,
  );
  files.both = write("usage.csv", "time,cores,bytes", (x) =>
    x.metrics.cpu.actual === null
      ? null
      : `${x.time},${cores(x)},${x.readyReplicas * 120 * 2 ** 20 + 100 * 1024 * x.served}`,
  );
});

/** `calibrate --load <load> --pods <pods>` and `args`. */
const calibrate = (...args: string[]) =>
  runCli(["calibrate", "--load", files.load, "--pods", files.pods, ...args]);

describe("calibrate", () => {
  it("recovers the example's usage model from its replay (JSON)", () => {
    const r = calibrate("--cpu", files.cpu, "--memory", files.memory, "-o", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.alignment).toBe("date-time");
    expect(doc.load).toEqual({ source: files.load, unit: "requests/s" });
    expect(doc.cpu.base).toBeCloseTo(0.02, 7);
    expect(doc.cpu.perLoad).toBeCloseTo(0.004, 8);
    expect(doc.cpu.expression).toBe("20m + 4m * load");
    expect(doc.cpu.r2).toBeCloseTo(1, 9);
    expect(doc.memory.expression).toBe("120Mi + 100Ki * load");
    expect(doc.warnings).toEqual([]);
  });

  it("the table names the fit, its quality and range, then the Scenario snippet; requests/min is per second", () => {
    const r = runCli([
      "calibrate",
      "--load",
      files.loadPerMin,
      "--measures",
      "requests/min",
      "--pods",
      files.pods,
      "--cpu",
      files.cpu,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  cpu     20m + 4m * load\n");
    expect(r.stdout).toContain("          base 20m (± <0.1%), per unit of load 4m (± <0.1%) (95%)\n");
    expect(r.stdout).toMatch(/R² 1; residual RMS [\d.e-]+ cores/);
    expect(r.stdout).toMatch(/fitted over a load per pod of [\d.]+ \.\. [\d.]+ requests\/s/);
    expect(r.stdout).toContain("spec:\n  workload:\n    usage:\n      cpu: 20m + 4m * load\n");
    // and the same as a flag, which simulate takes as it is printed
    expect(
      r.stdout.endsWith("Or as flags of simulate, compare and sweep:\n\n  --cpu '20m + 4m * load'\n"),
    ).toBe(true);
  });

  it("--from/--to fit a period only (a date-time, on every trace alike)", () => {
    const all = JSON.parse(calibrate("--cpu", files.cpu, "-o", "json").stdout).cpu;
    const half = JSON.parse(
      calibrate(
        "--cpu",
        files.cpu,
        "--from",
        "1998-06-28 06:00:00",
        "--to",
        "1998-06-28 09:00:00",
        "-o",
        "json",
      ).stdout,
    ).cpu;
    // 12 h of samples against 3 h of them, the model the same
    expect([all.samples, half.samples]).toEqual([2880, 720]);
    expect(half.expression).toBe("20m + 4m * load");
  });

  it("Prometheus query_range exports, as the README's recipe fetches them", () => {
    const prom = (name: string, csv: string) => {
      const lines = readFileSync(csv, "utf8").trim().split("\n").slice(1);
      const values = lines.map((l) => {
        const [time, value] = l.split(",");
        return [Date.parse(time ?? "") / 1000, value];
      });
      const path = join(dir, name);
      writeFileSync(
        path,
        JSON.stringify({
          status: "success",
          data: { resultType: "matrix", result: [{ metric: {}, values }] },
        }),
      );
      return path;
    };
    const r = runCli([
      "calibrate",
      "--load",
      prom("rps.json", files.load),
      "--pods",
      prom("ready.json", files.pods),
      "--cpu",
      prom("cpu.json", files.cpu),
      "-o",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      alignment: "date-time",
      cpu: { expression: "20m + 4m * load" },
    });
  });

  it("--robust: garbage-collection spikes on every 15th sample pull least squares off, not Huber's fit", () => {
    const lines = readFileSync(files.cpu, "utf8").trim().split("\n");
    const spiked = join(dir, "cpu-spiked.csv");
    writeFileSync(
      spiked,
      `${lines
        .map((l, i) => {
          if (i === 0 || i % 15 !== 0) return l;
          const [time, cores] = l.split(",");
          return `${time},${Number(cores) * 2.5}`;
        })
        .join("\n")}\n`,
    );
    const json = (...args: string[]) =>
      JSON.parse(calibrate("--cpu", spiked, ...args, "-o", "json").stdout).cpu;
    const ols = json();
    const huber = json("--robust");
    expect(ols.method).toBe("least-squares");
    expect(ols.expression).not.toBe("20m + 4m * load");
    expect(huber).toMatchObject({ method: "huber", expression: "20m + 4m * load" });
    expect(huber.downWeighted).toBeGreaterThan(0);
    const text = calibrate("--cpu", spiked, "--robust").stdout;
    expect(text).toContain("  cpu     20m + 4m * load");
    expect(text).toMatch(/; Huber's robust fit: \d+ beyond 1.345 robust standard deviations weighed less/);
  });

  it("FILE#COLUMN picks a column of a CSV holding several", () => {
    const r = calibrate("--cpu", `${files.both}#cores`, "--memory", `${files.both}#2`, "-o", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.cpu.expression, doc.memory.expression]).toEqual(["20m + 4m * load", "120Mi + 100Ki * load"]);
  });

  it.each([
    [["--pods", "P", "--cpu", "C"], "calibrate needs --load FILE and --pods FILE"],
    [["--load", "L", "--pods", "P"], "calibrate needs --cpu FILE and/or --memory FILE"],
    [
      ["--load", "L", "--pods", "P", "--cpu", "C", "--measures", "utilization"],
      "--measures: expected a rate",
    ],
    [["--load", "L", "--pods", "L", "--cpu", "C"], "the load per pod hardly varies"],
    [["--load", "L", "--pods", "P", "--cpu", "missing.csv"], "missing.csv: cannot read the file"],
    [["--load", "L", "--pods", "P", "--cpu", "C#nope"], 'valueColumn: no column named "nope"'],
  ])("refuses %j: exit 2, nothing written", (args, message) => {
    const real = { L: files.load, P: files.pods, C: files.cpu } as Record<string, string>;
    const r = runCli(["calibrate", ...args.map((a) => a.replace(/^(L|P|C)(?=$|#)/, (k) => real[k] ?? k))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
