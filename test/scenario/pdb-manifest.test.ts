/**
 * PodDisruptionBudget manifests read as the API server validates them (ValidatePodDisruptionBudgetSpec):
 * the defaults filled in for a valid one, and one case per rule from test/fixtures/pdb/invalid-pdbs.json.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/manifest-errors.js";
import { readPodDisruptionBudgets } from "../../src/scenario/pdb-manifest.js";
import { parseManifestDocuments } from "../../src/scenario/read-manifests.js";

const read = (text: string) => readPodDisruptionBudgets(parseManifestDocuments(text, "pdb.yaml"), "pdb.yaml");

describe("PodDisruptionBudget manifests", () => {
  it("reads a valid budget with its defaults (namespace default, IfHealthyBudget)", () => {
    const [b] = read(
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 25%\n  selector:\n    matchLabels: {app: web}\n    matchExpressions: [{key: tier, operator: In, values: [front]}]\n",
    );
    expect(b).toStrictEqual({
      name: "web",
      namespace: "default",
      selector: "app=web,tier in (front)",
      maxUnavailable: { percent: 25 },
      unhealthyPodEvictionPolicy: "IfHealthyBudget",
      file: "pdb.yaml",
    });
  });

  it("keeps an absent selector (selects nothing) apart from an empty one (selects everything)", () => {
    const head =
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 1\n";
    expect(read(head)[0]?.selector).toBeNull();
    expect(read(`${head}  selector: {}\n`)[0]?.selector).toBe("");
  });

  const cases = JSON.parse(
    readFileSync(new URL("../fixtures/pdb/invalid-pdbs.json", import.meta.url), "utf8"),
  ) as { name: string; manifest: string; expect: string[] }[];
  for (const c of cases) {
    it(`rejects: ${c.name}`, () => {
      let error: unknown;
      try {
        read(c.manifest);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      for (const part of c.expect) expect((error as Error).message).toContain(part);
      expect((error as Error).message).toContain('pdb.yaml: PodDisruptionBudget "web"');
    });
  }
});
