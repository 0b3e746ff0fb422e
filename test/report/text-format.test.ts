import { describe, expect, test } from "vitest";
import {
  fixedTrim,
  fmtNumber,
  formatCompact,
  formatDuration,
  formatOffset,
  formatShare,
  formatTick,
  humanDuration,
} from "../../src/report/text-format.js";

describe("durations", () => {
  test.each([
    [0, "0s"],
    [59, "59s"],
    [7985, "2h 13m 5s"], // 2*3600 + 13*60 + 5
    [7200, "2h"],
    [7205, "2h 5s"],
    [90061, "1d 1h 1m 1s"],
    [12.6, "13s"],
  ])("formatDuration(%d) = %s", (s, want) => expect(formatDuration(s)).toBe(want));

  test.each([
    [0, "0s"],
    [21600, "6h"],
    [93784, "1d 2h"], // 86400 + 7200 + 184: minutes and seconds truncated
    [5400, "1h 30m"],
    [45, "45s"],
  ])("formatTick(%d) = %s", (s, want) => expect(formatTick(s)).toBe(want));

  test.each([
    [0, "t=0s"],
    [15, "t=15s"],
    [125, "t=2m05s"],
    [3735, "t=1h02m15s"],
    [97200, "t=1d03h00m00s"],
  ])("formatOffset(%d) = %s", (s, want) => expect(formatOffset(s)).toBe(want));

  test.each([
    [90, "90s"],
    [200, "3m20s"],
    [300, "5m"],
    [4020, "67m"],
    [8100, "135m"], // minutes < 180: minutes only
    [11700, "3h15m"],
    [36000, "10h"],
    [273600, "3d4h"],
  ])("humanDuration(%d) = %s (kubectl)", (s, want) => expect(humanDuration(s)).toBe(want));
});

describe("numbers", () => {
  test.each([
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [1e21, "1000000000000000000000"],
    [0.1 + 0.2, "0.3"],
    [1 / 3, "0.333333"],
    [-2.5, "-2.5"],
    [1e-7, "0"],
    [-1e-7, "0"],
    [Number.NaN, "NaN"],
  ])("fmtNumber(%d) = %s", (x, want) => expect(fmtNumber(x)).toBe(want));

  test("shares have one decimal", () => {
    expect(formatShare(0.1234)).toBe("12.3%");
    expect(formatShare(0)).toBe("0.0%");
    expect(formatShare(1)).toBe("100.0%");
  });

  test("compact counts", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(12_345)).toBe("12.3k");
    expect(formatCompact(30_000_000)).toBe("30.0M");
    expect(formatCompact(1.25e9)).toBe("1.3G");
  });

  test("fixedTrim trims zeros and never prints -0", () => {
    expect(fixedTrim(12.5, 2)).toBe("12.5");
    expect(fixedTrim(-0.001, 2)).toBe("0");
    expect(fixedTrim(3, 2, false)).toBe("3.00");
  });
});
