/**
 * A fitted usage model as the usage expression a Scenario takes (`cpu: 20.3m + 4.02m * load`,
 * `memory: 120Mi + 100Ki * load`): Kubernetes quantities with three significant digits (millicores for CPU below
 * one core; the largest binary suffix of at least one unit for memory).
 */
import type { UsageFit } from "./usage-fit.js";

/** `x` with at most three significant digits, without trailing zeros or exponent (`20.3`, `0.0412`, `1500`). */
function sig3(x: number): string {
  if (x === 0) return "0";
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return String(Number(x.toFixed(Math.min(digits, 20))));
}

/** CPU cores as a quantity: `20.3m` below one core, else cores (`1.5`). */
export function cpuQuantity(cores: number): string {
  return Math.abs(cores) >= 1 ? sig3(cores) : `${sig3(cores * 1000)}m`;
}

const BINARY: readonly [string, number][] = [
  ["Ti", 2 ** 40],
  ["Gi", 2 ** 30],
  ["Mi", 2 ** 20],
  ["Ki", 2 ** 10],
];

/** Bytes as a quantity with the largest binary suffix of at least one unit (`120Mi`, `100Ki`, `512`). */
export function memoryQuantity(bytes: number): string {
  for (const [suffix, unit] of BINARY) if (Math.abs(bytes) >= unit) return `${sig3(bytes / unit)}${suffix}`;
  return sig3(bytes);
}

/** The expression of a fit: `base + perLoad * load` (a negative term subtracted). */
export function usageExpression(fit: Pick<UsageFit, "base" | "perLoad">, resource: "cpu" | "memory"): string {
  const q = resource === "cpu" ? cpuQuantity : memoryQuantity;
  const per = `${q(Math.abs(fit.perLoad))} * load`;
  return `${q(fit.base)} ${fit.perLoad < 0 ? "-" : "+"} ${per}`;
}
