/**
 * The clock a report prints times on. A replay's times are integer seconds from its start (t = 0 at the trace's
 * first sample, or at `from`); when the trace had absolute times (a date-time column, Prometheus or Grafana
 * timestamps) the reports also say when that was, in UTC, so a run reads against the dashboards the trace came
 * from. A trace with relative times (seconds from the start, a row index, an expression) prints offsets only.
 */
import type { RunResult } from "../results/types.js";
import { formatEpoch } from "../trace/civil-time.js";
import { formatOffset, formatTick } from "./text-format.js";

/** The trace's absolute time of t = 0 (epoch seconds, UTC), or null: print offsets from the start. */
export interface ReportClock {
  readonly startEpochSeconds: number | null;
}

/** Offsets from the start of the replay (`--time relative`, or a trace without absolute times). */
export const RELATIVE_CLOCK: ReportClock = { startEpochSeconds: null };

/** The clock of a run: its trace's absolute start as the effective configuration records it (config.trace). */
export function traceClock(result: Pick<RunResult, "config">): ReportClock {
  const trace = result.config.trace;
  if (trace === null || typeof trace !== "object") return RELATIVE_CLOCK;
  const start = (trace as Record<string, unknown>).startEpochSeconds;
  return typeof start === "number" && Number.isFinite(start) ? { startEpochSeconds: start } : RELATIVE_CLOCK;
}

/** `t` as an ISO-8601 UTC time (`1998-06-30T14:35:15Z`), or null on a relative clock. */
export function isoTime(clock: ReportClock, t: number): string | null {
  return clock.startEpochSeconds === null ? null : formatEpoch(clock.startEpochSeconds + t);
}

/** `t` as a date and time for a table cell: `1998-06-30 14:35:15` (UTC); `t=2d14h35m15s` on a relative clock. */
export function tableTime(clock: ReportClock, t: number): string {
  const iso = isoTime(clock, t);
  return iso === null ? formatOffset(t) : civil(iso, true);
}

/**
 * A time-axis tick at `t` on a chart spanning `span` seconds. Relative: the offset (`1d 12h`). Absolute: the first
 * tick (`first`) in full, `1998-06-28 00:00 UTC`; later ones as much as differs from it: `14:30` on the same day,
 * `06-29 12:00` in the same year, else the full date. Seconds are shown when the span is under an hour.
 */
export function tickTime(clock: ReportClock, t: number, span: number, first: number): string {
  const iso = isoTime(clock, t);
  if (iso === null) return formatTick(t);
  const seconds = span < 3600;
  const full = civil(iso, seconds);
  if (t === first) return `${full} UTC`;
  const start = civil(isoTime(clock, first) as string, seconds);
  const date = datePart(full);
  if (datePart(start) === date) return full.slice(date.length + 1);
  const year = yearPart(full);
  return yearPart(start) === year ? full.slice(year.length + 1) : full;
}

/**
 * `1998-06-30T14:35:15Z` -> `1998-06-30 14:35:15` (or `1998-06-30 14:35` without seconds). Any year width: the
 * end of a replay may fall in year 10000 (a trace's times end before it, bounds.ts), `10000-01-01 00:00`.
 */
function civil(iso: string, seconds: boolean): string {
  const at = iso.indexOf("T");
  const text = `${iso.slice(0, at)} ${iso.slice(at + 1, at + 9)}`;
  return seconds ? text : text.slice(0, text.length - 3);
}

/** The date of a {@link civil} text: `1998-06-30`. */
function datePart(civilText: string): string {
  return civilText.slice(0, civilText.indexOf(" "));
}

/** The year of a {@link civil} text: `1998`, `10000`. */
function yearPart(civilText: string): string {
  return civilText.slice(0, civilText.indexOf("-", 1));
}
