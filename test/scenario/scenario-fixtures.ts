/** Reads files under test/fixtures/scenarios. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The folder of the scenario fixtures, with a trailing slash. */
export const SCENARIOS_DIR = fileURLToPath(new URL("../fixtures/scenarios/", import.meta.url));

/** The text of a fixture, e.g. `kubectl-get-deploy.yaml`. */
export function readScenarioFixture(name: string): string {
  return readFileSync(`${SCENARIOS_DIR}${name}`, "utf8");
}

/** A JSON fixture (a table of cases), parsed. */
export function readScenarioJson<T>(name: string): T {
  return JSON.parse(readScenarioFixture(name)) as T;
}
