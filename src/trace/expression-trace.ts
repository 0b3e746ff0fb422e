/**
 * Synthetic traces from a mathjs expression over `t` (seconds), e.g.
 * `200 + 150*sin(2*pi*t/86400) + noise(10)`. The expression is parsed and checked once (only `t`,
 * constants, allowlisted math functions and the helpers of expression-helpers.ts), its constant
 * sub-expressions are folded, it is compiled once (expression-compile.ts), and evaluated at
 * t = 0, step, 2*step, ... < duration.
 */

import type { MathJsInstance, MathNode } from "mathjs";
import { describeLongDuration, MAX_REPLAY_SECONDS, MAX_REPLAY_TEXT } from "./bounds.js";
import { compileExpression } from "./expression-compile.js";
import {
  CONSTANTS,
  type ExpressionClock,
  HELPER_NAMES,
  HELPER_SIGNATURES,
  MATH_FUNCTIONS,
  makeHelpers,
} from "./expression-helpers.js";
import { createMathInstance } from "./expression-mathjs.js";
import { finishSeries } from "./finish-series.js";
import { formatCount, formatNumber, plural } from "./format.js";
import { gaussianSource } from "./prng.js";
import { TraceError } from "./trace-error.js";
import type { ExpressionTraceOptions, TimeSeries } from "./types.js";

/** The largest number of samples an expression trace may have (two Float64Arrays: 800 MB). */
export const MAX_EXPRESSION_SAMPLES = 50_000_000;

const ALLOWED_NODES: ReadonlySet<string> = new Set([
  "ConstantNode",
  "SymbolNode",
  "OperatorNode",
  "ParenthesisNode",
  "FunctionNode",
  "ConditionalNode",
]);

/** The mathjs instance of expression traces, created (and mathjs loaded) on first use: expression-mathjs.ts. */
let mathInstance: MathJsInstance | null = null;
function math(): MathJsInstance {
  mathInstance ??= createMathInstance();
  return mathInstance;
}

/**
 * Evaluates an expression into a {@link TimeSeries} with relative times.
 *
 * @example parseExpressionTrace("ramp(0, 10, 0, 100)", { duration: 20, step: 5 }).v // [0, 50, 100, 100]
 * @throws TraceError for a syntax error, an unknown symbol, a value that is not a finite number >= 0
 *   (naming t), or bad options.
 */
export function parseExpressionTrace(expression: string, options: ExpressionTraceOptions): TimeSeries {
  const file = options.file ?? "expression";
  const fail = (detail: string): never => {
    throw new TraceError({ file }, detail);
  };
  const { duration } = options;
  const step = options.step ?? 1;
  const seed = options.seed ?? 0;
  if (!Number.isFinite(duration) || duration <= 0)
    fail(`duration must be a number of seconds > 0, got ${duration}`);
  if (!Number.isInteger(step) || step <= 0) fail(`step must be a whole number of seconds > 0, got ${step}`);
  if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
  if (duration > MAX_REPLAY_SECONDS) {
    fail(
      `duration ${formatNumber(duration)} s is ${describeLongDuration(duration)}; a replay spans at most ${MAX_REPLAY_TEXT} (${formatCount(MAX_REPLAY_SECONDS)} s)`,
    );
  }
  const n = Math.ceil(duration / step);
  if (n > MAX_EXPRESSION_SAMPLES) {
    fail(`duration / step gives ${n} samples, more than ${MAX_EXPRESSION_SAMPLES}: use a larger step`);
  }

  const node = parseAndCheck(expression, fail);
  const clock: ExpressionClock = { t: 0 };
  const helpers = makeHelpers(clock, gaussianSource(seed));
  const scope = new Map<string, unknown>(helpers);
  const evaluate = compileExpression(foldConstants(node), { math: math(), clock, helpers, scope });
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      const x = i * step;
      clock.t = x;
      scope.set("t", x);
      const r = evaluate();
      const y = typeof r === "number" ? r : typeof r === "boolean" ? Number(r) : Number.NaN;
      if (!(y >= 0) || y === Number.POSITIVE_INFINITY) fail(badValue(r, x));
      t[i] = x;
      v[i] = y;
    }
  } catch (err) {
    if (err instanceof TraceError) throw err;
    fail(`at t = ${i * step} s: ${(err as Error).message}`);
  }
  const notes = [
    `evaluated ${JSON.stringify(expression)} at ${plural(n, "sample")}, every ${step} s for ` +
      `${formatNumber(duration)} s` +
      (usesNoise(node) ? `, noise seed ${seed}` : ""),
  ];
  return finishSeries(
    { times: t, values: v },
    {
      file,
      source: `expression: ${expression}`,
      absolute: false,
      from: options.from,
      to: options.to,
      scale: options.scale,
    },
    notes,
  );
}

