/**
 * Plain CSV traces: one time column (or none: rows `step` seconds apart) and one value column.
 * Layout detection is in csv-layout.ts, time reading in time-column.ts; the data rules are in
 * README-rules.md.
 */

import { type CsvLayout, columnLabel, resolveCsvLayout } from "./csv-layout.js";
import { readCsvRecords } from "./csv-records.js";
import { finishSeries, type SampleOrigins } from "./finish-series.js";
import { formatNumber, plural } from "./format.js";
import { readNumberCell } from "./number-cell.js";
import { dropMissing, type RawTable, sortAndMerge } from "./samples.js";
import { readTimeColumn } from "./time-column.js";
import { TraceError } from "./trace-error.js";
import type { CsvTraceOptions, TimeSeries } from "./types.js";

/**
 * Parses a CSV trace into a {@link TimeSeries}.
 *
 * @example parseCsvTrace("period,count\n1998-04-30 21:30:00,2\n1998-04-30 21:31:00,11\n", { file: "wc.csv" })
 *   // t = [0, 60], v = [2, 11], startEpochSeconds = 893971800
 * @throws TraceError for a cell that is not a number (`wc.csv:12: column "count": expected a number,
 *   got "abc"`), a negative value, an unreadable time, or no time column and no `step`.
 */
export function parseCsvTrace(text: string, options: CsvTraceOptions = {}): TimeSeries {
  const file = options.file ?? "<csv>";
  const notes: string[] = [];
  const { rows, lineOf } = readCsvRecords(text, file);
  if (rows.length === 0) throw new TraceError({ file }, "the file has no rows");
  const layout = resolveCsvLayout(rows, options, file);
  const dataStart = layout.header === null ? 0 : 1;
  const n = rows.length - dataStart;
  if (n === 0) throw new TraceError({ file }, "the file has a header but no data rows");
  const fail = (row: number, column: number, detail: string): never => {
    throw new TraceError(
      { file, line: lineOf(row + dataStart), column: columnLabel(layout.header, column) },
      detail,
    );
  };

  const values = readValues(rows, dataStart, layout, fail);
  const valueName = describeColumn(layout, layout.valueIndex);
  let times: Float64Array;
  let absolute: boolean;
  let timeCells: readonly string[] | null = null;
  if (layout.timeIndex === null) {
    const step = options.step;
    if (step === undefined || !Number.isFinite(step) || step <= 0) {
      throw new TraceError(
        { file },
        `no time column (${layout.timeReason}; looked for a column named time, timestamp, datetime, period, ` +
          "date, ts or t, or a first column of times): give the seconds between rows (--step, or spec.trace.step), or name the time column (--time-column, spec.trace.timeColumn)",
      );
    }
    times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = i * step;
    absolute = false;
    notes.push(
      `read ${plural(n, "row")} of ${valueName}; no time column: row i is at i × ${formatNumber(step)} s`,
    );
  } else {
    const timeIndex = layout.timeIndex;
    const cells = new Array<string>(n);
    for (let i = 0; i < n; i++) cells[i] = rows[i + dataStart]?.[timeIndex] ?? "";
    const col = readTimeColumn(cells, (row, detail) => fail(row, timeIndex, detail));
    timeCells = cells;
    times = col.times;
    absolute = col.absolute;
    const zone = col.zoneless > 0 ? " without a zone, read as UTC" : "";
    notes.push(
      `read ${plural(n, "row")} of ${valueName}; times from ${describeColumn(layout, timeIndex)} ` +
        `(${layout.timeReason}) as ${col.kind}${zone}`,
    );
    if (options.step !== undefined) notes.push("ignored step: the trace has a time column");
  }
  const table: RawTable = { times, columns: [values], absolute, lineOf: (row) => lineOf(row + dataStart) };
  const ctx = { file, strict: options.strict === true, notes };
  const merged = sortAndMerge(table, ctx);
  const samples = dropMissing(merged.times, merged.columns[0] ?? new Float64Array(0), valueName, ctx);
  const rowAt = (time: number): { line: number; text: string } | undefined => {
    for (let i = 0; i < n; i++) {
      if (Math.round(times[i] ?? 0) !== time) continue;
      const text = timeCells === null ? `the row at ${formatNumber(time)} s` : (timeCells[i] ?? "");
      return { line: lineOf(i + dataStart), text };
    }
    return undefined;
  };
  const origins: SampleOrigins = {
    row: rowAt,
    valueColumn: columnLabel(layout.header, layout.valueIndex),
    ...(layout.timeIndex === null
      ? { times: "the step (--step, spec.trace.step)" }
      : { timeColumn: columnLabel(layout.header, layout.timeIndex), times: "the time column" }),
  };
  return finishSeries(
    samples,
    { file, source: file, absolute, from: options.from, to: options.to, scale: options.scale, origins },
    notes,
  );
}

function describeColumn(layout: CsvLayout, index: number): string {
  const label = columnLabel(layout.header, index);
  return typeof label === "number" ? `column ${label}` : `column "${label}"`;
}

/** Reads the value column: numbers, NaN for missing cells; refuses text, infinities and negatives. */
function readValues(
  rows: readonly (readonly string[])[],
  dataStart: number,
  layout: CsvLayout,
  fail: (row: number, column: number, detail: string) => never,
): Float64Array {
  const n = rows.length - dataStart;
  const out = new Float64Array(n);
  const col = layout.valueIndex;
  for (let i = 0; i < n; i++) {
    const row = rows[i + dataStart] ?? [];
    const text = row[col];
    if (text === undefined) {
      return fail(
        i,
        col,
        `the row has ${plural(row.length, "cell")}, so it has no value column (${col + 1})`,
      );
    }
    const cell = readNumberCell(text);
    if (cell.kind === "number") {
      if (cell.value < 0) return fail(i, col, `demand cannot be negative, got "${text}"`);
      out[i] = cell.value;
    } else if (cell.kind === "missing") out[i] = Number.NaN;
    else if (cell.kind === "infinite") return fail(i, col, `expected a finite number, got "${text}"`);
    else return fail(i, col, `expected a number, got "${text}"`);
  }
  return out;
}
