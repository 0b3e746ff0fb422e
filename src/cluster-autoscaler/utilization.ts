/**
 * Node utilization for scale-down: max(cpu, memory) of summed pod requests over allocatable, or GPU
 * utilization alone on GPU nodes (mirrors simulator/utilization/info.go Calculate,
 * CalculateUtilizationOfResource).
 *
 * Which pods count: long-terminating pods (deleted longer than grace + 30 s ago) never; DaemonSet and mirror
 * pods unless skipped, in which case their requests also leave the allocatable. Request-less pods add 0.
 */
import {
  isDaemonSetPod,
  isMirrorPod,
  isPodLongTerminating,
  podRequests,
  type Requests,
} from "./pod-requests.js";
import type { Node, Pod } from "./types.js";

/** The extended resource name of NVIDIA GPUs (utils/gpu ResourceNvidiaGPU). */
export const RESOURCE_NVIDIA_GPU = "nvidia.com/gpu";
/** The GPU node label the test and GKE providers use (cloud.google.com/gke-accelerator). */
export const GPU_LABEL = "cloud.google.com/gke-accelerator";

export type UtilizationResource = "cpu" | "memory" | typeof RESOURCE_NVIDIA_GPU;

/** utilization.Info: the per-resource ratios and the one that decides. */
export interface UtilizationInfo {
  readonly cpuUtil: number;
  readonly memUtil: number;
  readonly gpuUtil: number;
  readonly resourceName: UtilizationResource;
  /** max(cpuUtil, memUtil), or gpuUtil on GPU nodes. */
  readonly utilization: number;
}

export interface UtilizationOptions {
  /** --ignore-daemonsets-utilization. */
  readonly skipDaemonSetPods: boolean;
  /** --ignore-mirror-pods-utilization. */
  readonly skipMirrorPods: boolean;
  /** Label marking GPU nodes (cloud provider GPULabel); default GPU_LABEL. */
  readonly gpuLabel?: string;
}

/** A node the cloud provider treats as a GPU node: GPU label or non-zero GPU allocatable (GetNodeGpuConfig). */
export function nodeHasGpu(node: Node, gpuLabel: string = GPU_LABEL): boolean {
  return node.labels?.[gpuLabel] !== undefined || (node.allocatable.gpus ?? 0) > 0;
}

type ResourceKey = keyof Requests;

/** Utilization of one resource; an Error when the node does not list it or lists 0 (CalculateUtilizationOfResource). */
export function calculateUtilizationOfResource(
  node: Node,
  pods: readonly Pod[],
  resource: ResourceKey,
  opts: UtilizationOptions,
  now: number,
): number | Error {
  const allocatable = node.allocatable[resource];
  if (allocatable === undefined) return new Error(`failed to get ${resource} from ${node.name}`);
  // Upstream compares MilliValue(): milli-units of memory and GPUs, millicores of CPU.
  const toMilli = resource === "cpuMilli" ? 1 : 1000;
  if (allocatable * toMilli === 0) return new Error(`${resource} is 0 at ${node.name}`);
  let podsRequest = 0;
  let skipped = 0;
  for (const pod of pods) {
    const value = podRequests(pod)[resource];
    if (opts.skipDaemonSetPods && isDaemonSetPod(pod)) {
      skipped += value;
      continue;
    }
    if (opts.skipMirrorPods && isMirrorPod(pod)) {
      skipped += value;
      continue;
    }
    if (isPodLongTerminating(pod, now)) continue;
    podsRequest += value;
  }
  // float64(requestMilli) / float64(allocatableMilli - skippedMilli), with the integer products exact.
  if (!Number.isInteger(podsRequest) || !Number.isInteger(allocatable) || !Number.isInteger(skipped))
    return podsRequest / (allocatable - skipped);
  const m = BigInt(toMilli);
  return Number(BigInt(podsRequest) * m) / Number((BigInt(allocatable) - BigInt(skipped)) * m);
}

/** The node's utilization, or an Error when CPU or memory allocatable is missing or 0 (Calculate). */
export function calculateUtilization(
  node: Node,
  pods: readonly Pod[],
  opts: UtilizationOptions,
  now: number,
): UtilizationInfo | Error {
  if (nodeHasGpu(node, opts.gpuLabel)) {
    const gpu = calculateUtilizationOfResource(node, pods, "gpus", opts, now);
    // A GPU that is not allocatable yet counts as unused, so the node can still be scaled down.
    const gpuUtil = gpu instanceof Error ? 0 : gpu;
    return { cpuUtil: 0, memUtil: 0, gpuUtil, resourceName: RESOURCE_NVIDIA_GPU, utilization: gpuUtil };
  }
  const cpu = calculateUtilizationOfResource(node, pods, "cpuMilli", opts, now);
  if (cpu instanceof Error) return cpu;
  const mem = calculateUtilizationOfResource(node, pods, "memBytes", opts, now);
  if (mem instanceof Error) return mem;
  return cpu > mem
    ? { cpuUtil: cpu, memUtil: mem, gpuUtil: 0, resourceName: "cpu", utilization: cpu }
    : { cpuUtil: cpu, memUtil: mem, gpuUtil: 0, resourceName: "memory", utilization: mem };
}
