/** What a replay reports of its VerticalPodAutoscaler: the target per container and the summary figures. */
import type { VpaSummary } from "../results/types.js";
import type { VpaRecommendationSnapshot, VpaReplayInput } from "../vpa/replay/index.js";
import type { Resources } from "../vpa/types.js";

/** The target per container (cpu millicores, memory bytes); {} before the first recommendation. */
export function targetAmounts(
  recommendation: VpaRecommendationSnapshot | undefined,
): Record<string, { cpu: number; memory: number }> {
  const out: Record<string, { cpu: number; memory: number }> = {};
  for (const c of recommendation?.containers ?? [])
    out[c.containerName] = { cpu: c.target.cpu ?? 0, memory: c.target.memory ?? 0 };
  return out;
}

/** The final recommendation and the updater's counts as the summary lists them. */
export function vpaSummary(
  input: VpaReplayInput,
  recommendation: VpaRecommendationSnapshot | undefined,
  counts: { readonly evictions: number; readonly resizes: number; readonly evictionsRefused: number | null },
): VpaSummary {
  const amounts = (r: Resources | undefined) => ({ cpu: r?.cpu ?? null, memory: r?.memory ?? null });
  return {
    name: input.name,
    updateMode: input.updateMode,
    evictions: counts.evictions,
    // only with PodDisruptionBudgets (no budget refuses anything otherwise)
    ...(counts.evictionsRefused === null ? {} : { evictionsRefusedByBudget: counts.evictionsRefused }),
    resizes: counts.resizes,
    recommendation: (recommendation?.containers ?? []).map((c) => ({
      container: c.containerName,
      target: amounts(c.target),
      lowerBound: amounts(c.lowerBound),
      upperBound: amounts(c.upperBound),
      uncappedTarget: amounts(c.uncappedTarget),
    })),
  };
}
