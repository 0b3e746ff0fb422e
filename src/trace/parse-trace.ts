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
  const format = options.format ?? detectTraceFormat(text);
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
