/**
 * The one loader for the trace fixture files (test/fixtures/traces/*-cases.json): each case is data
 * (input text, options, expected series or error) and becomes one named test.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import {
  detectTraceFormat,
  type ParseTraceOptions,
  parseTrace,
  type TimeSeries,
  TraceError,
} from "../../src/trace/index.js";

/** One parse case: the input, the options, and either the expected series or the expected error. */
export interface TraceCase {
  readonly name: string;
  /** The text, or its lines (joined by `eol`, each line ended by it). */
  readonly input?: string | readonly string[];
  /** A JSON document, serialised with JSON.stringify (Prometheus responses). */
  readonly inputJson?: unknown;
  readonly eol?: string;
  readonly options?: ParseTraceOptions;
  readonly expect?: {
    readonly t: readonly number[];
    readonly v: readonly number[];
    readonly startEpochSeconds?: number | null;
    /** Each must be a substring of some note. */
    readonly notes?: readonly string[];
    readonly noteCount?: number;
  };
  readonly error?: {
    /** The whole message, exactly. */
    readonly message?: string;
    /** A part of the message. */
    readonly includes?: string;
    readonly line?: number;
    readonly column?: string | number;
  };
}

/** One detection case. */
export interface DetectCase {
  readonly name: string;
  readonly input: string;
  /** The file name detection may consult (a `.json` name). */
  readonly file?: string;
  readonly format: string;
}

/** Reads a fixture file's cases. */
export function loadCases<T>(fileName: string): readonly T[] {
  const url = new URL(`../fixtures/traces/${fileName}`, import.meta.url);
  return (JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as { cases: T[] }).cases;
}

/** The input text of a case. */
export function caseText(c: TraceCase): string {
  if (c.inputJson !== undefined) return JSON.stringify(c.inputJson);
  if (typeof c.input === "string") return c.input;
  const eol = c.eol ?? "\n";
  return (c.input ?? []).map((line) => line + eol).join("");
}

/** Values equal to 1e-9 relative (exact for integers and most decimals). */
function expectClose(actual: Float64Array, expected: readonly number[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] ?? Number.NaN;
    expect(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${what}[${i}] = ${a}, expected ${e}`).toBe(
      true,
    );
  });
}

/** Runs one parse case. */
export function runCase(c: TraceCase): void {
  const text = caseText(c);
  const run = (): TimeSeries => parseTrace(text, c.options ?? {});
  if (c.error !== undefined) {
    let caught: unknown;
    try {
      run();
    } catch (err) {
      caught = err;
    }
    expect(caught, "expected a TraceError").toBeInstanceOf(TraceError);
    const err = caught as TraceError;
    if (c.error.message !== undefined) expect(err.message).toBe(c.error.message);
    if (c.error.includes !== undefined) expect(err.message).toContain(c.error.includes);
    if (c.error.line !== undefined) expect(err.line).toBe(c.error.line);
    if (c.error.column !== undefined) expect(err.column).toBe(c.error.column);
    return;
  }
  const want = c.expect;
  if (want === undefined) throw new Error(`case "${c.name}" has neither expect nor error`);
  const series = run();
  expectClose(series.t, want.t, "t");
  expectClose(series.v, want.v, "v");
  if (want.startEpochSeconds !== undefined) expect(series.startEpochSeconds).toBe(want.startEpochSeconds);
  for (const note of want.notes ?? []) {
    expect(
      series.notes.some((n) => n.includes(note)),
      `a note containing ${JSON.stringify(note)} in ${JSON.stringify(series.notes)}`,
    ).toBe(true);
  }
  if (want.noteCount !== undefined)
    expect(series.notes, JSON.stringify(series.notes)).toHaveLength(want.noteCount);
}

/** Runs one detection case. */
export function runDetectCase(c: DetectCase): void {
  expect(detectTraceFormat(c.input, c.file)).toBe(c.format);
}
