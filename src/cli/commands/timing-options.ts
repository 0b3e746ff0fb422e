/**
 * The timing options: a pod's lifecycle delays (`--pod-startup 90s`), kube-controller-manager's HPA settings
 * (`--sync-period`, `--tolerance`, ...; the names of its `--horizontal-pod-autoscaler-*` flags) and
 * metrics-server's `--metric-resolution`; each sets the Scenario field of the same meaning (timing-flags.ts) and is
 * checked as that field is.
 */
import type { Command } from "commander";
import type { SimulationFlags } from "../../scenario/scenario-flags.js";
import { numFlag, parseDurationFlag } from "./input-options.js";

/** What these options hold (commander's camel-cased keys). */
export interface TimingCliOptions {
  podScheduling?: string;
  podStartup?: string;
  podReadiness?: string;
  syncPeriod?: string;
  tolerance?: string;
  cpuInitializationPeriod?: string;
  initialReadinessDelay?: string;
  downscaleStabilization?: string;
  metricResolution?: string;
}

/** Adds the timing options to a command, under their own heading. */
export function addTimingOptions(command: Command): Command {
  return command
    .optionsGroup("Pod lifecycle, controller and metrics timings (spec.pods, spec.controller, spec.metrics):")
    .option(
      "--pod-scheduling <d>",
      "a new pod's wait to be bound when there is no node model (spec.pods.schedulingSeconds; default 0)",
    )
    .option(
      "--pod-startup <d>",
      "bound to containers running: image pull and process start (spec.pods.startupSeconds; default 5s)",
    )
    .option("--pod-readiness <d>", "running to Ready (spec.pods.readinessSeconds; default 10s)")
    .option("--sync-period <d>", "--horizontal-pod-autoscaler-sync-period (default 15s)")
    .option("--tolerance <x>", "--horizontal-pod-autoscaler-tolerance (default 0.1)")
    .option(
      "--cpu-initialization-period <d>",
      "--horizontal-pod-autoscaler-cpu-initialization-period (default 5m)",
    )
    .option(
      "--initial-readiness-delay <d>",
      "--horizontal-pod-autoscaler-initial-readiness-delay (default 30s)",
    )
    .option(
      "--downscale-stabilization <d>",
      "--horizontal-pod-autoscaler-downscale-stabilization (default 5m; an HPA's own behavior window wins)",
    )
    .option("--metric-resolution <d>", "metrics-server's --metric-resolution (default 15s)");
}

/** The scenario overrides these options give (undefined where not given). */
export function timingFlags(o: TimingCliOptions): Partial<SimulationFlags> {
  return {
    podSchedulingSeconds: parseDurationFlag("--pod-scheduling", o.podScheduling),
    podStartupSeconds: parseDurationFlag("--pod-startup", o.podStartup),
    podReadinessSeconds: parseDurationFlag("--pod-readiness", o.podReadiness),
    syncPeriodSeconds: parseDurationFlag("--sync-period", o.syncPeriod),
    tolerance: numFlag("--tolerance", o.tolerance),
    cpuInitializationPeriodSeconds: parseDurationFlag(
      "--cpu-initialization-period",
      o.cpuInitializationPeriod,
    ),
    initialReadinessDelaySeconds: parseDurationFlag("--initial-readiness-delay", o.initialReadinessDelay),
    downscaleStabilizationWindowSeconds: parseDurationFlag(
      "--downscale-stabilization",
      o.downscaleStabilization,
    ),
    metricResolutionSeconds: parseDurationFlag("--metric-resolution", o.metricResolution),
  };
}
