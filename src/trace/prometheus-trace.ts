/**
 * Prometheus range-query responses (`/api/v1/query_range`):
 * `{status: "success", data: {resultType: "matrix", result: [{metric: {...}, values: [[1700000000.123, "42"], ...]}]}}`.
 *
 * Rules (README-rules.md, "Prometheus"): all series are summed by timestamp unless `series` picks
 * some by label (the matching ones are summed); inside its own time span a series lacking a
 * timestamp contributes its last value, outside its span 0. A `NaN` sample is a gap (the last value
 * holds); `+Inf` / `-Inf` are refused naming the series and timestamp; negative samples are refused.
 * `status: "error"` is refused with Prometheus' own message; a resultType other than matrix is refused.
 */

import { epochRangeProblem, inEpochRange } from "./bounds.js";
import { formatEpoch } from "./civil-time.js";
import { finishSeries, type SampleOrigins } from "./finish-series.js";
import { isDecimal, readNumberCell } from "./number-cell.js";
import { dropMissing, type SortedSamples, sortAndMerge, sumSeries } from "./samples.js";
import { EPOCH_MS_THRESHOLD } from "./time-column.js";
import { TraceError } from "./trace-error.js";
import type { PrometheusTraceOptions, TimeSeries } from "./types.js";

interface MatrixSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [number, string])[];
}

/**
 * Parses a Prometheus range-query JSON response into a {@link TimeSeries} (absolute times).
 *
 * @example parsePrometheusTrace('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"5"]]}]}}')
 *   // t = [0], v = [5], startEpochSeconds = 1700000000
 */
export function parsePrometheusTrace(text: string, options: PrometheusTraceOptions = {}): TimeSeries {
  const file = options.file ?? "<prometheus>";
  const notes: string[] = [];
  const all = readMatrix(text, file);
  const matcher = options.series;
  const picked = matcher === undefined ? all : all.filter((s) => matches(s.metric, matcher));
  if (picked.length === 0) {
    const available = all
      .slice(0, 10)
      .map((s) => seriesName(s.metric))
      .join(", ");
    const more = all.length > 10 ? `, ... (${all.length} in all)` : "";
    throw new TraceError(
      { file },
      `no series matches ${seriesName(matcher ?? {})} (the response has ${available || "no series"}${more})`,
    );
  }
  const ctx = { file, strict: options.strict === true, notes };
  const samples: SortedSamples[] = picked.map((s) => readSeries(s, ctx, picked.length > 1));
  let total = samples[0] ?? { times: new Float64Array(0), values: new Float64Array(0) };
  const names = picked.map((s) => seriesName(s.metric));
  const how = matcher === undefined ? "" : ` matching ${seriesName(matcher)}`;
  if (samples.length > 1) {
    total = sumSeries(samples);
    notes.push(
      `summed ${samples.length} series${how} by timestamp (${names.join(", ")}): inside its own time span ` +
        "a series lacking a timestamp contributes its last value, outside its span 0",
    );
  } else notes.push(`read series ${names[0]}${how}`);
  const rowAt = (time: number): { text: string } | undefined => {
    for (const s of picked) {
      for (const pair of s.values) {
        const ts = Array.isArray(pair) ? Number(pair[0]) : Number.NaN;
        if (Math.round(ts) === time) return { text: `${pair[0]} (${formatEpoch(time)})` };
      }
    }
    return undefined;
  };
  const origins: SampleOrigins = {
    row: rowAt,
    times: "the timestamps",
    ...(samples.length > 1 ? { summed: `${samples.length} series` } : {}),
  };
  return finishSeries(
    total,
    { file, source: file, absolute: true, from: options.from, to: options.to, scale: options.scale, origins },
    notes,
  );
}

/** The shape of a range-query response, for messages. */
const EXPECTED_SHAPE =
  '{"status": "success", "data": {"resultType": "matrix", "result": [...]}} from /api/v1/query_range';

