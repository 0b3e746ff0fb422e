/**
 * Kubernetes resource quantities, parsed exactly.
 *
 * A quantity string (`"500m"`, `"1.5"`, `"512Ki"`, `"1e3"`, `"9223372036854775807m"`) is parsed into an
 * exact rational and converted to integer milli-units with `BigInt`, rounding up as
 * `resource.Quantity.MilliValue()` does (mirrors apimachinery quantity.go ScaledValue: ceil(q / 10^-3)).
 */

/** The grammar accepted by apimachinery ParseQuantity (sign, digits, optional fraction, suffix). */
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const BINARY_SHIFT: Record<string, bigint> = {
  Ki: 10n,
  Mi: 20n,
  Gi: 30n,
  Ti: 40n,
  Pi: 50n,
  Ei: 60n,
};
const DECIMAL_EXP: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
export const INT32_MAX = 2147483647;
export const INT32_MIN = -2147483648;

/** An exact rational `num / den` with `den > 0`. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** Thrown when a string is not a Kubernetes quantity. */
export class QuantityError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a Kubernetes quantity (expected e.g. "500m", "1.5", "512Mi", "2e3")`);
    this.name = "QuantityError";
  }
}

/** Parses a quantity string (or a plain JSON number of whole units) into an exact rational. */
export function parseQuantityRational(input: string | number): Rational {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new QuantityError(String(input));
    return parseQuantityRational(numberToPlainString(input));
  }
  const s = input.trim();
  const m = QUANTITY_RE.exec(s);
  if (!m || s === "" || (m[2] === "" && (m[3] === undefined || m[3] === ""))) throw new QuantityError(input);
  const sign = m[1] === "-" ? -1n : 1n;
  const intPart = m[2] ?? "";
  const frac = m[3] ?? "";
  const suffix = m[4];
  const exponent = m[5];
  let num = BigInt((intPart || "0") + frac) * sign;
  let den = 10n ** BigInt(frac.length);
  if (suffix !== undefined && suffix in BINARY_SHIFT) {
    num *= 1n << (BINARY_SHIFT[suffix] as bigint);
  } else {
    const exp = exponent !== undefined ? Number(exponent) : (DECIMAL_EXP[suffix ?? ""] as number);
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return { num, den };
}

/** ceil(num / den) for den > 0, exactly. */
export function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/** Go's integer division (truncates toward zero), which is also BigInt's. */
export function truncDiv(num: bigint, den: bigint): bigint {
  return num / den;
}

/** Milli-units of a quantity, rounded up (mirrors apimachinery Quantity.MilliValue). */
export function parseMilli(input: string | number): bigint {
  const r = parseQuantityRational(input);
  return ceilDiv(r.num * 1000n, r.den);
}

/** Whole units of a quantity, rounded up (mirrors apimachinery Quantity.Value), e.g. bytes of memory. */
export function parseValue(input: string | number): bigint {
  const r = parseQuantityRational(input);
  return ceilDiv(r.num, r.den);
}

/** The float64 a quantity approximates (mirrors apimachinery Quantity.AsApproximateFloat64). */
export function parseFloatQuantity(input: string | number): number {
  const r = parseQuantityRational(input);
  return Number(r.num) / Number(r.den);
}

/** True if the string parses as a quantity. */
export function isQuantity(input: string | number): boolean {
  try {
    parseQuantityRational(input);
    return true;
  } catch {
    return false;
  }
}

/** Wraps a bigint to Go int64 two's-complement (what Go's int64 arithmetic does on overflow). */
export function asInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Go's `int32(x)` for an integer value: two's-complement wrap. */
export function asInt32(v: bigint | number): number {
  return Number(BigInt.asIntN(32, typeof v === "bigint" ? v : BigInt(v)));
}

/**
 * Go's `int32(f)` for a float64 that is known to be in range (truncates toward zero).
 * Out-of-range conversions are implementation-defined in Go; callers cap before converting, as upstream does.
 */
export function float64ToInt32(f: number): number {
  return Math.trunc(f);
}

/**
 * Formats milli-units the way `kubectl` prints a DecimalSI quantity: whole units when exact (`"2"`),
 * otherwise milli (`"1500m"`).
 */
export function formatMilli(milli: bigint): string {
  if (milli % 1000n === 0n) return (milli / 1000n).toString();
  return `${milli}m`;
}

/** Formats a byte count (given in milli-bytes) in binary units when exact (`"512Ki"`, `"1Gi"`), like BinarySI. */
export function formatMilliBinary(milli: bigint): string {
  if (milli % 1000n !== 0n) return `${milli}m`;
  let v = milli / 1000n;
  if (v === 0n) return "0";
  const units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
  let i = 0;
  while (i < units.length - 1 && v % 1024n === 0n) {
    v /= 1024n;
    i++;
  }
  return `${v}${units[i]}`;
}

/** Formats milli-units of a named resource: memory in binary units, everything else DecimalSI. */
export function formatResourceMilli(resource: string, milli: bigint): string {
  return resource === "memory" || resource === "ephemeral-storage"
    ? formatMilliBinary(milli)
    : formatMilli(milli);
}

function numberToPlainString(n: number): string {
  // JSON numbers such as 0.5 or 1e21: toString may give exponent form, which the grammar accepts.
  return String(n);
}
