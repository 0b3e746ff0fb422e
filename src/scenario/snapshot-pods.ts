/** Checks the `pods` of an HPA snapshot (FORMAT.md §1.4 of the HPA conformance vectors). */
import { enumField } from "./scenario-fields.js";
import { objectList, requireFields, resourceListField, timeField } from "./snapshot-fields.js";
import type { StrictObject } from "./strict-reader.js";

/** Kubernetes PodPhase values (core/v1), in the API's order. */
export const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
/** Kubernetes ConditionStatus values. */
export const CONDITION_STATUSES = ["True", "False", "Unknown"] as const;
/** Kubernetes ContainerRestartPolicy values (`Always` on an init container makes it a sidecar). */
const RESTART_POLICIES = ["Always", "OnFailure", "Never"] as const;

const POD_FIELDS = [
  "name",
  "labels",
  "phase",
  "startTime",
  "readyCondition",
  "deleted",
  "requests",
  "containers",
  "initContainers",
];
const CONTAINER_FIELDS = ["name", "requests", "restartPolicy"];

/** Checks `input.pods`: every pod named, its phase and Ready status Kubernetes values, requests >= 0. */
export function checkPods(input: StrictObject | undefined): void {
  objectList(input, "pods", POD_FIELDS, (pod) => {
    requireFields(pod, ["name"]);
    pod.string("name");
    pod.stringMap("labels");
    enumField(pod, "phase", POD_PHASES, null);
    timeField(pod, "startTime");
    const ready = pod.object("readyCondition", ["status", "lastTransitionTime"]);
    requireFields(ready, ["status"]);
    enumField(ready, "status", CONDITION_STATUSES, null);
    timeField(ready, "lastTransitionTime");
    pod.boolean("deleted");
    resourceListField(pod, "requests");
    for (const key of ["containers", "initContainers"])
      objectList(pod, key, CONTAINER_FIELDS, checkContainer);
  });
}

function checkContainer(container: StrictObject): void {
  container.string("name");
  resourceListField(container, "requests");
  enumField(container, "restartPolicy", RESTART_POLICIES, null);
}
