/**
 * Fitting a usage model to measurements (`kube-whatif calibrate`): the replay's model of a Ready pod is
 * `usage = base + perLoad * load` with `load` the pod's share of the demand (docs/scenario.md, spec.workload.usage),
 * so a workload of n Ready pods serving a demand L uses `n * base + perLoad * L` in total. Given samples of the
 * total usage, n and L, base and perLoad are the least-squares solution of that linear model (no intercept: no
 * pods, no usage), from its 2x2 normal equations; with weights (robust-fit.ts), the weighted least-squares one.
 */

/** One moment: Ready pods, total demand (per second, the model's `load` unit), the workload's total usage. */
export interface UsagePoint {
  readonly pods: number;
  readonly load: number;
  readonly usage: number;
}

/** The fitted model and how well it explains the samples. */
export interface UsageFit {
  /** Usage of a Ready pod serving no load. */
  readonly base: number;
  /** Usage per unit of load (per request/s) a pod serves. */
  readonly perLoad: number;
  /** Samples fitted. */
  readonly samples: number;
  /** 1 - residual sum of squares / total sum of squares about the mean usage (1: every sample explained). */
  readonly r2: number;
  /** Root mean square of the residuals, in the usage's unit. */
  readonly rmsError: number;
  /** The mean total usage (for the residual's relative size). */
  readonly meanUsage: number;
  /** The load per pod the samples span: the model is only known inside it. */
  readonly loadPerPod: { readonly min: number; readonly max: number };
  /**
   * Standard errors of base and perLoad (residual variance over n - 2 degrees of freedom times the diagonal of the
   * inverse normal matrix); 0 with two samples, which any line fits.
   */
  readonly baseStdError: number;
  readonly perLoadStdError: number;
  /** `least-squares`, or `huber` (robust-fit.ts: outlying samples down-weighted). */
  readonly method: "least-squares" | "huber";
  /** Samples given less than full weight (huber; 0 for least squares). */
  readonly downWeighted: number;
}

/** The samples cannot tell the per-pod base from the per-load cost. */
export class UnidentifiableFitError extends Error {}

/**
 * Least squares of `usage = base * pods + perLoad * load` over the points with pods > 0, each weighted by
 * `weights[i]` when given (IRLS: robust-fit.ts).
 *
 * @throws UnidentifiableFitError with fewer than two such points, or when the load per pod hardly varies (an HPA
 *   that held utilization at its target makes load proportional to pods: then any split of the usage between
 *   base and perLoad fits equally well)
 */
export function fitUsage(points: readonly UsagePoint[], weights?: readonly number[]): UsageFit {
  let [snn, snl, sll, snu, slu, su, count, sw] = [0, 0, 0, 0, 0, 0, 0, 0];
  let [lo, hi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  points.forEach((p, i) => {
    if (!(p.pods > 0)) return;
    const w = weights?.[i] ?? 1;
    count++;
    sw += w;
    snn += w * p.pods * p.pods;
    snl += w * p.pods * p.load;
    sll += w * p.load * p.load;
    snu += w * p.pods * p.usage;
    slu += w * p.load * p.usage;
    su += p.usage;
    const perPod = p.load / p.pods;
    [lo, hi] = [Math.min(lo, perPod), Math.max(hi, perPod)];
  });
  if (count < 2) {
    throw new UnidentifiableFitError(
      `${count} sample${count === 1 ? "" : "s"} with Ready pods where all traces have values: at least 2 are needed`,
    );
  }
  const det = snn * sll - snl * snl;
  // Cauchy-Schwarz: det >= 0, and 0 exactly when load / pods is the same at every sample
  if (!(det > 1e-9 * snn * sll) || hi - lo <= 1e-6 * Math.max(1, Math.abs(hi))) {
    throw new UnidentifiableFitError(
      `the load per pod hardly varies (${fmt(lo)} .. ${fmt(hi)}): the per-pod base and the per-load cost cannot be told apart; calibrate on a period where the load per pod moved (before the HPA reacted, or with the HPA off)`,
    );
  }
  const base = (snu * sll - slu * snl) / det;
  const perLoad = (slu * snn - snu * snl) / det;
  const mean = su / count;
  let [ssRes, ssTot, ssWeighted] = [0, 0, 0];
  points.forEach((p, i) => {
    if (!(p.pods > 0)) return;
    const e = p.usage - (base * p.pods + perLoad * p.load);
    ssRes += e * e;
    ssWeighted += (weights?.[i] ?? 1) * e * e;
    ssTot += (p.usage - mean) * (p.usage - mean);
  });
  // the weighted residual variance per unit weight, over the weight's n - 2 degrees of freedom
  const variance = count > 2 ? ssWeighted / (sw * ((count - 2) / count)) : 0;
  return {
    base,
    perLoad,
    baseStdError: Math.sqrt((variance * sll) / det),
    perLoadStdError: Math.sqrt((variance * snn) / det),
    method: weights === undefined ? "least-squares" : "huber",
    downWeighted:
      weights === undefined ? 0 : weights.filter((w, i) => w < 1 && (points[i]?.pods ?? 0) > 0).length,
    samples: count,
    r2: ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0,
    rmsError: Math.sqrt(ssRes / count),
    meanUsage: mean,
    loadPerPod: { min: lo, max: hi },
  };
}

/** A number in a message: at most 4 significant digits. */
function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
