/**
 * Splitting CSV text into records with csv-parse (sync API): a leading BOM is dropped, cells are
 * trimmed, empty lines are skipped, CRLF / LF / CR line ends are all accepted, quoted cells may hold
 * commas and line breaks. Line numbers are only needed for messages, so they are computed on demand
 * (a second parse with `info`), keeping the common path fast.
 */

import { parse } from "csv-parse/sync";
import { TraceError } from "./trace-error.js";

/** The records of a CSV text and a way back to their line numbers. */
export interface CsvRecords {
  /** Every non-empty record, header included, cells trimmed. */
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line on which record `index` (0-based, header included) ends. */
  readonly lineOf: (index: number) => number;
}

const BASE_OPTIONS = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true } as const;

/** Parses CSV text; a malformed text (e.g. an unclosed quote) is a {@link TraceError} with its line. */
export function readCsvRecords(text: string, file: string): CsvRecords {
  let rows: string[][];
  try {
    rows = parse(text, BASE_OPTIONS) as string[][];
  } catch (err) {
    throw csvError(err, file);
  }
  let lines: Int32Array | null = null;
  const lineOf = (index: number): number => {
    if (lines === null) {
      const withInfo = parse(text, { ...BASE_OPTIONS, info: true }) as unknown as {
        info: { lines: number };
      }[];
      lines = Int32Array.from(withInfo, (r) => r.info.lines);
    }
    return lines[index] ?? index + 1;
  };
  return { rows, lineOf };
}

function csvError(err: unknown, file: string): TraceError {
  const e = err as { message?: unknown; lines?: unknown };
  const message = typeof e.message === "string" ? e.message : String(err);
  const detail = `not a readable CSV: ${message}`;
  return typeof e.lines === "number"
    ? new TraceError({ file, line: e.lines }, detail)
    : new TraceError({ file }, detail);
}
