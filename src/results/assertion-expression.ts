/**
 * Assertion expressions (`simulate --assert`, a Scenario's spec.assertions): a comparison over a run's figures,
 * e.g. `peakReplicas <= 20`, `unservedShare < 0.001 and flaps == 0`, `metrics.cpu.peakActual < 90`,
 * `max.pendingPods == 0`, `cluster.total.cost < 25`. Names are the dotted paths of assertion-scope.ts.
 *
 * As with usage expressions (metrics/usage-expression.ts), mathjs only parses the text: the tree is checked
 * against an allow-list (numbers, the run's names, `+ - * / ^ %`, comparisons `< <= > >= == !=`, `and or not
 * xor`, parentheses and the functions min, max, abs, round, floor, ceil) and compiled to a plain JavaScript
 * function, so an assertion can neither evaluate, import nor define anything.
 */
import type { MathNode } from "mathjs";
import { ExpressionError } from "../metrics/usage-expression.js";
import {
  checkExpressionTree,
  type ExpressionAllowList,
  type ExpressionRefusal,
  parsingInstance,
} from "../trace/expression-mathjs.js";
import { isAssertionName } from "./assertion-scope.js";

/** A compiled assertion: its text, the names it reads, and whether it holds for a scope of those names. */
export interface Assertion {
  readonly text: string;
  /** The run's names the expression reads (dotted paths), in order of first use. */
  readonly names: readonly string[];
  /** True when the comparison holds for `value(name)` of each name. */
  holds(value: (name: string) => number): boolean;
}

const FUNCTIONS = new Map<string, readonly [number, number]>([
  ["min", [1, Number.POSITIVE_INFINITY]],
  ["max", [1, Number.POSITIVE_INFINITY]],
  ["abs", [1, 1]],
  ["round", [1, 1]],
  ["floor", [1, 1]],
  ["ceil", [1, 1]],
]);
const ARITHMETIC: Readonly<Record<string, string>> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  mod: "%",
  unaryMinus: "-",
  unaryPlus: "+",
};
const COMPARISONS: Readonly<Record<string, string>> = {
  larger: ">",
  smaller: "<",
  largerEq: ">=",
  smallerEq: "<=",
  equal: "===",
  unequal: "!==",
};
const LOGICAL = new Set(["and", "or", "not", "xor"]);

