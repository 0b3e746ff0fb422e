/**
 * Checks the `expect` block of an HPA snapshot: what a reconcile case asserts about the sync (FORMAT.md §4 of
 * the HPA conformance vectors). Every field is optional; only those present are compared.
 */
import { enumField } from "./scenario-fields.js";
import { objectList, replicasField } from "./snapshot-fields.js";
import { CONDITION_STATUSES } from "./snapshot-pods.js";
import type { StrictObject } from "./strict-reader.js";

/** The fields an `expect` block may assert (reconcileObservables in conformance/hpa-reconcile-case.ts). */
export const EXPECT_FIELDS = [
  "desiredReplicas",
  "scaleUpdated",
  "conditions",
  "cpuUtilization",
  "events",
  "statusUpdated",
] as const;

const EVENT_TYPES = ["Normal", "Warning"] as const;

/** Checks an `expect` block, already read as an object with only {@link EXPECT_FIELDS}. */
export function checkExpectation(expect: StrictObject): void {
  replicasField(expect, "desiredReplicas");
  expect.boolean("scaleUpdated");
  expect.boolean("statusUpdated");
  replicasField(expect, "cpuUtilization");
  // compared on type, status and reason only (FORMAT.md §4)
  objectList(expect, "conditions", ["type", "status", "reason"], (condition) => {
    condition.string("type");
    enumField(condition, "status", CONDITION_STATUSES, null);
    condition.string("reason");
  });
  objectList(expect, "events", ["type", "reason", "message"], (event) => {
    enumField(event, "type", EVENT_TYPES, null);
    event.string("reason");
    event.string("message");
  });
}
