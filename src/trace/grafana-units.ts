/**
 * Values with units as Grafana prints them in a panel CSV export ("formatted data"): `1.5 K`,
 * `2.3 Mil`, `250 ms`, `3.2 req/s`, `1.2 K req/s`, `45%`, `512 MiB`. Semantics (README-rules.md,
 * "Grafana units"):
 *
 * - count prefixes are decimal: k/K = 10^3, M/Mil = 10^6, G/Bil = 10^9, T/Tri = 10^12 (`Mil`, `Bil`,
 *   `Tri` are Grafana's "short" unit); they apply to plain counts and to rates (`1.2 K req/s` = 1200 req/s);
 * - durations are converted to seconds (ns, µs/us, ms, s, min, h/hour, d/day, w/week; a bare
 *   `m` is refused as ambiguous), because
 *   Grafana switches between them from cell to cell (`950 ms`, `1.2 s`);
 * - bytes: B, kB/KB, MB, GB, TB are decimal; KiB, MiB, GiB, TiB are binary (2^10 ...); base unit B;
 * - `%` keeps the printed number (`45%` is 45, not 0.45);
 * - any other unit is refused. Within one column every cell must share one base unit; converting
 *   between base units (req/min to req/s) is the caller's job.
 */

/** A value read from a cell: the number in the base unit, and that base unit ("" for counts). */
export interface UnitValue {
  readonly value: number;
  readonly base: string;
}

const COUNT_PREFIXES: readonly [string, number][] = [
  ["", 1],
  ["k", 1e3],
  ["K", 1e3],
  ["M", 1e6],
  ["Mil", 1e6],
  ["G", 1e9],
  ["Bil", 1e9],
  ["T", 1e12],
  ["Tri", 1e12],
];
const RATE_UNITS: readonly string[] = [
  "req/s",
  "rps",
  "reqps",
  "ops/s",
  "iops",
  "/s",
  "req/min",
  "rpm",
  "/min",
];
const TIME_UNITS: readonly [string, number][] = [
  ["ns", 1e-9],
  ["µs", 1e-6],
  ["us", 1e-6],
  ["ms", 1e-3],
  ["s", 1],
  ["min", 60],
  ["h", 3600],
  ["hour", 3600],
  ["hours", 3600],
  ["d", 86400],
  ["day", 86400],
  ["days", 86400],
  ["w", 604800],
  ["week", 604800],
  ["weeks", 604800],
];
const BYTE_UNITS: readonly [string, number][] = [
  ["B", 1],
  ["kB", 1e3],
  ["KB", 1e3],
  ["MB", 1e6],
  ["GB", 1e9],
  ["TB", 1e12],
  ["KiB", 2 ** 10],
  ["MiB", 2 ** 20],
  ["GiB", 2 ** 30],
  ["TiB", 2 ** 40],
];

/** Suffix (whitespace removed) -> factor to the base unit, and the base unit. */
const UNITS: ReadonlyMap<string, UnitValue> = buildUnits();

function buildUnits(): Map<string, UnitValue> {
  const m = new Map<string, UnitValue>();
  for (const [prefix, factor] of COUNT_PREFIXES) {
    m.set(prefix, { value: factor, base: "" });
    for (const rate of RATE_UNITS) m.set(prefix + rate, { value: factor, base: rate });
  }
  for (const [unit, factor] of TIME_UNITS) m.set(unit, { value: factor, base: "s" });
  for (const [unit, factor] of BYTE_UNITS) m.set(unit, { value: factor, base: "B" });
  m.set("%", { value: 1, base: "%" });
  return m;
}

/** The suffixes accepted, for error messages. */
export const KNOWN_UNITS_TEXT =
  "K, M, G, T, Mil, Bil, Tri, req/s, rps, ops/s, /s, req/min, ns, µs, ms, s, min, h, day, week, B, kB, MB, GB, KiB, MiB, GiB, %";

const VALUE_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/;

/** What a Grafana cell holds. */
export type GrafanaCell =
  | { readonly kind: "value"; readonly value: number; readonly base: string; readonly scaled: boolean }
  | { readonly kind: "missing" }
  | { readonly kind: "unknown-unit"; readonly unit: string }
  | { readonly kind: "invalid" };

const MISSING_RE = /^(?:|nan|null|undefined|n\/a|-)$/i;

/**
 * Reads a trimmed cell: empty, `NaN`, `null`, `undefined`, `N/A` and `-` are missing; otherwise a
 * decimal number followed by an optional unit from the table above.
 */
export function readGrafanaCell(text: string): GrafanaCell {
  if (MISSING_RE.test(text)) return { kind: "missing" };
  const m = VALUE_RE.exec(text);
  if (m === null) return { kind: "invalid" };
  const unit = (m[2] ?? "").replace(/\s+/g, "");
  const info = UNITS.get(unit);
  if (info === undefined) return { kind: "unknown-unit", unit: m[2] ?? "" };
  const value = Number(m[1]) * info.value;
  if (!Number.isFinite(value)) return { kind: "invalid" };
  return { kind: "value", value, base: info.base, scaled: info.value !== 1 };
}
