/**
 * Compiles a checked mathjs expression tree into plain JavaScript closures, so that millions of
 * samples evaluate in seconds. mathjs's own `compile().evaluate(scope)` resolves every symbol
 * through the scope map and dispatches every operator through typed-function; for a 30-day, 1 s
 * trace that is 2-10 s. Here:
 *
 * - `t` and constants are read directly; `+ - * /` and unary minus on two numbers are the JavaScript
 *   operators, which is exactly what mathjs does for numbers (addNumber = a + b, ...); any other
 *   operand type goes to the mathjs function;
 * - every other operator and every math function is mathjs's own implementation (the same
 *   `mathWithTransform` namespace mathjs's compiler uses), so semantics (pow of a negative base,
 *   comparisons with tolerance) are mathjs's; when all arguments are numbers, the function's own
 *   `number` signature is called directly, skipping typed-function dispatch; `min`/`max` of numbers
 *   repeat mathjs's loop (NaN wins, else the first value that is `larger`/`smaller` than the rest);
 * - the trace helpers are called directly;
 * - lazily evaluated operators (`and`, `or`, `??`, `&`, `|`) and anything unforeseen are compiled by
 *   mathjs itself and evaluated with the scope, unchanged.
 *
 * Equivalence with mathjs's compile is checked in test/trace/expression.test.ts.
 */

import type { MathJsInstance, MathNode } from "mathjs";
import type { ExpressionClock } from "./expression-helpers.js";

type Thunk = () => unknown;
type Fn = (...args: unknown[]) => unknown;

/** What the compiler needs: mathjs, the clock the helpers read, the helpers, and the fallback scope. */
export interface CompileContext {
  readonly math: MathJsInstance;
  readonly clock: ExpressionClock;
  readonly helpers: ReadonlyMap<string, (...args: never[]) => unknown>;
  /** The mathjs scope (t and the helpers) used by subtrees mathjs evaluates itself. */
  readonly scope: Map<string, unknown>;
}

/** Compiles `node` to a closure returning its value at the clock's current t. */
export function compileExpression(node: MathNode, ctx: CompileContext): Thunk {
  const ns = (ctx.math as unknown as { expression: { mathWithTransform: Record<string, unknown> } })
    .expression.mathWithTransform;
  const fnOf = (name: string): Fn | undefined => {
    const f = ns[name];
    return typeof f === "function" && (f as { rawArgs?: boolean }).rawArgs !== true ? (f as Fn) : undefined;
  };
  const fallback = (n: MathNode): Thunk => {
    const code = n.compile();
    return () => code.evaluate(ctx.scope);
  };
  const compile = (n: MathNode): Thunk => {
    const any = n as MathNode & Record<string, unknown>;
    switch (n.type) {
      case "ConstantNode": {
        const c = any.value;
        return () => c;
      }
      case "ParenthesisNode":
        return compile(any.content as MathNode);
      case "SymbolNode": {
        if (any.name === "t") return () => ctx.clock.t;
        const c = ns[any.name as string];
        return c === undefined || typeof c === "function" ? fallback(n) : () => c;
      }
      case "ConditionalNode": {
        const cond = compile(any.condition as MathNode);
        const yes = compile(any.trueExpr as MathNode);
        const no = compile(any.falseExpr as MathNode);
        return () => (testCondition(cond()) ? yes() : no());
      }
      case "OperatorNode": {
        const f = fnOf(any.fn as string);
        if (f === undefined) return fallback(n);
        return operator(any.fn as string, f, (any.args as MathNode[]).map(compile));
      }
      case "FunctionNode": {
        const name = (any.fn as { name?: string }).name ?? "";
        const args = (any.args as MathNode[]).map(compile);
        const helper = ctx.helpers.get(name) as Fn | undefined;
        if (helper !== undefined) return call(helper, args);
        const f = fnOf(name);
        if (f === undefined) return fallback(n);
        if (name === "max" || name === "min") {
          const better = numberSignature(fnOf(name === "max" ? "larger" : "smaller"), 2);
          if (better !== undefined) return extreme(f, better, args);
        }
        return typed(f, args);
      }
      default:
        return fallback(n);
    }
  };
  return compile(node);
}

