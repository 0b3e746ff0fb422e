/** Reads files under test/fixtures/manifests. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MANIFESTS_DIR = fileURLToPath(new URL("../fixtures/manifests/", import.meta.url));

/** The text of a manifest fixture, e.g. `v2-web.yaml`. */
export function readManifestFixture(name: string): string {
  return readFileSync(`${MANIFESTS_DIR}${name}`, "utf8");
}

/** A JSON fixture (a table of cases), parsed. */
export function readJsonFixture<T>(name: string): T {
  return JSON.parse(readManifestFixture(name)) as T;
}
