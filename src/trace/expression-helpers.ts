/**
 * The functions a synthetic trace expression may call (README-rules.md, "Expressions"). Times are
 * seconds; the helpers read the current sample time `t` themselves.
 *
 * - `noise(sigma)`: a Gaussian draw with mean 0 and standard deviation `sigma`; the n-th call of a
 *   run returns the n-th draw of the generator seeded with the `seed` option.
 * - `step(t0, before, after)`: `before` while t < t0, then `after`.
 * - `ramp(t0, t1, from, to)`: `from` until t0, linear to `to` at t1, then `to` (needs t1 > t0).
 * - `spike(t0, width, height)`: `height` while t0 <= t < t0 + width, else 0 (a rectangular pulse).
 * - `between(t0, t1)`: 1 while t0 <= t < t1, else 0.
 */

/** The helpers' signatures, by name, in the order documented; the arity is checked when parsing. */
export const HELPER_SIGNATURES: ReadonlyMap<string, { readonly text: string; readonly arity: number }> =
  new Map([
    ["noise", { text: "noise(sigma)", arity: 1 }],
    ["step", { text: "step(t0, before, after)", arity: 3 }],
    ["ramp", { text: "ramp(t0, t1, from, to)", arity: 4 }],
    ["spike", { text: "spike(t0, width, height)", arity: 3 }],
    ["between", { text: "between(t0, t1)", arity: 2 }],
  ]);

/** Names of the helpers, in the order documented. */
export const HELPER_NAMES: readonly string[] = [...HELPER_SIGNATURES.keys()];

/** mathjs functions an expression may call: deterministic, number in, number out. */
export const MATH_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs",
  "ceil",
  "floor",
  "round",
  "fix",
  "sign",
  "sqrt",
  "cbrt",
  "exp",
  "expm1",
  "log",
  "log10",
  "log2",
  "log1p",
  "pow",
  "mod",
  "min",
  "max",
  "sum",
  "mean",
  "hypot",
  "square",
  "cube",
  "nthRoot",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "atan2",
  "sinh",
  "cosh",
  "tanh",
]);

/** Constants an expression may name. */
export const CONSTANTS: ReadonlySet<string> = new Set(["pi", "PI", "e", "E", "tau", "phi"]);

/** The sample time the helpers read, set by the evaluation loop before each sample (seconds). */
export interface ExpressionClock {
  t: number;
}

/** Called by compiled expressions with whatever the arguments evaluated to: checked at run time. */
type Helper = (...args: never[]) => number;

/** The helpers bound to a clock and a Gaussian source (arity already checked; types checked here). */
export function makeHelpers(clock: ExpressionClock, gaussian: () => number): Map<string, Helper> {
  const helpers = new Map<string, Helper>();
  helpers.set("noise", (sigma: number) => {
    if (typeof sigma !== "number" || !(sigma >= 0) || sigma === Number.POSITIVE_INFINITY) {
      throw new Error(`noise(sigma): sigma must be a finite number >= 0, got ${String(sigma)}`);
    }
    return sigma * gaussian();
  });
  helpers.set("step", (t0: number, before: number, after: number) => {
    check("step(t0, before, after)", t0, before, after);
    return clock.t < t0 ? before : after;
  });
  helpers.set("ramp", (t0: number, t1: number, from: number, to: number) => {
    check("ramp(t0, t1, from, to)", t0, t1, from, to);
    if (!(t1 > t0))
      throw new Error(`ramp(t0, t1, from, to): t1 must be after t0, got t0 = ${t0}, t1 = ${t1}`);
    if (clock.t <= t0) return from;
    if (clock.t >= t1) return to;
    return from + ((to - from) * (clock.t - t0)) / (t1 - t0);
  });
  helpers.set("spike", (t0: number, width: number, height: number) => {
    check("spike(t0, width, height)", t0, width, height);
    if (!(width > 0)) throw new Error(`spike(t0, width, height): width must be > 0, got ${width}`);
    return clock.t >= t0 && clock.t < t0 + width ? height : 0;
  });
  helpers.set("between", (t0: number, t1: number) => {
    check("between(t0, t1)", t0, t1, 0);
    return clock.t >= t0 && clock.t < t1 ? 1 : 0;
  });
  return helpers;
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function check(signature: string, a: unknown, b: unknown, c: unknown, d: unknown = 0): void {
  if (!isFiniteNumber(a) || !isFiniteNumber(b) || !isFiniteNumber(c) || !isFiniteNumber(d)) {
    const bad = [a, b, c, d].find((x) => !isFiniteNumber(x));
    throw new Error(`${signature}: arguments must be finite numbers, got ${String(bad)}`);
  }
}
