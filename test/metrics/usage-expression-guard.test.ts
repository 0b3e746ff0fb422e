/**
 * Usage expressions run only what docs/scenario.md documents: numbers, quantities, `load`, pi, e, + - * / ^,
 * parentheses and min, max, abs, sqrt, exp, log, floor, ceil, round, pow. Everything else (mathjs's import,
 * evaluate, parse, createUnit, ..., assignments, definitions, strings, matrices, comparisons) is refused
 * before anything is evaluated, with the message the scenario reader puts after the file name.
 */
import { describe, expect, it } from "vitest";
import { compileLoadExpression, ExpressionError } from "../../src/metrics/usage-expression.js";

const FIELD = "spec.workload.usage.cpu";
const ALLOWED =
  "use numbers, quantities (50m, 300Mi), load, pi, e, + - * / ^, parentheses and the functions " +
  "min, max, abs, sqrt, exp, log, floor, ceil, round, pow";

function messageOf(text: string): string {
  try {
    compileLoadExpression(text, FIELD);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(text)} compiled`);
}

describe("refused usage expressions", () => {
  const notAllowed = (what: string, text: string) =>
    `${FIELD}: ${what} is not allowed in ${JSON.stringify(text)}: ${ALLOWED}`;
  const cases: [text: string, what: string][] = [
    // mathjs functions that reach, change or run the instance
    ['evaluate("2") * load', 'function "evaluate"'],
    ["import({pi: 4}, {override: true})", 'function "import"'],
    ['parse("load")', 'function "parse"'],
    ['compile("load")', 'function "compile"'],
    ['createUnit("rps")', 'function "createUnit"'],
    ['simplify("load")', 'function "simplify"'],
    ['derivative("load", "load")', 'function "derivative"'],
    ["config({number: 'BigNumber'})", 'function "config"'],
    ["chain(load)", 'function "chain"'],
    ['unit("5 cm")', 'function "unit"'],
    // functions that are not documented
    ["cos(load)", 'function "cos"'],
    ["mod(load, 2)", 'function "mod"'],
    ["nope(load)", 'function "nope"'],
    ["load(2)", 'function "load"'],
    // definitions, statements, structures
    ["a = 5", "assignment"],
    ["load = 5", "assignment"],
    ["x.y = 2", "assignment"],
    ["f(x) = x", "function definition"],
    ["load; 1", "more than one statement"],
    ["load\n1", "more than one statement"],
    ["a[1]", "property or element access"],
    ["load.value", "property or element access"],
    ["a.b(1)", "calling anything but a function name"],
    ["[1, 2]", "matrix"],
    ["{a: 1}", "object"],
    ["1:3", "range"],
    ["load > 1 ? 1 : 2", "conditional (? :)"],
    ["1 < load < 3", "comparison"],
    // operators other than + - * / ^
    ["load > 100", 'operator ">" (larger)'],
    ["load == 1", 'operator "==" (equal)'],
    ["load % 2", 'operator "%" (mod)'],
    ["5!", 'operator "!" (factorial)'],
    ["load'", 'operator "\'" (ctranspose)'],
    ["5 cm to inch", 'operator "to"'],
    ["load and 1", 'operator "and"'],
    ["load ?? 1", 'operator "??" (nullish)'],
    ["load .* 2", 'operator ".*" (dotMultiply)'],
    // values that are not numbers
    ['"5"', 'the string "5"'],
    ["true", "the value true"],
    ["null * load", "the value null"],
  ];
  it.each(cases)("%j: %s is not allowed", (text, what) => {
    expect(messageOf(text)).toBe(notAllowed(what, text));
  });

  it.each([
    ["10m * nope", '"nope"'],
    ["lod + x * lod", '"lod", "x"'],
    ["load * import", '"import"'],
    ["evaluate", '"evaluate"'],
    ["5 cm", '"cm"'],
    ["tau * load", '"tau"'],
  ])("%j: unknown symbols %s", (text, names) => {
    expect(messageOf(text)).toBe(
      `${FIELD}: unknown symbol ${names} in ${JSON.stringify(text)} (the only variable is "load")`,
    );
  });

  it.each([
    ["sqrt(1, 2)", 'function "sqrt" takes 1 argument, got 2'],
    ["abs()", 'function "abs" takes 1 argument, got 0'],
    ["round(2.55, 1)", 'function "round" takes 1 argument, got 2'],
    ["min()", 'function "min" takes at least 1 argument, got 0'],
    ["max()", 'function "max" takes at least 1 argument, got 0'],
    ["pow(2)", 'function "pow" takes 2 arguments, got 1'],
    ["log(1, 2, 3)", 'function "log" takes 1 or 2 arguments, got 3'],
  ])("%j: %s", (text, detail) => {
    expect(messageOf(text)).toBe(`${FIELD}: ${detail} in ${JSON.stringify(text)}`);
  });

  it.each([
    ["sqrt(-1)", "NaN"],
    ["log(load)", "-Infinity"],
    ["1 / load", "Infinity"],
    ["1e999 * load", "NaN"],
    ["(-8) ^ (1/3)", "NaN"],
    ["NaN", "NaN"],
    ["Infinity - load", "Infinity"],
  ])("%j is not a real number at load 0 (%s)", (text, got) => {
    expect(messageOf(text)).toBe(
      `${FIELD}: ${JSON.stringify(text)} is not a finite number at load 0 (got ${got})`,
    );
  });

  it.each([
    ["10m *", "Unexpected end of expression (char 9)"],
    ["load +", "Unexpected end of expression (char 7)"],
    ["2 +* 3", "Value expected (char 4)"],
    ["", "the expression is empty"],
    ["2e3m", '"2e3m" is not a Kubernetes quantity (expected e.g. "500m", "1.5", "512Mi", "2e3")'],
    ["  ", "the expression is empty"],
  ])("%j cannot be parsed", (text, why) => {
    expect(messageOf(text)).toBe(`${FIELD}: cannot parse ${JSON.stringify(text)}: ${why}`);
  });

  it("a refused expression leaves the next compile unchanged", () => {
    messageOf('createUnit("load")');
    messageOf("import({min: 1}, {override: true})");
    expect(compileLoadExpression("min(load, 2) + load", FIELD)(5)).toBe(7);
  });
});

describe("documented usage expressions", () => {
  const cases: [text: string, load: number, value: number][] = [
    // quantities become whole units
    ["50m + 2m * load", 3, 0.05 + 0.002 * 3],
    ["10m * load", 100, 1],
    ["100Ki * load", 3, 3 * 102400],
    ["300Mi + 1Mi * load", 2, 302 * 1048576],
    ["1Gi", 0, 1073741824],
    ["1.5Gi", 0, 1610612736],
    ["2Ti", 0, 2 * 1024 ** 4],
    ["1k + load", 1, 1001],
    ["2M", 0, 2e6],
    ["3G", 0, 3e9],
    ["2e3", 0, 2000],
    ["1.5e-3 * load", 2, 0.003],
    ["0.5 * load", 4, 2],
    // load and the operators
    ["load", 7, 7],
    ["-load + 10", 4, 6],
    ["+load", 4, 4],
    ["load - 1", 4, 3],
    ["load / 4", 2, 0.5],
    ["2 ^ load", 10, 1024],
    ["(1 + load) * 2", 3, 8],
    ["2 load", 3, 6],
    ["2 * -load", 3, -6],
    // the functions and constants
    ["min(load, 250) * 10m", 300, 2.5],
    ["min(load, 250) * 10m", 100, 1],
    ["max(load, 5)", 2, 5],
    ["min(3, load, 2)", 1, 1],
    ["max(1)", 0, 1],
    ["abs(-load)", 3, 3],
    ["sqrt(load)", 16, 4],
    ["100m * sqrt(load)", 100, 1],
    ["exp(load)", 0, 1],
    ["log(e)", 0, 1],
    ["log(load + 8, 2)", 0, 3],
    ["floor(load / 3)", 8, 2],
    ["ceil(load / 3)", 7, 3],
    ["round(load)", 2.5, 3],
    ["round(load)", 2.4, 2],
    ["pow(load, 3)", 2, 8],
    ["pi * load", 2, 2 * Math.PI],
    ["e", 0, Math.E],
  ];
  it.each(cases)("%j at load %d is %d", (text, load, value) => {
    expect(compileLoadExpression(text, FIELD)(load)).toBe(value);
  });
});
