/**
 * `kube-whatif simulate` on the trace's clock, end to end: the bundled WorldCup98 example (its slice starts
 * 1998-06-28 00:00 UTC) prints its times in UTC in every format, `--time relative` prints offsets, a synthetic
 * trace (relative times) has no clock, and `--explain-at` takes a date-time on the trace's clock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli.js";

const WORLDCUP = ["simulate", "-s", "examples/worldcup/scenario.yaml", "--duration", "2h"];
const START = Date.parse("1998-06-28T00:00:00Z") / 1000;

const dir = mkdtempSync(join(tmpdir(), "kube-whatif-clock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The WorldCup scenario with a synthetic trace (relative times) instead of the CSV slice. */
function synthetic(): string {
  const text = readFileSync(join(ROOT, "examples/worldcup/scenario.yaml"), "utf8")
    .replace("manifests: [web.yaml]", `manifests: [${join(ROOT, "examples/worldcup/web.yaml")}]`)
    .replace(/ {2}trace:\n(?: {4}.*\n)+/, "  trace:\n    expression: 300 + 100 * sin(2 * pi * t / 3600)\n");
  const path = join(dir, "synthetic.yaml");
  writeFileSync(path, text);
  return path;
}

describe("simulate: times on the trace's clock", () => {
  it("table: the summary's span, the chart axes and the event times in UTC", () => {
    const r = runCli([...WORLDCUP, "--width", "100"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Summary (2h simulated, 1998-06-28 00:00:00 to 1998-06-28 02:00:00 UTC):\n");
    const axes = r.stdout.split("\n").filter((l) => /^ +1998-06-28 00:00 UTC +0[01]:\d\d +02:00$/.test(l));
    expect(axes.length).toBeGreaterThanOrEqual(3); // demand, replicas, the cpu metric
    expect(r.stdout).toMatch(/\n {2}Type {4}Reason {13}Time \(UTC\) +From/);
    // the first sync rescales 4 -> 6 (as in the relative run below, at t=15s)
    expect(r.stdout).toContain(
      "SuccessfulRescale  1998-06-28 00:00:15  horizontal-pod-autoscaler  New size: 6",
    );
  });

  it("--time relative: offsets everywhere, as before", () => {
    const r = runCli([...WORLDCUP, "--time", "relative"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Summary (2h simulated):\n");
    expect(r.stdout).not.toContain("1998");
    expect(r.stdout).toContain("SuccessfulRescale  t=15s ");
    const csv = runCli([...WORLDCUP, "--time", "relative", "-o", "csv"]);
    expect(csv.stdout.startsWith("t,demand,")).toBe(true);
  });

  it("JSON and CSV: `time` is the ISO UTC time of every row's t", () => {
    const doc = JSON.parse(runCli([...WORLDCUP, "-o", "json"]).stdout);
    expect(doc.timeline.length).toBeGreaterThan(100);
    for (const row of doc.timeline) expect(Date.parse(row.time) / 1000).toBe(START + row.t);
    for (const e of doc.events) expect(Date.parse(e.time) / 1000).toBe(START + e.t);
    const lines = runCli([...WORLDCUP, "-o", "csv"])
      .stdout.trim()
      .split("\n");
    expect(lines[0]?.startsWith("t,time,demand,")).toBe(true);
    for (const line of lines.slice(1)) {
      const [t, time] = line.split(",");
      expect(Date.parse(time ?? "") / 1000).toBe(START + Number(t));
    }
  });

  it("a synthetic trace has relative times: no `time`, offsets in the table", () => {
    const file = synthetic();
    const json = runCli(["simulate", "-s", file, "--duration", "1h", "-o", "json"]);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('"time"');
    const table = runCli(["simulate", "-s", file, "--duration", "1h", "--no-charts"]);
    expect(table.stdout).toContain("Summary (1h simulated):\n");
    expect(table.stdout).toMatch(/\n {2}Type {4}Reason {13}Time +From/);
  });

  it("--explain-at takes a date-time on the trace's clock: the same sync as its offset", () => {
    const bySeconds = runCli([...WORLDCUP, "--explain-at", "15"]);
    const byTime = runCli([...WORLDCUP, "--explain-at", "1998-06-28T00:00:10Z"]);
    expect(bySeconds.code).toBe(0);
    expect(bySeconds.stdout.split("\n")[0]).toBe("HPA sync at t=15 s (1998-06-28T00:00:15Z)");
    expect(byTime.stdout).toBe(bySeconds.stdout);
  });

  it.each([
    [["--time", "utc"], '--time: unsupported value "utc": supported values: "absolute", "relative"'],
    [
      ["--explain-at", "yesterday"],
      '--explain-at: expected seconds, a duration such as 90s, 15m, 2h or 1d, or a date-time, got "yesterday"',
    ],
    [
      ["--explain-at", "1h", "-o", "csv"],
      "--explain-at prints one sync as text (-o table) or JSON (-o json), not csv",
    ],
    [
      ["--explain-at", "1h", "-o", "html"],
      "--explain-at prints one sync as text (-o table) or JSON (-o json), not html",
    ],
  ])("bad flag %j: exit 2 with a clear message", (flags, message) => {
    const r = runCli([...WORLDCUP, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it("a date-time --explain-at on a trace with relative times: exit 2", () => {
    const r = runCli([
      "simulate",
      "-s",
      synthetic(),
      "--duration",
      "1h",
      "--explain-at",
      "1998-06-28 00:10:00",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a date-time but the trace has relative times (give seconds)");
  });
});
