/**
 * Assertions as a JUnit XML report (`--junit FILE`), the format CI systems (GitLab, Jenkins, GitHub test-report
 * actions) show as test results: one <testsuite> per replayed configuration, one <testcase> per assertion, a
 * <failure> for each that does not hold with the figures it read, and those figures as <system-out> for each that
 * holds. No times: the report is the same for the same input.
 */
import type { AssertionOutcome } from "../results/assertions.js";
import { assertionValues, failedAssertionLine } from "./assertions-text.js";
import { escapeMarkup } from "./markup-escape.js";

/** One configuration's assertions: its name (`simulate`, `configuration hpa-v2.yaml`) and properties. */
export interface JunitSuite {
  readonly name: string;
  /** Shown as <property name value>: what the configuration is (HPA, trace, swept values). */
  readonly properties: Readonly<Record<string, string>>;
  readonly outcomes: readonly AssertionOutcome[];
}

/** Text for an attribute value: {@link escapeMarkup} with tab, LF and CR as references (attribute values keep them). */
function xmlAttribute(text: string): string {
  return escapeMarkup(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function testcase(suite: string, o: AssertionOutcome): string {
  const open = `    <testcase classname="${xmlAttribute(suite)}" name="${xmlAttribute(o.assertion)}"`;
  if (o.holds)
    return `${open}>\n      <system-out>${escapeMarkup(assertionValues(o))}</system-out>\n    </testcase>`;
  const message = failedAssertionLine(o);
  return `${open}>\n      <failure type="AssertionFailed" message="${xmlAttribute(message)}">${escapeMarkup(assertionValues(o))}</failure>\n    </testcase>`;
}

const count = (outcomes: readonly AssertionOutcome[]) => ({
  tests: outcomes.length,
  failures: outcomes.filter((o) => !o.holds).length,
});

function testsuite(s: JunitSuite): string {
  const { tests, failures } = count(s.outcomes);
  const properties = Object.entries(s.properties).map(
    ([k, v]) => `      <property name="${xmlAttribute(k)}" value="${xmlAttribute(v)}"/>`,
  );
  return [
    `  <testsuite name="${xmlAttribute(s.name)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    ...(properties.length > 0 ? ["    <properties>", ...properties, "    </properties>"] : []),
    ...s.outcomes.map((o) => testcase(s.name, o)),
    "  </testsuite>",
  ].join("\n");
}

/** The whole report (`name`: the command, e.g. `kube-whatif compare`), ending with a newline. */
export function renderJunitXml(name: string, suites: readonly JunitSuite[]): string {
  const { tests, failures } = count(suites.flatMap((s) => s.outcomes));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xmlAttribute(name)}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map(testsuite),
    "</testsuites>",
    "",
  ].join("\n");
}
