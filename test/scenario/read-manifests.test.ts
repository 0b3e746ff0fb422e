import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";
import { readManifestFixture } from "./fixtures.js";

function parseError(text: string, file: string): InputError {
  try {
    parseManifestDocuments(text, file);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("parseManifestDocuments", () => {
  it("splits multi-document YAML and skips empty documents", () => {
    const docs = parseManifestDocuments("kind: A\n---\n---\n# only a comment\n---\nkind: B\n", "m.yaml");
    expect(docs).toStrictEqual([{ kind: "A" }, { kind: "B" }]);
  });

  it("reads JSON", () => {
    expect(parseManifestDocuments('{"kind": "A", "n": 1.5}', "a.json")).toStrictEqual([
      { kind: "A", n: 1.5 },
    ]);
  });

  it("flattens kind: List recursively, keeping item order", () => {
    const text = "kind: List\nitems:\n- kind: A\n- kind: List\n  items: [{kind: B}, {kind: C}]\n- kind: D\n";
    expect(parseManifestDocuments(text, "l.yaml")).toStrictEqual([
      { kind: "A" },
      { kind: "B" },
      { kind: "C" },
      { kind: "D" },
    ]);
  });

  it("flattens the List that kubectl get -o yaml prints", () => {
    const docs = parseManifestDocuments(readManifestFixture("kubectl-get-hpa.yaml"), "kubectl-get-hpa.yaml");
    expect(docs.map((d) => (d as { metadata: { name: string } }).metadata.name)).toStrictEqual([
      "cart",
      "search",
    ]);
  });

  it("names the file and line of a YAML syntax error", () => {
    const err = parseError(readManifestFixture("syntax-error.yaml.txt"), "syntax-error.yaml");
    // Line 8 is indented one space less than the mapping it belongs to.
    expect(err.message).toBe(
      "syntax-error.yaml: line 8, column 1: invalid YAML: All mapping items must start at the same column",
    );
    expect(err.message).not.toContain("\n");
    expect(err.rule).toBe("YAML syntax");
  });

  it("refuses a document whose aliases expand beyond 100 (a billion laughs), naming the file", () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [k, prev] of ["b a", "c b", "d c", "e d", "f e", "g f", "h g", "i h"].map((p) => p.split(" ")))
      rows.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(",")}]`);
    const err = parseError(rows.join("\n"), "bomb.yaml");
    expect(err.message).toBe(
      "bomb.yaml: invalid YAML: Excessive alias count indicates a resource exhaustion attack",
    );
    expect(err.rule).toBe("YAML aliases");
  });

  it("reports a duplicate key as a syntax error with its line", () => {
    const err = parseError("kind: A\nmetadata:\n  name: x\n  name: y\n", "dup.yaml");
    expect(err.message).toMatch(/^dup\.yaml: line 4, column 3: invalid YAML: Map keys must be unique/);
  });

  it("rejects a document that is not a mapping", () => {
    const err = parseError("kind: A\n---\n- just\n- a list\n", "s.yaml");
    expect(err.message).toBe(
      "s.yaml: document 2: expected a Kubernetes object (a mapping with apiVersion and kind), got a list",
    );
  });
});
