/** Builders for the replayed VPA's tests: pods, templates, inputs and recommendations with defaults. */
import type { UpdateMode } from "../../../src/scenario/vpa-manifest-types.js";
import {
  buildVpaReplayInput,
  type VpaObject,
  type VpaReplayConfigOverrides,
  type VpaReplayInput,
} from "../../../src/vpa/replay/config.js";
import type {
  MilliResourceList,
  TemplateContainer,
  VpaPod,
  VpaPodContainer,
  VpaRecommendationSnapshot,
} from "../../../src/vpa/replay/types.js";
import type { ContainerRecommendation, PodResourcePolicy, Resources } from "../../../src/vpa/types.js";

/** 2023-11-14T22:13:20Z, a fixed start time (never wall time). */
export const T0 = 1_700_000_000;
export const HOUR = 3600;
export const DAY = 86400;
export const MiB = 1024 * 1024;

/** Millicores as the engine's milli-units. */
export const m = (millicores: number): bigint => BigInt(millicores);
/** Bytes as the engine's milli-units (milli-bytes). */
export const bytes = (b: number): bigint => BigInt(b) * 1000n;

/** cpu (millicores) and memory (bytes) as an engine resource list. */
export function res(cpuMillicores?: number, memoryBytes?: number): MilliResourceList {
  const out: Record<string, bigint> = {};
  if (cpuMillicores !== undefined) out.cpu = m(cpuMillicores);
  if (memoryBytes !== undefined) out.memory = bytes(memoryBytes);
  return out;
}

export function makeTemplate(overrides: Partial<TemplateContainer> = {}): TemplateContainer {
  return { name: "app", requests: res(300, 256 * MiB), limits: res(600, 512 * MiB), ...overrides };
}

export function makeContainer(overrides: Partial<VpaPodContainer> = {}): VpaPodContainer {
  return { name: "app", requests: res(300, 256 * MiB), limits: res(600, 512 * MiB), ...overrides };
}

/** A Running, scheduled pod started at T0 with one container "app" (300m / 256Mi requests). */
export function makePod(name: string, overrides: Partial<VpaPod> = {}): VpaPod {
  return {
    name,
    creationTime: T0,
    startTime: T0,
    phase: "Running",
    scheduled: true,
    deleting: false,
    containers: [makeContainer()],
    ...overrides,
  };
}

/** `n` pods web-0 .. web-(n-1), each with the same overrides. */
export function makePods(n: number, overrides: Partial<VpaPod> = {}): VpaPod[] {
  return Array.from({ length: n }, (_, i) => makePod(`web-${i}`, overrides));
}

export interface VpaOptions {
  readonly mode?: UpdateMode;
  readonly minReplicas?: number;
  readonly policy?: PodResourcePolicy;
  readonly evictionRequirements?: VpaObject["evictionRequirements"];
  readonly template?: readonly TemplateContainer[];
  readonly config?: VpaReplayConfigOverrides;
}

/** A VPA "web" (Recreate unless told) over a one-container template. */
export function makeInput(o: VpaOptions = {}): VpaReplayInput {
  const vpa: VpaObject = {
    name: "web",
    effectiveUpdateMode: o.mode ?? "Recreate",
    evictionRequirements: o.evictionRequirements ?? [],
    ...(o.minReplicas !== undefined ? { minReplicas: o.minReplicas } : {}),
    ...(o.policy !== undefined ? { resourcePolicy: o.policy } : {}),
  };
  return buildVpaReplayInput(vpa, o.template ?? [makeTemplate()], o.config);
}

/** A recommendation for "app" with the given target / lower / upper bound. */
export function makeRecommendation(
  target: Resources,
  lowerBound: Resources,
  upperBound: Resources,
  containerName = "app",
): ContainerRecommendation {
  return { containerName, target, lowerBound, upperBound, uncappedTarget: target };
}

export function snapshot(...containers: ContainerRecommendation[]): VpaRecommendationSnapshot {
  return { time: T0, containers };
}
