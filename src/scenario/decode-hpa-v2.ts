/**
 * Strict decoding of an autoscaling/v2 (or v2beta2) HorizontalPodAutoscaler from parsed YAML/JSON into the
 * API types, before validation. Like Go's decoder, a missing non-pointer field takes its zero value
 * (`""`, `0`) so that validation reports it as `Required value`; enum fields are carried as written and
 * only narrowed by validation.
 */
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerSpec,
  HPAScalingPolicy,
  HPAScalingRules,
  LabelSelector,
  LabelSelectorRequirement,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
} from "../hpa/api-types.js";
import type { FieldPath } from "./field-violations.js";
import type { FieldViolation } from "./manifest-errors.js";
import { StrictObject } from "./strict-reader.js";

/** The fields of metav1.ObjectMeta, all accepted; only a few are read. */
export const OBJECT_META_FIELDS = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
] as const;

/** Top-level fields of any API object; `status` is accepted and ignored. */
export const TOP_LEVEL_FIELDS = ["apiVersion", "kind", "metadata", "spec", "status"] as const;

/**
 * Decodes `spec` of an autoscaling/v2 HPA; `spec` absent decodes as the zero spec. `path` is where the spec
 * sits in the document, for the field paths of problems (`spec` in a manifest).
 */
export function decodeSpecV2(
  raw: unknown,
  problems: FieldViolation[],
  path: FieldPath = "spec",
): HorizontalPodAutoscalerSpec {
  const spec = StrictObject.read(
    raw,
    path,
    ["scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior"],
    problems,
  );
  const out: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: decodeCrossVersionObjectReference(spec?.object("scaleTargetRef", REF_FIELDS)),
    maxReplicas: spec?.int32("maxReplicas") ?? 0,
  };
  const minReplicas = spec?.int32("minReplicas");
  if (minReplicas !== undefined) out.minReplicas = minReplicas;
  const metrics = spec?.list("metrics", (item, path) => decodeMetricSpec(item, path, problems));
  if (metrics !== undefined) out.metrics = metrics;
  const behavior = spec?.object("behavior", ["scaleUp", "scaleDown"]);
  if (behavior !== undefined) out.behavior = decodeBehavior(behavior);
  return out;
}

const REF_FIELDS = ["apiVersion", "kind", "name"];

/** CrossVersionObjectReference; absent decodes as `{kind: "", name: ""}`. */
export function decodeCrossVersionObjectReference(
  ref: StrictObject | undefined,
): CrossVersionObjectReference {
  const out: CrossVersionObjectReference = {
    kind: ref?.string("kind") ?? "",
    name: ref?.string("name") ?? "",
  };
  const apiVersion = ref?.string("apiVersion");
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  return out;
}

const METRIC_SOURCE_FIELDS = ["type", "object", "pods", "resource", "containerResource", "external"];
const TARGET_FIELDS = ["type", "value", "averageValue", "averageUtilization"];
const IDENTIFIER_FIELDS = ["name", "selector"];

function decodeMetricSpec(raw: unknown, path: FieldPath, problems: FieldViolation[]): MetricSpec | undefined {
  const spec = StrictObject.read(raw, path, METRIC_SOURCE_FIELDS, problems);
  if (spec === undefined) return undefined;
  const out: MetricSpec = { type: spec.string("type") ?? "" };
  const object = spec.object("object", ["describedObject", "target", "metric"]);
  if (object !== undefined) {
    out.object = {
      describedObject: decodeCrossVersionObjectReference(object.object("describedObject", REF_FIELDS)),
      metric: decodeMetricIdentifier(object.object("metric", IDENTIFIER_FIELDS)),
      target: decodeMetricTarget(object.object("target", TARGET_FIELDS)),
    };
  }
  const pods = spec.object("pods", ["metric", "target"]);
  if (pods !== undefined) {
    out.pods = {
      metric: decodeMetricIdentifier(pods.object("metric", IDENTIFIER_FIELDS)),
      target: decodeMetricTarget(pods.object("target", TARGET_FIELDS)),
    };
  }
  const resource = spec.object("resource", ["name", "target"]);
  if (resource !== undefined) {
    out.resource = {
      name: resource.string("name") ?? "",
      target: decodeMetricTarget(resource.object("target", TARGET_FIELDS)),
    };
  }
  const container = spec.object("containerResource", ["name", "container", "target"]);
  if (container !== undefined) {
    out.containerResource = {
      name: container.string("name") ?? "",
      container: container.string("container") ?? "",
      target: decodeMetricTarget(container.object("target", TARGET_FIELDS)),
    };
  }
  const external = spec.object("external", ["metric", "target"]);
  if (external !== undefined) {
    out.external = {
      metric: decodeMetricIdentifier(external.object("metric", IDENTIFIER_FIELDS)),
      target: decodeMetricTarget(external.object("target", TARGET_FIELDS)),
    };
  }
  return out;
}

