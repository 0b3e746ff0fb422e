/**
 * Grafana panel CSV exports ("Series joined by time"): a header `"Time","series A","series B"`, a
 * time column first (`2024-01-01 10:00:00` or epoch milliseconds), then one column per series whose
 * cells may carry units (grafana-units.ts). One series is picked with `valueColumn`, or several are
 * summed (`sumColumns`, default: all of them).
 */

import { readCsvRecords } from "./csv-records.js";
import { finishSeries, type SampleOrigins } from "./finish-series.js";
import { plural } from "./format.js";
import { KNOWN_UNITS_TEXT, readGrafanaCell } from "./grafana-units.js";
import { dropMissing, type SortedSamples, sortAndMerge, sumSeries } from "./samples.js";
import { readTimeColumn } from "./time-column.js";
import { TraceError } from "./trace-error.js";
import type { ColumnRef, GrafanaTraceOptions, TimeSeries } from "./types.js";

/**
 * Parses a Grafana panel CSV export into a {@link TimeSeries}.
 *
 * @example parseGrafanaTrace('"Time","api"\n"2024-01-01 10:00:00","1.5 K"\n', { file: "panel.csv" })
 *   // t = [0], v = [1500], startEpochSeconds = 1704103200
 * @throws TraceError naming line and column for an unknown unit, a non-number, a negative value, or
 *   cells of one column (or of summed columns) in different base units.
 */
export function parseGrafanaTrace(text: string, options: GrafanaTraceOptions = {}): TimeSeries {
  const file = options.file ?? "<grafana>";
  const notes: string[] = [];
  const { rows, lineOf } = readCsvRecords(text, file);
  const header = rows[0] ?? [];
  if (header.length < 2) {
    throw new TraceError({ file }, 'a Grafana export needs a "Time" column and at least one series column');
  }
  const n = rows.length - 1;
  if (n === 0) throw new TraceError({ file }, "the export has a header but no data rows");
  const fail = (row: number, column: number, detail: string): never => {
    throw new TraceError({ file, line: lineOf(row + 1), column: header[column] ?? column + 1 }, detail);
  };
  const selected = selectColumns(header, options, file);

  const cells = new Array<string>(n);
  for (let i = 0; i < n; i++) cells[i] = rows[i + 1]?.[0] ?? "";
  const time = readTimeColumn(cells, (row, detail) => fail(row, 0, detail));
  const zone = time.zoneless > 0 ? " without a zone, read as UTC" : "";
  notes.push(
    `read ${plural(n, "row")} of a Grafana export; times from column "${header[0]}" as ${time.kind}${zone}`,
  );

  let unit: string | null = null;
  const columns: Float64Array[] = [];
  for (const c of selected) {
    const read = readColumn(rows, c, fail);
    if (unit !== null && read.base !== null && read.base !== unit) {
      throw new TraceError(
        { file },
        `cannot sum column "${header[c]}" (${read.base || "a count"}) with columns in ${unit || "counts"}`,
      );
    }
    unit = read.base ?? unit;
    if (read.scaled) {
      notes.push(
        `column "${header[c]}": converted unit prefixes and units to plain ${read.base || "counts"} ` +
          "(k/K = 10^3, M/Mil = 10^6, G/Bil = 10^9, T/Tri = 10^12, durations to seconds, KiB = 2^10 B)",
      );
    }
    columns.push(read.values);
  }
  if (unit) notes.push(`values are in ${unit}`);

  const ctx = { file, strict: options.strict === true, notes };
  const merged = sortAndMerge(
    { times: time.times, columns, absolute: time.absolute, lineOf: (row) => lineOf(row + 1) },
    ctx,
  );
  const series: SortedSamples[] = selected.map((c, k) =>
    dropMissing(merged.times, merged.columns[k] ?? new Float64Array(0), `column "${header[c]}"`, ctx),
  );
  let samples = series[0] ?? { times: new Float64Array(0), values: new Float64Array(0) };
  if (series.length > 1) {
    samples = sumSeries(series);
    notes.push(
      `summed ${series.length} series columns (${selected.map((c) => `"${header[c]}"`).join(", ")}) by ` +
        "timestamp: inside its own time span a series contributes its last value where its cell is " +
        "missing, outside its span 0",
    );
  } else notes.push(`picked series column "${header[selected[0] ?? 1]}"`);
  const rowAt = (at: number): { line: number; text: string } | undefined => {
    for (let i = 0; i < n; i++) {
      if (Math.round(time.times[i] ?? 0) === at) return { line: lineOf(i + 1), text: cells[i] ?? "" };
    }
    return undefined;
  };
  const timeColumn = header[0] ?? 1;
  const origins: SampleOrigins = {
    row: rowAt,
    timeColumn,
    times: `the "${timeColumn}" column`,
    ...(selected.length > 1
      ? { summed: `columns ${selected.map((c) => `"${header[c]}"`).join(", ")}` }
      : { valueColumn: header[selected[0] ?? 1] ?? (selected[0] ?? 1) + 1 }),
  };
  return finishSeries(
    samples,
    {
      file,
      source: file,
      absolute: time.absolute,
      from: options.from,
      to: options.to,
      scale: options.scale,
      origins,
    },
    notes,
  );
}

function selectColumns(header: readonly string[], options: GrafanaTraceOptions, file: string): number[] {
  const { valueColumn, sumColumns } = options;
  if (valueColumn !== undefined && sumColumns !== undefined) {
    throw new TraceError(
      { file },
      "give valueColumn (pick one series) or sumColumns (sum several), not both",
    );
  }
  const refs: readonly ColumnRef[] =
    valueColumn !== undefined ? [valueColumn] : (sumColumns ?? header.slice(1).map((_, i) => i + 1));
  if (refs.length === 0) throw new TraceError({ file }, "sumColumns is empty");
  const out: number[] = [];
  for (const ref of refs) {
    const index = typeof ref === "number" ? ref : header.indexOf(ref);
    if (!Number.isInteger(index) || index < 1 || index >= header.length) {
      const names = header
        .slice(1)
        .map((h, i) => `${i + 1} "${h}"`)
        .join(", ");
      throw new TraceError({ file }, `no series column ${JSON.stringify(ref)} (the series are ${names})`);
    }
    if (!out.includes(index)) out.push(index);
  }
  return out;
}

function readColumn(
  rows: readonly (readonly string[])[],
  c: number,
  fail: (row: number, column: number, detail: string) => never,
): { values: Float64Array; base: string | null; scaled: boolean } {
  const n = rows.length - 1;
  const values = new Float64Array(n);
  let base: string | null = null;
  let baseRow = 0;
  let scaled = false;
  for (let i = 0; i < n; i++) {
    const text = rows[i + 1]?.[c] ?? "";
    const cell = readGrafanaCell(text);
    if (cell.kind === "missing") {
      values[i] = Number.NaN;
      continue;
    }
    if (cell.kind === "unknown-unit") {
      return fail(i, c, `unknown unit "${cell.unit}" in "${text}" (known units: ${KNOWN_UNITS_TEXT})`);
    }
    if (cell.kind === "invalid") return fail(i, c, `expected a number with an optional unit, got "${text}"`);
    if (cell.value < 0) return fail(i, c, `demand cannot be negative, got "${text}"`);
    if (base === null) {
      base = cell.base;
      baseRow = i;
    } else if (cell.base !== base) {
      const was = rows[baseRow + 1]?.[c] ?? "";
      return fail(i, c, `"${text}" is not in the same unit as "${was}" earlier in this column`);
    }
    scaled ||= cell.scaled;
    values[i] = cell.value;
  }
  return { values, base, scaled };
}