function readMatrix(text: string, file: string): MatrixSeries[] {
  let doc: unknown;
  try {
    // a byte order mark is not JSON (Windows editors write one): drop it, as the CSV reader does
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new TraceError({ file }, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new TraceError(
      { file },
      `not a Prometheus API response: the JSON document is ${jsonKind(doc)}, expected an object ${EXPECTED_SHAPE}`,
    );
  }
  const root = doc as { status?: unknown; error?: unknown; errorType?: unknown; data?: unknown };
  if (root.status === "error") {
    const type = typeof root.errorType === "string" ? ` (${root.errorType})` : "";
    throw new TraceError(
      { file },
      `Prometheus returned an error${type}: ${String(root.error ?? "no message")}`,
    );
  }
  if (root.status === undefined) {
    throw new TraceError(
      { file },
      `not a Prometheus API response: no "status" field (expected ${EXPECTED_SHAPE})`,
    );
  }
  if (root.status !== "success") {
    throw new TraceError(
      { file },
      `not a Prometheus API response: "status" is ${JSON.stringify(root.status)}, expected "success" or "error"`,
    );
  }
  const data = root.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const what = data === undefined ? 'no "data" field' : `"data" is ${jsonKind(data)}, not an object`;
    throw new TraceError(
      { file },
      `not a Prometheus range-query response: no "data.resultType" (${what}): export a range query (/api/v1/query_range)`,
    );
  }
  const { resultType, result } = data as { resultType?: unknown; result?: unknown };
  if (resultType === undefined) {
    throw new TraceError(
      { file },
      'not a Prometheus range-query response: no "data.resultType": export a range query (/api/v1/query_range)',
    );
  }
  if (resultType !== "matrix") {
    throw new TraceError(
      { file },
      `resultType is ${JSON.stringify(resultType)}, not "matrix": export a range query (/api/v1/query_range)`,
    );
  }
  if (!Array.isArray(result) || result.length === 0) {
    throw new TraceError({ file }, "the response has no series (data.result is empty)");
  }
  return result.map((s: unknown, i: number) => {
    const r = (s ?? {}) as { metric?: unknown; values?: unknown };
    if (!Array.isArray(r.values)) {
      throw new TraceError(
        { file },
        `series ${i} has no "values" array (native histograms are not supported)`,
      );
    }
    const metric =
      typeof r.metric === "object" && r.metric !== null ? (r.metric as Record<string, string>) : {};
    return { metric, values: r.values as [number, string][] };
  });
}

/** `an array`, `null`, `a number`, ... for messages. */
function jsonKind(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  return typeof x === "object" ? "an object" : `a ${typeof x}`;
}

function matches(
  metric: Readonly<Record<string, string>>,
  matcher: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(matcher).every(([k, v]) => metric[k] === v);
}

/** `http_requests_total{code="200",pod="a"}` (labels sorted), `{}` for no labels. */
export function seriesName(metric: Readonly<Record<string, string>>): string {
  const name = metric.__name__ ?? "";
  const labels = Object.keys(metric)
    .filter((k) => k !== "__name__")
    .sort()
    .map((k) => `${k}=${JSON.stringify(metric[k])}`)
    .join(",");
  return `${name}{${labels}}`;
}

function readSeries(
  s: MatrixSeries,
  ctx: { file: string; strict: boolean; notes: string[] },
  labelNotes: boolean,
): SortedSamples {
  const name = seriesName(s.metric);
  const n = s.values.length;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pair = s.values[i];
    const stamp: unknown = Array.isArray(pair) ? pair[0] : undefined;
    // a timestamp is a JSON number (a numeric string is taken too); Number(null) would be 1970
    const ts =
      typeof stamp === "number" || (typeof stamp === "string" && isDecimal(stamp.trim()))
        ? Number(stamp)
        : Number.NaN;
    const raw = Array.isArray(pair) ? pair[1] : undefined;
    if (!Number.isFinite(ts) || typeof raw !== "string") {
      const got = JSON.stringify(pair) ?? String(pair);
      throw new TraceError(
        { file: ctx.file },
        `series ${name}: sample ${i} is not [timestamp, "value"] with a timestamp in epoch seconds, got ${got.length > 80 ? `${got.slice(0, 77)}...` : got}`,
      );
    }
    if (!inEpochRange(Math.round(ts))) {
      const ms =
        Math.abs(ts) >= EPOCH_MS_THRESHOLD
          ? " (epoch milliseconds? Prometheus timestamps are epoch seconds)"
          : "";
      throw new TraceError(
        { file: ctx.file },
        `series ${name}: sample ${i}: timestamp ${stamp} is ${epochRangeProblem(Math.round(ts))}: times must fall in the years 0000 to 9999${ms}`,
      );
    }
    const at = `${pair?.[0]} (${formatEpoch(ts)})`;
    const cell = readNumberCell(raw.trim());
    if (cell.kind === "infinite") {
      throw new TraceError(
        { file: ctx.file },
        `series ${name}: value "${raw}" at ${at}: infinite values cannot be replayed`,
      );
    }
    if (cell.kind === "invalid") {
      throw new TraceError({ file: ctx.file }, `series ${name}: expected a number at ${at}, got "${raw}"`);
    }
    if (cell.kind === "number" && cell.value < 0) {
      throw new TraceError(
        { file: ctx.file },
        `series ${name}: demand cannot be negative, got "${raw}" at ${at}`,
      );
    }
    times[i] = ts;
    values[i] = cell.kind === "number" ? cell.value : Number.NaN;
  }
  const merged = sortAndMerge(
    { times, columns: [values], absolute: true },
    ctx,
    labelNotes ? `series ${name}` : undefined,
  );
  return dropMissing(merged.times, merged.columns[0] ?? new Float64Array(0), `series ${name}`, ctx);
}
