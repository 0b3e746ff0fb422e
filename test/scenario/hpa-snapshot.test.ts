/**
 * The `explain` snapshot reader: every bad snapshot of test/fixtures/explain/bad-snapshots.json is rejected with
 * its file, field path and rule (all violations at once), and every valid snapshot (the examples, the reconcile
 * vectors) is accepted and decides exactly as the conformance runner does.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reconcileObservables, runReconcile } from "../../src/conformance/hpa-reconcile-case.js";
import { reconcileAutoscaler } from "../../src/hpa/controller.js";
import { parseHpaSnapshot } from "../../src/scenario/hpa-snapshot.js";
import { InputError } from "../../src/scenario/manifest-errors.js";
import {
  applyPatch,
  badSnapshotCases,
  baseDocument,
  EXAMPLES,
  exampleText,
  type Json,
  root,
} from "./snapshot-fixtures.js";

function readError(text: string): InputError {
  try {
    parseHpaSnapshot(text, "snap.yaml");
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError, the snapshot was accepted");
}

const table = { cases: badSnapshotCases() };

describe("parseHpaSnapshot: the bases of the bad-snapshot table are valid", () => {
  for (const base of [...EXAMPLES, "bare"]) {
    it(base, () => {
      expect(() => parseHpaSnapshot(JSON.stringify(baseDocument(base)), "snap.yaml")).not.toThrow();
    });
  }
});

describe("parseHpaSnapshot: bad snapshots (test/fixtures/explain/bad-snapshots.json)", () => {
  for (const c of table.cases) {
    it(c.name, () => {
      const e = readError(JSON.stringify(applyPatch(baseDocument(c.base), c.patch)));
      expect(e.message.startsWith("snap.yaml: ")).toBe(true);
      expect(e.message).toContain(c.error);
      if (c.count !== undefined) expect(e.violations).toHaveLength(c.count);
    });
  }
});

describe("parseHpaSnapshot: what stays valid", () => {
  const withoutExpect = exampleText("cpu-50-percent").replace(/\nexpect:\n[\s\S]*$/, "\nexpect:\n");

  it("an empty expect (YAML null) is no expectation, as an absent one", () => {
    expect(withoutExpect).toMatch(/\nexpect:\n$/);
    const snap = parseHpaSnapshot(withoutExpect, "snap.yaml");
    expect(snap.expect).toBeUndefined();
    expect(snap.input.hpa.metadata.name).toBe("web");
  });

  it("an empty expect mapping asserts nothing", () => {
    expect(parseHpaSnapshot(`${withoutExpect.trimEnd()} {}\n`, "snap.yaml").expect).toEqual({});
  });

  it("null fields are not set (the fresh-controller history, a pod without start time)", () => {
    const doc = baseDocument("cpu-50-percent");
    const input = doc.input as Json;
    input.controllerState = { recommendations: null, scaleUpEvents: null, scaleDownEvents: null };
    input.otherHPAs = null;
    (input.hpa as Json).status = null;
    const snap = parseHpaSnapshot(JSON.stringify(doc), "snap.yaml");
    expect(snap.state).toEqual({ recommendations: null, scaleUpEvents: [], scaleDownEvents: [] });
    expect(snap.input.otherHPAs).toEqual([]);
  });

  it("a pod in phase Unknown is accepted", () => {
    const doc = applyPatch(baseDocument("cpu-50-percent"), [
      { path: "input.pods[0].phase", value: "Unknown" },
    ]);
    expect(parseHpaSnapshot(JSON.stringify(doc), "snap.yaml").input.pods[0]?.phase).toBe("Unknown");
  });
});

describe("parseHpaSnapshot: every reconcile vector is a valid snapshot and decides as `conformance` does", () => {
  const files = [
    "../shared/conformance/hpa/reconcile.json",
    "test/fixtures/conformance-extra/hpa/reconcile.json",
    "test/fixtures/conformance-extra/hpa2/reconcile.json",
  ];
  for (const file of files) {
    const cases = (JSON.parse(readFileSync(root(file), "utf8")) as Json[]).filter(
      (c) => c.kind === "reconcile",
    );
    it(`${file} (${cases.length} cases)`, () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const snap = parseHpaSnapshot(JSON.stringify(c), `${c.id}.json`);
        const decided = reconcileObservables(reconcileAutoscaler(snap.input, snap.state));
        expect(decided, String(c.id)).toEqual(runReconcile(c.input));
        expect(snap.expect, String(c.id)).toEqual(c.expect);
      }
    });
  }
});
