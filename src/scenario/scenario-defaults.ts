/**
 * Every default of the Scenario file, with its unit and why (docs/scenario.md is the user-facing copy).
 * Controller defaults come from src/hpa/config.ts (kube-controller-manager's own defaults).
 */
import {
  DEFAULT_CONTROLLER_SETTINGS,
  DEFAULT_FEATURE_GATES,
  DEFAULT_SYNC_PERIOD_SECONDS,
} from "../hpa/config.js";
import { MAX_REPLAY_SECONDS, MAX_REPLAY_TEXT } from "../trace/bounds.js";

/** The Scenario file's apiVersion and kind. */
export const SCENARIO_API_VERSION = "kube-whatif.dev/v1alpha1";
export const SCENARIO_KIND = "Scenario";

/** spec.trace.measures: `requests/s` — a request rate is what load traces (access logs, RPS panels) usually hold. */
export const DEFAULT_MEASURES = "requests/s";
/** spec.trace.scale: 1 (values as recorded). */
export const DEFAULT_TRACE_SCALE = 1;
/**
 * spec.trace.duration for an expression trace without one and without simulation.durationSeconds: 86400 s
 * (one day: synthetic traces are mostly daily cycles such as `sin(2*pi*t/86400)`).
 */
export const DEFAULT_EXPRESSION_DURATION_SECONDS = 86_400;
/** spec.trace.step for an expression trace: 1 s (the engine's resolution; cheap, the engine skips idle seconds). */
export const DEFAULT_EXPRESSION_STEP_SECONDS = 1;

/** spec.pods.schedulingSeconds: 0 s — without spec.cluster there is no node model, so a new pod is bound at once. */
export const DEFAULT_SCHEDULING_SECONDS = 0;
/** spec.pods.startupSeconds: 5 s from binding to containers running (image already on the node + process start). */
export const DEFAULT_STARTUP_SECONDS = 5;
/** spec.pods.readinessSeconds: 10 s from running to Ready (a readiness probe's periodSeconds default is 10 s). */
export const DEFAULT_READINESS_SECONDS = 10;
/** spec.pods.startupCpuBurst: none (0 cores for 0 s) — a burst is workload-specific (JIT warm-up, caches). */
export const DEFAULT_STARTUP_CPU_BURST = { cores: 0, seconds: 0 } as const;

/** spec.metrics.resolutionSeconds: 15 s, metrics-server's --metric-resolution default. */
export const DEFAULT_METRIC_RESOLUTION_SECONDS = 15;
/** spec.metrics.offsetSeconds: 0 s — scrapes at 0, 15, 30, ... (the phase of the scrape relative to HPA syncs). */
export const DEFAULT_METRIC_OFFSET_SECONDS = 0;
/** spec.metrics.adapter.intervalSeconds: 30 s, the scrape interval of kube-prometheus (Prometheus' own default is 60 s). */
export const DEFAULT_ADAPTER_INTERVAL_SECONDS = 30;
/** spec.metrics.adapter.windowSeconds: 60 s, a `rate(x[1m])` query as in prometheus-adapter's examples. */
export const DEFAULT_ADAPTER_WINDOW_SECONDS = 60;
/** spec.metrics.adapter.lagSeconds: 0 s — a sample is visible as soon as it is scraped. */
export const DEFAULT_ADAPTER_LAG_SECONDS = 0;

