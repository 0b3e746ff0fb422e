/**
 * The few Go float64 routines the VPA recommender depends on, reproduced bit for bit so that bucket
 * indices, decay weights and confidence multipliers match upstream exactly (JavaScript's Math.log,
 * 2 ** x and Math.pow may differ from Go's in the last bit). Written from Go's portable algorithms
 * (src/math/log.go, exp.go, pow.go, ldexp.go, frexp.go); amd64 builds without FMA fusion are the reference.
 */

const buffer = new DataView(new ArrayBuffer(8));

const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Go math.Frexp: x = frac × 2^exp with |frac| in [0.5, 1); 0, ±Inf and NaN are returned as is with exp 0. */
export function frexp(x: number): { frac: number; exp: number } {
  if (x === 0 || !Number.isFinite(x)) return { frac: x, exp: 0 };
  let exp = 0;
  let v = x;
  if (Math.abs(v) < SMALLEST_NORMAL) {
    v *= 2 ** 52;
    exp = -52;
  }
  // The biased exponent is bits 52..62, i.e. bits 20..30 of the high 32-bit word (big-endian offset 0);
  // replacing it by 1022 keeps sign and mantissa.
  buffer.setFloat64(0, v);
  const hi = buffer.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  buffer.setUint32(0, ((hi & ~(0x7ff << 20)) | (1022 << 20)) >>> 0);
  return { frac: buffer.getFloat64(0), exp };
}

/** Go math.Ldexp: frac × 2^exp, rounding once when the result is subnormal. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const { frac: f, exp: e } = frexp(frac);
  let total = exp + e;
  if (total > 1024) return f < 0 ? -Infinity : Infinity;
  if (total < -1075) return f < 0 ? -0 : 0;
  // f × 2^total with f in [0.5, 1): split the power so each factor is an exact double.
  let result = f;
  while (total > 1000) {
    result *= 2 ** 1000;
    total -= 1000;
  }
  if (total < -1000) {
    // One final multiplication performs the single rounding into the subnormal range.
    result *= 2 ** (total + 1000);
    return result * 2 ** -1000;
  }
  return result * 2 ** total;
}

/** Go math.Log (portable algorithm of src/math/log.go, which the amd64 assembly follows). */
export function goLog(x: number): number {
  const Ln2Hi = 0.6931471803691238;
  const Ln2Lo = 1.9082149292705877e-10;
  const L1 = 0.6666666666666735;
  const L2 = 0.3999999999940942;
  const L3 = 0.2857142874366239;
  const L4 = 0.22222198432149784;
  const L5 = 0.1818357216161805;
  const L6 = 0.15313837699209373;
  const L7 = 0.14798198605116586;
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x < 0) return Number.NaN;
  if (x === 0) return -Infinity;
  let { frac: f1, exp: ki } = frexp(x);
  if (f1 < Math.SQRT2 / 2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  const t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * Ln2Hi - (hfsq - (s * (hfsq + R) + k * Ln2Lo) - f);
}

/** e^r × 2^k for r = hi - lo, |r| ≤ ln(2)/2 (Go exp.go expmulti). */
function expmulti(hi: number, lo: number, k: number): number {
  const P1 = 0.16666666666666666;
  const P2 = -0.0027777777777015593;
  const P3 = 0.00006613756321437934;
  const P4 = -0.0000016533902205465252;
  const P5 = 4.1381367970572385e-8;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return ldexp(y, k);
}

/** Go math.Exp2 (portable algorithm of src/math/exp.go exp2; amd64 has no assembly Exp2). */
export function goExp2(x: number): number {
  const Ln2Hi = 0.6931471803691238;
  const Ln2Lo = 1.9082149292705877e-10;
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > 1023.9999999999999) return Infinity;
  if (x < -1.074e3) return 0;
  // Argument reduction: Go's int(x ± 0.5) truncates toward zero.
  const k = x > 0 ? Math.trunc(x + 0.5) : x < 0 ? Math.trunc(x - 0.5) : 0;
  const t = x - k;
  const hi = t * Ln2Hi;
  const lo = -t * Ln2Lo;
  return expmulti(hi, lo, k);
}

/**
 * Go math.Pow for integer exponents (VPA uses 1, -2 and bucket indices up to 175). Exponents in int8
 * range take Go's greedy repeated-squaring path (so x^2 is x*x and x^-2 is 1/(x*x), not a correctly
 * rounded 1/x²); larger ones Go's frexp-normalised binary powering. Non-integer exponents fall back to
 * Math.pow, which may differ from Go in the last bit (VPA never uses them).
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === -1 && !Number.isFinite(y)) return 1;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isInteger(y)) return x ** y;
  if (y >= -128 && y <= 127) return powSmallInteger(x, y);
  return powLargeInteger(x, y);
}

function powSmallInteger(x: number, y: number): number {
  let n = Math.abs(y);
  let r = 1;
  while (n > 1) {
    let tmp = x;
    let c = 1;
    while (c <= Math.floor(n / 2)) {
      tmp *= tmp;
      c *= 2;
    }
    n -= c;
    r *= tmp;
  }
  for (let i = 0; i < n; i++) r *= x;
  return y < 0 ? 1 / r : r;
}

function powLargeInteger(x: number, y: number): number {
  if (Math.abs(y) >= 2 ** 63) return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  let a1 = 1;
  let ae = 0;
  let { frac: x1, exp: xe } = frexp(x);
  for (let i = BigInt(Math.abs(y)); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** The VPA util package's round(x) = int(math.Floor(x + 0.5)). */
export function goRound(x: number): number {
  return Math.floor(x + 0.5);
}

const TWO_63 = 2 ** 63;

/**
 * Go's conversion of a float64 to int64 as amd64 performs it: truncation toward zero, and the "integer
 * indefinite" value -2^63 for NaN and out-of-range inputs (the Go spec leaves these implementation-defined).
 */
export function float64ToInt64(x: number): number {
  if (Number.isNaN(x) || x >= TWO_63 || x < -TWO_63) return -TWO_63;
  return Math.trunc(x);
}
