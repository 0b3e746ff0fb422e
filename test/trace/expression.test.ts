/**
 * Expression traces beyond the fixture cases: noise determinism, the closure compiler against
 * mathjs's own compile, and the 30-day, 1 s timing (logged, not asserted).
 */

import { all, create, type FactoryFunctionMap } from "mathjs";
import { describe, expect, test } from "vitest";
import { makeHelpers } from "../../src/trace/expression-helpers.js";
import { parseExpressionTrace } from "../../src/trace/index.js";
import { gaussianSource, mulberry32 } from "../../src/trace/prng.js";

describe("noise(sigma)", () => {
  const run = (seed: number) => parseExpressionTrace("100 + noise(10)", { duration: 1000, seed }).v;

  test("is deterministic for a seed", () => {
    expect(run(42)).toEqual(run(42));
  });

  test("differs across seeds", () => {
    const a = run(1);
    const b = run(2);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
    expect(same).toBe(0);
  });

  test("has about the asked mean and standard deviation", () => {
    const v = parseExpressionTrace("1000 + noise(10)", { duration: 100_000, seed: 7 }).v;
    let s = 0;
    let s2 = 0;
    for (const x of v) {
      s += x;
      s2 += x * x;
    }
    const mean = s / v.length;
    const sd = Math.sqrt(s2 / v.length - mean * mean);
    // standard error of the mean = 10 / sqrt(100000) = 0.032
    expect(Math.abs(mean - 1000)).toBeLessThan(0.2);
    expect(Math.abs(sd - 10)).toBeLessThan(0.2);
  });

  test("notes the seed", () => {
    const s = parseExpressionTrace("100 + noise(1)", { duration: 10, seed: 9 });
    expect(s.notes[0]).toBe('evaluated "100 + noise(1)" at 10 samples, every 1 s for 10 s, noise seed 9');
  });
});

describe("prng", () => {
  test("mulberry32 gives the same uniforms in [0, 1) for a seed", () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  test("gaussianSource returns both Box-Muller draws of a pair", () => {
    const g = gaussianSource(5);
    const u = mulberry32(5);
    const u1 = 1 - u();
    const u2 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    expect(g()).toBe(r * Math.cos(2 * Math.PI * u2));
    expect(g()).toBe(r * Math.sin(2 * Math.PI * u2));
  });
});

describe("the closure compiler gives mathjs's own values", () => {
  const math = create(all as FactoryFunctionMap);
  const EXPRESSIONS = [
    "200 + 150*sin(2*pi*t/86400)",
    "max(0, 200 + 150*sin(2*pi*t/86400) + noise(20) + spike(3600, 600, 500) + ramp(0, 86400, 0, 100))",
    "t^1.5 / 1000 + mod(t, 7) + abs(cos(t)) * 3",
    "2t + 3 * (t > 100) + (t < 50 ? 1 : 2)",
    "min(t, 300, 200) + max(1, 2, t / 10) + hypot(3, t) + sqrt(t) + log(t + 1) + exp(-t / 1000)",
    "round(t / 3) + floor(t / 7) + ceil(t / 11) + fix(t / 13) + sign(t) + cbrt(t) + square(t / 100)",
    "step(500, 1, 2) * between(100, 900) + noise(1) * noise(2) + 10",
    "(t > 10 and t < 20) or (t == 30) + 5",
    "nthRoot(t + 8, 3) + atan2(t, 100) + tanh(t / 500) + log10(t + 1) + log2(t + 1) + e + tau + phi",
  ];
  for (const expression of EXPRESSIONS) {
    test(expression, () => {
      const duration = 1000;
      const seed = 3;
      const ours = parseExpressionTrace(expression, { duration, step: 1, seed });
      const clock = { t: 0 };
      const scope = new Map<string, unknown>(makeHelpers(clock, gaussianSource(seed)));
      const code = math.parse(expression).compile();
      for (let x = 0; x < duration; x++) {
        clock.t = x;
        scope.set("t", x);
        const r: unknown = code.evaluate(scope);
        expect(ours.v[x], `t = ${x}`).toBe(typeof r === "boolean" ? Number(r) : r);
      }
    });
  }
});

describe("speed (logged, not asserted)", () => {
  test("30 days at 1 s = 2,592,000 samples", () => {
    for (const expression of [
      "200 + 150*sin(2*pi*t/86400)",
      "max(0, 200 + 150*sin(2*pi*t/86400) + noise(20) + spike(3600, 600, 500) + ramp(0, 86400, 0, 100))",
    ]) {
      const t0 = performance.now();
      const s = parseExpressionTrace(expression, { duration: 30 * 86400, seed: 1 });
      console.log(
        `expression, 30 days at 1 s (${s.t.length} samples): ${(performance.now() - t0).toFixed(0)} ms: ${expression}`,
      );
      expect(s.t.length).toBe(2_592_000);
    }
  });
});