function operator(name: string, f: Fn, args: Thunk[]): Thunk {
  const [a, b] = args;
  if (args.length === 2 && a !== undefined && b !== undefined) {
    switch (name) {
      case "add":
        return () => {
          const x = a();
          const y = b();
          return typeof x === "number" && typeof y === "number" ? x + y : f(x, y);
        };
      case "subtract":
        return () => {
          const x = a();
          const y = b();
          return typeof x === "number" && typeof y === "number" ? x - y : f(x, y);
        };
      case "multiply":
        return () => {
          const x = a();
          const y = b();
          return typeof x === "number" && typeof y === "number" ? x * y : f(x, y);
        };
      case "divide":
        return () => {
          const x = a();
          const y = b();
          return typeof x === "number" && typeof y === "number" ? x / y : f(x, y);
        };
    }
  }
  if (args.length === 1 && a !== undefined && name === "unaryMinus") {
    return () => {
      const x = a();
      return typeof x === "number" ? -x : f(x);
    };
  }
  return typed(f, args);
}

/** The implementation a typed-function runs when all `arity` arguments are numbers, if it has one. */
function numberSignature(f: Fn | undefined, arity: number): Fn | undefined {
  const signatures = (f as { signatures?: Record<string, unknown> } | undefined)?.signatures;
  const impl = signatures?.[new Array(arity).fill("number").join(",")];
  return typeof impl === "function" ? (impl as Fn) : undefined;
}

/** Calls a typed-function, through its number signature when every argument is a number. */
function typed(f: Fn, args: Thunk[]): Thunk {
  const impl = numberSignature(f, args.length);
  const [a, b] = args;
  if (impl !== undefined && args.length === 1 && a !== undefined) {
    return () => {
      const x = a();
      return typeof x === "number" ? impl(x) : f(x);
    };
  }
  if (impl !== undefined && args.length === 2 && a !== undefined && b !== undefined) {
    return () => {
      const x = a();
      const y = b();
      return typeof x === "number" && typeof y === "number" ? impl(x, y) : f(x, y);
    };
  }
  return call(f, args);
}

/** mirrors mathjs max.js / min.js _max: NaN wins, else keep the first value `better` than the rest. */
function extreme(f: Fn, better: Fn, args: Thunk[]): Thunk {
  const [a, b] = args;
  if (args.length === 2 && a !== undefined && b !== undefined) {
    return () => {
      const x = a();
      const y = b();
      if (typeof x !== "number" || typeof y !== "number") return f(x, y);
      return Number.isNaN(x) || (!Number.isNaN(y) && better(y, x) !== true) ? x : y;
    };
  }
  return () => {
    const values = args.map((g) => g());
    let res: number | undefined;
    for (const x of values) {
      if (typeof x !== "number") return f(...values);
      if (Number.isNaN(x) || res === undefined || better(x, res) === true) res = x;
    }
    return res === undefined ? f() : res;
  };
}

function call(f: Fn, args: Thunk[]): Thunk {
  const [a, b, c, d] = args;
  switch (args.length) {
    case 0:
      return () => f();
    case 1:
      if (a !== undefined) return () => f(a());
      break;
    case 2:
      if (a !== undefined && b !== undefined) return () => f(a(), b());
      break;
    case 3:
      if (a !== undefined && b !== undefined && c !== undefined) return () => f(a(), b(), c());
      break;
    case 4:
      if (a !== undefined && b !== undefined && c !== undefined && d !== undefined) {
        return () => f(a(), b(), c(), d());
      }
      break;
  }
  return () => f(...args.map((g) => g()));
}

/** mirrors mathjs ConditionalNode.js testCondition for the types an expression can produce. */
function testCondition(c: unknown): boolean {
  if (typeof c === "number" || typeof c === "boolean" || typeof c === "string") return Boolean(c);
  if (c === null || c === undefined) return false;
  const z = c as { isZero?: () => boolean; re?: number; im?: number };
  if (typeof z.isZero === "function") return !z.isZero();
  if (typeof z.re === "number") return Boolean(z.re || z.im);
  throw new TypeError("Unsupported type of condition");
}
