/** The Go float and time routines the VPA model reproduces. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float64ToInt64, frexp, goExp2, goLog, goPow, goRound, ldexp } from "../../src/vpa/go-math.js";
import { durationMinutes, GO_ZERO_TIME, roundTime, subNanos } from "../../src/vpa/go-time.js";

const positive = fc.double({ min: 1e-300, max: 1e300, noNaN: true });

function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

describe("Go math", () => {
  it("Log agrees with Math.log to within one ulp; exact at 1", () => {
    expect(goLog(1)).toBe(0);
    expect(goLog(0)).toBe(-Infinity);
    expect(goLog(-1)).toBeNaN();
    fc.assert(
      fc.property(positive, (x) => {
        expect(Math.abs(ulpDistance(goLog(x), Math.log(x)))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("Exp2 is exact on integers and within one ulp of 2 ** x elsewhere", () => {
    for (const k of [-1074, -1022, -1, 0, 1, 52, 1023]) expect(goExp2(k)).toBe(2 ** k);
    expect(goExp2(1024)).toBe(Infinity);
    expect(goExp2(-1080)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        expect(Math.abs(ulpDistance(goExp2(x), 2 ** x))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("Pow with small integer exponents multiplies like Go: x^2 = x*x, x^-2 = 1/(x*x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-100, max: 1e100, noNaN: true }), (x) => {
        expect(goPow(x, 1)).toBe(x);
        expect(goPow(x, 2)).toBe(x * x);
        expect(goPow(x, -2)).toBe(1 / (x * x));
        expect(goPow(x, -1)).toBe(1 / x);
      }),
    );
    expect(goPow(Infinity, 1)).toBe(Infinity);
    expect(goPow(Infinity, -2)).toBe(0);
    expect(goPow(-1, Infinity)).toBe(1);
    // 1.05^175 (the last CPU bucket) by binary powering, within 1e-14 of the exact power.
    expect(goPow(1.05, 175) / 1.05 ** 175).toBeCloseTo(1, 13);
  });

  it("Frexp / Ldexp round trip, including subnormals", () => {
    expect(frexp(8)).toEqual({ frac: 0.5, exp: 4 });
    expect(frexp(5e-324)).toEqual({ frac: 0.5, exp: -1073 });
    expect(ldexp(1, -1074)).toBe(5e-324);
    expect(ldexp(1, -2562048)).toBe(0);
    expect(ldexp(0.75, 1024)).toBe(0.75 * 2 ** 1023 * 2);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const { frac, exp } = frexp(x);
        expect(ldexp(frac, exp)).toBe(x);
      }),
    );
  });

  it("round(x) = floor(x + 0.5); float64 -> int64 truncates, NaN and overflow give -2^63 (amd64)", () => {
    expect([goRound(2.5), goRound(-2.5), goRound(0.49)]).toEqual([3, -2, 0]);
    expect([float64ToInt64(-0.9), float64ToInt64(1e30), float64ToInt64(Number.NaN)]).toEqual([
      -0,
      -(2 ** 63),
      -(2 ** 63),
    ]);
  });
});

describe("Go time", () => {
  it("Round counts from the zero time and rounds halves up", () => {
    // 1234567890 = 342935 h + 1890 s; 1890 >= 1800 -> up to 342936 h (the epoch is a whole number of days after year 1).
    expect(roundTime(1234567890, 3600)).toBe(1234569600);
    expect(roundTime(1234567890 - 91, 3600)).toBe(1234566000);
    expect(roundTime(GO_ZERO_TIME + 43200, 86400)).toBe(GO_ZERO_TIME + 86400);
    expect(roundTime(GO_ZERO_TIME + 43199, 86400)).toBe(GO_ZERO_TIME);
  });

  it("Sub saturates at ±(2^63 - 1) ns, as Go's Time.Sub", () => {
    expect(subNanos(1234567890, GO_ZERO_TIME)).toBe(Number(9223372036854775807n));
    expect(subNanos(GO_ZERO_TIME, 1234567890)).toBe(-(2 ** 63));
    expect(subNanos(120, 0)).toBe(120e9);
    expect(subNanos(400 * 86400, 0)).toBe(400 * 86400 * 1e9);
  });

  it("Duration.Minutes", () => {
    expect(durationMinutes(86400)).toBe(1440);
    expect(durationMinutes(90)).toBe(1.5);
  });
});