function badValue(r: unknown, t: number): string {
  const what = typeof r === "number" || typeof r === "boolean" ? String(r) : `a ${math().typeOf(r)}`;
  const why =
    typeof r === "number" && r < 0
      ? "demand cannot be negative (wrap the expression in max(0, ...))"
      : "expected a finite number >= 0";
  return `at t = ${t} s the expression gives ${what}: ${why}`;
}

function parseAndCheck(expression: string, fail: (detail: string) => never): MathNode {
  let node: MathNode;
  try {
    node = math().parse(expression);
  } catch (err) {
    return fail(`cannot parse ${JSON.stringify(expression)}: ${(err as Error).message}`);
  }
  const { isFunctionNode, isSymbolNode } = math();
  node.traverse((n, path, parent) => {
    if (!ALLOWED_NODES.has(n.type)) {
      fail(
        `${JSON.stringify(n.toString())} is not allowed (${n.type}): use numbers, t, operators and functions`,
      );
    }
    if (isFunctionNode(n)) {
      if (!isSymbolNode(n.fn)) fail(`${JSON.stringify(n.toString())}: call functions by name`);
      const helper = HELPER_SIGNATURES.get(n.fn.name);
      if (helper !== undefined && n.args.length !== helper.arity) {
        fail(
          `${helper.text} takes ${plural(helper.arity, "argument")}, got ${n.args.length} in ${JSON.stringify(n.toString())}`,
        );
      }
    }
    if (!isSymbolNode(n)) return;
    const isCall = parent !== null && isFunctionNode(parent) && path === "fn";
    if (
      isCall
        ? MATH_FUNCTIONS.has(n.name) || HELPER_NAMES.includes(n.name)
        : n.name === "t" || CONSTANTS.has(n.name)
    ) {
      return;
    }
    fail(
      `unknown ${isCall ? "function" : "symbol"} "${n.name}" in ${JSON.stringify(expression)} ` +
        `(allowed: t, ${[...CONSTANTS].join(", ")}; functions ${HELPER_NAMES.join(", ")}, ${[...MATH_FUNCTIONS].join(", ")})`,
    );
  });
  return node;
}

/** Replaces each largest sub-expression that depends on neither t nor a helper by its value. */
function foldConstants(node: MathNode): MathNode {
  const m = math();
  const { isConstantNode, isSymbolNode } = m;
  return node.transform((n) => {
    if (isConstantNode(n)) return n;
    const symbols = n.filter((x) => isSymbolNode(x));
    const pure = symbols.every(
      (x) => isSymbolNode(x) && (CONSTANTS.has(x.name) || MATH_FUNCTIONS.has(x.name)),
    );
    if (!pure) return n;
    try {
      const value: unknown = n.evaluate();
      return typeof value === "number" ? new m.ConstantNode(value) : n;
    } catch {
      return n;
    }
  });
}

function usesNoise(node: MathNode): boolean {
  const { isSymbolNode } = math();
  return node.filter((x) => isSymbolNode(x) && x.name === "noise").length > 0;
}
