/**
 * Production defaults of the kube-controller-manager HPA flags and feature gates
 * (mirrors pkg/controller/podautoscaler/config/v1alpha1/defaults.go RecommendedDefaultHPAControllerConfiguration).
 */
import type { ControllerSettings, FeatureGates } from "./types.js";

/** --horizontal-pod-autoscaler-sync-period: 15 s. */
export const DEFAULT_SYNC_PERIOD_SECONDS = 15;

/** Feature gates as of Kubernetes 1.35: configurable tolerance beta (on), scale to zero alpha (off), pod-level resources beta (on). */
export const DEFAULT_FEATURE_GATES: FeatureGates = {
  HPAConfigurableTolerance: true,
  HPAScaleToZero: false,
  PodLevelResources: true,
};

/** Controller flags with their production defaults. */
export const DEFAULT_CONTROLLER_SETTINGS: ControllerSettings = {
  /** --horizontal-pod-autoscaler-tolerance: 0.1 (both directions). */
  tolerance: 0.1,
  /** --horizontal-pod-autoscaler-cpu-initialization-period: 5 min. */
  cpuInitializationPeriodSeconds: 300,
  /** --horizontal-pod-autoscaler-initial-readiness-delay: 30 s. */
  initialReadinessDelaySeconds: 30,
  /** --horizontal-pod-autoscaler-downscale-stabilization: 5 min. */
  downscaleStabilizationWindowSeconds: 300,
  /** horizontal.go scaleUpLimitFactor (legacy path without behavior). */
  scaleUpLimitFactor: 2.0,
  /** horizontal.go scaleUpLimitMinimum (legacy path without behavior). */
  scaleUpLimitMinimum: 4.0,
  featureGates: DEFAULT_FEATURE_GATES,
};

/** Window of a custom (Pods) metric when the API gives none (mirrors metrics/client.go metricServerDefaultMetricWindow). */
export const DEFAULT_CUSTOM_METRIC_WINDOW_SECONDS = 60;
