/**
 * The autoscaling/v2 HorizontalPodAutoscaler API shapes, as users write them (camelCase JSON/YAML).
 * Quantities stay as the user wrote them (string or number); the decision core parses them exactly.
 */

/** A Kubernetes quantity as written: `"500m"`, `"1.5"`, `"512Mi"`, or a plain number of whole units. */
export type QuantityInput = string | number;

export type MetricSourceType = "Resource" | "ContainerResource" | "Pods" | "Object" | "External";
export type MetricTargetType = "Utilization" | "Value" | "AverageValue";

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

/** metav1.LabelSelector */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface MetricTarget {
  type: MetricTargetType;
  /** Integer percent of the request (Resource/ContainerResource only). */
  averageUtilization?: number;
  value?: QuantityInput;
  averageValue?: QuantityInput;
}

export interface MetricIdentifier {
  name: string;
  selector?: LabelSelector | null;
}

export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface ResourceMetricSource {
  name: string;
  target: MetricTarget;
}

export interface ContainerResourceMetricSource {
  name: string;
  container: string;
  target: MetricTarget;
}

export interface PodsMetricSource {
  metric: MetricIdentifier;
  target: MetricTarget;
}

export interface ObjectMetricSource {
  describedObject: CrossVersionObjectReference;
  metric: MetricIdentifier;
  target: MetricTarget;
}

export interface ExternalMetricSource {
  metric: MetricIdentifier;
  target: MetricTarget;
}

/** autoscaling/v2 MetricSpec. `type` is a string so that unknown types can reach the controller's error path. */
export interface MetricSpec {
  type: MetricSourceType | (string & {});
  resource?: ResourceMetricSource;
  containerResource?: ContainerResourceMetricSource;
  pods?: PodsMetricSource;
  object?: ObjectMetricSource;
  external?: ExternalMetricSource;
}

export type ScalingPolicyType = "Pods" | "Percent";
export type ScalingPolicySelect = "Max" | "Min" | "Disabled";

export interface HPAScalingPolicy {
  type: ScalingPolicyType;
  value: number;
  periodSeconds: number;
}

/** One direction of `spec.behavior`. `null` stabilization = unset (the controller's flag applies). */
export interface HPAScalingRules {
  stabilizationWindowSeconds?: number | null;
  selectPolicy?: ScalingPolicySelect;
  policies?: HPAScalingPolicy[];
  /** Gate HPAConfigurableTolerance: per-direction tolerance, a quantity such as `"0.05"`. */
  tolerance?: QuantityInput;
}

export interface HorizontalPodAutoscalerBehavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: HorizontalPodAutoscalerBehavior;
}

export type ConditionStatus = "True" | "False" | "Unknown";
export type HPAConditionType = "AbleToScale" | "ScalingActive" | "ScalingLimited" | "ScaledToZero";

export interface HPACondition {
  type: HPAConditionType | (string & {});
  status: ConditionStatus;
  reason: string;
  message?: string;
  /** Seconds on the simulation clock. */
  lastTransitionTime?: number;
}

/** autoscaling/v2 MetricValueStatus, with quantities as exact milli-unit bigints. */
export interface MetricValueStatus {
  averageUtilization?: number;
  averageValue?: bigint;
  value?: bigint;
}

/** One `status.currentMetrics` entry (an empty entry, `{}`, for a metric that failed). */
export interface MetricStatus {
  type?: MetricSourceType;
  name?: string;
  container?: string;
  current?: MetricValueStatus;
}

export interface HorizontalPodAutoscalerStatus {
  currentReplicas: number;
  desiredReplicas: number;
  /** Seconds on the simulation clock; null = never scaled. */
  lastScaleTime?: number | null;
  conditions?: HPACondition[];
  currentMetrics?: MetricStatus[];
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
}

export interface HorizontalPodAutoscaler {
  metadata: ObjectMeta;
  spec: HorizontalPodAutoscalerSpec;
  status?: HorizontalPodAutoscalerStatus;
}
