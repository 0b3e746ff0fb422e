/** Conversions between floats (cores, bytes) and integer resource amounts (mirrors model/types.go). */
import { MAX_RESOURCE_AMOUNT } from "./config.js";
import { float64ToInt64 } from "./go-math.js";
import type { ResourceAmount } from "./types.js";

/**
 * A float to an amount: clamped to [0, 1e14] and truncated toward zero (mirrors types.go
 * resourceAmountFromFloat). NaN passes both clamps and converts to -2^63 as on amd64, which the pod
 * minimum then replaces (vpa-algorithm.md 4.3).
 */
export function resourceAmountFromFloat(amount: number): ResourceAmount {
  if (amount > MAX_RESOURCE_AMOUNT) return MAX_RESOURCE_AMOUNT;
  if (amount < 0) return 0;
  return float64ToInt64(amount);
}

/** Cores to millicores, truncated: 0.0699 -> 69 (mirrors types.go CPUAmountFromCores). */
export function cpuAmountFromCores(cores: number): ResourceAmount {
  return resourceAmountFromFloat(cores * 1000.0);
}

/** Millicores to cores (mirrors types.go CoresFromCPUAmount). */
export function coresFromCPUAmount(cpuAmount: ResourceAmount): number {
  return cpuAmount / 1000.0;
}

/** Bytes to an amount, truncated (mirrors types.go MemoryAmountFromBytes). */
export function memoryAmountFromBytes(bytes: number): ResourceAmount {
  return resourceAmountFromFloat(bytes);
}

/** An amount of memory as a float (mirrors types.go BytesFromMemoryAmount). */
export function bytesFromMemoryAmount(memoryAmount: ResourceAmount): number {
  return memoryAmount;
}

/** amount × factor, clamped and truncated (mirrors types.go ScaleResource). */
export function scaleResource(amount: ResourceAmount, factor: number): ResourceAmount {
  return resourceAmountFromFloat(amount * factor);
}

/** The larger of two amounts (mirrors types.go ResourceAmountMax). */
export function resourceAmountMax(a: ResourceAmount, b: ResourceAmount): ResourceAmount {
  return a > b ? a : b;
}

/** The result of {@link roundUpToScale}: the rounded value, or the unchanged value and an error. */
export interface RoundUpResult {
  readonly value: ResourceAmount;
  readonly error?: string;
}

/**
 * Rounds up to a multiple of `scale`: ceil(value / scale) × scale, e.g. (100, 7) -> 105
 * (mirrors types.go RoundUpToScale, used by --round-cpu-millicores / --round-memory-bytes).
 */
export function roundUpToScale(value: ResourceAmount, scale: number): RoundUpResult {
  if (scale <= 0) return { value, error: "scale must be greater than zero" };
  return { value: float64ToInt64(Math.ceil(value / scale)) * scale };
}
