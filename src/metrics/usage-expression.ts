/**
 * Usage expressions: arithmetic over `load` with Kubernetes quantity literals, e.g. `50m + 2m * load` (cores),
 * `300Mi + 1Mi * load` (bytes), `min(load, 250)`. Quantity literals become plain numbers of whole units
 * (`50m` = 0.05, `1Mi` = 1048576).
 *
 * Only what docs/scenario.md documents is allowed: numbers, quantities, `load`, the constants `pi` and `e`,
 * `+ - * / ^` (and unary minus and plus), parentheses, and the functions of {@link FUNCTIONS}. mathjs only
 * parses the text; the tree is checked against that allow-list (trace/expression-mathjs.ts,
 * checkExpressionTree) and compiled to a plain JavaScript function (the replay evaluates it at every moment of
 * change). Nothing is ever evaluated by mathjs, so an expression cannot define, import, evaluate, parse or
 * create units: every such construct is an ExpressionError naming the field.
 */
import type { MathNode } from "mathjs";
import type { LoadFunction } from "../engine/run-inputs.js";
import {
  checkExpressionTree,
  type ExpressionAllowList,
  type ExpressionRefusal,
  parsingInstance,
} from "../trace/expression-mathjs.js";
import { parseFloatQuantity } from "../units/quantity.js";

/** A bad expression: the message says what and where. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpressionError";
  }
}

const QUANTITY_LITERAL =
  /(?<![\w.])(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)(?![\w])/g;

/** Replaces quantity literals by their value in whole units: `2m` -> `0.002`, `1Mi` -> `1048576`. */
export function expandQuantityLiterals(text: string): string {
  return text.replace(QUANTITY_LITERAL, (_m, num: string, suffix: string) => {
    const v = parseFloatQuantity(`${num}${suffix}`);
    return `(${String(v)})`;
  });
}

/** The functions a usage expression may call: their JavaScript implementation and argument counts. */
const FUNCTIONS: ReadonlyMap<string, { readonly js: string; readonly arity: readonly [number, number] }> =
  new Map([
    ["min", { js: "Math.min", arity: [1, Number.POSITIVE_INFINITY] }],
    ["max", { js: "Math.max", arity: [1, Number.POSITIVE_INFINITY] }],
    ["abs", { js: "Math.abs", arity: [1, 1] }],
    ["sqrt", { js: "Math.sqrt", arity: [1, 1] }],
    ["exp", { js: "Math.exp", arity: [1, 1] }],
    ["log", { js: "Math.log", arity: [1, 2] }],
    ["floor", { js: "Math.floor", arity: [1, 1] }],
    ["ceil", { js: "Math.ceil", arity: [1, 1] }],
    ["round", { js: "Math.round", arity: [1, 1] }],
    ["pow", { js: "Math.pow", arity: [2, 2] }],
  ]);
const OPERATORS: Readonly<Record<string, string>> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  pow: "^",
  unaryMinus: "-",
  unaryPlus: "+",
};
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

/** Everything a usage expression may contain (checkExpressionTree refuses the rest). */
const ALLOWED: ExpressionAllowList = {
  variables: new Set(["load"]),
  constants: new Set(Object.keys(CONSTANTS)),
  functions: new Map([...FUNCTIONS].map(([name, f]) => [name, f.arity])),
  operators: new Set(Object.keys(OPERATORS)),
};

/** The allowed set, as error messages list it. */
const ALLOWED_TEXT =
  `use numbers, quantities (50m, 300Mi), load, ${Object.keys(CONSTANTS).join(", ")}, + - * / ^, ` +
  `parentheses and the functions ${[...FUNCTIONS.keys()].join(", ")}`;

/** JavaScript source of a tree checkExpressionTree accepted with {@link ALLOWED}. */
function toJs(node: MathNode): string {
  const n = node as MathNode & Record<string, unknown>;
  const args = () => (n.args as MathNode[]).map(toJs);
  switch (node.type) {
    case "ConstantNode":
      return `(${String(n.value as number)})`;
    case "SymbolNode": {
      const name = n.name as string;
      return name === "load" ? name : `(${String(CONSTANTS[name])})`;
    }
    case "ParenthesisNode":
      return toJs(n.content as MathNode);
    case "OperatorNode": {
      const [a, b] = args();
      const fn = n.fn as string;
      if (b === undefined) return `(${OPERATORS[fn]}${a})`;
      return fn === "pow" ? `Math.pow(${a}, ${b})` : `(${a} ${OPERATORS[fn]} ${b})`;
    }
    case "FunctionNode": {
      const name = (n.fn as { name: string }).name;
      const [x, base] = args();
      if (name === "log" && base !== undefined) return `(Math.log(${x}) / Math.log(${base}))`;
      return `${FUNCTIONS.get(name)?.js ?? ""}(${args().join(", ")})`;
    }
    default:
      throw new Error(`usage expression: unexpected ${node.type} after checking`);
  }
}

