/**
 * The trace layer's data types: the one time series every trace format becomes, and the options of
 * each loader. Times are integer seconds; values are whatever the trace measures (requests per
 * second, requests per minute, CPU cores, ...): unit conversion is the caller's job.
 */

/**
 * A load trace as one step function of time, the shape the replay engine consumes.
 *
 * The value at time `x` is `v[i]` for the last `i` with `t[i] <= x` (hold-last); after the last sample
 * the last value holds.
 */
export interface TimeSeries {
  /** Sample times in integer seconds from the trace start: strictly increasing, `t[0] === 0`. */
  readonly t: Float64Array;
  /** Sample values, one per time, finite and non-negative. */
  readonly v: Float64Array;
  /** Absolute time of `t = 0` in Unix epoch seconds (integer) when the trace had absolute times, else null. */
  readonly startEpochSeconds: number | null;
  /** Where the series came from: a file name, or `expression: <text>`. */
  readonly source: string;
  /** Every data rule applied while loading, in order, as sentences a user can read. */
  readonly notes: readonly string[];
}

/** How {@link resample} derives a value on the new grid. */
export type ResampleRule = "hold" | "linear" | "mean";

/** The trace formats {@link parseTrace} understands (`expression` is never detected, only requested). */
export type TraceFormat = "csv" | "prometheus" | "grafana" | "expression";

/** A column chosen by its header name, or by its 0-based index. */
export type ColumnRef = string | number;

/**
 * One end of a slice: a number of seconds from the trace start (a numeric string counts as seconds), or
 * an absolute ISO-8601 / `YYYY-MM-DD HH:MM:SS` time (zone-less = UTC) for traces with absolute times.
 */
export type TimeBound = number | string;

/** Options every loader accepts. */
export interface CommonTraceOptions {
  /** Name used as `source` and in error messages (usually the path as the user typed it). */
  readonly file?: string;
  /** Start of the slice to keep (inclusive); the slice is re-based so that `from` becomes t = 0. */
  readonly from?: TimeBound;
  /** End of the slice to keep (exclusive). */
  readonly to?: TimeBound;
  /** Multiply every value by this factor (finite, >= 0). Default 1. */
  readonly scale?: number;
  /** Reject out-of-order and duplicate timestamps (with line numbers) instead of sorting and merging. */
  readonly strict?: boolean;
}

/** Options of the plain CSV loader. */
export interface CsvTraceOptions extends CommonTraceOptions {
  /** The value column (name or 0-based index). Default: the first column that is not the time column. */
  readonly valueColumn?: ColumnRef;
  /**
   * The time column (name or 0-based index); `null` = none (rows are `step` seconds apart).
   * Default (undefined): auto-detect, see README-rules.md.
   */
  readonly timeColumn?: ColumnRef | null;
  /** Seconds between rows when there is no time column (row i is at i * step). */
  readonly step?: number;
}

/** Options of the Grafana panel CSV export loader. */
export interface GrafanaTraceOptions extends CommonTraceOptions {
  /** Pick one series column (name or 0-based index over all columns, so 1 = the first series). */
  readonly valueColumn?: ColumnRef;
  /** Sum these series columns. Default when `valueColumn` is absent: sum all series columns. */
  readonly sumColumns?: readonly ColumnRef[];
}

/** Options of the Prometheus range-query JSON loader. */
export interface PrometheusTraceOptions extends CommonTraceOptions {
  /** Keep only the series whose labels equal all of these (the matches are summed). Default: all. */
  readonly series?: Readonly<Record<string, string>>;
}

/** Options of the synthetic mathjs expression loader. */
export interface ExpressionTraceOptions extends CommonTraceOptions {
  /** Length of the trace in seconds; samples are at t = 0, step, 2*step, ... < duration. */
  readonly duration: number;
  /** Seconds between samples, a positive integer. Default 1. */
  readonly step?: number;
  /** Seed of `noise(sigma)` (an integer, taken modulo 2^32). Default 0. */
  readonly seed?: number;
}

/** Options of {@link parseTrace}: the format (detected when absent) plus that format's options. */
export interface ParseTraceOptions
  extends CsvTraceOptions,
    GrafanaTraceOptions,
    PrometheusTraceOptions,
    Partial<Omit<ExpressionTraceOptions, keyof CsvTraceOptions>> {
  /** The trace format; detected from the content when absent (never `expression`). */
  readonly format?: TraceFormat;
}
