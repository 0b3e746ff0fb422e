/**
 * The one error type of the trace layer. The CLI maps it to exit code 2 (bad input).
 *
 * Its message names where the problem is, compiler style:
 * `worldcup.csv:12: column "count": expected a number, got "abc"`.
 */

/** Where a trace problem is: the file (or source name), optionally a 1-based line and a column. */
export interface TraceErrorLocation {
  readonly file: string;
  /** 1-based line number in the file. */
  readonly line?: number;
  /** The column's header name, or its 1-based position when the file has no header. */
  readonly column?: string | number;
}

/** A trace that cannot be loaded as given: bad cell, bad option, unsupported content. */
export class TraceError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | number | undefined;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(location: TraceErrorLocation, detail: string) {
    super(formatLocation(location) + detail);
    this.name = "TraceError";
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.detail = detail;
  }
}

function formatLocation(loc: TraceErrorLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  s += ": ";
  if (loc.column !== undefined) {
    s += typeof loc.column === "number" ? `column ${loc.column}: ` : `column "${loc.column}": `;
  }
  return s;
}
