/**
 * mathjs, loaded on first use. Importing the `mathjs` package graph (over a thousand ES modules) takes
 * seconds, and most runs never compile an expression (`--help`, `validate` of manifests, `explain`,
 * `conformance`, traces read from files), so nothing imports mathjs at module load: the expression modules
 * call {@link mathjs} when they first parse an expression.
 *
 * The callers are synchronous, so the package is loaded with `require`, from its single-file bundle
 * (`mathjs/lib/browser/math.js`, an export the package declares). That bundle is built from the same
 * sources and version as the package's ES and CommonJS entry points and holds the same functions, but is one
 * file to read and compile instead of ~1,200: about a twentieth of the load time. It exports mathjs's
 * default instance; each caller still creates its own instance from it with `create(config)` (the instance's
 * `create` builds a new instance from all of mathjs's factories, as `create(all, config)` does), so no
 * caller sees another's configuration. test/trace/expression.test.ts checks the values against the
 * package's ES entry point.
 *
 * {@link checkExpressionTree} is the allow-list check an expression's parsed tree passes before it is compiled
 * (usage expressions: metrics/usage-expression.ts); it walks the tree only and loads nothing.
 */

import { createRequire } from "node:module";
import type { ConfigOptions, MathJsInstance, MathNode } from "mathjs";

/** The part of the bundle's export the expression modules use. */
export interface MathJsBundle {
  /** A new instance with every mathjs function, as `create(all, config)`. */
  readonly create: (config?: ConfigOptions) => MathJsInstance;
}

let bundle: MathJsBundle | undefined;

/** mathjs's default instance, loaded on the first call (seconds saved for every run that needs no mathjs). */
export function mathjs(): MathJsBundle {
  bundle ??= createRequire(import.meta.url)("mathjs/lib/browser/math.js") as MathJsBundle;
  return bundle;
}

/** A new mathjs instance with every function and the given configuration, as `create(all, config)`. */
export function createMathInstance(config?: ConfigOptions): MathJsInstance {
  return mathjs().create(config);
}

let parser: MathJsInstance | undefined;
/**
 * The instance the allow-listed expressions (usage expressions, assertions) are parsed with: default
 * configuration, created on first use, only ever asked to parse (never to evaluate), so they can share it.
 */
export function parsingInstance(): MathJsInstance {
  parser ??= createMathInstance({});
  return parser;
}

/**
 * What an expression may contain. {@link checkExpressionTree} refuses everything else before anything is
 * evaluated: assignments, function definitions, several statements, matrices, objects, ranges, property
 * access, strings and booleans, and every function not listed (mathjs's own `import`, `evaluate`, `parse`,
 * `compile`, `createUnit`, `simplify`, ... included), so an expression can neither reach nor change the
 * mathjs instance.
 */
export interface ExpressionAllowList {
  /** Names the expression reads, e.g. `load`. */
  readonly variables: ReadonlySet<string>;
  readonly constants: ReadonlySet<string>;
  /** Callable names with the smallest and largest number of arguments each takes (max may be Infinity). */
  readonly functions: ReadonlyMap<string, readonly [min: number, max: number]>;
  /** mathjs operator names (OperatorNode `fn`: `add`, `unaryMinus`, ...). */
  readonly operators: ReadonlySet<string>;
  /** Node types allowed besides numbers, symbols, parentheses and allowed operators and calls. */
  readonly nodeTypes?: ReadonlySet<string>;
}

/** Why an expression tree was refused: the first forbidden node in reading order, else every unknown name. */
export type ExpressionRefusal =
  | { readonly kind: "construct"; readonly what: string }
  | { readonly kind: "function"; readonly name: string }
  | { readonly kind: "arity"; readonly name: string; readonly takes: string; readonly got: number }
  | { readonly kind: "symbols"; readonly names: readonly string[] };

/** How each forbidden node type is named in a refusal. */
const CONSTRUCTS: Readonly<Record<string, string>> = {
  AssignmentNode: "assignment",
  FunctionAssignmentNode: "function definition",
  BlockNode: "more than one statement",
  AccessorNode: "property or element access",
  IndexNode: "indexing",
  ArrayNode: "matrix",
  ObjectNode: "object",
  RangeNode: "range",
  RelationalNode: "comparison",
  ConditionalNode: "conditional (? :)",
};

/** How many arguments a function takes, for messages: `1`, `1 or 2`, `at least 1`. */
function arityText([min, max]: readonly [number, number]): string {
  if (min === max) return String(min);
  if (max === Number.POSITIVE_INFINITY) return `at least ${min}`;
  return max === min + 1 ? `${min} or ${max}` : `${min} to ${max}`;
}

/** Checks a parsed tree against `allow`; undefined when it may be evaluated. Loads no mathjs. */
export function checkExpressionTree(
  node: MathNode,
  allow: ExpressionAllowList,
): ExpressionRefusal | undefined {
  let refusal: ExpressionRefusal | undefined;
  const unknown = new Set<string>();
  node.traverse((child, path, parent) => {
    if (refusal !== undefined) return;
    const n = child as MathNode & Record<string, unknown>;
    switch (child.type) {
      case "ParenthesisNode":
        return;
      case "ConstantNode":
        if (typeof n.value !== "number") {
          const v = typeof n.value === "string" ? JSON.stringify(n.value) : String(n.value);
          refusal = {
            kind: "construct",
            what: `the ${typeof n.value === "string" ? "string" : "value"} ${v}`,
          };
        }
        return;
      case "OperatorNode":
        if (!allow.operators.has(n.fn as string)) {
          const op = String(n.op);
          const fn = String(n.fn);
          refusal = { kind: "construct", what: `operator "${op}"${op === fn ? "" : ` (${fn})`}` };
        }
        return;
      case "FunctionNode": {
        const fn = n.fn as MathNode & { name?: string };
        if (fn.type !== "SymbolNode" || fn.name === undefined) {
          refusal = { kind: "construct", what: "calling anything but a function name" };
          return;
        }
        const arity = allow.functions.get(fn.name);
        const got = (n.args as readonly MathNode[]).length;
        if (arity === undefined) refusal = { kind: "function", name: fn.name };
        else if (got < arity[0] || got > arity[1]) {
          refusal = { kind: "arity", name: fn.name, takes: arityText(arity), got };
        }
        return;
      }
      case "SymbolNode": {
        const name = n.name as string;
        const isCallee = parent?.type === "FunctionNode" && path === "fn";
        if (!isCallee && !allow.variables.has(name) && !allow.constants.has(name)) unknown.add(name);
        return;
      }
      default:
        if (allow.nodeTypes?.has(child.type) !== true) {
          refusal = { kind: "construct", what: CONSTRUCTS[child.type] ?? child.type };
        }
    }
  });
  if (refusal === undefined && unknown.size > 0) refusal = { kind: "symbols", names: [...unknown] };
  return refusal;
}