function decodeMetricTarget(target: StrictObject | undefined): MetricTarget {
  // Not yet validated: validation reports a type outside Utilization|Value|AverageValue.
  const out: MetricTarget = { type: (target?.string("type") ?? "") as MetricTarget["type"] };
  const value = target?.quantity("value");
  if (value !== undefined) out.value = value;
  const averageValue = target?.quantity("averageValue");
  if (averageValue !== undefined) out.averageValue = averageValue;
  const averageUtilization = target?.int32("averageUtilization");
  if (averageUtilization !== undefined) out.averageUtilization = averageUtilization;
  return out;
}

function decodeMetricIdentifier(identifier: StrictObject | undefined): MetricIdentifier {
  const out: MetricIdentifier = { name: identifier?.string("name") ?? "" };
  const selector = identifier?.object("selector", ["matchLabels", "matchExpressions"]);
  if (selector !== undefined) out.selector = decodeLabelSelector(selector);
  return out;
}

function decodeLabelSelector(selector: StrictObject): LabelSelector {
  const out: LabelSelector = {};
  const matchLabels = selector.stringMap("matchLabels");
  if (matchLabels !== undefined) out.matchLabels = matchLabels;
  const expressions = selector.list("matchExpressions", (item, path) => {
    const expr = StrictObject.read(item, path, ["key", "operator", "values"], selector.problems);
    if (expr === undefined) return undefined;
    // The operator is checked by the controller's selector conversion, not by HPA validation.
    const requirement: LabelSelectorRequirement = {
      key: expr.string("key") ?? "",
      operator: (expr.string("operator") ?? "") as LabelSelectorRequirement["operator"],
    };
    const values = expr.list("values", (v, p) => StrictObject.stringAt(v, p, selector.problems));
    if (values !== undefined) requirement.values = values;
    return requirement;
  });
  if (expressions !== undefined) out.matchExpressions = expressions;
  return out;
}

function decodeBehavior(behavior: StrictObject): HorizontalPodAutoscalerBehavior {
  const out: HorizontalPodAutoscalerBehavior = {};
  const scaleUp = behavior.object("scaleUp", RULES_FIELDS);
  if (scaleUp !== undefined) out.scaleUp = decodeScalingRules(scaleUp);
  const scaleDown = behavior.object("scaleDown", RULES_FIELDS);
  if (scaleDown !== undefined) out.scaleDown = decodeScalingRules(scaleDown);
  return out;
}

const RULES_FIELDS = ["stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance"];

function decodeScalingRules(rules: StrictObject): HPAScalingRules {
  const out: HPAScalingRules = {};
  const window = rules.int32("stabilizationWindowSeconds");
  if (window !== undefined) out.stabilizationWindowSeconds = window;
  const selectPolicy = rules.string("selectPolicy");
  if (selectPolicy !== undefined) out.selectPolicy = selectPolicy as HPAScalingRules["selectPolicy"] & string;
  const policies = rules.list("policies", (item, path) => {
    const policy = StrictObject.read(item, path, ["type", "value", "periodSeconds"], rules.problems);
    if (policy === undefined) return undefined;
    const decoded: HPAScalingPolicy = {
      type: (policy.string("type") ?? "") as HPAScalingPolicy["type"],
      value: policy.int32("value") ?? 0,
      periodSeconds: policy.int32("periodSeconds") ?? 0,
    };
    return decoded;
  });
  if (policies !== undefined) out.policies = policies;
  const tolerance = rules.quantity("tolerance");
  if (tolerance !== undefined) out.tolerance = tolerance;
  return out;
}
