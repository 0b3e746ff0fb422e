/**
 * Assertions as a JUnit XML report (`--junit FILE`), the format CI systems (GitLab, Jenkins, GitHub test-report
 * actions) show as test results: one <testsuite> per replayed configuration, one <testcase> per assertion, a
 * <failure> for each that does not hold with the figures it read, and those figures as <system-out> for each that
 * holds. No times: the report is the same for the same input.
 */
import type { AssertionOutcome } from "../results/assertions.js";
import { fmtNumber } from "./text-format.js";

/** One configuration's assertions: its name (`simulate`, `configuration hpa-v2.yaml`) and properties. */
export interface JunitSuite {
  readonly name: string;
  /** Shown as <property name value>: what the configuration is (HPA, trace, swept values). */
  readonly properties: Readonly<Record<string, string>>;
  readonly outcomes: readonly AssertionOutcome[];
}

/** Whether XML 1.0 allows the code point (tab, LF, CR, and U+0020 up, but surrogates and U+FFFE/U+FFFF). */
function xmlAllows(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  return cp < 0xd800 || (cp > 0xdfff && cp < 0xfffe) || cp > 0xffff;
}

/** Text for an XML attribute or element: markup characters escaped, characters XML forbids replaced by U+FFFD. */
export function xmlText(text: string): string {
  let allowed = "";
  for (const ch of text) allowed += xmlAllows(ch.codePointAt(0) ?? 0) ? ch : "\uFFFD";
  return allowed
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Text for an attribute value: {@link xmlText} with tab, LF and CR as references (attribute values keep them). */
function xmlAttribute(text: string): string {
  return xmlText(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** `peakReplicas = 25, flaps = 0`: the figures an assertion read. */
function figures(o: AssertionOutcome): string {
  return Object.entries(o.values)
    .map(([k, v]) => `${k} = ${fmtNumber(v)}`)
    .join(", ");
}

function testcase(suite: string, o: AssertionOutcome): string {
  const open = `    <testcase classname="${xmlAttribute(suite)}" name="${xmlAttribute(o.assertion)}"`;
  if (o.holds) return `${open}>\n      <system-out>${xmlText(figures(o))}</system-out>\n    </testcase>`;
  const message = `assertion failed: ${o.assertion} (${figures(o)})`;
  return `${open}>\n      <failure type="AssertionFailed" message="${xmlAttribute(message)}">${xmlText(figures(o))}</failure>\n    </testcase>`;
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
