/**
 * One entry point for every trace format, with format detection by content (README-rules.md,
 * "Format detection"):
 *
 * - text starting with `{` (after a BOM and white space) is a Prometheus JSON response (a JSON
 *   document that is not one gets a clear error from that parser);
 * - text whose first line starts with a quoted `"Time"` cell followed by another quoted cell is a
 *   Grafana panel CSV export;
 * - anything else is a plain CSV trace. Expressions are never detected: ask for `format: "expression"`.
 */

import { parseCsvTrace } from "./csv-trace.js";
import { parseExpressionTrace } from "./expression-trace.js";
import { parseGrafanaTrace } from "./grafana-trace.js";
import { parsePrometheusTrace } from "./prometheus-trace.js";
import { TraceError } from "./trace-error.js";
import type { ParseTraceOptions, TimeSeries, TraceFormat } from "./types.js";

/** The format of a trace text, judged by its content; never `expression`. */
export function detectTraceFormat(text: string): Exclude<TraceFormat, "expression"> {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) return "prometheus";
  if (/^"Time"\s*,\s*"/i.test(head)) return "grafana";
  return "csv";
}

/**
 * Parses a trace in any supported format (given, or detected with {@link detectTraceFormat}).
 * For `format: "expression"` the text is the expression and `duration` is required.
 *
 * @throws TraceError for anything that cannot be loaded as given.
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): TimeSeries {
  const format = options.format ?? detectTraceFormat(text);
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
