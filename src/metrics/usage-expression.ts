/**
 * Usage expressions: mathjs over `load` with Kubernetes quantity literals, e.g. `50m + 2m * load` (cores),
 * `300Mi + 1Mi * load` (bytes), `min(load, 250)`. Quantity literals become plain numbers of whole units
 * (`50m` = 0.05, `1Mi` = 1048576). Arithmetic-only expressions are compiled to a plain JavaScript function
 * (the replay evaluates them at every moment of change); anything else falls back to mathjs' evaluator.
 */
import type { MathJsInstance, MathNode } from "mathjs";
import type { LoadFunction } from "../engine/run-inputs.js";
import { createMathInstance } from "../trace/expression-mathjs.js";
import { parseFloatQuantity } from "../units/quantity.js";

/** This module's mathjs instance, created (and mathjs loaded) on first use: see trace/expression-mathjs.ts. */
let mathInstance: MathJsInstance | undefined;
function math(): MathJsInstance {
  mathInstance ??= createMathInstance({});
  return mathInstance;
}

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

const FUNCTIONS: Record<string, string> = {
  min: "Math.min",
  max: "Math.max",
  abs: "Math.abs",
  sqrt: "Math.sqrt",
  exp: "Math.exp",
  log: "Math.log",
  floor: "Math.floor",
  ceil: "Math.ceil",
  round: "Math.round",
  pow: "Math.pow",
};
const OPERATORS: Record<string, string> = { add: "+", subtract: "-", multiply: "*", divide: "/" };
const CONSTANTS: Record<string, string> = { pi: String(Math.PI), e: String(Math.E) };

/** JavaScript source for arithmetic-only trees; undefined when the tree needs mathjs. */
function toJs(node: MathNode, vars: readonly string[]): string | undefined {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode":
      return typeof n.value === "number" ? `(${String(n.value)})` : undefined;
    case "SymbolNode": {
      const name = n.name as string;
      if (vars.includes(name)) return name;
      return CONSTANTS[name];
    }
    case "ParenthesisNode":
      return toJs(n.content as MathNode, vars);
    case "OperatorNode": {
      const args = (n.args as MathNode[]).map((a) => toJs(a, vars));
      if (args.some((a) => a === undefined)) return undefined;
      const fn = n.fn as string;
      if (fn === "unaryMinus") return `(-${args[0]})`;
      if (fn === "unaryPlus") return `(+${args[0]})`;
      if (fn === "pow") return `Math.pow(${args[0]}, ${args[1]})`;
      const op = OPERATORS[fn];
      return op !== undefined && args.length === 2 ? `(${args[0]} ${op} ${args[1]})` : undefined;
    }
    case "FunctionNode": {
      const name = (n.fn as { name?: string }).name ?? "";
      const js = FUNCTIONS[name];
      const args = (n.args as MathNode[]).map((a) => toJs(a, vars));
      if (js === undefined || args.some((a) => a === undefined)) return undefined;
      return `${js}(${args.join(", ")})`;
    }
    default:
      return undefined;
  }
}

function unknownSymbols(node: MathNode, vars: readonly string[]): string[] {
  const out = new Set<string>();
  node.traverse((child, _path, parent) => {
    if (child.type !== "SymbolNode") return;
    const name = (child as unknown as { name: string }).name;
    const isCallee = parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === child;
    if (isCallee || vars.includes(name) || name in CONSTANTS) return;
    out.add(name);
  });
  return [...out];
}

/**
 * Compiles `text` into a function of `load`. `what` names the expression in errors (e.g. `usage.cpu`).
 * Throws ExpressionError for syntax errors, unknown symbols, or a non-finite value at load 0.
 */
export function compileLoadExpression(text: string, what: string): LoadFunction {
  const vars = ["load"] as const;
  let node: MathNode;
  try {
    node = math().parse(expandQuantityLiterals(String(text)));
  } catch (e) {
    throw new ExpressionError(`${what}: cannot parse "${text}": ${(e as Error).message}`);
  }
  const unknown = unknownSymbols(node, vars);
  if (unknown.length > 0) {
    throw new ExpressionError(
      `${what}: unknown symbol ${unknown.map((u) => `"${u}"`).join(", ")} in "${text}" (the only variable is "load")`,
    );
  }
  const js = toJs(node, vars);
  let fn: LoadFunction;
  if (js !== undefined) {
    fn = new Function("load", `"use strict"; return ${js};`) as LoadFunction;
  } else {
    const compiled = node.compile();
    fn = (load: number) => {
      const v = compiled.evaluate({ load });
      return typeof v === "number" ? v : Number(v);
    };
  }
  const probe = fn(0);
  if (!Number.isFinite(probe))
    throw new ExpressionError(`${what}: "${text}" is not a finite number at load 0 (got ${probe})`);
  return fn;
}
