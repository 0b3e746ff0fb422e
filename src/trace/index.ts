/**
 * The trace layer: CSV, Prometheus range-query JSON, Grafana panel CSV and mathjs expressions ->
 * one {@link TimeSeries}. The data rules are listed in README-rules.md.
 */

export { parseCsvTrace } from "./csv-trace.js";
export { createCursor, SeriesCursor, sampleIndexAt, valueAt } from "./cursor.js";
export { parseExpressionTrace } from "./expression-trace.js";
export { parseGrafanaTrace } from "./grafana-trace.js";
export { detectTraceFormat, parseTrace } from "./parse-trace.js";
export { gaussianSource, mulberry32 } from "./prng.js";
export { parsePrometheusTrace } from "./prometheus-trace.js";
export { readTraceFile } from "./read-trace-file.js";
export { resample } from "./resample.js";
export { TraceError, type TraceErrorLocation } from "./trace-error.js";
export type {
  ColumnRef,
  CommonTraceOptions,
  CsvTraceOptions,
  ExpressionTraceOptions,
  GrafanaTraceOptions,
  ParseTraceOptions,
  PrometheusTraceOptions,
  ResampleRule,
  TimeBound,
  TimeSeries,
  TraceFormat,
} from "./types.js";
