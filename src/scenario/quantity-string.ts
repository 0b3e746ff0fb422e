/**
 * A quantity as the API server prints it in messages: Go's `resource.Quantity.String()`, the canonical form
 * (mirrors apimachinery quantity.go CanonicalizeBytes). `"1.5"` -> `"1500m"`, `"0.5Gi"` -> `"512Mi"`,
 * `"2000m"` -> `"2"`, `"1e3"` -> `"1e3"`, `"1000"` -> `"1k"`.
 */
import { ceilDiv, parseQuantityRational } from "../units/quantity.js";

type Format = "DecimalSI" | "BinarySI" | "DecimalExponent";

const DECIMAL_SUFFIXES: Readonly<Record<number, string>> = {
  [-9]: "n",
  [-6]: "u",
  [-3]: "m",
  0: "",
  3: "k",
  6: "M",
  9: "G",
  12: "T",
  15: "P",
  18: "E",
};
const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/** The format a quantity remembers from how it was written (mirrors quantity.go ParseQuantity). */
function formatOf(input: string | number): Format {
  const s = String(input).trim();
  if (/(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(s)) return "BinarySI";
  if (/[eE][-+]?\d+$/.test(s)) return "DecimalExponent";
  return "DecimalSI";
}

/**
 * The canonical text of a quantity (Go's `Quantity.String()`); the input as written when it does not parse.
 *
 * @example canonicalQuantity("1.5") // "1500m"
 */
export function canonicalQuantity(input: string | number): string {
  let r: { num: bigint; den: bigint };
  try {
    r = parseQuantityRational(input);
  } catch {
    return String(input);
  }
  // Quantities keep at most nano precision; finer values are rounded up (ParseQuantity).
  const nano = ceilDiv(r.num * 1_000_000_000n, r.den);
  if (nano === 0n) return "0";
  let format = formatOf(input);
  if (format === "BinarySI") {
    const small = nano > -1024n * 1_000_000_000n && nano < 1024n * 1_000_000_000n;
    if (small || nano % 1_000_000_000n !== 0n) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    // mirrors AsCanonicalBase1024Bytes: remove factors of 1024
    let value = nano / 1_000_000_000n;
    let times = 0;
    while (times < BINARY_SUFFIXES.length - 1 && value % 1024n === 0n) {
      value /= 1024n;
      times++;
    }
    return `${value}${BINARY_SUFFIXES[times]}`;
  }
  // mirrors int64Amount.AsCanonicalBytes: remove factors of 10, then lower the exponent to a multiple of 3
  let mantissa = nano;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const rest = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rest);
  exponent -= rest;
  if (exponent === 0) return String(mantissa);
  const suffix = format === "DecimalSI" ? DECIMAL_SUFFIXES[exponent] : undefined;
  return `${mantissa}${suffix ?? `e${exponent}`}`;
}
