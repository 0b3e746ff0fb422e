/**
 * A robust fit of the usage model (`calibrate --robust`): real usage metrics carry samples no model of the load
 * explains (a garbage collection, a restart's warm-up, a noisy neighbour), and least squares lets a few of them pull
 * the whole line. Huber's M-estimator by iteratively reweighted least squares: each round refits with weight 1 for a
 * sample whose residual is within k = 1.345 robust standard deviations (the scale: 1.4826 x the median absolute
 * residual, at least 1e-9 of the mean usage) and k / |residual| beyond it, until the coefficients settle (relative
 * change below 1e-10, at most 100 rounds). The standard errors are the weighted fit's at the end (an approximation
 * that treats the weights as known).
 */
import { fitUsage, type UsageFit, type UsagePoint } from "./usage-fit.js";

/** Huber's tuning constant: 95% efficiency when the residuals are normal. */
const HUBER_K = 1.345;
/** The median absolute deviation of normal residuals times this is their standard deviation. */
const MAD_TO_SIGMA = 1.4826;
const MAX_ROUNDS = 100;
/** The smallest residual scale, relative to the mean usage (below it, residuals are floating-point rounding). */
const NOISE_FLOOR = 1e-9;

/** The median of `xs` (not empty). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * The Huber fit of `usage = base * pods + perLoad * load` (see the module comment).
 *
 * @throws UnidentifiableFitError as {@link fitUsage}
 */
export function fitUsageRobust(points: readonly UsagePoint[]): UsageFit {
  let fit = fitUsage(points);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const residuals = points.map((p) =>
      p.pods > 0 ? p.usage - (fit.base * p.pods + fit.perLoad * p.load) : 0,
    );
    const used = residuals.filter((_, i) => (points[i]?.pods ?? 0) > 0);
    // residuals below a billionth of the mean usage are rounding: the scale never goes under that
    const scale = Math.max(MAD_TO_SIGMA * median(used.map(Math.abs)), NOISE_FLOOR * Math.abs(fit.meanUsage));
    const k = HUBER_K * scale;
    const weights = residuals.map((r) => (Math.abs(r) <= k ? 1 : k / Math.abs(r)));
    const next = fitUsage(points, weights);
    const settled =
      Math.abs(next.base - fit.base) <= 1e-10 * Math.max(Math.abs(fit.base), 1e-300) &&
      Math.abs(next.perLoad - fit.perLoad) <= 1e-10 * Math.max(Math.abs(fit.perLoad), 1e-300);
    fit = next;
    if (settled) break;
  }
  return fit;
}