/** The kube-controller-manager HPA flags and feature gates, with upstream's defaults. */
export const DEFAULT_CONTROLLER = {
  /** --horizontal-pod-autoscaler-sync-period: 15 s. */
  syncPeriodSeconds: DEFAULT_SYNC_PERIOD_SECONDS,
  /** --horizontal-pod-autoscaler-tolerance: 0.1. */
  tolerance: DEFAULT_CONTROLLER_SETTINGS.tolerance,
  /** --horizontal-pod-autoscaler-cpu-initialization-period: 300 s. */
  cpuInitializationPeriodSeconds: DEFAULT_CONTROLLER_SETTINGS.cpuInitializationPeriodSeconds,
  /** --horizontal-pod-autoscaler-initial-readiness-delay: 30 s. */
  initialReadinessDelaySeconds: DEFAULT_CONTROLLER_SETTINGS.initialReadinessDelaySeconds,
  /** --horizontal-pod-autoscaler-downscale-stabilization: 300 s. */
  downscaleStabilizationWindowSeconds: DEFAULT_CONTROLLER_SETTINGS.downscaleStabilizationWindowSeconds,
  featureGates: DEFAULT_FEATURE_GATES,
} as const;
// spec.controller.firstSyncSeconds defaults to the sync period: a controller that is already running reaches the
// HPA one period into the replay (a sync at 0 s would find no metrics yet).

/**
 * The range of a replay's length (spec.simulation.durationSeconds, --duration, an expression's spec.trace.duration):
 * at least 1 s, at most 10 years (src/trace/bounds.ts MAX_REPLAY_SECONDS, the longest span of a trace too).
 */
export const REPLAY_DURATION_RANGE = {
  min: 1,
  max: MAX_REPLAY_SECONDS,
  maxReason: `${MAX_REPLAY_TEXT}: the longest replay`,
} as const;

/** spec.simulation.seed: 1 (any fixed value; runs are reproducible, change it to draw other pod names/UIDs). */
export const DEFAULT_SEED = 1;
/** The default recording step keeps the timeline at about this many rows at most. */
export const MAX_DEFAULT_TIMELINE_ROWS = 5000;
/**
 * The steps spec.simulation.recordEverySeconds defaults to: the smallest of these that keeps at most
 * {@link MAX_DEFAULT_TIMELINE_ROWS} rows (beyond the list, whole days). From 15 s on they are multiples of the
 * default sync period, so rows line up with HPA syncs; all divide an hour or a day, so row times read well.
 */
export const RECORD_STEP_CHOICES = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400];

/**
 * Most timeline rows a replay may record: each is an object of a dozen figures, and a year recorded every second
 * (31.5 million rows) exhausts the heap before any output is written.
 */
export const MAX_TIMELINE_ROWS = 10_000_000;

/** Why recording every `step` s over `durationSeconds` is refused ({@link MAX_TIMELINE_ROWS}), or null. */
export function tooManyTimelineRows(step: number, durationSeconds: number): string | null {
  const smallest = Math.ceil(durationSeconds / MAX_TIMELINE_ROWS);
  if (step >= smallest) return null;
  return `spec.simulation.recordEverySeconds (--record-every): every ${step} s over ${durationSeconds} s makes ${Math.ceil(durationSeconds / step)} timeline rows, more than ${MAX_TIMELINE_ROWS}: record every ${smallest} s or more (the replay itself does not change)`;
}

/**
 * The default recording step for a replay of `durationSeconds`.
 *
 * @example defaultRecordEverySeconds(3600) // 1 (3600 rows); defaultRecordEverySeconds(172800) // 60 (2880 rows)
 */
export function defaultRecordEverySeconds(durationSeconds: number): number {
  const needed = durationSeconds / MAX_DEFAULT_TIMELINE_ROWS;
  for (const step of RECORD_STEP_CHOICES) if (step >= needed) return step;
  return Math.ceil(needed / 86_400) * 86_400;
}

/**
 * spec.cluster.nodeGroups[].provisioningDelaySeconds: 60 s from the autoscaler's scale-up to the node
 * registering (a cloud VM boots and the kubelet registers in about a minute on EKS/GKE/AKS).
 */
export const DEFAULT_PROVISIONING_DELAY_SECONDS = 60;
/** spec.cluster.nodeGroups[].startupToReadySeconds: 30 s from registration to Ready (CNI and kubelet ready). */
export const DEFAULT_STARTUP_TO_READY_SECONDS = 30;
/** spec.cluster.scoring: LeastAllocated, the kube-scheduler's default NodeResourcesFit scoring strategy. */
export const DEFAULT_SCORING = "LeastAllocated";
