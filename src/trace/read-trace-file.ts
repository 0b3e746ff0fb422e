/**
 * The one place the trace layer touches the file system: read a trace file and parse it. Everything
 * else in src/trace works on strings.
 */

import { readFileSync } from "node:fs";
import { parseTrace } from "./parse-trace.js";
import { TraceError } from "./trace-error.js";
import type { ParseTraceOptions, TimeSeries } from "./types.js";

/**
 * Reads `path` (UTF-8) and parses it with {@link parseTrace}; messages name the file as `path` (or
 * `options.file`).
 *
 * @throws TraceError when the file cannot be read or parsed.
 */
export function readTraceFile(path: string, options: ParseTraceOptions = {}): TimeSeries {
  const file = options.file ?? path;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TraceError({ file }, `cannot read the file: ${(err as Error).message}`);
  }
  return parseTrace(text, { ...options, file });
}
