/**
 * The real WorldCup98 trace (bundled in traces/, 125,300 rows a minute, 7 short gaps): loaded through
 * readTraceFile exactly as the CLI does. Timings are logged, not asserted.
 */

import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { createCursor, readTraceFile, resample, type TimeSeries, valueAt } from "../../src/trace/index.js";

const WORLDCUP = fileURLToPath(new URL("../../traces/worldcup98-requests-per-minute.csv", import.meta.url));

// 1998-04-30T21:30:00Z: daysFromCivil(1998, 4, 30) * 86400 + 21 * 3600 + 30 * 60 = 10346 * 86400 + 77400
const START = 893971800;
// 1998-05-08 03:21 - 1998-04-30 21:30 = 7 d 5 h 51 min = 625860 s
const BEFORE_FIRST_GAP = 625860;
// 1998-05-17 09:42 - 1998-04-30 21:30 = 16 d 12 h 12 min = 1426320 s (then 09:46, a 3-minute gap)
const BEFORE_LONGEST_GAP = 1426320;

describe("worldcup98-requests-per-minute.csv", () => {
  let series: TimeSeries;

  test("loads 125,300 rows, notes its 7 gaps, keeps first and last values", () => {
    const t0 = performance.now();
    series = readTraceFile(WORLDCUP);
    const ms = performance.now() - t0;
    console.log(`parse WorldCup98 CSV (125,300 rows): ${ms.toFixed(0)} ms`);

    expect(series.notes[0]).toContain('read 125,300 rows of column "count"');
    expect(series.notes[0]).toContain(
      'times from column "period" (found by its name) as date-time without a zone',
    );
    expect(series.notes).toContain(
      "filled 7 gaps of 1-3 minutes by holding the last value (typical step 60 s; one held sample added " +
        "before the sample that ends each gap)",
    );
    expect(series.notes).toHaveLength(2);
    // 125,300 rows + one held sample per gap (7) = 125,307 samples
    expect(series.t.length).toBe(125_307);
    expect(series.startEpochSeconds).toBe(START);
    expect(series.source).toBe(WORLDCUP);
    expect(series.t[0]).toBe(0);
    expect(series.v[0]).toBe(2); // 1998-04-30 21:30:00,2
    // 1998-07-26 21:59 - 1998-04-30 21:30 = 87 d 29 min = 7518540 s
    expect(series.t[series.t.length - 1]).toBe(7518540);
    expect(series.v[series.v.length - 1]).toBe(679); // 1998-07-26 21:59:00,679
  });

  test("gaps hold the last value, under every resample rule", () => {
    expect(valueAt(series, BEFORE_FIRST_GAP)).toBe(158); // 03:21,158
    expect(valueAt(series, BEFORE_FIRST_GAP + 60)).toBe(158); // 03:22 missing: held
    expect(valueAt(series, BEFORE_FIRST_GAP + 120)).toBe(79); // 03:23,79
    const linear = resample(series, 60, "linear");
    const at = (x: number): number => linear.v[x / 60] ?? Number.NaN;
    // 09:42,626 then 09:43-09:45 missing: held at 626, not interpolated towards 09:46,2
    expect([0, 60, 120, 180, 240].map((d) => at(BEFORE_LONGEST_GAP + d))).toEqual([626, 626, 626, 626, 2]);
    expect(linear.t.length).toBe(7518540 / 60 + 1);
  });

  test("a cursor walking every second agrees with valueAt", () => {
    const cursor = createCursor(series);
    const t0 = performance.now();
    let sum = 0;
    for (let x = 0; x <= 7518540; x += 1) sum += cursor.valueAt(x);
    console.log(`cursor walk over 7,518,541 seconds: ${(performance.now() - t0).toFixed(0)} ms`);
    for (const x of [0, 59, 60, BEFORE_FIRST_GAP + 90, 7518540, 9e9])
      expect(cursor.valueAt(x)).toBe(valueAt(series, x));
    expect(sum).toBeGreaterThan(0);
  });
});
