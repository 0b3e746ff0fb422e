/**
 * Go duration strings (`"5m"`, `"1h30m"`, `"1.5s"`, `"300ms"`, `"-2m"`) parsed exactly into integer
 * nanoseconds (mirrors Go time.ParseDuration, including its float scaling of fractions and its errors).
 */

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  "\u00b5s": 1000n,
  "\u03bcs": 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const INT64_MAX = 9223372036854775807n;

/** Thrown for a string time.ParseDuration rejects; the message is Go's. */
export class GoDurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoDurationError";
  }
}

/** Nanoseconds of a Go duration string; throws GoDurationError like time.ParseDuration. */
export function parseGoDuration(input: string): bigint {
  const quoted = JSON.stringify(input);
  let s = input;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw new GoDurationError(`time: invalid duration ${quoted}`);
  let total = 0n;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    const intDigits = m[1] ?? "";
    const fracDigits = m[2];
    if (intDigits === "" && (fracDigits === undefined || fracDigits === ""))
      throw new GoDurationError(`time: invalid duration ${quoted}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]*/.exec(s) as RegExpExecArray;
    const unitName = u[0];
    if (unitName === "") throw new GoDurationError(`time: missing unit in duration ${quoted}`);
    const unit = UNIT_NS[unitName];
    if (unit === undefined)
      throw new GoDurationError(`time: unknown unit ${JSON.stringify(unitName)} in duration ${quoted}`);
    s = s.slice(unitName.length);
    const v = BigInt(intDigits === "" ? "0" : intDigits);
    if (v > INT64_MAX / unit) throw new GoDurationError(`time: invalid duration ${quoted}`);
    let part = v * unit;
    if (fracDigits !== undefined && fracDigits !== "") {
      // Go keeps leading fraction digits while they fit an int64, then scales in float64.
      let f = 0n;
      let scale = 1;
      let overflow = false;
      for (const d of fracDigits) {
        if (overflow) continue;
        if (f > (INT64_MAX - BigInt(d)) / 10n) {
          overflow = true;
          continue;
        }
        f = f * 10n + BigInt(d);
        scale *= 10;
      }
      part += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (part > INT64_MAX) throw new GoDurationError(`time: invalid duration ${quoted}`);
    }
    total += part;
    if (total > INT64_MAX) throw new GoDurationError(`time: invalid duration ${quoted}`);
  }
  return neg ? -total : total;
}
