/**
 * Reading one numeric cell of a trace (CSV value column, Prometheus sample value).
 *
 * Rules (README-rules.md, "Cells"): an empty cell or `NaN` (any case) is a missing sample (the gap
 * rule then holds the last value); `Inf`, `+Inf`, `-Inf`, `Infinity` are refused; anything else that
 * is not a plain decimal number (`12`, `-3.5`, `.5`, `1e3`) is refused. Hex, thousands separators and
 * surrounding text are not numbers.
 */

const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING_RE = /^(?:nan)?$/i;
const INFINITE_RE = /^[+-]?inf(?:inity)?$/i;

/** What a cell holds. */
export type NumberCell =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "missing" }
  | { readonly kind: "infinite" }
  | { readonly kind: "invalid" };

const MISSING: NumberCell = { kind: "missing" };
const INFINITE: NumberCell = { kind: "infinite" };
const INVALID: NumberCell = { kind: "invalid" };

/** Classifies a (trimmed) cell; see the module rules. */
export function readNumberCell(text: string): NumberCell {
  if (DECIMAL_RE.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? { kind: "number", value } : INFINITE;
  }
  if (MISSING_RE.test(text)) return MISSING;
  if (INFINITE_RE.test(text)) return INFINITE;
  return INVALID;
}

/** True when the text is a plain decimal number (used to tell a header row from data). */
export function isDecimal(text: string): boolean {
  return DECIMAL_RE.test(text);
}
