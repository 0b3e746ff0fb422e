/**
 * Checking a run against its assertions (`simulate --assert`, spec.assertions): each compiled assertion
 * (assertion-expression.ts) evaluated on the run's figures (assertion-scope.ts), with the values it read.
 */
import { ExpressionError } from "../metrics/usage-expression.js";
import { type Assertion, compileAssertion } from "./assertion-expression.js";
import { assertionScope } from "./assertion-scope.js";
import type { RunResult } from "./types.js";

/** One assertion's outcome: whether it holds, and every figure it read. */
export interface AssertionOutcome {
  readonly assertion: string;
  readonly holds: boolean;
  readonly values: Readonly<Record<string, number>>;
}

/**
 * Compiles the assertions given on the command line (`--assert`) and in the scenario (spec.assertions; errors
 * name `scenarioFile` when given).
 */
export function compileAssertions(
  flags: readonly string[],
  scenario: readonly string[],
  scenarioFile = "",
): Assertion[] {
  const file = scenarioFile === "" ? "" : `${scenarioFile}: `;
  return [
    ...flags.map((a) => compileAssertion(a, "--assert")),
    ...scenario.map((a, i) => compileAssertion(a, `${file}spec.assertions[${i}]`)),
  ];
}

/**
 * Evaluates the assertions on a run. A name this run lacks (a metric, node group or container it does not have,
 * a cluster or VPA figure of a run without one) is an ExpressionError listing the run's names of that kind.
 */
export function checkAssertions(
  assertions: readonly Assertion[],
  result: Pick<RunResult, "summary" | "timeline">,
): AssertionOutcome[] {
  const scope = assertionScope(result);
  return assertions.map((a) => {
    const values: Record<string, number> = {};
    for (const name of a.names) {
      const v = scope.get(name);
      if (v === undefined) throw missing(a.text, name, scope);
      values[name] = v;
    }
    return { assertion: a.text, holds: a.holds((n) => values[n] as number), values };
  });
}

/** What the run has instead of a figure it lacks: a model it does not have, or the figures of that kind. */
const WITHOUT: Readonly<Record<string, string>> = {
  cluster: "it has no cluster model (spec.cluster)",
  vpa: "it has no VerticalPodAutoscaler",
  backtest: "it has no recorded replicas to compare with (spec.backtest.replicas, --backtest-replicas)",
};

function missing(text: string, name: string, scope: ReadonlyMap<string, number>): ExpressionError {
  const top = name.split(".")[0] as string;
  const prefix = name
    .split(".")
    .slice(0, top === "metrics" ? 1 : 2)
    .join(".");
  const near = [...scope.keys()].filter((k) => k.startsWith(`${prefix}.`));
  const anyOfKind = [...scope.keys()].some((k) => k.startsWith(`${top}.`));
  const hint =
    near.length > 0
      ? `this run has ${near.slice(0, 12).join(", ")}`
      : !anyOfKind && WITHOUT[top] !== undefined
        ? WITHOUT[top]
        : `this run has no ${prefix}.* figures`;
  return new ExpressionError(`assertion ${JSON.stringify(text)}: the run has no figure "${name}": ${hint}`);
}
