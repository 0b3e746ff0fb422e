/** Table-driven trace cases from test/fixtures/traces: one named test per case. */

import { describe, test } from "vitest";
import { type DetectCase, loadCases, runCase, runDetectCase, type TraceCase } from "./fixture-cases.js";

const FILES = ["csv-cases.json", "prometheus-cases.json", "grafana-cases.json", "expression-cases.json"];

for (const file of FILES) {
  describe(file, () => {
    for (const c of loadCases<TraceCase>(file)) test(c.name, () => runCase(c));
  });
}

describe("detect-cases.json", () => {
  for (const c of loadCases<DetectCase>("detect-cases.json")) test(c.name, () => runDetectCase(c));
});
