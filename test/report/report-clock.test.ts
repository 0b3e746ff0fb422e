/**
 * report-clock.ts: the trace's clock read from a run's configuration, and times written on it (ISO, table cells,
 * chart ticks; the tick cases are data in test/fixtures/report/clock-ticks.json).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  isoTime,
  RELATIVE_CLOCK,
  type ReportClock,
  tableTime,
  tickTime,
  traceClock,
} from "../../src/report/report-clock.js";

interface TickCase {
  readonly why: string;
  readonly start: number | null;
  readonly t: number;
  readonly span: number;
  readonly first: number;
  readonly tick: string;
}

const ticks = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/report/clock-ticks.json", import.meta.url)), "utf8"),
) as TickCase[];

/** 1998-06-28T00:00:00Z, the start of the bundled WorldCup98 example's slice. */
const WORLDCUP: ReportClock = { startEpochSeconds: 898992000 };

describe("traceClock", () => {
  it.each([
    ["no trace section", {}, null],
    ["a trace with relative times", { trace: { startEpochSeconds: null } }, null],
    ["a trace that is not an object", { trace: "x" }, null],
    ["a start that is not a number", { trace: { startEpochSeconds: "898992000" } }, null],
    ["an absolute trace", { trace: { startEpochSeconds: 898992000 } }, 898992000],
  ])("%s", (_why, config, start) => {
    expect(traceClock({ config })).toEqual({ startEpochSeconds: start });
  });
});

describe("times on a clock", () => {
  it("ISO-8601 UTC on an absolute clock, null on a relative one", () => {
    expect(isoTime(WORLDCUP, 225315)).toBe("1998-06-30T14:35:15Z");
    expect(isoTime(RELATIVE_CLOCK, 225315)).toBeNull();
  });

  it("a table cell: the UTC date and time, or the offset", () => {
    expect(tableTime(WORLDCUP, 225315)).toBe("1998-06-30 14:35:15");
    expect(tableTime(RELATIVE_CLOCK, 225315)).toBe("t=2d14h35m15s");
  });

  it("a table cell in year 10000: the end of a trace ending at 9999-12-31T23:59:00Z", () => {
    expect(tableTime({ startEpochSeconds: 253402297200 }, 3600)).toBe("10000-01-01 00:00:00");
  });

  it.each(ticks.map((c) => [c.why, c] as const))("tick: %s", (_why, c) => {
    expect(tickTime({ startEpochSeconds: c.start }, c.t, c.span, c.first)).toBe(c.tick);
  });
});
