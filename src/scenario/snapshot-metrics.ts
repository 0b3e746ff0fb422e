/**
 * Checks what the metrics APIs return in an HPA snapshot (FORMAT.md §1.6 of the HPA conformance vectors):
 * `resourceMetrics`, `podsMetrics`, `objectMetrics` and `externalMetrics`.
 */
import {
  listMap,
  objectList,
  requireFields,
  resourceListField,
  secondsField,
  timeField,
} from "./snapshot-fields.js";
import type { StrictObject } from "./strict-reader.js";

/** The fields of a snapshot input that hold observed metrics. */
export const OBSERVED_METRICS_FIELDS = [
  "resourceMetrics",
  "podsMetrics",
  "objectMetrics",
  "externalMetrics",
] as const;

const REF_FIELDS = ["apiVersion", "kind", "name"];

/** Checks the four observed-metrics fields of `input`. */
export function checkObservedMetrics(input: StrictObject | undefined): void {
  objectList(input, "resourceMetrics", ["pod", "timestamp", "windowSeconds", "containers"], (item) => {
    requireFields(item, ["pod"]);
    item.string("pod");
    timeField(item, "timestamp");
    secondsField(item, "windowSeconds");
    objectList(item, "containers", ["name", "usage"], (container) => {
      container.string("name");
      resourceListField(container, "usage");
    });
  });
  listMap(input, "podsMetrics", ["pod", "value", "timestamp", "windowSeconds"], (sample) => {
    requireFields(sample, ["pod", "value"]);
    sample.string("pod");
    sample.quantity("value");
    timeField(sample, "timestamp");
    secondsField(sample, "windowSeconds");
  });
  objectList(input, "objectMetrics", ["describedObject", "metric", "value", "timestamp"], (item) => {
    requireFields(item, ["describedObject", "metric", "value"]);
    const ref = item.object("describedObject", REF_FIELDS);
    requireFields(ref, ["kind", "name"]);
    for (const key of REF_FIELDS) ref?.string(key);
    item.string("metric");
    item.quantity("value");
    timeField(item, "timestamp");
  });
  listMap(input, "externalMetrics", ["value", "timestamp"], (sample) => {
    requireFields(sample, ["value"]);
    sample.quantity("value");
    timeField(sample, "timestamp");
  });
}
