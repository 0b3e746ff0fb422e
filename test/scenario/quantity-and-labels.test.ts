import { describe, expect, it } from "vitest";
import { goStringMap, labelSelectorString } from "../../src/scenario/label-selectors.js";
import { isQualifiedName, isValidLabelValue } from "../../src/scenario/name-validation.js";
import { canonicalQuantity } from "../../src/scenario/quantity-string.js";

describe("canonicalQuantity: Go's Quantity.String()", () => {
  const cases: [string | number, string][] = [
    ["500m", "500m"],
    ["1.5", "1500m"],
    ["2000m", "2"],
    ["1", "1"],
    [2, "2"],
    [0.25, "250m"],
    ["1000", "1k"],
    ["1500", "1500"],
    ["0", "0"],
    ["512Mi", "512Mi"],
    ["0.5Gi", "512Mi"],
    ["1024Mi", "1Gi"],
    ["100Ki", "100Ki"],
    ["1000Ki", "1000Ki"],
    ["0.5Ki", "512"], // below 1024: DecimalSI
    ["1e3", "1e3"],
    ["1.5e3", "1500"],
    ["-100m", "-100m"],
    ["1G", "1G"],
    ["10u", "10u"],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => expect(canonicalQuantity(input)).toBe(expected));
  }
});

describe("label selectors", () => {
  it("prints requirements sorted by key, set values sorted", () => {
    expect(
      labelSelectorString({
        matchLabels: { tier: "front", app: "web" },
        matchExpressions: [
          { key: "env", operator: "NotIn", values: ["prod", "dev"] },
          { key: "legacy", operator: "DoesNotExist" },
          { key: "canary", operator: "Exists" },
        ],
      }),
    ).toBe("app=web,canary,env notin (dev,prod),!legacy,tier=front");
  });

  it("prints a labels map as Go's %#v", () => {
    expect(goStringMap({ tier: "front", app: "api" })).toBe('map[string]string{"app":"api", "tier":"front"}');
  });

  it("checks label keys and values as the API server does", () => {
    expect(isQualifiedName("app.kubernetes.io/name")).toStrictEqual([]);
    expect(isQualifiedName("/name")).toStrictEqual(["prefix part must be non-empty"]);
    expect(isValidLabelValue("")).toStrictEqual([]);
    expect(isValidLabelValue("-x")[0]).toContain("a valid label must be an empty string");
  });
});
