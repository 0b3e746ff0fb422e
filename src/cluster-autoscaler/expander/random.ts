/** The random expander: a uniform pick with the run's seeded source (mirrors expander/random/random.go). */
import type { RandomSource } from "../types.js";
import type { ExpanderFilter, ExpanderStrategy, ExpansionOption } from "./types.js";

/** `options[rand.Int31n(len)]`, undefined when there are no options (BestOption). */
export function randomBestOption(
  options: readonly ExpansionOption[],
  rng: RandomSource,
): ExpansionOption | undefined {
  if (options.length === 0) return undefined;
  const pos = Math.min(options.length - 1, Math.floor(rng.next() * options.length));
  return options[pos];
}

/** As a strategy (the chain's fallback). */
export function randomStrategy(rng: RandomSource): ExpanderStrategy {
  return (options) => randomBestOption(options, rng);
}

/** As a filter returning at most one option (BestOptions). */
export function randomFilter(rng: RandomSource): ExpanderFilter {
  return (options) => {
    const best = randomBestOption(options, rng);
    return best === undefined ? [] : [best];
  };
}
