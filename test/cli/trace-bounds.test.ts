/**
 * The trace bounds end to end (src/trace/README-rules.md, "Bounds"): a trace whose span is absurd (a time with one
 * digit too many, a relative time of 1e10 s, a Prometheus timestamp of null or 1e13), a replay of centuries
 * (--duration, spec.simulation.durationSeconds) and values that overflow (--scale 1e308, Prometheus "1e308", two
 * series of 1.7e308 summed) exit 2 at once with a message naming the file and line (or the flag or field), and print
 * nothing on stdout. They used to kill Node with a V8 fatal error after 15-25 s (exit 133), or exit 0 reporting NaN.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, ROOT, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-trace-bounds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WEB = join(ROOT, "examples/worldcup/web.yaml");
/** Well under the 15-25 s the replay took to die; a bad trace is refused while it is read. */
const QUICK_MS = 10_000;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function prometheus(...series: [Record<string, string>, [unknown, string][]][]): string {
  return JSON.stringify({
    status: "success",
    data: { resultType: "matrix", result: series.map(([metric, values]) => ({ metric, values })) },
  });
}

/** simulate -f web.yaml --trace <path> with a usage model, and how long it took. */
function simulate(trace: string, ...more: string[]): CliRun & { ms: number } {
  const start = Date.now();
  const run = runCli(["simulate", "-f", WEB, "--trace", trace, "--cpu", "20m + 4m * load", ...more]);
  return { ...run, ms: Date.now() - start };
}

const TYPO = file("typo.csv", "time,rps\n1700000000,100\n1700000060,101\n17000000120,102\n1700000180,103\n");

