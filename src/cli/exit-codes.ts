/**
 * The one place errors become exit codes: 0 ok, 1 a check failed (conformance failures, assertions),
 * 2 bad input (files, fields, lines the user must fix). Anything else is a bug: exit 70 with the stack.
 */

/** A check the user asked for did not hold (exit 1). The message is printed as is. */
export class CheckFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckFailedError";
  }
}

/** Bad command-line usage or unreadable input (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const BAD_INPUT = new Set([
  "InputError",
  "TraceError",
  "UsageError",
  "QuantityError",
  "ExpressionError",
  "SweepError",
]);

/** Maps an error to its exit code and the text for stderr. */
export function classifyError(e: unknown): { code: number; text: string } {
  if (e instanceof CheckFailedError) return { code: 1, text: e.message };
  if (e instanceof Error && BAD_INPUT.has(e.name)) return { code: 2, text: `error: ${e.message}` };
  if (e instanceof Error)
    return { code: 70, text: `internal error (please report): ${e.stack ?? e.message}` };
  return { code: 70, text: `internal error (please report): ${String(e)}` };
}