/** The refusal as the rest of a message after `what: `. */
function refusalText(r: ExpressionRefusal, text: string): string {
  const quoted = JSON.stringify(text);
  switch (r.kind) {
    case "symbols":
      return `unknown symbol ${r.names.map((u) => `"${u}"`).join(", ")} in ${quoted} (the only variable is "load")`;
    case "arity":
      return `function "${r.name}" takes ${r.takes} argument${/\b1$/.test(r.takes) ? "" : "s"}, got ${r.got} in ${quoted}`;
    case "function":
      return `function "${r.name}" is not allowed in ${quoted}: ${ALLOWED_TEXT}`;
    case "construct":
      return `${r.what} is not allowed in ${quoted}: ${ALLOWED_TEXT}`;
  }
}

/**
 * A compiled expression's value refused at a load (not a finite number, or negative for CPU or memory): bad input,
 * with the value kept for searches that probe loads the replay may never reach (max-load.ts).
 */
export class UsageValueError extends ExpressionError {
  constructor(
    message: string,
    /** The refused value. */
    readonly value: number,
  ) {
    super(message);
  }
}

/** What a compiled expression may return: CPU and memory are amounts (>= 0); a metric may be any finite number. */
export interface LoadExpressionOptions {
  /** The value must be >= 0 (a pod's CPU or memory). */
  readonly nonNegative?: boolean;
  /** How a value refused during the replay names the expression (default `what`), e.g. with its file. */
  readonly label?: string;
}

/** Whether a usage field (`cpu`, `containers.app.memory`, `podMetrics.rps`, ...) is a resource amount (>= 0). */
export function isResourceUsageField(field: string): boolean {
  const parts = field.split(".");
  const last = parts[parts.length - 1];
  return (last === "cpu" || last === "memory") && !parts.some((p) => p.endsWith("Metrics"));
}

/** The value a compiled expression refused at `load`, as a message after `label: `. */
function refusedValue(text: string, load: number, value: number, nonNegative: boolean): string {
  const what = Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? `negative (${value})` : `${value}`;
  const wanted = nonNegative ? "a finite number >= 0" : "a finite number";
  return `${JSON.stringify(text)} is ${what} at load ${load}: it must be ${wanted} at every load the replay reaches`;
}

/**
 * Compiles `text` into a function of `load`. `what` names the expression in errors (e.g. `usage.cpu`).
 * Throws ExpressionError for syntax errors, anything outside the allow-list (unknown symbols, functions
 * other than FUNCTIONS, assignments, definitions, strings, matrices, ...), or a value at load 0 that is not
 * a finite real number (>= 0 with `nonNegative`). The function it returns throws ExpressionError, naming
 * `label` and the load, for such a value at any other load (`sqrt(30 - load)` beyond 30).
 */
export function compileLoadExpression(
  text: string,
  what: string,
  options: LoadExpressionOptions = {},
): LoadFunction {
  const fail = (detail: string): never => {
    throw new ExpressionError(`${what}: ${detail}`);
  };
  if (String(text).trim() === "") fail(`cannot parse ${JSON.stringify(text)}: the expression is empty`);
  let node: MathNode;
  try {
    node = parsingInstance().parse(expandQuantityLiterals(String(text)));
  } catch (e) {
    return fail(`cannot parse ${JSON.stringify(text)}: ${(e as Error).message}`);
  }
  const refusal = checkExpressionTree(node, ALLOWED);
  if (refusal !== undefined) fail(refusalText(refusal, text));
  const nonNegative = options.nonNegative === true;
  const label = options.label ?? what;
  const refuse = (load: number, value: number): never => {
    throw new UsageValueError(`${label}: ${refusedValue(String(text), load, value, nonNegative)}`, value);
  };
  // (NaN fails both comparisons)
  const check = nonNegative ? "v >= 0 && v < Infinity" : "v > -Infinity && v < Infinity";
  const fn = new Function(
    "refuse",
    `"use strict"; return (load) => { const v = ${toJs(node)}; return ${check} ? v : refuse(load, v); };`,
  )(refuse) as LoadFunction;
  try {
    fn(0);
  } catch (e) {
    if (!(e instanceof UsageValueError)) throw e;
    const v = e.value;
    fail(
      Number.isFinite(v)
        ? refusedValue(String(text), 0, v, nonNegative)
        : `${JSON.stringify(text)} is not a finite number at load 0 (got ${v})`,
    );
  }
  return fn;
}