describe("a replay spans at most 10 years", () => {
  const cases: { name: string; run: () => CliRun & { ms: number }; stderr: string }[] = [
    {
      name: "a time with one digit too many names its line and the time before it",
      run: () => simulate(TYPO),
      stderr: `error: ${TYPO}:4: column "time": 17000000120 is 485 years after 1700000180 on line 5, the time before it (rows are taken in time order); a replay spans at most 10 years: check the time column, or replay a slice (--from/--to, spec.trace.from/to)\n`,
    },
    {
      name: "epoch milliseconds in a column of epoch seconds",
      run: () => simulate(file("ms.csv", "time,rps\n1700000000,1\n1700000060,2\n1700000120000,3\n")),
      stderr:
        'ms.csv:4: column "time": "1700000120000" as epoch seconds is after 9999-12-31T23:59:59Z: times must fall in the years 0000 to 9999 (epoch milliseconds?',
    },
    {
      name: "a relative time of 1e10 seconds",
      run: () => simulate(file("rel.csv", "t,rps\n0,1\n60,2\n10000000000,3\n")),
      stderr: 'rel.csv:4: column "t": 10000000000 is 317 years after the previous row (60); a replay spans',
    },
    {
      name: "a Prometheus timestamp null",
      run: () =>
        simulate(
          file(
            "null.json",
            prometheus([
              {},
              [
                [null, "1"],
                [1700000060, "2"],
              ],
            ]),
          ),
        ),
      stderr: 'null.json: series {}: sample 0 is not [timestamp, "value"] with a timestamp in epoch seconds',
    },
    {
      name: "a Prometheus timestamp of 1e13",
      run: () =>
        simulate(
          file(
            "far.json",
            prometheus([
              {},
              [
                [1700000000, "1"],
                [1e13, "2"],
              ],
            ]),
          ),
        ),
      stderr: "far.json: series {}: sample 1: timestamp 10000000000000 is after 9999-12-31T23:59:59Z",
    },
    {
      name: "--duration 100000d names the flag",
      run: () => simulate(TYPO, "--to", "2023-11-14T22:16:21Z", "--duration", "100000d"),
      stderr:
        "error: command line: --duration: Invalid value: 8640000000: must be less than or equal to 315360000 (10 years: the longest replay)\n",
    },
    {
      name: "spec.simulation.durationSeconds: 1e12 names the field",
      run: () => {
        const scenario = file(
          "centuries.yaml",
          [
            "apiVersion: kube-whatif.dev/v1alpha1",
            "kind: Scenario",
            "spec:",
            `  manifests: [${JSON.stringify(WEB)}]`,
            `  trace: {file: ${JSON.stringify(TYPO)}, to: "2023-11-14T22:16:21Z"}`,
            "  workload: {usage: {cpu: 20m + 4m * load}}",
            "  simulation: {durationSeconds: 1000000000000}",
          ].join("\n"),
        );
        const start = Date.now();
        return { ...runCli(["simulate", "-s", scenario]), ms: Date.now() - start };
      },
      stderr:
        "centuries.yaml: spec.simulation.durationSeconds: Invalid value: 1000000000000: must be less than or equal to 315360000 (10 years: the longest replay)\n",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 2 at once, nothing on stdout`, () => {
      const r = c.run();
      expect(r.stderr).toContain(c.stderr);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.ms).toBeLessThan(QUICK_MS);
    });
  }

  it("a slice that leaves the far time out replays", () => {
    const r = simulate(TYPO, "--to", "2023-11-14T22:16:21Z", "-o", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.durationSeconds).toBe(240);
  });
});

describe("trace values are at most 1e15: no NaN or Infinity reaches a report", () => {
  const PLAIN = file("plain.csv", "time,rps\n1700000000,100\n1700000060,101\n1700000120,102\n");
  const at = "1700000000 (2023-11-14T22:13:20Z)";
  const cases: { name: string; run: () => CliRun & { ms: number }; stderr: string }[] = [
    {
      name: "--scale 1e308 names the line and the scale",
      run: () => simulate(PLAIN, "--scale", "1e308"),
      stderr: `error: ${PLAIN}:2: column "rps": 100 × scale 1e+308 is infinite, above 1e15, the largest value a trace may hold: check the scale (--scale, spec.trace.scale)\n`,
    },
    {
      name: 'Prometheus values "1e308"',
      run: () =>
        simulate(
          file(
            "huge.json",
            prometheus([
              {},
              [
                [1700000000, "1e308"],
                [1700000060, "1e308"],
              ],
            ]),
          ),
        ),
      stderr: `huge.json: the value 1e+308 at ${at} is above 1e15, the largest value a trace may hold\n`,
    },
    {
      name: "two Prometheus series of 1.7e308 summed",
      run: () =>
        simulate(
          file(
            "sum.json",
            prometheus(
              [
                { a: "1" },
                [
                  [1700000000, "1.7e308"],
                  [1700000060, "1.7e308"],
                ],
              ],
              [
                { a: "2" },
                [
                  [1700000000, "1.7e308"],
                  [1700000060, "1.7e308"],
                ],
              ],
            ),
          ),
        ),
      stderr: `sum.json: the sum of 2 series at ${at} is infinite, above 1e15, the largest value a trace may hold\n`,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 2, nothing on stdout`, () => {
      const r = c.run();
      expect(r.stderr).toContain(c.stderr);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.ms).toBeLessThan(QUICK_MS);
    });
  }

  it("values up to 1e15 replay with finite figures", () => {
    const r = simulate(
      file("max.csv", "time,rps\n1700000000,1e15\n1700000060,1e15\n1700000120,0\n"),
      "-o",
      "json",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const summary = JSON.parse(r.stdout).summary;
    expect(Number.isFinite(summary.unservedShare)).toBe(true);
    expect(Number.isFinite(summary.totalDemand)).toBe(true);
  });
});

describe("text that is not a UTF-8 trace", () => {
  it("a UTF-16 file (PowerShell 5's >) is refused, naming the file", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("time,rps\r\n1700000000,1\r\n1700000060,2\r\n", "utf16le"),
    ]);
    const path = join(dir, "utf16.csv");
    writeFileSync(path, bytes);
    const r = simulate(path);
    expect(r.stderr).toBe(
      `error: ${path}: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8\n`,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
