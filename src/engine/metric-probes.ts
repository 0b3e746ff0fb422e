/**
 * Per HPA metric: its key, unit and target, the true value at a moment, and what the HPA last observed.
 * Utilization in percent of request; values in whole units (cores, bytes, the metric's own unit).
 */
import type { MetricSpec, MetricStatus } from "../hpa/api-types.js";
import type { MetricInfo } from "../results/types.js";
import { parseMilli } from "../units/quantity.js";
import type { RunInputs } from "./run-inputs.js";

/** What a probe reads of the current interval. */
export interface ProbeContext {
  /**
   * Per-Ready-pod rates: [cpu cores, Pods metrics in Workload.customNames order, with per-container usage each
   * container's cpu cores in UsageModel.containers order].
   */
  readonly readyRates: Float64Array;
  readonly readyMemory: number;
  /** With per-container usage: each container's memory bytes (UsageModel.containers order), else empty. */
  readonly readyMemoryParts: Float64Array;
  readonly readyPods: number;
  readonly activePods: number;
  readonly demand: number;
  /**
   * Mean requests of the Ready pods by resource (units: cores, bytes), when pods may differ from the
   * template (a VPA); absent = the template's.
   */
  readonly readyRequests?: Readonly<Record<string, number>>;
}

export interface MetricProbe {
  readonly info: MetricInfo;
  /** The true value now, or null when no pod is Ready to measure. */
  actual(c: ProbeContext): number | null;
  /** What the HPA's status says it saw (from status.currentMetrics[i]). */
  observed(status: MetricStatus | undefined): number | null;
}

function toUnits(milli: bigint | undefined): number | null {
  return milli === undefined ? null : Number(milli) / 1000;
}

function requestOf(inputs: RunInputs, resource: string, container: string): number {
  let milli = 0n;
  for (const c of inputs.target.containers) {
    if (c.init === true && c.restartPolicy !== "Always") continue;
    if (container !== "" && c.name !== container) continue;
    milli += c.requests[resource] ?? 0n;
  }
  return Number(milli) / 1000;
}

function observedFrom(s: MetricStatus | undefined, utilization: boolean): number | null {
  const c = s?.current;
  if (c === undefined) return null;
  if (utilization) return c.averageUtilization ?? null;
  return toUnits(c.averageValue) ?? toUnits(c.value);
}

// the probes' `observed`, shared by every run's probes (one call target for code optimized in an earlier run)
const observedUtilization = (s: MetricStatus | undefined): number | null => observedFrom(s, true);
const observedValue = (s: MetricStatus | undefined): number | null => observedFrom(s, false);

