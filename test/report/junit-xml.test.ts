import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderJunitXml } from "../../src/report/junit-xml.js";
import { escapeMarkup } from "../../src/report/markup-escape.js";
import type { AssertionOutcome } from "../../src/results/assertions.js";
import { decodeXml, elementsNamed, readXml } from "./xml-reader.js";

const ok: AssertionOutcome = { assertion: "peakReplicas <= 20", holds: true, values: { peakReplicas: 12 } };
const failed: AssertionOutcome = {
  assertion: "unservedShare < 0.001 and flaps == 0",
  holds: false,
  values: { unservedShare: 0.0125, flaps: 2 },
};

describe("renderJunitXml", () => {
  it("writes one suite per configuration and one case per assertion, with counts", () => {
    const xml = renderJunitXml("kube-whatif compare", [
      { name: "configuration as given", properties: { configuration: "as given" }, outcomes: [ok, failed] },
      { name: "configuration hpa-v2.yaml", properties: { configuration: "hpa-v2.yaml" }, outcomes: [ok] },
    ]);
    const root = readXml(xml);
    expect(root.name).toBe("testsuites");
    expect(root.attributes).toMatchObject({
      name: "kube-whatif compare",
      tests: "3",
      failures: "1",
      errors: "0",
    });
    const suites = elementsNamed(root, "testsuite");
    expect(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures])).toEqual([
      ["configuration as given", "2", "1"],
      ["configuration hpa-v2.yaml", "1", "0"],
    ]);
    expect(elementsNamed(suites[0] as never, "property").map((p) => p.attributes)).toEqual([
      { name: "configuration", value: "as given" },
    ]);
    const cases = elementsNamed(root, "testcase");
    expect(cases.map((c) => [c.attributes.classname, c.attributes.name])).toEqual([
      ["configuration as given", "peakReplicas <= 20"],
      ["configuration as given", "unservedShare < 0.001 and flaps == 0"],
      ["configuration hpa-v2.yaml", "peakReplicas <= 20"],
    ]);
    // a holding case shows what it read; a failing one fails with it
    expect(elementsNamed(cases[0] as never, "system-out")[0]?.text).toBe("peakReplicas = 12");
    expect(elementsNamed(cases[0] as never, "failure")).toEqual([]);
    const failure = elementsNamed(cases[1] as never, "failure")[0];
    expect(failure?.attributes).toEqual({
      type: "AssertionFailed",
      message: "assertion failed: unservedShare < 0.001 and flaps == 0 (unservedShare = 0.0125, flaps = 2)",
    });
    expect(failure?.text).toBe("unservedShare = 0.0125, flaps = 2");
  });

  it("is the same text for the same outcomes (no times)", () => {
    const suites = [{ name: "simulate default/web", properties: { seed: "1" }, outcomes: [ok, failed] }];
    expect(renderJunitXml("kube-whatif simulate", suites)).toBe(
      renderJunitXml("kube-whatif simulate", suites),
    );
  });

  it("keeps user text intact through escaping, in elements and attributes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const expected = [...text]
          .map((ch) => {
            const cp = ch.codePointAt(0) ?? 0;
            const allowed =
              cp < 0x20
                ? [9, 10, 13].includes(cp)
                : cp < 0xd800 || (cp > 0xdfff && cp < 0xfffe) || cp > 0xffff;
            return allowed ? ch : "\uFFFD";
          })
          .join("");
        expect(decodeXml(escapeMarkup(text))).toBe(expected);
        const xml = renderJunitXml(text, [
          {
            name: text,
            properties: { k: text },
            outcomes: [{ assertion: text, holds: false, values: {} }],
          },
        ]);
        const root = readXml(xml);
        expect(root.attributes.name).toBe(expected);
        expect(elementsNamed(root, "testcase")[0]?.attributes.name).toBe(expected);
        expect(elementsNamed(root, "property")[0]?.attributes.value).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["<script>&", "&lt;script&gt;&amp;"],
    [`a "b" 'c'`, "a &quot;b&quot; &apos;c&apos;"],
    ["nul\u0000 here", "nul\uFFFD here"],
    ["lone \uD800 surrogate", "lone \uFFFD surrogate"],
    ["pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept"],
  ])("escapeMarkup(%j) = %j", (text, escaped) => {
    expect(escapeMarkup(text)).toBe(escaped);
  });
});
