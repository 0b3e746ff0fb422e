/**
 * Checks the `hpa` of an HPA snapshot (FORMAT.md §4 of the HPA conformance vectors): `metadata`, `spec` (see
 * snapshot-hpa-spec.ts) and `status` (times on the snapshot's clock, metric values in the API's shapes).
 */
import { OBJECT_META_FIELDS } from "./decode-hpa-v2.js";
import { child } from "./field-violations.js";
import { enumField } from "./scenario-fields.js";
import { objectList, replicasField, requireFields, timeField } from "./snapshot-fields.js";
import { checkHpaSpec } from "./snapshot-hpa-spec.js";
import { CONDITION_STATUSES } from "./snapshot-pods.js";
import type { StrictObject } from "./strict-reader.js";

const STATUS_FIELDS = ["currentReplicas", "desiredReplicas", "lastScaleTime", "conditions", "currentMetrics"];
const CONDITION_FIELDS = ["type", "status", "reason", "message", "lastTransitionTime"];
const METRIC_SOURCE_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"] as const;
const CURRENT_FIELDS = ["averageUtilization", "averageValue", "value"];
const IDENTIFIER_FIELDS = ["name", "selector"];

/** Checks `input.hpa`: a named HPA with a spec. */
export function checkHpa(input: StrictObject | undefined): void {
  const hpa = input?.object("hpa", ["metadata", "spec", "status"]);
  if (hpa === undefined) return;
  requireFields(hpa, ["metadata", "spec"]);
  const metadata = hpa.object("metadata", OBJECT_META_FIELDS);
  requireFields(metadata, ["name"]);
  metadata?.string("name");
  metadata?.string("namespace");
  metadata?.stringMap("labels");
  metadata?.stringMap("annotations");
  const spec = hpa.fields.spec;
  if (spec !== undefined && spec !== null) checkHpaSpec(spec, child(hpa.path, "spec"), hpa.problems);
  checkStatus(hpa.object("status", STATUS_FIELDS));
}

function checkStatus(status: StrictObject | undefined): void {
  replicasField(status, "currentReplicas");
  replicasField(status, "desiredReplicas");
  timeField(status, "lastScaleTime");
  objectList(status, "conditions", CONDITION_FIELDS, (condition) => {
    requireFields(condition, ["type", "status"]);
    condition.string("type");
    enumField(condition, "status", CONDITION_STATUSES, null);
    condition.string("reason");
    condition.string("message");
    timeField(condition, "lastTransitionTime");
  });
  objectList(status, "currentMetrics", ["type", ...METRIC_SOURCE_TYPES.map(sourceField)], (metric) => {
    enumField(metric, "type", METRIC_SOURCE_TYPES, null);
    const current = (o: StrictObject | undefined) => {
      const value = o?.object("current", CURRENT_FIELDS);
      value?.int32("averageUtilization");
      value?.quantity("averageValue");
      value?.quantity("value");
    };
    const resource = metric.object("resource", ["name", "current"]);
    resource?.string("name");
    current(resource);
    const container = metric.object("containerResource", ["name", "container", "current"]);
    container?.string("name");
    container?.string("container");
    current(container);
    for (const key of ["pods", "object", "external"]) {
      const source = metric.object(
        key,
        key === "object" ? ["describedObject", "metric", "current"] : ["metric", "current"],
      );
      const identifier = source?.object("metric", IDENTIFIER_FIELDS);
      identifier?.string("name");
      identifier?.object("selector", ["matchLabels", "matchExpressions"]);
      const ref = source?.object("describedObject", ["apiVersion", "kind", "name"]);
      for (const field of ["apiVersion", "kind", "name"]) ref?.string(field);
      current(source);
    }
  });
}

/** `Resource` -> `resource`, `ContainerResource` -> `containerResource`: the field holding that source. */
function sourceField(type: string): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}
