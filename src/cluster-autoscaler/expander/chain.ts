/**
 * The --expander chain: filters applied in turn until one leaves exactly one option, remaining ties broken
 * by the random strategy (mirrors expander/factory/chain.go chainStrategy.BestOption and
 * expander_factory.go Factory.Build).
 */
import type { ExpanderName } from "../config.js";
import type { RandomSource } from "../types.js";
import { leastNodesFilter } from "./least-nodes.js";
import { leastWasteFilter } from "./least-waste.js";
import { mostPodsFilter } from "./most-pods.js";
import { type PriceExpanderDeps, priceFilter } from "./price.js";
import { type PriorityConfig, priorityFilter } from "./priority.js";
import { randomFilter, randomStrategy } from "./random.js";
import type { ExpanderFilter, ExpanderStrategy } from "./types.js";

/** Runs the filters in order; stops at the first that leaves one option; else the fallback picks. */
export function chainStrategy(
  filters: readonly ExpanderFilter[],
  fallback: ExpanderStrategy,
): ExpanderStrategy {
  return (options, nodeInfos) => {
    let filtered = options;
    for (const filter of filters) {
      filtered = filter(filtered, nodeInfos);
      if (filtered.length === 1) return filtered[0];
    }
    return fallback(filtered, nodeInfos);
  };
}

/** What the expanders may need: the run's random source, and for price / priority their inputs. */
export interface ExpanderDeps {
  readonly rng: RandomSource;
  readonly price?: PriceExpanderDeps;
  readonly priorityConfig?: PriorityConfig | Error;
  readonly warn?: (message: string) => void;
}

/**
 * The strategy for `--expander=a,b,...`; an Error for a repeated name, a name after `random` (it always
 * returns one option), or a price expander without pricing.
 */
export function buildExpander(names: readonly ExpanderName[], deps: ExpanderDeps): ExpanderStrategy | Error {
  const filters: ExpanderFilter[] = [];
  const seen = new Set<string>();
  let strategySeen = false;
  for (const [i, name] of names.entries()) {
    if (seen.has(name))
      return new Error(
        `Expander ${name} was specified multiple times, each expander must not be specified more than once`,
      );
    if (strategySeen)
      return new Error(
        `Expander ${name} came after an expander ${names[i - 1]} that will always return only one result, this is not allowed since ${name} will never be used`,
      );
    seen.add(name);
    switch (name) {
      case "random":
        filters.push(randomFilter(deps.rng));
        strategySeen = true;
        break;
      case "most-pods":
        filters.push(mostPodsFilter);
        break;
      case "least-waste":
        filters.push(leastWasteFilter);
        break;
      case "least-nodes":
        filters.push(leastNodesFilter);
        break;
      case "price":
        if (deps.price === undefined) return new Error("Expander price needs a pricing model");
        filters.push(priceFilter(deps.price));
        break;
      case "priority":
        filters.push(priorityFilter(deps.priorityConfig, deps.warn));
        break;
      default:
        return new Error(`Expander ${String(name)} not supported`);
    }
  }
  return chainStrategy(filters, randomStrategy(deps.rng));
}