/** A dotted path (`metrics.cpu.peakActual`): mathjs would read it as property access, so it is renamed first. */
const DOTTED = /(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?![\w(])/g;

/**
 * Compiles an assertion. `what` names it in errors (`--assert`, `spec.assertions[0]`). Throws ExpressionError
 * for a syntax error, a name that is not one of the run's (assertion-scope.ts), anything outside the allow-list,
 * or an expression that does not compare (`peakReplicas` alone).
 */
export function compileAssertion(text: string, what: string): Assertion {
  const fail = (detail: string): never => {
    throw new ExpressionError(`${what}: ${detail}`);
  };
  const quoted = JSON.stringify(text);
  if (text.trim() === "") fail("the assertion is empty");
  const paths: string[] = [];
  const renamed = text.replace(DOTTED, (path: string) => {
    if (!paths.includes(path)) paths.push(path);
    return `__path${paths.indexOf(path)}`;
  });
  let node: MathNode;
  try {
    node = parsingInstance().parse(renamed);
  } catch (e) {
    return fail(`cannot parse ${quoted}: ${(e as Error).message}`);
  }
  const original = (name: string): string => {
    const m = /^__path(\d+)$/.exec(name);
    return m === null ? name : (paths[Number(m[1])] as string);
  };
  const names: string[] = [];
  node.traverse((n, path, parent) => {
    if (n.type !== "SymbolNode" || (parent?.type === "FunctionNode" && path === "fn")) return;
    const name = original((n as MathNode & { name: string }).name);
    if (!names.includes(name)) names.push(name);
  });
  const unknown = names.filter((n) => !isAssertionName(n));
  if (unknown.length > 0) {
    fail(
      `unknown name ${unknown.map((u) => `"${u}"`).join(", ")} in ${quoted}: use the run's figures, such as peakReplicas, unservedShare, flaps, metrics.<metric>.peakActual, max.pendingPods, cluster.total.cost (docs/scenario.md, Assertions)`,
    );
  }
  const allow: ExpressionAllowList = {
    variables: new Set((node.filter((n) => n.type === "SymbolNode") as MathNode[]).map(symbolName)),
    constants: new Set(),
    functions: FUNCTIONS,
    operators: new Set(["pow", ...Object.keys(ARITHMETIC), ...Object.keys(COMPARISONS), ...LOGICAL]),
  };
  const refusal = checkExpressionTree(node, allow);
  if (refusal !== undefined) fail(refusalText(refusal, quoted));
  if (!isComparison(node)) {
    fail(
      `${quoted} does not compare: an assertion is a comparison, e.g. "peakReplicas <= 20" or "flaps == 0"`,
    );
  }
  const body = toJs(node, (name) => `v(${JSON.stringify(original(name))})`);
  const fn = new Function("v", `"use strict"; return Boolean(${body});`) as (
    v: (n: string) => number,
  ) => boolean;
  return { text, names, holds: fn };
}

function symbolName(n: MathNode): string {
  return (n as MathNode & { name: string }).name;
}

/** The root, inside parentheses, is a comparison or a logical operator. */
function isComparison(node: MathNode): boolean {
  const n = node as MathNode & Record<string, unknown>;
  if (node.type === "ParenthesisNode") return isComparison(n.content as MathNode);
  return node.type === "OperatorNode" && (n.fn as string) in COMPARISONS ? true : LOGICAL.has(n.fn as string);
}

function refusalText(r: ExpressionRefusal, quoted: string): string {
  const allowed = `use numbers, the run's figures, + - * / ^ %, < <= > >= == !=, and or not xor, parentheses and the functions ${[...FUNCTIONS.keys()].join(", ")}`;
  switch (r.kind) {
    case "symbols":
      return `unknown name ${r.names.map((u) => `"${u}"`).join(", ")} in ${quoted}`;
    case "arity":
      return `function "${r.name}" takes ${r.takes} argument${/\b1$/.test(r.takes) ? "" : "s"}, got ${r.got} in ${quoted}`;
    case "function":
      return `function "${r.name}" is not allowed in ${quoted}: ${allowed}`;
    case "construct":
      return `${r.what} is not allowed in ${quoted}: ${allowed}`;
  }
}

/** JavaScript source of a checked tree; `symbol` renders a name's read. */
function toJs(node: MathNode, symbol: (name: string) => string): string {
  const n = node as MathNode & Record<string, unknown>;
  const args = () => (n.args as MathNode[]).map((a) => toJs(a, symbol));
  switch (node.type) {
    case "ConstantNode":
      return `(${String(n.value as number)})`;
    case "SymbolNode":
      return symbol(n.name as string);
    case "ParenthesisNode":
      return toJs(n.content as MathNode, symbol);
    case "OperatorNode": {
      const fn = n.fn as string;
      const [a, b] = args();
      if (fn === "not") return `(!${a})`;
      if (fn === "and") return `(${a} && ${b})`;
      if (fn === "or") return `(${a} || ${b})`;
      if (fn === "xor") return `(Boolean(${a}) !== Boolean(${b}))`;
      if (fn === "pow") return `Math.pow(${a}, ${b})`;
      if (b === undefined) return `(${ARITHMETIC[fn]}${a})`;
      return `(${a} ${COMPARISONS[fn] ?? ARITHMETIC[fn]} ${b})`;
    }
    case "FunctionNode":
      return `Math.${(n.fn as { name: string }).name}(${args().join(", ")})`;
    default:
      throw new Error(`assertion: unexpected ${node.type} after checking`);
  }
}
