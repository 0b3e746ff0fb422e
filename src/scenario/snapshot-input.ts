/**
 * Checks the `input` of an HPA snapshot: one reconcile case of ../shared/conformance/hpa/FORMAT.md §4 (the
 * controller flags, the HPA, its scale target, the pods, what the metrics APIs return, the controller's memory,
 * the other HPAs of the namespace and the API calls that fail).
 */
import { numberField } from "./scenario-fields.js";
import { objectList, replicasField, requireFields, secondsField, timeField } from "./snapshot-fields.js";
import { checkHpa } from "./snapshot-hpa.js";
import { checkObservedMetrics, OBSERVED_METRICS_FIELDS } from "./snapshot-metrics.js";
import { checkPods } from "./snapshot-pods.js";
import type { StrictObject } from "./strict-reader.js";

/** The fields of a snapshot's `input` (FORMAT.md §4). */
export const SNAPSHOT_INPUT_FIELDS = [
  "now",
  "settings",
  "hpa",
  "scaleTarget",
  "pods",
  ...OBSERVED_METRICS_FIELDS,
  "controllerState",
  "otherHPAs",
  "apiErrors",
] as const;

const SETTINGS_FIELDS = [
  "tolerance",
  "cpuInitializationPeriodSeconds",
  "initialReadinessDelaySeconds",
  "downscaleStabilizationWindowSeconds",
  "scaleUpLimitFactor",
  "scaleUpLimitMinimum",
  "featureGates",
];
const FEATURE_GATES = ["HPAConfigurableTolerance", "HPAScaleToZero", "PodLevelResources"];
const API_ERRORS = ["resourceMetrics", "customMetrics", "externalMetrics", "getScale", "updateScale"];

/** Checks a snapshot's input, already read as an object with only {@link SNAPSHOT_INPUT_FIELDS}. */
export function checkSnapshotInput(input: StrictObject): void {
  requireFields(input, ["now", "hpa", "scaleTarget"]);
  timeField(input, "now");
  checkSettings(input.object("settings", SETTINGS_FIELDS));
  checkHpa(input);
  const target = input.object("scaleTarget", ["specReplicas", "statusReplicas", "selector"]);
  requireFields(target, ["specReplicas", "statusReplicas", "selector"]);
  replicasField(target, "specReplicas");
  replicasField(target, "statusReplicas");
  target?.string("selector");
  checkPods(input);
  checkObservedMetrics(input);
  checkControllerState(
    input.object("controllerState", ["recommendations", "scaleUpEvents", "scaleDownEvents"]),
  );
  objectList(input, "otherHPAs", ["name", "namespace", "selector"], (other) => {
    requireFields(other, ["name", "namespace", "selector"]);
    for (const key of ["name", "namespace", "selector"]) other.string(key);
  });
  const errors = input.object("apiErrors", API_ERRORS);
  for (const key of API_ERRORS) errors?.string(key);
}

function checkSettings(settings: StrictObject | undefined): void {
  numberField(settings, "tolerance", { min: 0 }, null);
  secondsField(settings, "cpuInitializationPeriodSeconds");
  secondsField(settings, "initialReadinessDelaySeconds");
  secondsField(settings, "downscaleStabilizationWindowSeconds");
  numberField(settings, "scaleUpLimitFactor", { min: 0 }, null);
  numberField(settings, "scaleUpLimitMinimum", { min: 0 }, null);
  const gates = settings?.object("featureGates", FEATURE_GATES);
  for (const gate of FEATURE_GATES) gates?.boolean(gate);
}

/**
 * `recommendations`: null or absent = a fresh controller (no history), a list = the history; scale events
 * carry the absolute replica change.
 */
function checkControllerState(state: StrictObject | undefined): void {
  objectList(state, "recommendations", ["replicas", "timestamp"], (recommendation) => {
    requireFields(recommendation, ["replicas", "timestamp"]);
    replicasField(recommendation, "replicas");
    timeField(recommendation, "timestamp");
  });
  for (const key of ["scaleUpEvents", "scaleDownEvents"]) {
    objectList(state, key, ["replicaChange", "timestamp", "outdated"], (event) => {
      requireFields(event, ["replicaChange", "timestamp"]);
      replicasField(event, "replicaChange");
      timeField(event, "timestamp");
      event.boolean("outdated");
    });
  }
}
