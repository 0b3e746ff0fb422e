/**
 * Calendar arithmetic without the `Date` object (the engine owns the clock; this layer only converts
 * text to epoch seconds and back). Proleptic Gregorian calendar, UTC.
 */

/** Days from 1970-01-01 to the given civil date (month 1-12). Howard Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count from 1970-01-01. Howard Hinnant's civil_from_days. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/** A date-time read from text. */
export interface ParsedDateTime {
  /** Unix epoch seconds, possibly fractional. */
  readonly epochSeconds: number;
  /** False when the text carried no zone (then it was read as UTC). */
  readonly hasZone: boolean;
}

/**
 * Parses ISO-8601 (`2024-01-01T10:00:00Z`, `...+02:00`, fractional seconds), `YYYY-MM-DD HH:MM:SS`
 * and a bare `YYYY-MM-DD`. Text without a zone is read as UTC. Returns null when the text is not a
 * date-time or a field is out of range.
 */
export function parseDateTime(text: string): ParsedDateTime | null {
  const m = DATE_TIME_RE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(m[7]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetSeconds = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== "Z" && zone !== "z" && zone !== "UTC") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetSeconds = (zone[0] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const epochSeconds =
    daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second + fraction - offsetSeconds;
  return { epochSeconds, hasZone: zone !== undefined };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Formats epoch seconds as ISO-8601 UTC, e.g. `1998-05-08T03:21:00Z` (milliseconds shown if any). */
export function formatEpoch(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  const ms = Math.round((epochSeconds - whole) * 1000);
  const days = Math.floor(whole / 86400);
  const rest = whole - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const time = `${p2(Math.floor(rest / 3600))}:${p2(Math.floor((rest % 3600) / 60))}:${p2(rest % 60)}`;
  const frac = ms === 0 ? "" : `.${String(ms).padStart(3, "0")}`;
  return `${String(year).padStart(4, "0")}-${p2(month)}-${p2(day)}T${time}${frac}Z`;
}
