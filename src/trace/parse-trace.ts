/**
 * One entry point for every trace format, with format detection by content (README-rules.md,
 * "Format detection"):
 *
 * - text starting with `{` (after a BOM and white space) is a Prometheus JSON response (a JSON
 *   document that is not one gets a clear error from that parser);
 * - text whose first line starts with a quoted `"Time"` cell followed by another quoted cell is a
 *   Grafana panel CSV export;
 * - any other JSON document that starts with `[`, or is the whole text of a `.json` file (`null`, `42`),
 *   goes to the Prometheus parser too, which says it is not a Prometheus response (rather than a CSV
 *   reader's "expected a number, got "[1"");
 * - anything else is a plain CSV trace. Expressions are never detected: ask for `format: "expression"`.
 *
 * Text is read as UTF-8 (a BOM is dropped); a UTF-16 file (PowerShell 5's `>` writes one) or any text
 * with NUL characters is refused, naming the file.
 */

import { parseCsvTrace } from "./csv-trace.js";
import { parseExpressionTrace } from "./expression-trace.js";
import { parseGrafanaTrace } from "./grafana-trace.js";
import { parsePrometheusTrace } from "./prometheus-trace.js";
import { TraceError } from "./trace-error.js";
import type { ParseTraceOptions, TimeSeries, TraceFormat } from "./types.js";

/** The format of a trace text, judged by its content; never `expression`. */
export function detectTraceFormat(text: string, fileName?: string): Exclude<TraceFormat, "expression"> {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) return "prometheus";
  if (/^"Time"\s*,\s*"/i.test(head)) return "grafana";
  // JSON that is not an object: never a CSV (an array's "[1" is no cell), nor a .json file's `null`
  const jsonFile = fileName !== undefined && /\.json$/i.test(fileName.trim());
  if ((head.startsWith("[") || jsonFile) && isJson(head)) return "prometheus";
  return "csv";
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses text that is not UTF-8: a UTF-16 file read as UTF-8 starts with two replacement characters (its byte
 * order mark FF FE or FE FF) and has a NUL in every other character; any NUL is no text trace.
 */
function checkText(text: string, file: string): void {
  const nul = text.indexOf("\u0000");
  if (nul < 0) return;
  const bom = /^(?:\uFFFD\uFFFD|\uFFFE)/.test(text);
  let nuls = 0;
  for (let i = 0; i < text.length && i < 4096; i++) if (text.charCodeAt(i) === 0) nuls++;
  if (bom || nuls * 4 >= Math.min(text.length, 4096)) {
    const why = bom ? "it starts with a UTF-16 byte order mark" : "every other character is NUL";
    throw new TraceError({ file }, `the file is UTF-16 (${why}); save it as UTF-8`);
  }
  let line = 1;
  for (let i = 0; i < nul; i++) if (text.charCodeAt(i) === 10) line++;
  throw new TraceError(
    { file, line },
    "the file holds a NUL character, so it is not a text trace (UTF-16? save it as UTF-8)",
  );
}

/** The formats each reading option applies to (the others would silently ignore it). */
const APPLIES_TO: Readonly<Record<string, readonly TraceFormat[]>> = {
  timeColumn: ["csv"],
  valueColumn: ["csv", "grafana"],
  sumColumns: ["grafana"],
  series: ["prometheus"],
  step: ["csv", "expression"],
};
const FORMAT_NAMES: Readonly<Record<TraceFormat, string>> = {
  csv: "a CSV trace",
  grafana: "a Grafana panel CSV export",
  prometheus: "a Prometheus query_range JSON response",
  expression: "an expression",
};

/** Throws TraceError for an option that does not apply to `format` (e.g. `series` on a CSV file). */
function checkOptionsApply(format: TraceFormat, options: ParseTraceOptions): void {
  for (const [option, formats] of Object.entries(APPLIES_TO)) {
    if ((options as Record<string, unknown>)[option] === undefined || formats.includes(format)) continue;
    const to = formats.map((f) => FORMAT_NAMES[f]).join(" or ");
    throw new TraceError(
      { file: options.file ?? "<trace>" },
      `${option} applies to ${to}, and this is ${FORMAT_NAMES[format] ?? format}${options.format === undefined ? " (detected from its content; set the format to say otherwise)" : ""}`,
    );
  }
}

/**
 * Parses a trace in any supported format (given, or detected with {@link detectTraceFormat}).
 * For `format: "expression"` the text is the expression and `duration` is required.
 *
 * @throws TraceError for anything that cannot be loaded as given.
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): TimeSeries {
  if (options.format !== "expression") checkText(text, options.file ?? "<trace>");
  const format = options.format ?? detectTraceFormat(text, options.file);
  checkOptionsApply(format, options);
  switch (format) {
    case "csv":
      return parseCsvTrace(text, options);
    case "grafana":
      return parseGrafanaTrace(text, options);
    case "prometheus":
      return parsePrometheusTrace(text, options);
    case "expression": {
      const { duration } = options;
      if (duration === undefined) {
        throw new TraceError(
          { file: options.file ?? "expression" },
          "an expression trace needs a duration (seconds)",
        );
      }
      return parseExpressionTrace(text.trim(), { ...options, duration });
    }
    default:
      throw new TraceError(
        { file: options.file ?? "<trace>" },
        `unknown trace format ${JSON.stringify(format)}`,
      );
  }
}