/** Builds one probe per metric spec, in spec order. */
export function buildMetricProbes(
  inputs: RunInputs,
  customNames: readonly string[],
  clusterNames: readonly string[],
): MetricProbe[] {
  const mainContainer = inputs.target.containers.find((c) => c.init !== true)?.name ?? "";
  return (inputs.hpa.spec.metrics ?? []).map((spec: MetricSpec): MetricProbe => {
    const src = spec.resource ?? spec.containerResource;
    if (src !== undefined) {
      const resource = src.name;
      const container = spec.containerResource?.container ?? "";
      const util = src.target.averageValue === undefined && src.target.averageUtilization !== undefined;
      const key = container === "" ? resource : `${resource}/${container}`;
      const onMain = container === "" || container === mainContainer;
      // with per-container usage a container metric reads that container's own usage (its slot after the Pods metrics)
      const part =
        container === "" ? -1 : (inputs.usage.containers ?? []).findIndex((x) => x.name === container);
      const perPod = (c: ProbeContext) =>
        part >= 0
          ? resource === "cpu"
            ? (c.readyRates[1 + customNames.length + part] as number)
            : resource === "memory"
              ? (c.readyMemoryParts[part] as number)
              : 0
          : !onMain || (container !== "" && inputs.usage.containers)
            ? 0
            : resource === "cpu"
              ? (c.readyRates[0] as number)
              : resource === "memory"
                ? c.readyMemory
                : 0;
      const request = requestOf(inputs, resource, container);
      const target = util
        ? (src.target.averageUtilization as number)
        : Number(parseMilli(src.target.averageValue ?? 0)) / 1000;
      const description = util
        ? `${resource}${container === "" ? "" : " container"} resource utilization (percentage of request)`
        : `${resource} resource`;
      return {
        info: {
          key,
          description,
          unit: util ? "%" : resource === "cpu" ? "cores" : resource === "memory" ? "bytes" : "1",
          target,
        },
        actual: (c) => {
          if (c.readyPods === 0) return null;
          if (!util) return perPod(c);
          const req = (container === "" ? c.readyRequests?.[resource] : undefined) ?? request;
          return req > 0 ? (perPod(c) / req) * 100 : null;
        },
        observed: util ? observedUtilization : observedValue,
      };
    }
    if (spec.type === "Pods" && spec.pods !== undefined) {
      const name = spec.pods.metric.name;
      const idx = customNames.indexOf(name);
      return {
        info: {
          key: `pods/${name}`,
          description: `pods metric ${name}`,
          unit: "1",
          target: Number(parseMilli(spec.pods.target.averageValue ?? 0)) / 1000,
        },
        actual: (c) => (c.readyPods === 0 || idx < 0 ? null : (c.readyRates[idx + 1] as number)),
        observed: observedValue,
      };
    }
    const src2 = spec.object ?? spec.external;
    const name = src2?.metric.name ?? "";
    const perPodTarget =
      src2?.target.type === "AverageValue" ||
      (spec.type === "External" && src2?.target.averageValue !== undefined);
    const fn = inputs.usage.clusterMetrics[name];
    const prefix = spec.type === "Object" ? "object" : "external";
    return {
      info: {
        key: `${prefix}/${name}`,
        description: `${spec.type === "Object" && !perPodTarget ? `${spec.object?.describedObject.kind} metric` : "external metric"} ${name}`,
        unit: perPodTarget ? "1 per pod" : "1",
        target:
          Number(parseMilli((perPodTarget ? src2?.target.averageValue : src2?.target.value) ?? 0)) / 1000,
      },
      actual: (c) => {
        if (fn === undefined || !clusterNames.includes(name)) return null;
        const total = fn(c.demand);
        return perPodTarget ? (c.activePods > 0 ? total / c.activePods : null) : total;
      },
      observed: observedValue,
    };
  });
}

/**
 * The probes' true values over the current interval. The probes are pure functions of the context, so they are
 * read again only when some of it changed: the Ready pods' rates and memory (by Workload.ratesVersion), the Ready
 * and active pod counts, the demand, or the VPA's requests object.
 */
export class ProbeReadings {
  /** Per probe, in order: the true value now (the array is reused). */
  readonly actual: (number | null)[];
  private readonly ctx: { -readonly [K in keyof ProbeContext]: ProbeContext[K] };
  private ratesVersion = -1;

  constructor(
    private readonly probes: readonly MetricProbe[],
    readyRates: Float64Array,
    readyMemoryParts: Float64Array,
  ) {
    this.actual = probes.map(() => null);
    this.ctx = { readyRates, readyMemory: 0, readyMemoryParts, readyPods: 0, activePods: 0, demand: 0 };
  }

  /** The context of the interval starting now (`ratesVersion` of `readyRates` and `readyMemory`). */
  read(
    ratesVersion: number,
    readyMemory: number,
    readyPods: number,
    activePods: number,
    demand: number,
    readyRequests: ProbeContext["readyRequests"],
  ): void {
    const ctx = this.ctx;
    if (
      ratesVersion === this.ratesVersion &&
      readyPods === ctx.readyPods &&
      activePods === ctx.activePods &&
      demand === ctx.demand &&
      readyRequests === ctx.readyRequests
    )
      return;
    this.ratesVersion = ratesVersion;
    ctx.readyMemory = readyMemory;
    ctx.readyPods = readyPods;
    ctx.activePods = activePods;
    ctx.demand = demand;
    if (readyRequests !== undefined) ctx.readyRequests = readyRequests;
    for (let i = 0; i < this.probes.length; i++) this.actual[i] = (this.probes[i] as MetricProbe).actual(ctx);
  }
}
