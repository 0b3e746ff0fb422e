/** How demand spreads over Ready pods, as a Service does (every Ready pod gets an equal share). */

export interface LoadSplit {
  /** The share each Ready pod serves per second (capped at its capacity). */
  readonly perPodLoad: number;
  readonly served: number;
  /** demand - served; never negative. */
  readonly unserved: number;
}

/**
 * Splits `demand` over `ready` pods. A pod serves at most `maxLoadPerPod` (null = unlimited); with no Ready
 * pod everything is unserved. Conserves load: served + unserved = demand.
 */
export function splitLoad(demand: number, ready: number, maxLoadPerPod: number | null): LoadSplit {
  if (ready <= 0 || demand <= 0) return { perPodLoad: 0, served: 0, unserved: Math.max(0, demand) };
  const share = demand / ready;
  if (maxLoadPerPod === null || share <= maxLoadPerPod)
    return { perPodLoad: share, served: demand, unserved: 0 };
  const served = maxLoadPerPod * ready;
  return { perPodLoad: maxLoadPerPod, served, unserved: demand - served };
}
