/** Worked examples of resampling and the cursor, with the arithmetic shown. */

import { describe, expect, test } from "vitest";
import { createCursor, resample, type TimeSeries, TraceError, valueAt } from "../../src/trace/index.js";

const series: TimeSeries = {
  t: Float64Array.from([0, 60, 90]),
  v: Float64Array.from([10, 40, 40]),
  startEpochSeconds: 1_700_000_000,
  source: "example",
  notes: ["read 3 rows"],
};

describe("resample", () => {
  test("hold: the last sample at or before each grid time", () => {
    const out = resample(series, 30);
    expect([...out.t]).toEqual([0, 30, 60, 90]);
    expect([...out.v]).toEqual([10, 10, 40, 40]);
    expect(out.startEpochSeconds).toBe(1_700_000_000);
    expect(out.notes).toEqual(["read 3 rows", "resampled to a 30 s step by holding the last value (hold)"]);
  });

  test("linear: interpolates between the samples around the grid time", () => {
    // at 30: 10 + (40 - 10) * (30 - 0) / (60 - 0) = 25
    expect([...resample(series, 30, "linear").v]).toEqual([10, 25, 40, 40]);
  });

  test("mean: time-weighted mean of the hold-last source over [g, g + step)", () => {
    // [0, 45): 10 for 45 s = 10; [45, 90): 10 for 15 s + 40 for 30 s = (150 + 1200) / 45 = 30;
    // [90, 135): 40 held after the last sample
    expect([...resample(series, 45, "mean").v]).toEqual([10, 30, 40]);
  });

  test("the step must be a whole number of seconds", () => {
    expect(() => resample(series, 1.5)).toThrow(TraceError);
    expect(() => resample(series, 0)).toThrow("resample step must be a whole number of seconds > 0, got 0");
  });
});

describe("valueAt and the cursor", () => {
  test("hold-last, first value before 0, last value after the end", () => {
    expect([-5, 0, 59, 60, 89, 90, 1e9].map((x) => valueAt(series, x))).toEqual([10, 10, 10, 40, 40, 40, 40]);
  });

  test("nextSampleAfter and nextChangeAfter (a repeated value is not a change)", () => {
    const c = createCursor(series);
    expect(c.nextSampleAfter(0)).toBe(60);
    expect(c.nextChangeAfter(0)).toBe(60);
    expect(c.nextSampleAfter(60)).toBe(90);
    expect(c.nextChangeAfter(60)).toBeNull(); // 90 repeats 40
    expect(c.nextSampleAfter(90)).toBeNull();
    expect(c.valueAt(30)).toBe(10); // going back: binary search
  });
});
